// The MMU: the CPU <-> MMU contract (docs/design.md) and the native implementation.
//
//   translate(lo, hi, access) = TLB lookup -> on a miss, [paging-structure caches] -> walk -> fill
//                               -> host-physical address; throws PageFault.
//
// Refinements of the contract in docs/design.md (all additive; the original calls keep working):
//  * `regs` is a PagingRegisters object owned by the MMU; the CPU writes its fields (cr0, cr3, cr4,
//    efer, cpl) as before. Its setters only recompute the MMU's derived state (paging mode, current
//    PCID, permission table); they never flush. TLB maintenance stays explicit:
//  * `movCr0(v)`, `movCr3(lo, hi)`, `movCr4(v)` write the register AND apply exactly the SDM 4.10.4.1
//    invalidations (CR3 bit 63 = "no flush" with PCIDE; CR4.PGE toggle; PCIDE 1->0; CR0.PG 1->0 ...).
//    The CPU should call these for MOV to CRn. `flushNonGlobal()` / `flushAll()` remain for callers
//    that set the registers themselves.
//  * `invpcid(type, pcid, lo, hi)` (types 0-3; the CPU raises #GP for invalid operands first).
//  * data access kinds may be ORed with ACC_SUPERVISOR: an implicit supervisor-mode access (GDT/IDT/TSS
//    reads at CPL 3) - checked as a supervisor access whatever the CPL (not valid with ACC_FETCH).
//  * Paging disabled (CR0.PG = 0): translate returns the linear address unchanged (no TLB).
//    Paging enabled without IA-32e mode (32-bit or PAE paging) is not modelled: translate throws
//    UnsupportedPagingError. IA-32e mode is recognised by EFER.LMA (or LME: LMA = LME & PG).
//  * Physical addresses outside RAM (a table beyond RAM) surface as PhysAccessError from phys.ts.
//  * `gen` (a Float64Array(1)) advances whenever a cached translation may have become invalid
//    (eviction, invalidation, flush, register change). A cache the CPU keeps in front of translate()
//    stays coherent with this model by dropping its entries when gen[0] changed. Note that hits served
//    by such a cache are not counted (nor LRU-stamped) by the TLB model.
//  * `explain(lo, hi, access)`: a side-effect-free walk with its references (for `walk`/debuggers).
//  * `stats` is a getter returning a fresh snapshot; `resetStats()` clears the counters.
//  * A #PF invalidates the TLB entries and paging-structure-cache entries for the faulting address
//    (SDM 4.10.4.1, "page faults"). Rights are cached: an access denied by a cached entry faults
//    without a walk (a "spurious" #PF after a PTE was made more permissive without INVLPG, SDM
//    4.10.4.3); a write that hits an entry whose D flag is 0 re-walks, as hardware does, to set D.
//
// Seams for the hypervisor (issue 4; not built here):
//  * EPT mode: the same class with `step` = an EptStep (walk.ts) built from the EPTP: the guest CR3 is a
//    GPA, every guest entry and the final GPA go through the EPT walk (the 2-D walk), and the TLB caches
//    the combined GVA -> HPA translation tagged with the VPID (`vpid` here; EPTP tagging to add).
//    Walk failures of the step surface as EptFault (violation / misconfiguration = VM exit).
//  * Shadow mode: the "hardware" walks the shadow tables: format IA-32e, step identity, root = the
//    shadow CR3 chosen by the VMM (`rootOverride`), while the guest's CR3 lives in the VMM.
//    A #PF from the shadow walk is the VMM's to handle (it is thrown the same way).
//  * `faultHook` (src/vmm): consulted whenever translate is about to throw (a #PF from a walk or from
//    cached TLB rights, an EPT violation or misconfiguration). The hypervisor may throw its own
//    object instead (a VM exit: the CPU unwinds to the faulting instruction), or return a
//    host-physical address that serves this one access without being cached in the TLB (an access
//    the hypervisor emulates: MMIO, a write to a write-protected guest page table), or FAULT_RETRY
//    after fixing the paging structures (a VM exit handled where it happened: the walk is redone).
//  * `cr0Set`: CR0 bits the processor runs with whatever the guest wrote (VMX CR0 guest/host mask
//    with a read shadow). Shadow paging sets WP: the guest's WP = 0 is emulated by the VMM.

