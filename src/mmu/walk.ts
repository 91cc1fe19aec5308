// The page walker: ONE walk loop for every format (KVM's paging_tmpl.h idea).
//
//   format IA-32e: guest paging, 4 or 5 levels, 4 KiB / 2 MiB / 1 GiB leaves, #PF on failure;
//   format EPT:    extended page tables, 4 or 5 levels, R/W/X rights, EPT violation/misconfiguration.
//
// Between the walker and memory sits a translation STEP, applied to the address of every
// paging-structure entry the walker reads and to the final address:
//   - `null` (identity): native paging, and the shadow MMU's "hardware" walk of shadow tables;
//   - an `EptStep`: the address is a guest-physical address, and the step is itself an EPT walk done
//     by this same function. That is the two-dimensional walk: with n guest levels and m EPT levels a
//     cold walk reads (n+1)(m+1) - 1 entries (24 for 4+4, 35 for 5+5).
//
// Memory references: `memRefs` counts paging-structure entry READS (the SDM's notion; a cold 4-level
// walk of a 4 KiB page = 4). Setting A/D bits writes back to an entry already read; those writes are
// counted separately (`adWrites`), not as references.
//
// Every walk records its references in a preallocated WalkLog (typed arrays + count; no allocation),
// for the `walk` explanation command: address as named by the walker, the host-physical address read,
// the address space, the level and the entry value.
//
// Rights are accumulated in one small bit set for both formats (RIGHT_*): R, W, X and U are ANDed over
// the levels (IA-32e: R is always 1, W = R/W, X = NOT XD, U = U/S; EPT: R, W, X from bits 2:0, U = 1).

import {
  CR0_WP, CR4_SMEP, EFER_NXE, EPTP_AD, EPTP_WALK_LEN, EPTP_WALK_LEN_SHIFT, EPTQ_FETCH, EPTQ_GLA_FINAL, EPTQ_GLA_VALID,
  EPTQ_READ, EPTQ_WRITE, EPT_A, EPT_D, EPT_HI_RSVD, EPT_MT, EPT_MT_SHIFT, EPT_PS, EPT_R, EPT_RSVD_LO_1G,
  EPT_RSVD_LO_2M, EPT_RSVD_LO_NONLEAF, EPT_RSVD_LO_TOP, EPT_RWX, EPT_W, PFEC_I, PFEC_P, PFEC_RSVD, PFEC_U,
  PFEC_W, PTE_A, PTE_D, PTE_G, PTE_HI_ADDR, PTE_HI_RSVD, PTE_HI_XD, PTE_P, PTE_PS, PTE_RSVD_LO_1G,
  PTE_RSVD_LO_2M, PTE_RW, PTE_US,
} from './paging-bits.js';
import type { PhysMem } from './phys.js';

// Access kinds (same values as the CPU/MMU contract in mmu.ts).
export const ACC_READ = 0;
export const ACC_WRITE = 1;
export const ACC_FETCH = 2;

/** Entry formats. */
export const FMT_IA32E = 0;
export const FMT_EPT = 1;

/** Rights bit set, ANDed over the levels. */
export const RIGHT_R = 1;
export const RIGHT_W = 2;
export const RIGHT_X = 4;
export const RIGHT_U = 8;
export const RIGHTS_ALL = RIGHT_R | RIGHT_W | RIGHT_X | RIGHT_U;

/** Walk control bits (the mode the walk runs in). */
/** IA-32e: the access is a user-mode access (CPL 3, not an implicit supervisor access) */
export const CTL_USER = 1 << 0;
/** IA-32e: CR0.WP */
export const CTL_WP = 1 << 1;
/** IA-32e: EFER.NXE */
export const CTL_NXE = 1 << 2;
/** IA-32e: CR4.SMEP */
export const CTL_SMEP = 1 << 3;
/** dry run (debugger / explanation): never write A/D bits */
export const CTL_NO_AD = 1 << 4;
/** EPT: accessed/dirty flags enabled (EPTP bit 6) */
export const CTL_EPT_AD = 1 << 5;

/** Walk outcomes. */
export const WALK_OK = 0;
export const WALK_PAGE_FAULT = 1;
export const WALK_EPT_VIOLATION = 2;
export const WALK_EPT_MISCONFIG = 3;

/** Address spaces of logged references. */
/** native: GPA = HPA */
export const SPACE_PA = 0;
/** a guest paging-structure entry named by its GPA (2-D walk), read at `hpa` */
export const SPACE_GPA = 1;
/** an EPT entry, named by its HPA */
export const SPACE_EPT = 2;
export const SPACE_NAMES = ['PA', 'GPA', 'HPA(EPT)'] as const;

const TWO32 = 4294967296;

/** Index of the entry for linear/guest-physical address (lo, hi) in the table of `level` (1 = PT .. 5 = PML5). */
export function pageIndex(lo: number, hi: number, level: number): number {
  switch (level) {
    case 1: return (lo >>> 12) & 511;              // bits 20:12
    case 2: return (lo >>> 21) & 511;              // bits 29:21
    case 3: return ((lo >>> 30) | (hi << 2)) & 511; // bits 38:30
    case 4: return (hi >>> 7) & 511;               // bits 47:39
    default: return (hi >>> 16) & 511;             // bits 56:48
  }
}

