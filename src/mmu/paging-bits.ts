// Named paging constants (Intel SDM vol. 3A ch. 4 "Paging", ch. 29 "VMX support for address
// translation" / EPT). One line of comment each. Invariants (fields do not overlap, the fields of a
// dword cover it exactly) are asserted at the bottom, where the masks are defined.
//
// A 64-bit entry is read as two unsigned 32-bit halves: `lo` = bits 31:0, `hi` = bits 63:32.
// Masks named *_HI_* apply to `hi` (bit n of the entry is bit n-32 of `hi`).
// Note: `x & MASK` yields a signed int32 in JS; compare with `!== 0`, or use `>>> 0` for addresses.

/** Physical-address width of the modelled machine (CPUID.80000008H:EAX[7:0]). */
export const MAXPHYADDR = 40;

// ---------------------------------------------------------------- IA-32e paging entries, low dword
/** present: the entry maps something (else #PF with P=0) */
export const PTE_P = 1 << 0;
/** read/write: writes allowed (ANDed over all levels) */
export const PTE_RW = 1 << 1;
/** user/supervisor: CPL 3 accesses allowed (ANDed over all levels) */
export const PTE_US = 1 << 2;
/** page-level write-through (memory type; not modelled beyond storage) */
export const PTE_PWT = 1 << 3;
/** page-level cache disable (memory type; not modelled beyond storage) */
export const PTE_PCD = 1 << 4;
/** accessed: set by the walker in every entry used by a successful translation */
export const PTE_A = 1 << 5;
/** dirty: set by the walker in the leaf entry on a write */
export const PTE_D = 1 << 6;
/** page size: in a PDPTE (1 GiB) or PDE (2 MiB) the entry is a leaf; reserved in PML4E/PML5E */
export const PTE_PS = 1 << 7;
/** PAT index bit of a 4 KiB PTE (same position as PS) */
export const PTE_PAT_4K = 1 << 7;
/** global: the leaf's TLB entry survives CR3 writes, when CR4.PGE = 1 (ignored in non-leaves) */
export const PTE_G = 1 << 8;
/** bits 11:9 are ignored by the processor (available to software) */
export const PTE_AVL = 0x7 << 9;
/** PAT index bit of a 2 MiB / 1 GiB leaf (bit 12) */
export const PTE_PAT_LARGE = 1 << 12;
/** address bits 31:12 of the next table or of a 4 KiB page */
export const PTE_ADDR_LO_4K = 0xfffff000;
/** address bits 31:21 of a 2 MiB page */
export const PTE_ADDR_LO_2M = 0xffe00000;
/** address bits 31:30 of a 1 GiB page */
export const PTE_ADDR_LO_1G = 0xc0000000;
/** reserved bits 20:13 of a 2 MiB leaf (PDE with PS = 1): must be 0 */
export const PTE_RSVD_LO_2M = 0x001fe000;
/** reserved bits 29:13 of a 1 GiB leaf (PDPTE with PS = 1): must be 0 */
export const PTE_RSVD_LO_1G = 0x3fffe000;

// --------------------------------------------------------------- IA-32e paging entries, high dword
/** address bits 39:32 (MAXPHYADDR = 40) */
export const PTE_HI_ADDR = 0x000000ff;
/** bits 51:40: above MAXPHYADDR, reserved (must be 0) */
export const PTE_HI_RSVD = 0x000fff00;
/** bits 58:52: ignored */
export const PTE_HI_IGN = 0x07f00000;
/** bits 62:59: protection key when CR4.PKE = 1 (not modelled: PKE is never set), else ignored */
export const PTE_HI_PK = 0x78000000;
/** bit 63: execute-disable when EFER.NXE = 1 (ORed over all levels); reserved when NXE = 0 */
export const PTE_HI_XD = 0x80000000;