import { ctxKeyOf, globKeyOf } from './assoc.js';
import {
  CR0_PG, CR4_LA57, CR4_PAE, CR4_PCIDE, CR4_PGE, CR4_SMEP, CR3_HI_NOFLUSH, EFER_LMA, EFER_LME, PFEC_P,
} from './paging-bits.js';
import type { PhysMem } from './phys.js';
import { PagingStructureCache, parsePwcSpec, pwcEnabled, type PwcConfig, type PwcStats } from './pwc.js';
import {
  C_DIRTY, C_HIT_FAULT, C_L1_MISS_D, C_L1_MISS_I, C_L1_UNUSABLE_D, C_L1_UNUSABLE_I, C_L2_MISS, F_D, F_G, SIDE_D, SIDE_I,
  Tlb, type TlbConfig, type TlbStats,
} from './tlb.js';
import {
  ACC_FETCH, ACC_WRITE, CTL_NO_AD, CTL_USER, FMT_IA32E, ia32eCtl, ia32eDenied, pfecAccessBits, RIGHTS_ALL,
  WALK_OK, WALK_PAGE_FAULT, WALK_EPT_MISCONFIG, Walker, WalkResult, entryAddr, leafShift, type WalkRef, type WalkStep,
} from './walk.js';

export { ACC_READ, ACC_WRITE, ACC_FETCH } from './walk.js';
/** Modifier ORed into an access kind: implicit supervisor-mode access (checked as CPL 0). */
export const ACC_SUPERVISOR = 4;

/** The paging registers, as the CPU sees them. */
export interface PagingRegs {
  cr0: number;
  cr3: number;
  cr4: number;
  efer: number;
  cpl: number;
}

/** #PF. CR2 = (hi:lo). */
export class PageFault extends Error {
  constructor(
    readonly lo: number,
    readonly hi: number,
    readonly errorCode: number,
    /** the fault came from cached TLB rights, without a walk */
    readonly fromTlb = false,
  ) {
    super(`#PF at 0x${hi.toString(16)}${(lo >>> 0).toString(16).padStart(8, '0')} error code 0x${errorCode.toString(16)}`);
    this.name = 'PageFault';
  }
}

/** EPT violation or misconfiguration during a 2-D walk (a VM exit; only with an EPT step). */
export class EptFault extends Error {
  constructor(
    readonly kind: 'violation' | 'misconfig',
    readonly gpa: number,
    readonly qualification: number,
    readonly lo: number,
    readonly hi: number,
  ) {
    super(`EPT ${kind} at GPA 0x${gpa.toString(16)} (qualification 0x${qualification.toString(16)})`);
    this.name = 'EptFault';
  }
}

/** CR0.PG = 1 outside IA-32e mode: 32-bit and PAE paging are not modelled. */
export class UnsupportedPagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedPagingError';
  }
}

export interface MmuStats {
  tlb: TlbStats;
  walk: {
    /** page walks (TLB misses, dirty re-walks) */
    walks: number;
    /** paging-structure entry reads */
    memRefs: number;
    /** A/D write-backs */
    adWrites: number;
    /** walks that ended in a fault */
    faults: number;
  };
  pwc?: PwcStats;
}

/** The CPU <-> MMU contract. */
export interface Mmu {
  regs: PagingRegs;
  /** Linear -> physical for one access of the given kind. Throws PageFault. Non-canonical addresses
   *  are the CPU's business (#GP), checked before calling. */
  translate(lo: number, hi: number, access: number): number;
  flushNonGlobal(): void;
  flushAll(): void;
  invlpg(lo: number, hi: number): void;
  invpcid(type: number, pcid: number, lo: number, hi: number): void;
  movCr0(value: number): void;
  movCr3(lo: number, hi: number): void;
  movCr4(value: number): void;
  readonly stats: MmuStats;
}