/** Physical address bits 39:12 of an entry (next table or 4 KiB frame). */
export function entryAddr(lo: number, hi: number): number {
  return ((lo & 0xfffff000) >>> 0) + (hi & PTE_HI_ADDR) * TWO32;
}

/** Page shift of a leaf at `level`: 12, 21 or 30. */
export function leafShift(level: number): number {
  return 3 + 9 * level;
}

/** The references of the current walk (cleared by Walker.walk; nested EPT walks append to it). */
export class WalkLog {
  static readonly CAPACITY = 64; // a 5+5-level 2-D walk reads 35 entries
  /** number of entry reads so far (always counted) */
  count = 0;
  /** store the details (addresses, entries); counting never stops */
  enabled = true;
  /** address as the walker names it (a GPA for guest entries in a 2-D walk) */
  readonly addr = new Float64Array(WalkLog.CAPACITY);
  /** host-physical address actually read */
  readonly hpa = new Float64Array(WalkLog.CAPACITY);
  readonly space = new Uint8Array(WalkLog.CAPACITY);
  readonly level = new Uint8Array(WalkLog.CAPACITY);
  readonly lo = new Uint32Array(WalkLog.CAPACITY);
  readonly hi = new Uint32Array(WalkLog.CAPACITY);

  add(space: number, level: number, addr: number, hpa: number, lo: number, hi: number): void {
    const i = this.count++;
    if (this.enabled && i < WalkLog.CAPACITY) {
      this.addr[i] = addr; this.hpa[i] = hpa; this.space[i] = space; this.level[i] = level;
      this.lo[i] = lo; this.hi[i] = hi;
    }
  }

  /** Plain objects for display (allocates; not for hot paths). */
  toArray(): WalkRef[] {
    const out: WalkRef[] = [];
    const n = Math.min(this.count, WalkLog.CAPACITY);
    for (let i = 0; i < n; i++) {
      out.push({
        space: SPACE_NAMES[this.space[i]!]!, level: this.level[i]!, addr: this.addr[i]!, hpa: this.hpa[i]!,
        entryLo: this.lo[i]!, entryHi: this.hi[i]!,
      });
    }
    return out;
  }
}

export interface WalkRef {
  space: (typeof SPACE_NAMES)[number];
  level: number;
  addr: number;
  hpa: number;
  entryLo: number;
  entryHi: number;
}

/** Outcome of one walk. Preallocated and reused; fields valid per `status`. */
export class WalkResult {
  status = WALK_OK;
  /** final host-physical address (after the step) */
  pa = 0;
  /** final address before the step (the GPA in a 2-D walk; equals pa in native mode) */
  gpa = 0;
  /** 12, 21 or 30 */
  pageShift = 12;
  /** RIGHT_* accumulated over the levels */
  rights = 0;
  /** the leaf's dirty flag after the walk (set by this walk for writes) */
  dirty = false;
  /** the leaf's G bit (IA-32e; the caller applies CR4.PGE) */
  global = false;
  /** level of the leaf, or of the entry that failed */
  level = 0;
  /** #PF error code (status WALK_PAGE_FAULT) */
  errorCode = 0;
  /** EPT violation/misconfiguration: the guest-physical address and the exit qualification */
  eptGpa = 0;
  eptQual = 0;
  /** entry reads made by this walk, nested EPT walks included */
  memRefs = 0;
  /** A/D write-backs made by this walk */
  adWrites = 0;
  /** highest level read by this walk (the start level) */
  topLevel = 0;
  // Per level (index = level, 1..5), for the levels read by this walk:
  /** table address (as named: GPA in a 2-D walk) */
  readonly table = new Float64Array(6);
  /** host-physical address of the entry */
  readonly entryHpa = new Float64Array(6);
  readonly entryLo = new Uint32Array(6);
  readonly entryHi = new Uint32Array(6);
  /** rights accumulated down to and including this level */
  readonly levelRights = new Uint8Array(6);
  /** rights the step granted for the entry's own address (EPT rights of the guest table page) */
  readonly stepRights = new Uint8Array(6);
}

/** Translation applied to every address the walker reads, and to the final address. */
export interface WalkStep {
  /**
   * Translates `gpa` for a reference made during a walk: a paging-structure entry (`entry` true,
   * a data access) or the final address (`access` is then the original access kind). Returns the
   * HPA, or -1 when the step itself failed (details in `fault`). `ctl` carries CTL_NO_AD.
   */
  toHpa(gpa: number, access: number, entry: boolean, ctl: number): number;
  /** RIGHT_* granted by the last successful translation */
  readonly rights: number;
  /** page shift of the last successful translation (12, 21, 30): a combined translation is cached
   *  at the smaller of the guest's and the step's page sizes (SDM 29.4.1) */
  readonly pageShift: number;
  /** the step's own result after a failure */
  readonly fault: WalkResult;
}

// ------------------------------------------------------------------------------------ the checks

/** SDM 4.5.4: reserved bits of a present IA-32e paging entry. */
function ia32eReserved(level: number, lo: number, hi: number, nxe: boolean): boolean {
  if ((hi & PTE_HI_RSVD) !== 0) return true;           // bits 51:MAXPHYADDR
  if (!nxe && (hi & PTE_HI_XD) !== 0) return true;     // XD is reserved when EFER.NXE = 0
  if (level >= 4) return (lo & PTE_PS) !== 0;          // PS is reserved in PML4E / PML5E
  if ((lo & PTE_PS) !== 0) {
    if (level === 3) return (lo & PTE_RSVD_LO_1G) !== 0; // 1 GiB leaf: bits 29:13
    if (level === 2) return (lo & PTE_RSVD_LO_2M) !== 0; // 2 MiB leaf: bits 20:13
  }
  return false;
}