// ----------------------------------------------------------------------------- control registers
/** CR0.PE: protected mode */
export const CR0_PE = 1 << 0;
/** CR0.WP: supervisor writes honour R/W = 0 */
export const CR0_WP = 1 << 16;
/** CR0.PG: paging enabled (bit 31) */
export const CR0_PG = 0x80000000;
/** CR3 bits 11:0: PCID when CR4.PCIDE = 1 */
export const CR3_PCID = 0xfff;
/** CR3 bit 3: page-level write-through of the root table (PCIDE = 0) */
export const CR3_PWT = 1 << 3;
/** CR3 bit 4: page-level cache disable of the root table (PCIDE = 0) */
export const CR3_PCD = 1 << 4;
/** CR3 bits 31:12 of the root table address */
export const CR3_ADDR_LO = 0xfffff000;
/** CR3 bits 39:32 of the root table address (MAXPHYADDR = 40) */
export const CR3_ADDR_HI = 0x000000ff;
/** bit 63 of a value written to CR3 (hi bit 31): with PCIDE = 1, do not flush the new PCID */
export const CR3_HI_NOFLUSH = 0x80000000;
/** CR4.PSE: 4 MiB pages in 32-bit paging (irrelevant to IA-32e paging, kept for completeness) */
export const CR4_PSE = 1 << 4;
/** CR4.PAE: physical-address extension (required for IA-32e paging) */
export const CR4_PAE = 1 << 5;
/** CR4.PGE: global pages enabled */
export const CR4_PGE = 1 << 7;
/** CR4.LA57: 5-level paging (57-bit linear addresses) */
export const CR4_LA57 = 1 << 12;
/** CR4.PCIDE: process-context identifiers (CR3 bits 11:0) */
export const CR4_PCIDE = 1 << 17;
/** CR4.SMEP: supervisor-mode execution prevention */
export const CR4_SMEP = 1 << 20;
/** CR4.SMAP: supervisor-mode access prevention (not modelled: needs EFLAGS.AC) */
export const CR4_SMAP = 1 << 21;
/** CR4.PKE: protection keys for user pages (not modelled) */
export const CR4_PKE = 1 << 22;
/** IA32_EFER.SCE: SYSCALL enable */
export const EFER_SCE = 1 << 0;
/** IA32_EFER.LME: long mode enable */
export const EFER_LME = 1 << 8;
/** IA32_EFER.LMA: long mode active (IA-32e paging when CR0.PG = 1) */
export const EFER_LMA = 1 << 10;
/** IA32_EFER.NXE: execute-disable bit enabled */
export const EFER_NXE = 1 << 11;

// ---------------------------------------------------------------------- #PF error code (SDM 4.7)
/** 0: not-present page; 1: protection violation (or reserved bit) */
export const PFEC_P = 1 << 0;
/** the access was a write */
export const PFEC_W = 1 << 1;
/** the access was a user-mode access (CPL 3) */
export const PFEC_U = 1 << 2;
/** a reserved bit was set in some paging-structure entry */
export const PFEC_RSVD = 1 << 3;
/** instruction fetch, reported when EFER.NXE = 1 or CR4.SMEP = 1 */
export const PFEC_I = 1 << 4;
/** protection-key violation (never produced: PKE not modelled) */
export const PFEC_PK = 1 << 5;