/** Registers whose setters tell the MMU to recompute its derived state (never flushing). */
export class PagingRegisters implements PagingRegs {
  private _cr0 = 0;
  private _cr3 = 0;
  private _cr4 = 0;
  private _efer = 0;
  private _cpl = 0;
  constructor(private readonly changed: () => void, private readonly cplChanged: () => void,
    private readonly cr3Changed: () => void = changed) {}
  get cr0(): number { return this._cr0; }
  set cr0(v: number) { this._cr0 = v; this.changed(); }
  get cr3(): number { return this._cr3; }
  set cr3(v: number) { this._cr3 = v; this.cr3Changed(); }
  get cr4(): number { return this._cr4; }
  set cr4(v: number) { this._cr4 = v; this.changed(); }
  get efer(): number { return this._efer; }
  set efer(v: number) { this._efer = v; this.changed(); }
  get cpl(): number { return this._cpl; }
  set cpl(v: number) { this._cpl = v; this.cplChanged(); }
  /** Sets several registers with one recomputation. */
  load(r: Partial<PagingRegs>): void {
    if (r.cr0 !== undefined) this._cr0 = r.cr0;
    if (r.cr3 !== undefined) this._cr3 = r.cr3;
    if (r.cr4 !== undefined) this._cr4 = r.cr4;
    if (r.efer !== undefined) this._efer = r.efer;
    if (r.cpl !== undefined) this._cpl = r.cpl;
    this.changed();
  }
}

export interface MmuOptions {
  /** `--tlb` spec or config (default: skylake) */
  tlb?: string | TlbConfig;
  /** `--pwc` spec or config (default: off) */
  pwc?: string | PwcConfig;
  /** use the TLB front cache (default true; statistics are identical either way) */
  tlbFront?: boolean;
}

const TWO32 = 4294967296;

/** MmuFaultHook.onFault's answer: the hypervisor fixed the paging structures, walk again. */
export const FAULT_RETRY = -2;

/**
 * Hypervisor seam (see the header). `status` is WALK_PAGE_FAULT (`errorCode` valid), WALK_EPT_VIOLATION
 * or WALK_EPT_MISCONFIG (`res.eptGpa`, `res.eptQual` valid). `res` is null for a fault from cached TLB
 * rights (no walk). Returns an HPA for this access only (not cached in the TLB), FAULT_RETRY after
 * fixing the paging structures (the walk is made again and fills the TLB), or -1 to throw the fault.
 */
export interface MmuFaultHook {
  onFault(status: number, lo: number, hi: number, access: number, errorCode: number, res: WalkResult | null): number;
}

/** IA-32e paging (native; with seams for the EPT and shadow modes). */
export class X86Mmu implements Mmu {
  declare readonly regs: PagingRegisters;
  declare readonly tlb: Tlb;
  declare readonly pwc: PagingStructureCache | null;
  declare readonly walker: Walker;
  /** the last walk's result (walker.log counts its references; explain() records them) */
  readonly walkResult = new WalkResult();
  /** translation step of the walks: null = identity (native, shadow); an EptStep for EPT mode */
  step: WalkStep | null = null;
  /** shadow mode: the root table the hardware walks instead of CR3's (-1: use CR3) */
  rootOverride = -1;
  /** VPID tag of TLB/PWC entries (0 outside a VM) */
  vpid = 0;
  /** hypervisor: consulted before a fault is thrown (null: native) */
  faultHook: MmuFaultHook | null = null;
  /** CR0 bits forced on in the processor's CR0 (VMX guest/host mask); call refresh() after a change */
  cr0Set = 0;
  /** tlb.gen: advances when any cached translation may have become invalid (see Tlb.gen) */
  declare readonly gen: Float64Array;