/** SDM 29.3.3.1: EPT misconfiguration of a present EPT entry (execute-only is supported). */
function eptMisconfigured(level: number, lo: number, hi: number): boolean {
  if ((lo & (EPT_R | EPT_W)) === EPT_W) return true;   // writable but not readable
  if ((hi & EPT_HI_RSVD) !== 0) return true;           // bits 51:MAXPHYADDR
  if (level >= 4) return (lo & EPT_RSVD_LO_TOP) !== 0; // bits 7:3 of PML4E / PML5E
  const leaf = level === 1 || (lo & EPT_PS) !== 0;
  if (!leaf) return (lo & EPT_RSVD_LO_NONLEAF) !== 0;  // bits 6:3 of a non-leaf PDPTE / PDE
  const mt = (lo & EPT_MT) >>> EPT_MT_SHIFT;
  if (mt === 2 || mt === 3 || mt === 7) return true;   // reserved memory types
  if (level === 3) return (lo & EPT_RSVD_LO_1G) !== 0;
  if (level === 2) return (lo & EPT_RSVD_LO_2M) !== 0;
  return false;
}

/** SDM 4.6: does IA-32e paging deny this access given the accumulated rights? */
export function ia32eDenied(rights: number, access: number, ctl: number): boolean {
  const nx = (ctl & CTL_NXE) !== 0 && (rights & RIGHT_X) === 0;
  if ((ctl & CTL_USER) !== 0) {
    if ((rights & RIGHT_U) === 0) return true;                       // supervisor-mode address
    if (access === ACC_WRITE) return (rights & RIGHT_W) === 0;       // user writes need R/W = 1
    if (access === ACC_FETCH) return nx;
    return false;
  }
  if (access === ACC_WRITE) return (ctl & CTL_WP) !== 0 && (rights & RIGHT_W) === 0;
  if (access === ACC_FETCH) return nx || ((ctl & CTL_SMEP) !== 0 && (rights & RIGHT_U) !== 0);
  return false;                                                      // supervisor reads: allowed
}

/** SDM 4.7: the W, U and I bits of a #PF error code for this access (P and RSVD added by the caller). */
export function pfecAccessBits(access: number, ctl: number): number {
  let ec = 0;
  if (access === ACC_WRITE) ec |= PFEC_W;
  if ((ctl & CTL_USER) !== 0) ec |= PFEC_U;
  if (access === ACC_FETCH && (ctl & (CTL_NXE | CTL_SMEP)) !== 0) ec |= PFEC_I;
  return ec;
}

const EPT_ACCESS_RIGHT = [RIGHT_R, RIGHT_W, RIGHT_X];
/** entries of EptStep's memo (a power of two; slot = Fibonacci hash of the page, see EPT_MEMO_SHIFT) */
const EPT_MEMO_SIZE = 4096;
/** The memo slot of a guest-physical page is the top 12 bits of page * 2^32/phi (Math.imul), so that
 *  pages 2^k apart (guest tables vs. data pools, code vs. pools) do not share a slot. */
const EPT_MEMO_SHIFT = 20; // 32 - log2(EPT_MEMO_SIZE)
/** slots of Walker.walkFast's prefix memo, and 32 - log2 of it */
const PFX_SIZE = 256;
const PFX_SHIFT = 24;
const EPT_ACCESS_QUAL = [EPTQ_READ, EPTQ_WRITE, EPTQ_FETCH];

// ---------------------------------------------------------------------------------- the walker

export class Walker {
  readonly log = new WalkLog();
  /**
   * Fill WalkResult's per-level fields (table, entryHpa, entryLo/Hi, levelRights, stepRights) for
   * every level of a successful walk. When false, walkFast leaves them unset for the levels it took
   * from its prefix memo (their entries all have A set, so no A/D write concerns them): the owner
   * clears this when nothing reads them (the MMU without paging-structure caches).
   */
  levelDetail = true;

  /** RAM as 32-bit words (walkFast reads entries, 8-aligned, through it); null on a big-endian host */
  private readonly u32: Uint32Array | null;

  constructor(readonly mem: PhysMem) {
    const le = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
    this.u32 = le ? new Uint32Array(mem.buffer) : null;
  }

  /**
   * A complete walk: clears the log, then `descend`s from the root.
   * @param root   physical address (GPA if `step` is an EPT step) of the table at `startLevel`
   * @param levels 4 or 5
   */
  walk(res: WalkResult, fmt: number, levels: number, root: number, lo: number, hi: number,
    access: number, ctl: number, step: WalkStep | null,
    startLevel: number = levels, startRights: number = RIGHTS_ALL): number {
    this.log.count = 0;
    if (fmt === FMT_IA32E && (step === null || (step instanceof EptStep && !step.ad)) && (ctl & CTL_NO_AD) === 0 &&
      !this.log.enabled) {
      const st = this.walkFast(res, root, lo, hi, access, ctl, step, startLevel, startRights);
      if (st >= 0) return st;
      this.log.count = 0; // undecided: the general walk (nothing was written)
    }
    return this.descend(res, fmt, root, lo, hi, access, ctl, step, startLevel, startRights);
  }