// -------------------------------------------------------------------------- EPT entries (ch. 29)
/** read access allowed */
export const EPT_R = 1 << 0;
/** write access allowed */
export const EPT_W = 1 << 1;
/** instruction fetch allowed (supervisor fetches when mode-based execute control, not modelled) */
export const EPT_X = 1 << 2;
/** R|W|X: an entry with all three clear is not present */
export const EPT_RWX = 0x7;
/** memory type of a leaf, bits 5:3 (0 UC, 1 WC, 4 WT, 5 WP, 6 WB; 2, 3, 7 misconfigure) */
export const EPT_MT = 0x7 << 3;
/** shift of the memory-type field */
export const EPT_MT_SHIFT = 3;
/** ignore PAT memory type (leaf) */
export const EPT_IPAT = 1 << 6;
/** page size: leaf at EPT PDPTE (1 GiB) or PDE (2 MiB); reserved in PML4E/PML5E; ignored in a PTE */
export const EPT_PS = 1 << 7;
/** accessed: set on every entry used, when EPTP bit 6 enables EPT A/D */
export const EPT_A = 1 << 8;
/** dirty: set on the leaf for writes, when EPTP bit 6 enables EPT A/D */
export const EPT_D = 1 << 9;
/** user-mode execute (mode-based execute control; not modelled, treated as ignored) */
export const EPT_XU = 1 << 10;
/** bits 7:3 of an EPT PML5E/PML4E: reserved */
export const EPT_RSVD_LO_TOP = 0xf8;
/** bits 6:3 of a non-leaf EPT PDPTE/PDE: reserved */
export const EPT_RSVD_LO_NONLEAF = 0x78;
/** bits 20:12 of a 2 MiB EPT leaf: reserved */
export const EPT_RSVD_LO_2M = 0x001ff000;
/** bits 29:12 of a 1 GiB EPT leaf: reserved */
export const EPT_RSVD_LO_1G = 0x3ffff000;
/** bits 51:40 of any EPT entry: above MAXPHYADDR, reserved */
export const EPT_HI_RSVD = 0x000fff00;

// EPT pointer (VMCS field), low dword
/** EPTP bits 2:0: memory type used to access the EPT paging structures (0 UC or 6 WB) */
export const EPTP_MT = 0x7;
/** EPTP bits 5:3: page-walk length minus 1 (3 = 4 levels, 4 = 5 levels) */
export const EPTP_WALK_LEN = 0x7 << 3;
/** shift of the walk-length field */
export const EPTP_WALK_LEN_SHIFT = 3;
/** EPTP bit 6: enable accessed and dirty flags for EPT */
export const EPTP_AD = 1 << 6;

// EPT-violation exit qualification (SDM vol. 3C, table 28-7)
/** the access was a data read */
export const EPTQ_READ = 1 << 0;
/** the access was a data write */
export const EPTQ_WRITE = 1 << 1;
/** the access was an instruction fetch */
export const EPTQ_FETCH = 1 << 2;
/** AND of bit 0 (R) of the EPT entries used */
export const EPTQ_READABLE = 1 << 3;
/** AND of bit 1 (W) of the EPT entries used */
export const EPTQ_WRITABLE = 1 << 4;
/** AND of bit 2 (X) of the EPT entries used */
export const EPTQ_EXECUTABLE = 1 << 5;
/** the guest linear-address field is valid */
export const EPTQ_GLA_VALID = 1 << 7;
/** (with GLA_VALID) the access was to the translated address, not to a guest paging entry */
export const EPTQ_GLA_FINAL = 1 << 8;

// ----------------------------------------------------------------------- memory types (PAT/MTRR)
export const MT_UC = 0;
export const MT_WC = 1;
export const MT_WT = 4;
export const MT_WP = 5;
export const MT_WB = 6;

// ---------------------------------------------------------------------------------- invariants
function assertPartition(what: string, whole: number, fields: Record<string, number>): void {
  let seen = 0;
  for (const [name, mask] of Object.entries(fields)) {
    if ((seen & mask) !== 0) throw new Error(`paging-bits: ${what}: ${name} overlaps another field`);
    seen |= mask;
  }
  if (seen >>> 0 !== whole >>> 0) {
    throw new Error(`paging-bits: ${what}: fields cover 0x${(seen >>> 0).toString(16)}, not 0x${(whole >>> 0).toString(16)}`);
  }
}
function assertDisjoint(what: string, fields: Record<string, number>): void {
  let seen = 0;
  for (const [name, mask] of Object.entries(fields)) {
    if ((seen & mask) !== 0) throw new Error(`paging-bits: ${what}: ${name} overlaps another field`);
    seen |= mask;
  }
}