  // Derived state (recomputed when the registers change).
  /** 1 when CR0.PG = 1 (a number: cheaper to test than a boolean field) */
  private pagingOn = 0;
  private levels = 0;
  private root = 0;
  private pcid = 0;
  private ctxKey = 0;
  private globKey = 0x1000;
  private pge = false;
  /** walk control bits for user-mode (CPL 3) and supervisor accesses */
  private ctlUser = 0;
  private ctlSup = 0;
  /** okTable[(access << 6) | entryFlags] = 1 when a cached entry allows the access outright:
   *  okCpl3 or okCpl0, switched when the CPL changes */
  private declare okTable: Uint8Array;
  private readonly okCpl3 = new Uint8Array(8 << 6);
  private readonly okCpl0 = new Uint8Array(8 << 6);
  private okFilled = false;

  // Counters.
  private readonly wcnt = new Float64Array(4); // walks, memRefs, adWrites, faults

  // The TLB's front cache and counters, referenced directly by the hot path.
  private declare readonly fVpn: Float64Array;
  private declare readonly fFrame: Float64Array;
  private declare readonly fMeta: Int32Array;
  private declare readonly stamp: Float64Array;
  private declare readonly clk: Float64Array;

  constructor(readonly mem: PhysMem, opts: MmuOptions = {}) {
    this.tlb = new Tlb(opts.tlb ?? 'skylake', { front: opts.tlbFront ?? true });
    const pwcConfig = typeof opts.pwc === 'string' ? parsePwcSpec(opts.pwc) : opts.pwc;
    this.pwc = pwcConfig !== undefined && pwcEnabled(pwcConfig) ? new PagingStructureCache(pwcConfig) : null;
    this.walker = new Walker(mem);
    // Walks made by translate() only count their references; explain() turns the details on.
    this.walker.log.enabled = false;
    // after a successful walk only the paging-structure caches read the per-level results
    this.walker.levelDetail = this.pwc !== null;
    const t = this.tlb;
    this.fVpn = t.fVpn; this.fFrame = t.fFrame; this.fMeta = t.fMeta;
    this.stamp = t.stamp; this.clk = t.clk; this.gen = t.gen;
    this.okTable = this.okCpl0;
    this.regs = new PagingRegisters(() => this.recompute(), () => this.selectCpl(), () => this.recomputeCr3());
    this.recompute();
  }

  // ------------------------------------------------------------------------------- hot path

  translate(lo: number, hi: number, access: number): number {
    // Literals instead of imported constants on purpose: a bundled module constant costs a context
    // load and a Smi check per use. 2 = ACC_FETCH, 512 = FRONT_SIZE, 511 = FRONT_MASK.
    // Front cache: one compare, one table check; counts exactly what an L1 hit counts. (It is kept
    // empty while paging is off, so the slow path handles that case.)
    const fi = (access === 2 ? 512 : 0) | ((lo >>> 12) & 511);
    const meta = this.fMeta[fi]!; // flags 5:0, array 8:6, slot 31:9 (tlb.ts frontMeta)
    if (this.fVpn[fi] === (hi & 0x1ffffff) * 1048576 + (lo >>> 12) && this.okTable[(access << 6) | (meta & 63)] === 1) {
      // LRU stamp from the array's clock, which also counts the hit (Tlb.hits)
      this.stamp[meta >>> 9] = ++this.clk[(meta >>> 6) & 7]!;
      return this.fFrame[fi]! + (lo & 0xfff);
    }
    return this.translateSlow(lo, hi, access);
  }

  // ------------------------------------------------------------------------------ slow path