  // walkFast's prefix memo (see there), direct mapped by 2 MiB region and root; per slot, levels 2..5 at
  // slot * 8 + level
  private readonly pKey = new Float64Array(PFX_SIZE);
  private readonly pHi = new Int32Array(PFX_SIZE);
  private readonly pRoot = new Float64Array(PFX_SIZE);
  private readonly pTop = new Int32Array(PFX_SIZE);
  private readonly pGen = new Float64Array(PFX_SIZE);
  /** lowest level of the prefix (0: slot empty) */
  private readonly pLow = new Uint8Array(PFX_SIZE);
  /** table of the level below the prefix (as named: a GPA) */
  private readonly pNext = new Float64Array(PFX_SIZE);
  private readonly pRefs = new Int32Array(PFX_SIZE);
  private readonly pHpa = new Float64Array(PFX_SIZE * 8);
  private readonly pLo = new Uint32Array(PFX_SIZE * 8);
  private readonly pHiE = new Uint32Array(PFX_SIZE * 8);
  private readonly pTable = new Float64Array(PFX_SIZE * 8);
  private readonly pRights = new Uint8Array(PFX_SIZE * 8);
  private readonly pStep = new Uint8Array(PFX_SIZE * 8);

  /**
   * descend's common case, specialised: an IA-32e walk that succeeds, native (no step) or 2-D with
   * every EPT translation (each guest table page and the final page) in the EptStep's memo. It
   * computes the same result, A/D writes and reference count as descend. Returns -1, having written
   * nothing to memory, the log or the step, when it cannot decide (an EPT memo miss, a not-present
   * or reserved entry, denied rights, an A/D write the EPT does not allow): the caller then runs
   * descend.
   */
  private walkFast(res: WalkResult, root: number, lo: number, hi: number, access: number, ctl: number,
    memo: EptStep | null, startLevel: number, startRights: number): number {
    const mem = this.mem, u32 = this.u32, size = mem.size;
    if (u32 === null) return -1;
    // (read only when memo !== null)
    const mKey = memo?.mKey!, mHpa = memo?.mHpa!, mRights = memo?.mRights!, mRefs = memo?.mRefs!;
    const memoGen = memo !== null ? memo.memoGen : 0;
    // what else a prefix depends on: start level and rights, NXE, and native vs 2-D (tables named by HPA or GPA)
    const top = (startLevel << 8) | startRights | ((ctl & CTL_NXE) !== 0 ? 0x80 : 0) | (memo === null ? 0x10000 : 0);
    const rTable = res.table, rHpa = res.entryHpa, rLo = res.entryLo, rHi = res.entryHi;
    const rLevelRights = res.levelRights, rStepRights = res.stepRights;
    const nxe = (ctl & CTL_NXE) !== 0;
    let table = root, rights = startRights, level = startLevel, elo = 0, ehi = 0, allA = PTE_A, refs = 0, hits = 0;
    // The prefix memo: the upper levels of the last walk of this 2 MiB region under this root, if
    // every entry still holds the value read then (each is read again and compared), the walk goes
    // through them exactly as then (same tables, rights, EPT translations and references).
    const pk = ((lo >>> 21) | (hi << 11)) >>> 0, px = Math.imul(pk ^ ((root / 4096) >>> 0), 0x9e3779b1) >>> PFX_SHIFT;
    const pl = this.pLow[px]!;
    const pb = px * 8;
    let hit = pl !== 0 && this.pKey[px] === pk && this.pHi[px] === (hi >>> 21) && this.pRoot[px] === root &&
      this.pTop[px] === top && this.pGen[px] === memoGen;
    if (hit) {
      const pHpa = this.pHpa, pLo = this.pLo, pHi = this.pHiE;
      for (let l = startLevel; l >= pl; l--) {
        const a = pHpa[pb + l]!;
        const w = a >>> 2; // (RAM is at most 2 GiB; entries are 8-aligned)
        if (u32[w] !== pLo[pb + l] || u32[w + 1] !== pHi[pb + l]) { hit = false; break; }
      }
      if (hit) {
        const pRights = this.pRights;
        if (this.levelDetail) {
          const pTable = this.pTable, pStep = this.pStep;
          for (let l = startLevel; l >= pl; l--) {
            rTable[l] = pTable[pb + l]!; rHpa[l] = pHpa[pb + l]!; rLo[l] = pLo[pb + l]!; rHi[l] = pHi[pb + l]!;
            rLevelRights[l] = pRights[pb + l]!; rStepRights[l] = pStep[pb + l]!;
          }
        }
        level = pl - 1;
        table = this.pNext[px]!;
        rights = pRights[pb + pl]!;
        refs = this.pRefs[px]!;
        hits = startLevel - pl + 1;
      }
    }
    const fromLevel = level;
    for (;;) {
      const addr = table + pageIndex(lo, hi, level) * 8;
      let hpa = addr, sr = RIGHTS_ALL;
      if (memo !== null) {
        // (a shift below 4 GiB: cheaper than the division on the walk's critical path)
        const page = addr < 4294967296 ? addr >>> 12 : (addr / 4096) >>> 0;
        const mi = Math.imul(page, 0x9e3779b1) >>> EPT_MEMO_SHIFT;
        if (mKey[mi] !== page) return -1;
        sr = mRights[mi]!;
        if ((sr & RIGHT_R) === 0) return -1;
        hpa = mHpa[mi]! + (addr - page * 4096);
        refs += mRefs[mi]!;
      }
      if (!(hpa >= 0 && hpa + 8 <= size)) return -1;
      refs++; hits++;
      elo = u32[hpa >>> 2]!;
      ehi = u32[(hpa >>> 2) + 1]!;
      rTable[level] = table; rHpa[level] = hpa; rLo[level] = elo; rHi[level] = ehi; rStepRights[level] = sr;
      if ((elo & PTE_P) === 0 || ia32eReserved(level, elo, ehi, nxe)) return -1;
      rights &= RIGHT_R | (elo & PTE_RW) | ((ehi & PTE_HI_XD) === 0 ? RIGHT_X : 0) | ((elo & PTE_US) << 1);
      rLevelRights[level] = rights;
      allA &= elo;
      if (level === 1 || (level <= 3 && (elo & PTE_PS) !== 0)) break;
      table = entryAddr(elo, ehi);
      level--;
    }
    if (fromLevel === startLevel && level < startLevel) {
      // remember the levels above the leaf when they all have A (their values cannot change by A/D then)
      let ok = true;
      for (let l = startLevel; l > level; l--) if ((rLo[l]! & PTE_A) === 0) { ok = false; break; }
      if (ok) {
        const pHpa = this.pHpa, pLo = this.pLo, pHi = this.pHiE, pTable = this.pTable, pRights = this.pRights, pStep = this.pStep;
        let r = 0;
        for (let l = startLevel; l > level; l--) {
          pHpa[pb + l] = rHpa[l]!; pLo[pb + l] = rLo[l]!; pHi[pb + l] = rHi[l]!; pTable[pb + l] = rTable[l]!;
          pRights[pb + l] = rLevelRights[l]!; pStep[pb + l] = rStepRights[l]!;
        }
        // references of the prefix: the guest entries and the EPT walks of their table pages
        for (let l = startLevel; l > level; l--) {
          r++;
          if (memo === null) continue;
          const tp = rTable[l]! < 4294967296 ? rTable[l]! >>> 12 : (rTable[l]! / 4096) >>> 0;
          r += mRefs[Math.imul(tp, 0x9e3779b1) >>> EPT_MEMO_SHIFT]!;
        }
        this.pKey[px] = pk; this.pHi[px] = hi >>> 21; this.pRoot[px] = root;
        this.pTop[px] = top;
        this.pGen[px] = memoGen;
        this.pLow[px] = level + 1;
        this.pNext[px] = rTable[level]!;
        this.pRefs[px] = r;
      }
    }
    if (ia32eDenied(rights, access, ctl)) return -1;
    const shift = leafShift(level);
    const offMask = shift === 12 ? 0xfff : shift === 21 ? 0x1fffff : 0x3fffffff;
    const gpa = entryAddr(elo & ~offMask, ehi) + (lo & offMask);
    let pa = gpa, fs = shift;
    if (memo !== null) {
      const fpage = gpa < 4294967296 ? gpa >>> 12 : (gpa / 4096) >>> 0, fi = Math.imul(fpage, 0x9e3779b1) >>> EPT_MEMO_SHIFT;
      const fr = mRights[fi]!;
      if (mKey[fi] !== fpage || (fr & (1 << access)) === 0) return -1; // 1 << access = RIGHT_R/W/X
      fs = memo.mShift[fi]!;
      refs += mRefs[fi]!;
      pa = mHpa[fi]! + (gpa - fpage * 4096);
      memo.memoHits += hits + 1;
      memo.rights = fr;
      memo.pageShift = fs;
    }
    const isWrite = access === ACC_WRITE;
    const dirty = (elo & PTE_D) !== 0;
    if ((allA & PTE_A) === 0 || (isWrite && !dirty)) {
      // the A/D writes need EPT write permission on each table page written (adWritesAllowed); the
      // levels taken from the prefix memo (above fromLevel) all have A
      for (let l = fromLevel; l >= level; l--) {
        const e = rLo[l]!;
        if (((e & PTE_A) === 0 || (l === level && isWrite && (e & PTE_D) === 0)) && (rStepRights[l]! & RIGHT_W) === 0) return -1;
      }
      res.level = level;
      res.adWrites = 0;
      this.setAD(res, fromLevel, PTE_A, PTE_D, isWrite);
    } else {
      res.adWrites = 0;
    }
    this.log.count += refs;
    res.status = WALK_OK;
    res.topLevel = startLevel;
    res.level = level;
    res.pageShift = fs < shift ? fs : shift;
    res.rights = rights;
    res.gpa = gpa;
    res.global = (elo & PTE_G) !== 0;
    res.dirty = dirty || isWrite;
    res.pa = pa;
    res.memRefs = refs;
    return WALK_OK;
  }