// A 4 KiB PTE's low dword: flags, ignored bits and the address exactly cover 32 bits.
assertPartition('PTE low dword', 0xffffffff, {
  PTE_P, PTE_RW, PTE_US, PTE_PWT, PTE_PCD, PTE_A, PTE_D, PTE_PAT_4K, PTE_G, PTE_AVL, PTE_ADDR_LO_4K,
});
// A 2 MiB leaf: flags, PAT, reserved bits and the address cover 32 bits.
assertPartition('2 MiB PDE low dword', 0xffffffff, {
  PTE_P, PTE_RW, PTE_US, PTE_PWT, PTE_PCD, PTE_A, PTE_D, PTE_PS, PTE_G, PTE_AVL, PTE_PAT_LARGE,
  PTE_RSVD_LO_2M, PTE_ADDR_LO_2M,
});
// A 1 GiB leaf: same with bits 29:13 reserved.
assertPartition('1 GiB PDPTE low dword', 0xffffffff, {
  PTE_P, PTE_RW, PTE_US, PTE_PWT, PTE_PCD, PTE_A, PTE_D, PTE_PS, PTE_G, PTE_AVL, PTE_PAT_LARGE,
  PTE_RSVD_LO_1G, PTE_ADDR_LO_1G,
});
// Any entry's high dword: address, reserved, ignored, protection key, XD.
assertPartition('entry high dword', 0xffffffff, {
  PTE_HI_ADDR, PTE_HI_RSVD, PTE_HI_IGN, PTE_HI_PK, PTE_HI_XD,
});
if (PTE_HI_ADDR !== (1 << (MAXPHYADDR - 32)) - 1) throw new Error('paging-bits: PTE_HI_ADDR does not match MAXPHYADDR');
assertPartition('#PF error code (modelled bits)', 0x3f, { PFEC_P, PFEC_W, PFEC_U, PFEC_RSVD, PFEC_I, PFEC_PK });
assertDisjoint('EPT entry low dword', {
  EPT_R, EPT_W, EPT_X, EPT_MT, EPT_IPAT, EPT_PS, EPT_A, EPT_D, EPT_XU, EPT_RSVD_LO_2M,
});
assertDisjoint('EPT 1 GiB leaf', { EPT_RWX, EPT_MT, EPT_IPAT, EPT_PS, EPT_A, EPT_D, EPT_XU, EPT_RSVD_LO_1G });
if (EPT_RSVD_LO_TOP !== (EPT_MT | EPT_IPAT | EPT_PS)) throw new Error('paging-bits: EPT top-level reserved bits');
if (EPT_RSVD_LO_NONLEAF !== (EPT_MT | EPT_IPAT)) throw new Error('paging-bits: EPT non-leaf reserved bits');
if (EPT_RWX !== (EPT_R | EPT_W | EPT_X)) throw new Error('paging-bits: EPT_RWX');
assertDisjoint('EPTP', { EPTP_MT, EPTP_WALK_LEN, EPTP_AD });
assertDisjoint('CR4', { CR4_PSE, CR4_PAE, CR4_PGE, CR4_LA57, CR4_PCIDE, CR4_SMEP, CR4_SMAP, CR4_PKE });
assertDisjoint('EFER', { EFER_SCE, EFER_LME, EFER_LMA, EFER_NXE });
assertDisjoint('CR3 low dword', { CR3_PWT, CR3_PCD, CR3_ADDR_LO });
assertDisjoint('EPT exit qualification', {
  EPTQ_READ, EPTQ_WRITE, EPTQ_FETCH, EPTQ_READABLE, EPTQ_WRITABLE, EPTQ_EXECUTABLE, EPTQ_GLA_VALID, EPTQ_GLA_FINAL,
});