  /** The TLB model proper: L1, STLB, walk. */
  private translateSlow(lo: number, hi: number, access: number): number {
    if (this.pagingOn === 0) return lo + hi * TWO32;
    if (this.levels === 0) {
      throw new UnsupportedPagingError('CR0.PG = 1 without IA-32e mode (EFER.LME/LMA, CR4.PAE): ' +
        '32-bit and PAE paging are not modelled');
    }
    const t = this.tlb;
    const kind = access & 3;
    if (kind === 3 || access === (ACC_SUPERVISOR | ACC_FETCH) || access >>> 3 !== 0) {
      throw new RangeError(`translate: invalid access kind ${access}`);
    }
    const side = kind === ACC_FETCH ? SIDE_I : SIDE_D;
    let slot = t.lookupL1(side, lo, hi, this.ctxKey, this.globKey);
    if (slot >= 0) {
      if (this.okTable[(access << 6) | t.flags[slot]!] === 1) {
        t.hit(slot);
        t.installFront(side, lo, hi, slot);
        return t.paOf(slot, lo);
      }
      t.cnt[side === SIDE_D ? C_L1_UNUSABLE_D : C_L1_UNUSABLE_I]++;
      return this.unusableHit(slot, lo, hi, access, side);
    }
    t.cnt[side === SIDE_D ? C_L1_MISS_D : C_L1_MISS_I]++;
    const slot2 = t.lookupL2(lo, hi, this.ctxKey, this.globKey);
    if (slot2 >= 0) {
      if (this.okTable[(access << 6) | t.flags[slot2]!] === 1) {
        t.hit(slot2);
        slot = t.fillL1FromL2(side, slot2, lo, hi, this.ctxKey, this.globKey);
        if (slot >= 0) t.installFront(side, lo, hi, slot);
        return t.paOf(slot2, lo);
      }
      return this.unusableHit(slot2, lo, hi, access, side);
    }
    t.cnt[C_L2_MISS]++;
    return this.walkAndFill(lo, hi, access, side, 0, true);
  }

  /** A TLB entry matched but cannot serve the access: a write to a clean page, or denied rights. */
  private unusableHit(slot: number, lo: number, hi: number, access: number, side: number): number {
    const t = this.tlb;
    const f = t.flags[slot]!;
    const ctl = this.ctlFor(access);
    if (!ia32eDenied(f & RIGHTS_ALL, access & 3, ctl)) {
      // Allowed but D = 0 on a write: the processor walks to set the dirty flag.
      t.cnt[C_DIRTY]++;
      return this.walkAndFill(lo, hi, access, side);
    }
    t.cnt[C_HIT_FAULT]++;
    this.dropPageAfterFault(lo, hi);
    const ec = PFEC_P | pfecAccessBits(access & 3, ctl);
    if (this.faultHook !== null) {
      const pa = this.faultHook.onFault(WALK_PAGE_FAULT, lo, hi, access, ec, null);
      if (pa >= 0) return pa;
      if (pa === FAULT_RETRY) return this.walkAndFill(lo, hi, access, side, 1);
    }
    throw new PageFault(lo, hi, ec, true);
  }

  private ctlFor(access: number): number {
    return this.regs.cpl === 3 && (access & ACC_SUPERVISOR) === 0 ? this.ctlUser : this.ctlSup;
  }

  /** Walk (through the PWC when enabled), then fill STLB and L1. */
  /** `missed`: both TLB levels just missed for (lo, hi): the fills need not look for an entry to replace. */
  private walkAndFill(lo: number, hi: number, access: number, side: number, retries = 0, missed = false): number {
    const res = this.walkResult;
    const kind = access & 3;
    const ctl = this.ctlFor(access);
    const root = this.rootOverride >= 0 ? this.rootOverride : this.root;
    let start = this.levels, table = root, rights = RIGHTS_ALL;
    const pwc = this.pwc;
    if (pwc !== null) {
      pwc.lookup(lo, hi, this.levels, this.ctxKey, root, RIGHTS_ALL);
      start = pwc.startLevel; table = pwc.table; rights = pwc.rights;
    }
    const st = this.walker.walk(res, FMT_IA32E, this.levels, table, lo, hi, kind, ctl, this.step, start, rights);
    const w = this.wcnt;
    w[0]++;
    w[1] += res.memRefs;
    w[2] += res.adWrites;
    if (st !== WALK_OK) {
      w[3]++;
      this.dropPageAfterFault(lo, hi);
      if (this.faultHook !== null) {
        const pa = this.faultHook.onFault(st, lo, hi, access, st === WALK_PAGE_FAULT ? res.errorCode : 0, res);
        if (pa >= 0) return pa;
        if (pa === FAULT_RETRY) {
          // Each retry fixes one thing (an EPT violation per guest table and the final page: up to 6
          // with 5-level paging, plus a shadow fill); a hook that keeps asking is a bug.
          if (retries >= 16) throw new Error(`fault hook: the walk of 0x${hi.toString(16)}:${(lo >>> 0).toString(16)} still fails after ${retries} retries`);
          return this.walkAndFill(lo, hi, access, side, retries + 1, missed);
        }
      }
      if (st === WALK_PAGE_FAULT) throw new PageFault(lo, hi, res.errorCode);
      throw new EptFault(st === WALK_EPT_MISCONFIG ? 'misconfig' : 'violation', res.eptGpa, res.eptQual, lo, hi);
    }
    if (pwc !== null) pwc.fill(res, lo, hi, this.ctxKey);
    const flags = res.rights | (res.dirty ? F_D : 0) | (res.global && this.pge ? F_G : 0);
    const t = this.tlb;
    // A 2-D translation is cached at the smaller of the guest and EPT page sizes (res.pageShift), as
    // a piece of the guest's page (leafShift(res.level)): INVLPG anywhere in the guest page drops it.
    const orig = leafShift(res.level);
    if (missed) {
      t.fillMiss(side, lo, hi, res.pageShift, orig, res.pa, flags, this.ctxKey, this.globKey);
      return res.pa;
    }
    t.fill(2, side, lo, hi, res.pageShift, orig, res.pa, flags, this.ctxKey, this.globKey);
    const slot = t.fill(1, side, lo, hi, res.pageShift, orig, res.pa, flags, this.ctxKey, this.globKey);
    if (slot >= 0) t.installFrontPa(side, lo, hi, slot, res.pa, flags);
    return res.pa;
  }