  /**
   * The walk proper, appending to the log (EptStep calls this for its nested walks). Starting below
   * the top level (a paging-structure-cache hit) is expressed by `startLevel` < levels, `root` = the
   * cached table and `startRights` = the rights accumulated above it.
   */
  descend(res: WalkResult, fmt: number, root: number, lo: number, hi: number, access: number,
    ctl: number, step: WalkStep | null, startLevel: number, startRights: number): number {
    const mem = this.mem, dv = mem.dv, log = this.log;
    const logStart = log.count;
    const ept = fmt === FMT_EPT;
    const space = ept ? SPACE_EPT : step === null ? SPACE_PA : SPACE_GPA;
    const nxe = (ctl & CTL_NXE) !== 0;
    // the EPT step whose memo may be consulted inline (null: none, or memo off for this walk)
    const memo = step instanceof EptStep && !step.ad && (ctl & CTL_NO_AD) === 0 ? step : null;
    const entryBit = memo !== null ? 1 << (memo.ad ? ACC_WRITE : ACC_READ) : 0; // RIGHT_R/W of toHpa's entry access
    res.status = WALK_OK;
    res.adWrites = 0;
    res.topLevel = startLevel;

    // 1. Down the levels: read the entry, stop if not present or reserved, collect the rights.
    let table = root, rights = startRights, level = startLevel, elo = 0, ehi = 0;
    let allA = PTE_A; // stays PTE_A (= EPT_A's role below) while every entry read has its accessed flag
    const rTable = res.table, rHpa = res.entryHpa, rLo = res.entryLo, rHi = res.entryHi;
    const rLevelRights = res.levelRights, rStepRights = res.stepRights;
    const logOn = log.enabled;
    for (;;) {
      const addr = table + pageIndex(lo, hi, level) * 8;
      let hpa = addr;
      if (step !== null) {
        // EptStep's memo, inlined (the common case of a 2-D walk: the table page's EPT walk is known)
        const page = (addr / 4096) >>> 0, mi = Math.imul(page, 0x9e3779b1) >>> EPT_MEMO_SHIFT;
        if (memo !== null && memo.mKey[mi] === page && (memo.mRights[mi]! & entryBit) !== 0) {
          log.count += memo.mRefs[mi]!;
          memo.memoHits++;
          const r = memo.mRights[mi]!;
          memo.rights = r;
          memo.pageShift = memo.mShift[mi]!;
          hpa = memo.mHpa[mi]! + (addr - page * 4096);
          rStepRights[level] = r;
        } else {
          hpa = step.toHpa(addr, ACC_READ, true, ctl);
          if (hpa < 0) return this.stepFailed(res, step, addr, false, level, logStart);
          rStepRights[level] = step.rights;
        }
      }
      if (!(hpa >= 0 && hpa + 8 <= mem.size)) mem.read64lo(hpa); // throws PhysAccessError
      elo = dv.getUint32(hpa, true);
      ehi = dv.getUint32(hpa + 4, true);
      if (logOn) log.add(space, level, addr, hpa, elo, ehi);
      else log.count++;
      rTable[level] = table; rHpa[level] = hpa; rLo[level] = elo; rHi[level] = ehi;

      if (ept) {
        if ((elo & EPT_RWX) === 0) return this.eptFault(res, WALK_EPT_VIOLATION, level, access, 0, lo, hi, logStart);
        if (eptMisconfigured(level, elo, ehi)) return this.eptFault(res, WALK_EPT_MISCONFIG, level, access, 0, lo, hi, logStart);
        rights &= (elo & EPT_RWX) | RIGHT_U;
      } else {
        if ((elo & PTE_P) === 0) return this.pageFault(res, level, pfecAccessBits(access, ctl), logStart);
        if (ia32eReserved(level, elo, ehi, nxe)) {
          return this.pageFault(res, level, PFEC_P | PFEC_RSVD | pfecAccessBits(access, ctl), logStart);
        }
        rights &= RIGHT_R | (elo & PTE_RW) /* = RIGHT_W */ | ((ehi & PTE_HI_XD) === 0 ? RIGHT_X : 0) |
          ((elo & PTE_US) << 1) /* = RIGHT_U */;
      }
      rLevelRights[level] = rights;
      allA &= ept ? elo >>> 3 : elo; // EPT_A is bit 8, PTE_A bit 5
      // PS is the page-size bit in both formats (bit 7) and only means "leaf" at levels 3 and 2.
      if (level === 1 || (level <= 3 && (elo & PTE_PS) !== 0)) break;
      table = entryAddr(elo, ehi);
      level--;
    }

    // 2. The leaf: page size, final address.
    const shift = leafShift(level);
    const offMask = shift === 12 ? 0xfff : shift === 21 ? 0x1fffff : 0x3fffffff;
    const frame = entryAddr(elo & ~offMask, ehi);
    const gpa = frame + (lo & offMask);
    res.level = level;
    res.pageShift = shift;
    res.rights = rights;
    res.gpa = gpa;

    // 3. One permission check, producing the error code / exit qualification.
    if (ept) {
      if ((rights & EPT_ACCESS_RIGHT[access]!) === 0) {
        return this.eptFault(res, WALK_EPT_VIOLATION, level, access, rights, lo, hi, logStart);
      }
    } else if (ia32eDenied(rights, access, ctl)) {
      return this.pageFault(res, level, PFEC_P | pfecAccessBits(access, ctl), logStart);
    }

    // 4. Accessed flags on every entry used, dirty on the leaf for writes. They belong to the guest's
    //    walk, which ends before the final address is translated: an EPT violation or
    //    misconfiguration on the final address leaves them set (the access then exits; KVM's
    //    emulation of it would set them too).
    const isWrite = access === ACC_WRITE;
    if (ept) {
      res.dirty = (elo & EPT_D) !== 0;
      res.global = false;
      if ((ctl & (CTL_EPT_AD | CTL_NO_AD)) === CTL_EPT_AD) this.setAD(res, res.topLevel, EPT_A, EPT_D, isWrite);
    } else {
      res.dirty = (elo & PTE_D) !== 0;
      res.global = (elo & PTE_G) !== 0;
      // (nothing to write when every entry has A and, for a write, the leaf has D)
      if ((ctl & CTL_NO_AD) === 0 && ((allA & PTE_A) === 0 || (isWrite && !res.dirty))) {
        // Writing A/D into a guest table is a write through EPT: needs EPT write permission.
        if (step !== null && !this.adWritesAllowed(res, isWrite, lo, hi, logStart)) return res.status;
        this.setAD(res, res.topLevel, PTE_A, PTE_D, isWrite);
      }
    }

    // 5. The final address through the step (an EPT violation here reports "final access").
    let pa = gpa;
    if (step !== null) {
      const page = (gpa / 4096) >>> 0, mi = Math.imul(page, 0x9e3779b1) >>> EPT_MEMO_SHIFT;
      if (memo !== null && memo.mKey[mi] === page && (memo.mRights[mi]! & (1 << access)) !== 0) {
        log.count += memo.mRefs[mi]!;
        memo.memoHits++;
        memo.rights = memo.mRights[mi]!;
        const ps = memo.mShift[mi]!;
        memo.pageShift = ps;
        pa = memo.mHpa[mi]! + (gpa - page * 4096);
        if (ps < shift) res.pageShift = ps;
      } else {
        pa = step.toHpa(gpa, access, false, ctl);
        if (pa < 0) return this.stepFailed(res, step, gpa, true, level, logStart);
        if (step.pageShift < shift) res.pageShift = step.pageShift;
      }
    }
    res.pa = pa;
    if (isWrite && (ctl & CTL_NO_AD) === 0) res.dirty = true;
    res.memRefs = log.count - logStart;
    return WALK_OK;
  }

  /** Sets `a` in the entries read from level `top` to the leaf and `d` in the leaf for writes; only bits not yet set. */
  private setAD(res: WalkResult, top: number, a: number, d: number, isWrite: boolean): void {
    const mem = this.mem;
    for (let level = top; level >= res.level; level--) {
      const old = res.entryLo[level]!;
      const want = level === res.level && isWrite ? old | a | d : old | a;
      if (want !== old) {
        mem.write32(res.entryHpa[level]!, want);
        res.entryLo[level] = want;
        res.adWrites++;
      }
    }
  }

  /** 2-D walk: the A/D write-backs the guest walk needs must be allowed by EPT (W on the table page). */
  private adWritesAllowed(res: WalkResult, isWrite: boolean, lo: number, hi: number, logStart: number): boolean {
    for (let level = res.topLevel; level >= res.level; level--) {
      const e = res.entryLo[level]!;
      const needs = (e & PTE_A) === 0 || (level === res.level && isWrite && (e & PTE_D) === 0);
      if (needs && (res.stepRights[level]! & RIGHT_W) === 0) {
        res.status = WALK_EPT_VIOLATION;
        res.eptGpa = res.table[level]! + pageIndex(lo, hi, level) * 8;
        res.eptQual = EPTQ_WRITE | ((res.stepRights[level]! & EPT_RWX) << 3) | EPTQ_GLA_VALID;
        res.level = level;
        res.memRefs = this.log.count - logStart;
        return false;
      }
    }
    return true;
  }