  /** SDM 4.10.4.1: a #PF invalidates the TLB and PWC entries for the faulting linear address. */
  private dropPageAfterFault(lo: number, hi: number): void {
    this.tlb.invalidatePage(lo, hi, this.vpid, this.pcid, true);
    if (this.pwc !== null) this.pwc.invalidateAddress(lo, hi, this.ctxKey);
  }

  // ---------------------------------------------------------------------- TLB maintenance

  /** MOV to CR3 semantics on the caches: non-global entries of the current PCID (all when PCIDE = 0). */
  flushNonGlobal(): void {
    const pcid = (this.regs.cr4 & CR4_PCIDE) !== 0 ? this.pcid : -1;
    this.tlb.flush(this.vpid, pcid, false);
    this.pwc?.flush(this.vpid, pcid);
  }

  /** Everything, global entries and all PCIDs included (CR4.PGE toggle, CR4.PCIDE 1 -> 0, CR0.PG 1 -> 0). */
  flushAll(): void {
    this.tlb.flush(this.vpid, -1, true);
    this.pwc?.flush(this.vpid, -1);
  }

  /** INVLPG: the page's entries in the current PCID and global ones; all PWC entries of the PCID. */
  invlpg(lo: number, hi: number): void {
    this.tlb.invalidatePage(lo, hi, this.vpid, this.pcid, true);
    this.pwc?.flush(this.vpid, this.pcid);
  }

  /**
   * INVPCID. 0: one address in `pcid` (not global); 1: all non-global entries of `pcid`;
   * 2: everything including globals; 3: all non-global entries of every PCID. PWC: the PCID's
   * entries (0, 1) or all (2, 3). The CPU checks the operands (#GP) before calling.
   */
  invpcid(type: number, pcid: number, lo: number, hi: number): void {
    if (!(pcid >= 0 && pcid <= 0xfff)) throw new RangeError(`INVPCID: PCID ${pcid} out of range`);
    switch (type) {
      case 0:
        this.tlb.invalidatePage(lo, hi, this.vpid, pcid, false);
        this.pwc?.flush(this.vpid, pcid);
        break;
      case 1:
        this.tlb.flush(this.vpid, pcid, false);
        this.pwc?.flush(this.vpid, pcid);
        break;
      case 2:
        this.flushAll();
        break;
      case 3:
        this.tlb.flush(this.vpid, -1, false);
        this.pwc?.flush(this.vpid, -1);
        break;
      default:
        throw new RangeError(`INVPCID: type ${type} is not 0-3`);
    }
  }