  private pageFault(res: WalkResult, level: number, errorCode: number, logStart: number): number {
    res.status = WALK_PAGE_FAULT;
    res.level = level;
    res.errorCode = errorCode;
    res.memRefs = this.log.count - logStart;
    return WALK_PAGE_FAULT;
  }

  /** An EPT violation or misconfiguration found by an EPT-format walk (qualification bits 5:0). */
  private eptFault(res: WalkResult, status: number, level: number, access: number, rights: number,
    lo: number, hi: number, logStart: number): number {
    res.status = status;
    res.level = level;
    res.eptGpa = lo + hi * TWO32;
    res.eptQual = EPT_ACCESS_QUAL[access]! | ((rights & EPT_RWX) << 3);
    res.memRefs = this.log.count - logStart;
    return status;
  }

  /** The step failed for a guest entry (final = false) or the final address (final = true). */
  private stepFailed(res: WalkResult, step: WalkStep, gpa: number, final: boolean, level: number, logStart: number): number {
    const f = step.fault;
    res.status = f.status;
    res.level = level;
    res.eptGpa = gpa;
    res.eptQual = f.eptQual | EPTQ_GLA_VALID | (final ? EPTQ_GLA_FINAL : 0);
    res.memRefs = this.log.count - logStart;
    return f.status;
  }
}

// ------------------------------------------------------------------------------------- EPT step

/** Decoded EPT pointer. */
export interface Eptp {
  /** HPA of the EPT PML4 (or PML5) table */
  root: number;
  /** 4 or 5 */
  levels: number;
  /** EPT accessed/dirty flags enabled */
  ad: boolean;
}

/** Decodes an EPTP value (a number < 2^52): bits 5:3 walk length - 1, bit 6 A/D, bits 51:12 root. */
export function decodeEptp(eptp: number): Eptp {
  const lo = eptp >>> 0;
  const hi = Math.floor(eptp / TWO32);
  const len = ((lo & EPTP_WALK_LEN) >>> EPTP_WALK_LEN_SHIFT) + 1;
  if (len !== 4 && len !== 5) throw new RangeError(`EPTP page-walk length ${len} is not 4 or 5`);
  return { root: entryAddr(lo, hi), levels: len, ad: (lo & EPTP_AD) !== 0 };
}

/**
 * The 2-D step: guest-physical -> host-physical through an EPT walk made by the same Walker (and
 * therefore logged in the same WalkLog). With EPT A/D enabled, accesses to guest paging-structure
 * entries are treated as writes (SDM 29.3.3.2 / 29.3.5): they need EPT write permission and set the
 * EPT dirty flag of the page holding the guest table.
 */
export class EptStep implements WalkStep {
  rights = 0;
  pageShift = 12;
  readonly fault = new WalkResult();
  private readonly res = new WalkResult();
  /**
   * Memo of successful EPT walks by guest-physical page (direct mapped). A simulator shortcut, not a
   * hardware cache: a hit counts the references the walk would make (the model still does the whole
   * 2-D walk: (n+1)(m+1)-1 references cold), it only skips re-reading entries that cannot have
   * changed. Valid because an EPT walk without A/D flags is a pure function of the EPT; the
   * hypervisor calls invalidate() whenever it changes or removes a present EPT entry (adding
   * mappings needs nothing: failures are never memoized). Off with EPT A/D (walks write A/D flags)
   * and for dry runs (CTL_NO_AD: explain() logs every reference).
   */
  /** @internal (read inline by Walker.descend) */
  readonly mKey = new Float64Array(EPT_MEMO_SIZE).fill(-1);
  /** @internal (read inline by Walker.descend) */
  readonly mHpa = new Float64Array(EPT_MEMO_SIZE);
  /** @internal (read inline by Walker.descend) */
  readonly mRights = new Uint8Array(EPT_MEMO_SIZE);
  /** @internal (read inline by Walker.descend) */
  readonly mShift = new Uint8Array(EPT_MEMO_SIZE);
  /** @internal (read inline by Walker.descend) */
  readonly mRefs = new Uint8Array(EPT_MEMO_SIZE);
  /** memo hits (each saved one EPT walk) */
  memoHits = 0;
  declare root: number;
  declare levels: number;
  declare ad: boolean;

  private readonly log: WalkLog;

  constructor(readonly walker: Walker, eptp: number) {
    this.log = walker.log;
    const e = decodeEptp(eptp);
    this.root = e.root; this.levels = e.levels; this.ad = e.ad;
  }

  toHpa(gpa: number, access: number, entry: boolean, ctl: number): number {
    const acc = entry ? (this.ad ? ACC_WRITE : ACC_READ) : access;
    const memo = !this.ad && (ctl & CTL_NO_AD) === 0;
    const page = (gpa / 4096) >>> 0; // MAXPHYADDR 40: a page number fits 28 bits
    const mi = Math.imul(page, 0x9e3779b1) >>> EPT_MEMO_SHIFT;
    if (memo && this.mKey[mi] === page && (this.mRights[mi]! & (1 << acc)) !== 0) { // 1 << acc = RIGHT_R/W/X
      this.log.count += this.mRefs[mi]!; // the references this walk makes
      this.memoHits++;
      this.rights = this.mRights[mi]!;
      this.pageShift = this.mShift[mi]!;
      return this.mHpa[mi]! + (gpa - page * 4096);
    }
    const ectl = (this.ad ? CTL_EPT_AD : 0) | (ctl & CTL_NO_AD);
    const lo = gpa >>> 0, hi = (gpa / TWO32) >>> 0;
    const r = this.res;
    const st = this.walker.descend(r, FMT_EPT, this.root, lo, hi, acc, ectl, null, this.levels, RIGHTS_ALL);
    if (st !== WALK_OK) {
      const f = this.fault;
      f.status = st; f.eptQual = r.eptQual; f.eptGpa = r.eptGpa; f.level = r.level;
      return -1;
    }
    this.rights = r.rights;
    this.pageShift = r.pageShift;
    if (memo) {
      this.mKey[mi] = page; this.mHpa[mi] = r.pa - (gpa - page * 4096); this.mRights[mi] = r.rights;
      this.mShift[mi] = r.pageShift; this.mRefs[mi] = r.memRefs;
    }
    return r.pa;
  }

  /** Forgets memoized walks (after the EPT changed other than by adding mappings). */
  invalidate(): void {
    this.mKey.fill(-1);
    this.memoGen++;
  }
  /** advances with every invalidate() (Walker.walkFast's prefix memo holds translations from the memo) */
  memoGen = 0;
}

/** Walk control bits for IA-32e paging from the architectural registers. */
export function ia32eCtl(cr0: number, cr4: number, efer: number, user: boolean): number {
  return (user ? CTL_USER : 0) | ((cr0 & CR0_WP) !== 0 ? CTL_WP : 0) |
    ((efer & EFER_NXE) !== 0 ? CTL_NXE : 0) | ((cr4 & CR4_SMEP) !== 0 ? CTL_SMEP : 0);
}