  /** MOV to CR0: CR0.PG 1 -> 0 invalidates everything (SDM 4.10.4.1). WP changes need nothing:
   *  rights are cached and checked against the current WP on every access. */
  movCr0(value: number): void {
    const old = this.regs.cr0;
    this.regs.cr0 = value;
    if ((old & CR0_PG) !== 0 && (value & CR0_PG) === 0) this.flushAll();
  }

  /** MOV to CR3 with the value (hi:lo). PCIDE = 0: flush non-global. PCIDE = 1: flush the new PCID's
   *  non-global entries unless bit 63 is set; bit 63 is not stored. */
  movCr3(lo: number, hi: number): void {
    const noFlush = (this.regs.cr4 & CR4_PCIDE) !== 0 && (hi & CR3_HI_NOFLUSH) !== 0;
    this.regs.cr3 = (lo >>> 0) + ((hi & ~CR3_HI_NOFLUSH) >>> 0) * TWO32;
    if (!noFlush) this.flushNonGlobal();
  }

  /** MOV to CR4: PGE change or PCIDE 1 -> 0 flush everything; PAE change or SMEP 0 -> 1 flush the
   *  current PCID (SDM 4.10.4.1). */
  movCr4(value: number): void {
    const old = this.regs.cr4;
    const changed = old ^ value;
    this.regs.cr4 = value;
    if ((changed & CR4_PGE) !== 0 || ((old & CR4_PCIDE) !== 0 && (value & CR4_PCIDE) === 0)) {
      this.flushAll();
    } else if ((changed & CR4_PAE) !== 0 || ((value & CR4_SMEP) !== 0 && (old & CR4_SMEP) === 0)) {
      this.flushNonGlobal();
    }
  }

  // ------------------------------------------------------------------------- derived state

  private recompute(): void {
    const r = this.regs;
    const cr0 = (r.cr0 | this.cr0Set) >>> 0, cr4 = r.cr4, efer = r.efer;
    const pagingOn = (cr0 & CR0_PG) !== 0 ? 1 : 0;
    if (pagingOn !== this.pagingOn) this.tlb.clearFront(); // the hot path does not test pagingOn
    this.pagingOn = pagingOn;
    this.levels = this.pagingOn === 1 && (efer & (EFER_LMA | EFER_LME)) !== 0 && (cr4 & CR4_PAE) !== 0
      ? ((cr4 & CR4_LA57) !== 0 ? 5 : 4) : 0;
    const cr3 = r.cr3;
    this.root = entryAddr(cr3 >>> 0, (cr3 / TWO32) >>> 0);
    this.pcid = (cr4 & CR4_PCIDE) !== 0 ? cr3 & 0xfff : 0;
    this.pge = (cr4 & CR4_PGE) !== 0;
    const key = ctxKeyOf(this.vpid, this.pcid);
    if (key !== this.ctxKey) this.tlb.clearFront(); // front entries belong to one context
    this.tlb.gen[0]++; // permissions or context may have changed for client caches
    this.ctxKey = key;
    this.globKey = globKeyOf(this.vpid);
    const ctlSup = ia32eCtl(cr0, cr4, efer, false);
    if (ctlSup !== this.ctlSup || !this.okFilled) {
      // WP, NXE or SMEP changed: rebuild the permission tables.
      this.ctlSup = ctlSup;
      this.ctlUser = ia32eCtl(cr0, cr4, efer, true);
      this.fillOkTable(this.okCpl3, true);
      this.fillOkTable(this.okCpl0, false);
      this.okFilled = true;
    }
    this.selectCpl();
  }

  /** A CR3 write changes only the root and the PCID (the hot case of a process switch). */
  private recomputeCr3(): void {
    const cr3 = this.regs.cr3;
    this.root = entryAddr(cr3 >>> 0, (cr3 / TWO32) >>> 0);
    const pcid = (this.regs.cr4 & CR4_PCIDE) !== 0 ? cr3 & 0xfff : 0;
    if (pcid !== this.pcid) {
      this.pcid = pcid;
      const key = ctxKeyOf(this.vpid, pcid);
      if (key !== this.ctxKey) this.tlb.clearFront(); // front entries belong to one context
      this.ctxKey = key;
    }
    this.tlb.gen[0]++; // client caches: the root changed
  }

  /** The CPL only selects one of the two permission tables. */
  private selectCpl(): void {
    this.okTable = this.regs.cpl === 3 ? this.okCpl3 : this.okCpl0;
    this.tlb.gen[0]++;
  }

  /**
   * For each access kind (ORed with ACC_SUPERVISOR or not) and cached entry flags: is the access
   * allowed outright? Writes also need D = 1 (else the slow path re-walks). Kind 3 and a
   * "supervisor fetch" are invalid: 0, so that the slow path rejects them.
   */
  private fillOkTable(table: Uint8Array, cpl3: boolean): void {
    for (let access = 0; access < 8; access++) {
      const kind = access & 3;
      const ctl = cpl3 && (access & ACC_SUPERVISOR) === 0 ? this.ctlUser : this.ctlSup;
      const valid = kind !== 3 && access !== (ACC_SUPERVISOR | ACC_FETCH);
      for (let f = 0; f < 64; f++) {
        const ok = valid && !ia32eDenied(f & RIGHTS_ALL, kind, ctl) && (kind !== ACC_WRITE || (f & F_D) !== 0);
        table[(access << 6) | f] = ok ? 1 : 0;
      }
    }
  }

  /** Re-reads derived state after the VMM changed `vpid`, `step`, `rootOverride` or `cr0Set`. */
  refresh(): void {
    this.recompute();
  }

  // ------------------------------------------------------------------------ introspection

  get stats(): MmuStats {
    const s: MmuStats = {
      tlb: this.tlb.stats(),
      walk: { walks: this.wcnt[0]!, memRefs: this.wcnt[1]!, adWrites: this.wcnt[2]!, faults: this.wcnt[3]! },
    };
    if (this.pwc !== null) s.pwc = this.pwc.stats();
    return s;
  }

  resetStats(): void {
    this.tlb.resetCounters();
    this.pwc?.resetCounters();
    this.wcnt.fill(0);
  }

  /**
   * A side-effect-free walk for debuggers and the `walk` command: no TLB, no PWC, no A/D writes, no
   * counters. Returns the walk result and its references.
   */
  explain(lo: number, hi: number, access: number): WalkExplanation {
    if (this.pagingOn === 0) return { status: 'paging-off', pa: lo + hi * TWO32, refs: [] };
    if (this.levels === 0) return { status: 'unsupported', pa: -1, refs: [] };
    const res = new WalkResult();
    const root = this.rootOverride >= 0 ? this.rootOverride : this.root;
    const ctl = this.ctlFor(access) | CTL_NO_AD;
    this.walker.log.enabled = true;
    const st = this.walker.walk(res, FMT_IA32E, this.levels, root, lo, hi, access & 3, ctl, this.step);
    this.walker.log.enabled = false;
    return {
      status: st === WALK_OK ? 'ok' : st === WALK_PAGE_FAULT ? 'page-fault' : st === WALK_EPT_MISCONFIG ? 'ept-misconfig' : 'ept-violation',
      pa: st === WALK_OK ? res.pa : -1,
      pageShift: res.pageShift,
      rights: res.rights,
      level: res.level,
      errorCode: st === WALK_PAGE_FAULT ? res.errorCode : undefined,
      user: (ctl & CTL_USER) !== 0,
      refs: this.walker.log.toArray(),
    };
  }

  /** Current paging mode, for displays: 0 (off), 4 or 5 levels, -1 unsupported. */
  get pagingLevels(): number {
    return this.pagingOn === 0 ? 0 : this.levels === 0 ? -1 : this.levels;
  }
}

export interface WalkExplanation {
  status: 'ok' | 'page-fault' | 'ept-violation' | 'ept-misconfig' | 'paging-off' | 'unsupported';
  pa: number;
  pageShift?: number;
  rights?: number;
  level?: number;
  errorCode?: number;
  user?: boolean;
  refs: WalkRef[];
}
