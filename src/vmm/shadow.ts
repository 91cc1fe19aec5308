// Shadow paging (KVM's mmu.c with paging_tmpl.h's fetch, page_track.c's write tracking): the MMU's
// hardware walks SHADOW page tables that map GVA directly to HPA (`mmu.rootOverride`); the guest's own
// tables (GVA -> GPA) are never loaded into the MMU. The hypervisor builds the shadow lazily from the
// guest's tables on #PF exits.
//
// Shadow pages (sp) are 4 KiB host frames (kind FK_SHADOW), each shadowing one guest table (its gfn)
// at one level with one `role`: level, direct, and the rights accumulated above it (a shadow page is
// shared by every parent with the same role: two processes sharing a kernel page directory share its
// shadow). A guest large page is shadowed by "direct" shadow pages (role.direct) of 4 KiB entries.
// One root per guest CR3; the current root and up to 3 previous ones are cached (KVM's prev_roots).
//
// #PF exit (exception bitmap bit 14):
//  * the guest walk fails: a true guest fault, injected with the guest's error code and CR2 = gva;
//  * it succeeds: a hidden fault; the walk set the guest's A/D bits exactly as hardware does, and the
//    shadow is filled: links down the levels, then the leaf. A clean page (D = 0) is mapped read-only
//    until its first write, so that D is set at that write, as on hardware.
//  * a guest page that is itself a shadowed guest page table (write-tracked, `wp` mode): a write is
//    emulated: every write of the instruction zaps the shadow entries made from the guest entries it
//    overwrites (mmu_pte_write), and a table written 3 times without being used is unshadowed
//    (write flooding, mmu_flooded).
//
// Synchronisation (`--shadow-sync`):
//  * wp (default, KVM's way): guest page-table pages are write-protected in the shadow, so the shadow
//    never goes stale; INVLPG and CR3 loads only flush the TLB.
//  * lazy (the classic design): guest page-table writes are not trapped; the shadow goes stale exactly
//    like a TLB, and is brought in sync where the architecture requires the guest to flush: INVLPG
//    drops the entry (and any stale link above it), a CR3 load syncs the whole root it loads (every
//    shadow entry compared with the guest entry it was made from).
//
// The guest's CR0.WP = 0 is emulated with the processor's WP = 1 (KVM's "cr0.wp=0 trick"): a supervisor
// write to a read-only page gets a writable, supervisor-only shadow entry (no-execute too with SMEP).

import { CR0_WP, CR4_LA57, CR4_SMEP, EFER_NXE, PFEC_RSVD, PTE_P, PTE_RW, PTE_US } from '../mmu/paging-bits.js';
import { ACC_SUPERVISOR } from '../mmu/mmu.js';
import {
  ACC_WRITE, entryAddr, FMT_IA32E, ia32eCtl, pageIndex, RIGHT_U, RIGHT_W, RIGHT_X, RIGHTS_ALL, WALK_OK,
  WALK_PAGE_FAULT, WalkResult, Walker,
} from '../mmu/walk.js';
import { W_ALLOC, W_FLUSH, W_GPTE, W_SPTE } from './cost.js';
import {
  A_CR3_CACHED, A_CR3_FLUSH, A_CR3_NEW, A_INVLPG, A_PF_FIXED, A_PF_SPURIOUS, A_PTE_WRITE, AF_NEW_FRAME, AF_READONLY,
  AF_ZAPPED,
} from './exit-log.js';
import { EXIT_REASON_EXCEPTION_NMI, INTR_TYPE_HW_EXCEPTION, intrInfo } from './exit-reasons.js';
import { GpaStep } from './guest-walk.js';
import { FK_SHADOW, FRAME_SIZE, type HostMemory } from './host-memory.js';
import type { Memslots } from './memslot.js';
import { isMmio, leafHi, leafLo, mmioHi, mmioLo, SPTE_LINK, SPTE_W } from './spte.js';
import { GRANT_PTE_WRITE, VmError, type PagingHandler, type ShadowHooks, type Vcpu } from './vcpu.js';

export { GpaStep };

const TWO32 = 4294967296;
/** KVM_MMU_NUM_PREV_ROOTS */
export const PREV_ROOTS = 3;
/** writes to a shadowed table without using it before it is unshadowed (KVM: 3) */
export const FLOOD_LIMIT = 3;

export type ShadowSync = 'wp' | 'lazy';

export interface ShadowOptions {
  sync: ShadowSync;
}

/** A shadow page (KVM's struct kvm_mmu_page). */
export class ShadowPage {
  /** gpte snapshot (non-direct pages): the guest entry each spte was made from, lo/hi per index */
  readonly gpte: Uint32Array | null;
  /** HPAs of the link sptes pointing to this page (parent_ptes) */
  readonly parents: number[] = [];
  /** references from the root cache */
  rootCount = 0;
  /** present sptes */
  present = 0;
  /** emulated writes since the page was last used by a fill */
  writeFlood = 0;
  /** sync pass that last visited this page */
  syncStamp = 0;
  zapped = false;

  constructor(
    /** the frame of 512 sptes */
    readonly hpa: number,
    /** the guest table it shadows (direct: the first guest frame of the region it maps) */
    readonly gfn: number,
    readonly level: number,
    readonly direct: boolean,
    /** RIGHT_* accumulated by the guest above this page (role.access) */
    readonly access: number,
    readonly key: number,
  ) {
    this.gpte = direct ? null : new Uint32Array(1024);
  }
}

/** Hash key of (gfn, role). */
function keyOf(gfn: number, level: number, direct: boolean, access: number): number {
  return gfn * 256 + (level << 5) + (direct ? 16 : 0) + access;
}

interface RootEntry { cr3: number; sp: ShadowPage }

export class ShadowMmu implements PagingHandler, ShadowHooks {
  readonly sync: ShadowSync;
  /** (gfn, role) -> shadow page */
  private readonly hash = new Map<number, ShadowPage>();
  /** gfn -> non-direct shadow pages shadowing it (the write-tracked gfns) */
  private readonly byGfn = new Map<number, ShadowPage[]>();
  /** shadow frame number -> shadow page */
  private readonly byFrame = new Map<number, ShadowPage>();
  /** guest frame HPA frame number -> leaf spte addresses mapping it (KVM's rmap) */
  private readonly rmap = new Map<number, number[]>();
  /** current root first, then the previous ones (most recent first) */
  private roots: RootEntry[] = [];
  private readonly walker: Walker;
  private readonly step: GpaStep;
  private readonly res = new WalkResult();
  private syncGen = 0;
  private readonly mem: HostMemory['ram'];
  /** CR3 loads of another root: found in the root cache, or built (or found in the shadow-page hash) */
  rootCacheHits = 0;
  rootCacheMisses = 0;
  /** lazy: shadow entries dropped because the guest entry they came from changed */
  syncZapped = 0;

  constructor(readonly vcpu: Vcpu, readonly host: HostMemory, readonly owner: number, readonly memslots: Memslots,
    opts: ShadowOptions) {
    this.sync = opts.sync;
    this.mem = host.ram;
    this.walker = new Walker(host.ram);
    this.walker.log.enabled = false; // references are counted (the hypervisor's work), not recorded
    this.step = new GpaStep(memslots, true);
    vcpu.onPteWrite = (gpa) => this.emulatedPteWrite(gpa);
  }

  // ------------------------------------------------------------------------------ shadow pages

  get shadowPages(): number {
    return this.byFrame.size;
  }

  private levels(): number {
    return (this.vcpu.cpu.cr4 & CR4_LA57) !== 0 ? 5 : 4;
  }

  /** kvm_mmu_get_shadow_page: the shadow page for (gfn, role), created on a miss. */
  private getPage(gfn: number, level: number, direct: boolean, access: number): ShadowPage {
    const key = keyOf(gfn, level, direct, access);
    let sp = this.hash.get(key);
    if (sp !== undefined) return sp;
    const hpa = this.host.allocFrame(this.owner, FK_SHADOW, 'shadow page tables');
    const v = this.vcpu;
    v.work[W_ALLOC]++;
    v.stats.mmu_cache_miss++;
    sp = new ShadowPage(hpa, gfn, level, direct, access, key);
    this.hash.set(key, sp);
    this.byFrame.set(hpa / FRAME_SIZE, sp);
    if (!direct) {
      let list = this.byGfn.get(gfn);
      if (list === undefined) {
        list = [];
        this.byGfn.set(gfn, list);
        if (this.sync === 'wp') this.writeProtect(gfn);
      }
      list.push(sp);
    }
    return sp;
  }

  /** Is the guest frame `gfn` a shadowed guest page table that must stay write-protected? */
  private tracked(gfn: number): boolean {
    return this.sync === 'wp' && this.byGfn.has(gfn);
  }

  /** Makes every leaf spte mapping `gfn` read-only (kvm_mmu_slot_gfn_write_protect). */
  private writeProtect(gfn: number): void {
    const hpa = this.memslots.peekHpa(gfn * FRAME_SIZE);
    if (hpa < 0) return;
    const list = this.rmap.get(hpa / FRAME_SIZE);
    if (list === undefined) return;
    let changed = false;
    for (const sptep of list) {
      const lo = this.mem.read64lo(sptep);
      this.vcpu.work[W_SPTE]++;
      if ((lo & SPTE_W) !== 0) {
        this.mem.write32(sptep, (lo & ~SPTE_W) >>> 0);
        changed = true;
      }
    }
    if (changed) this.flushTlb();
  }

  private flushTlb(): void {
    this.vcpu.mmu.flushAll();
    this.vcpu.cpu.flushFastTlb();
    this.vcpu.stats.tlb_flush++;
    this.vcpu.work[W_FLUSH]++;
  }

  /** Clears one spte, with its bookkeeping (mmu_page_zap_pte). Returns true if it was present. */
  private zapSpte(sp: ShadowPage, idx: number): boolean {
    const sptep = sp.hpa + idx * 8;
    const lo = this.mem.read64lo(sptep), hi = this.mem.read32(sptep + 4);
    this.vcpu.work[W_SPTE]++;
    if ((lo & PTE_P) === 0) return false;
    this.mem.write64(sptep, 0, 0);
    sp.present--;
    if (isMmio(lo, hi)) return true;
    const target = entryAddr(lo, hi);
    if (sp.level > 1) {
      const child = this.byFrame.get(target / FRAME_SIZE);
      if (child !== undefined) {
        const k = child.parents.indexOf(sptep);
        if (k >= 0) { child.parents[k] = child.parents[child.parents.length - 1]!; child.parents.pop(); }
        if (child.parents.length === 0 && child.rootCount === 0) this.zapPage(child);
      }
    } else {
      this.rmapRemove(target / FRAME_SIZE, sptep);
      this.vcpu.stats.pages_4k--;
    }
    return true;
  }

  private rmapAdd(frame: number, sptep: number): void {
    const l = this.rmap.get(frame);
    if (l === undefined) this.rmap.set(frame, [sptep]);
    else l.push(sptep);
  }

  private rmapRemove(frame: number, sptep: number): void {
    const l = this.rmap.get(frame);
    if (l === undefined) return;
    const k = l.indexOf(sptep);
    if (k < 0) return;
    l[k] = l[l.length - 1]!;
    l.pop();
    if (l.length === 0) this.rmap.delete(frame);
  }

  /** Frees a shadow page: its entries, the links to it, its frame (kvm_mmu_prepare_zap_page). */
  private zapPage(sp: ShadowPage): void {
    if (sp.zapped) return;
    sp.zapped = true;
    const v = this.vcpu;
    v.stats.mmu_shadow_zapped++;
    for (const p of sp.parents.splice(0)) {
      const parent = this.byFrame.get(Math.floor(p / FRAME_SIZE));
      const lo = this.mem.read64lo(p);
      v.work[W_SPTE]++;
      if ((lo & PTE_P) !== 0 && entryAddr(lo, this.mem.read32(p + 4)) === sp.hpa) {
        this.mem.write64(p, 0, 0);
        if (parent !== undefined) parent.present--;
      }
    }
    if (sp.present > 0) for (let i = 0; i < 512; i++) if (this.zapSpte(sp, i) && sp.present === 0) break;
    this.hash.delete(sp.key);
    this.byFrame.delete(sp.hpa / FRAME_SIZE);
    if (!sp.direct) {
      const list = this.byGfn.get(sp.gfn);
      if (list !== undefined) {
        const k = list.indexOf(sp);
        if (k >= 0) list.splice(k, 1);
        if (list.length === 0) this.byGfn.delete(sp.gfn);
      }
    }
    const ri = this.roots.findIndex((r) => r.sp === sp);
    if (ri >= 0) {
      this.roots.splice(ri, 1);
      if (ri === 0) this.needRoot = true;
    }
    this.host.freeFrame(sp.hpa);
  }

  /** The current root was zapped: load a new one for the guest's CR3 before the guest runs again. */
  private needRoot = false;

  // ------------------------------------------------------------------------------------ roots

  /** Loads the root for the guest's current CR3 at boot. */
  start(): void {
    this.loadRoot(this.vcpu.cpu.cr3);
  }

  private rootGfn(cr3: number): number {
    return entryAddr(cr3 % TWO32, Math.floor(cr3 / TWO32)) / FRAME_SIZE;
  }

  /** Makes the root for `cr3` current: cached, or built. Returns 'cached' | 'new'. */
  private loadRoot(cr3: number): 'cached' | 'new' | 'current' {
    const gfn = this.rootGfn(cr3);
    const roots = this.roots;
    this.needRoot = false;
    let kind: 'cached' | 'new' | 'current';
    const i = roots.findIndex((r) => r.sp.gfn === gfn && r.sp.level === this.levels());
    if (i === 0) kind = 'current';
    else if (i > 0) {
      const [r] = roots.splice(i, 1);
      roots.unshift(r!);
      kind = 'cached';
      this.rootCacheHits++;
    } else {
      this.rootCacheMisses++;
      const sp = this.getPage(gfn, this.levels(), false, RIGHTS_ALL);
      sp.rootCount++;
      roots.unshift({ cr3, sp });
      kind = 'new';
      while (roots.length > 1 + PREV_ROOTS) {
        const old = roots.pop()!;
        old.sp.rootCount--;
        if (old.sp.rootCount === 0 && old.sp.parents.length === 0) this.zapPage(old.sp);
      }
    }
    this.vcpu.mmu.rootOverride = roots[0]!.sp.hpa;
    return kind;
  }

  /** The current root (loaded again if a zap took it away). */
  private root(): ShadowPage {
    if (this.needRoot || this.roots.length === 0) this.loadRoot(this.vcpu.cpu.cr3);
    return this.roots[0]!.sp;
  }

  /** ShadowHooks: MOV to CR3 (the CPU and the TLB already have the new value). */
  cr3Loaded(oldCr3: number, newCr3: number, noFlush: boolean): void {
    const v = this.vcpu;
    const same = this.rootGfn(oldCr3) === this.rootGfn(newCr3) && !this.needRoot;
    const kind = same ? 'current' : this.loadRoot(newCr3);
    // lazy: a CR3 load is where the guest's page-table changes must become visible (unless CR4.PCIDE
    // and bit 63 asked to keep the PCID's TLB entries: then stale entries are allowed, as in a TLB)
    let zapped = 0;
    if (this.sync === 'lazy' && !noFlush) zapped = this.syncRoot(this.root());
    const r = this.root();
    if (kind === 'current') v.log.act(A_CR3_FLUSH, zapped);
    else if (kind === 'cached') v.log.act(A_CR3_CACHED, r.hpa, zapped);
    else v.log.act(A_CR3_NEW, r.hpa);
  }

  // ------------------------------------------------------------------------------- #PF exits

  /** Every #PF of the shadow walk exits (exception bitmap bit 14). */
  exitInfo(_status: number, lo: number, hi: number, access: number, errorCode: number, _res: WalkResult | null): boolean {
    const info = this.vcpu.info;
    info.reason = EXIT_REASON_EXCEPTION_NMI;
    info.qualLo = lo >>> 0; // the exit qualification of a #PF is the linear address (CR2)
    info.qualHi = hi >>> 0;
    info.glaValid = true;
    info.glaLo = lo >>> 0; info.glaHi = hi | 0;
    info.gpa = -1;
    info.access = access;
    info.errorCode = errorCode;
    info.intrInfo = intrInfo(14, INTR_TYPE_HW_EXCEPTION, true);
    info.intrError = errorCode;
    return true;
  }

  handleFaultExit(): void {
    const v = this.vcpu, info = v.info;
    const lo = info.glaLo >>> 0, hi = info.glaHi;
    const access = info.access;
    const kind = access & 3;
    // KVM's fast MMIO path: the reserved bit of an MMIO spte names the access without a guest walk.
    if ((info.errorCode & PFEC_RSVD) !== 0) {
      const gpa = this.mmioGpa(lo, hi);
      if (gpa >= 0) { v.mmioAccess(lo, hi, access, gpa); return; }
    }
    const cpu = v.cpu;
    const user = v.mmu.regs.cpl === 3 && (access & ACC_SUPERVISOR) === 0;
    const ctl = ia32eCtl(cpu.cr0, cpu.cr4, cpu.efer, user);
    const res = this.res;
    const step = this.step;
    step.reset();
    step.reads = 0;
    const levels = this.levels();
    const st = this.walker.walk(res, FMT_IA32E, levels, entryAddr(cpu.cr3 % TWO32, Math.floor(cpu.cr3 / TWO32)), lo, hi, kind, ctl, step);
    v.work[W_GPTE] += step.reads + res.adWrites;
    if (step.failed) throw new VmError(`guest page table outside RAM while walking 0x${hex64(lo, hi)}`);
    if (st === WALK_PAGE_FAULT) {
      // A true guest fault: inject it, with the guest's error code and CR2.
      v.injectPageFault(lo, hi, access, res.errorCode);
      return;
    }
    if (st !== WALK_OK) throw new VmError(`guest walk of 0x${hex64(lo, hi)} failed (${st})`);
    const root = this.root();
    if (step.finalMmio) {
      this.fetch(root, lo, hi, res, user, true);
      v.mmioAccess(lo, hi, access, res.gpa);
      return;
    }
    const gfn = Math.floor(res.gpa / FRAME_SIZE);
    if (kind === ACC_WRITE && this.tracked(gfn)) {
      // A write to a shadowed guest page table: map it read-only, emulate the write.
      this.fetch(root, lo, hi, res, user, false);
      v.stats.pf_emulate++;
      v.log.act(A_PTE_WRITE, res.gpa);
      const page = res.gpa - (res.gpa % FRAME_SIZE);
      v.emulate(GRANT_PTE_WRITE, lo, hi, kind, page, res.pa - (res.pa % FRAME_SIZE));
      return;
    }
    const fresh = this.memslots.fresh;
    const changed = this.fetch(root, lo, hi, res, user, false);
    if (!changed) {
      v.stats.pf_spurious++;
      v.log.act(A_PF_SPURIOUS);
      return;
    }
    v.stats.pf_fixed++;
    if (fresh) v.work[W_ALLOC]++;
    v.log.act(A_PF_FIXED, 0, res.gpa, res.pa - (res.pa % FRAME_SIZE),
      (this.lastLeafWritable ? 0 : AF_READONLY) | (fresh ? AF_NEW_FRAME : 0));
  }

  private lastLeafWritable = false;

  /** The GPA of the MMIO spte mapping (lo, hi) in the current root, or -1. */
  private mmioGpa(lo: number, hi: number): number {
    let sp: ShadowPage | undefined = this.root();
    for (let level = sp.level; level >= 1 && sp !== undefined; level--) {
      const sptep: number = sp.hpa + pageIndex(lo, hi, level) * 8;
      const elo = this.mem.read64lo(sptep), ehi = this.mem.read32(sptep + 4);
      if ((elo & PTE_P) === 0) return -1;
      if (isMmio(elo, ehi)) return entryAddr(elo, ehi & 0xff) + (lo & 0xfff);
      sp = this.byFrame.get(entryAddr(elo, ehi) / FRAME_SIZE);
    }
    return -1;
  }

  /**
   * FNAME(fetch): installs the shadow path for (lo, hi) from the guest walk `res`: link sptes down to
   * level 1 (non-direct pages for guest tables, direct pages under a guest large page), then the leaf.
   * Returns false when nothing changed (a spurious fault).
   */
  private fetch(root: ShadowPage, lo: number, hi: number, res: WalkResult, user: boolean, mmio: boolean): boolean {
    const v = this.vcpu, mem = this.mem;
    let sp = root;
    let changed = false;
    const gwLevel = res.level;
    for (let level = root.level; level > 1; level--) {
      const idx = pageIndex(lo, hi, level);
      const sptep = sp.hpa + idx * 8;
      let childGfn: number, childDirect: boolean, childAccess: number;
      if (sp.direct) {
        childGfn = sp.gfn + idx * 512; // a direct level-2 page under a 1 GiB guest page
        childDirect = true;
        childAccess = sp.access;
      } else {
        const glo = res.entryLo[level]!, ghi = res.entryHi[level]!;
        sp.gpte![idx * 2] = glo; sp.gpte![idx * 2 + 1] = ghi;
        if (level > gwLevel) {
          childGfn = entryAddr(glo, ghi) / FRAME_SIZE;
          childDirect = false;
          childAccess = res.levelRights[level]!;
        } else {
          // the guest's large leaf: a direct page for its region
          const mask = level === 2 ? 0x1fffff : 0x3fffffff;
          childGfn = entryAddr(glo & ~mask, ghi) / FRAME_SIZE;
          childDirect = true;
          // A clean large page gets a read-only direct page (KVM: direct_access &= ~ACC_WRITE_MASK),
          // so direct pages shared by several large guest entries agree on writability.
          childAccess = res.dirty ? res.rights : res.rights & ~RIGHT_W;
        }
      }
      sp.writeFlood = 0;
      const elo = mem.read64lo(sptep), ehi = mem.read32(sptep + 4);
      v.work[W_SPTE]++;
      let child: ShadowPage | undefined;
      if ((elo & PTE_P) !== 0) {
        child = isMmio(elo, ehi) ? undefined : this.byFrame.get(entryAddr(elo, ehi) / FRAME_SIZE);
        if (child === undefined || child.gfn !== childGfn || child.direct !== childDirect || child.access !== childAccess ||
          child.level !== level - 1) {
          this.zapSpte(sp, idx); // a stale link (lazy mode): the guest changed this entry
          child = undefined;
        }
      }
      if (child === undefined) {
        child = this.getPage(childGfn, level - 1, childDirect, childAccess);
        mem.write64(sptep, (child.hpa % TWO32 | SPTE_LINK) >>> 0, Math.floor(child.hpa / TWO32));
        child.parents.push(sptep);
        sp.present++;
        v.work[W_SPTE]++;
        changed = true;
      }
      sp = child;
    }
    // The leaf.
    const idx = pageIndex(lo, hi, 1);
    const sptep = sp.hpa + idx * 8;
    if (!sp.direct) { sp.gpte![idx * 2] = res.entryLo[1]!; sp.gpte![idx * 2 + 1] = res.entryHi[1]!; }
    sp.writeFlood = 0;
    let nlo: number, nhi: number;
    const cpu = v.cpu;
    if (mmio) {
      nlo = mmioLo(res.gpa); nhi = mmioHi(res.gpa);
      this.lastLeafWritable = false;
    } else {
      const rights = res.rights;
      const guestWp = (cpu.cr0 & CR0_WP) !== 0;
      const writableForGuest = (rights & RIGHT_W) !== 0 || (!user && !guestWp);
      const gfn = Math.floor(res.gpa / FRAME_SIZE);
      const w = writableForGuest && res.dirty && !this.tracked(gfn);
      const trick = w && (rights & RIGHT_W) === 0; // writable only because the guest's WP = 0
      const u = (rights & RIGHT_U) !== 0 && !trick;
      const nx = ((cpu.efer & EFER_NXE) !== 0 && (rights & RIGHT_X) === 0) || (trick && (cpu.cr4 & CR4_SMEP) !== 0);
      const hpa = res.pa - (res.pa % FRAME_SIZE);
      // No global sptes: a direct page may be shared by large guest entries that differ in G.
      nlo = leafLo(hpa, w, u, false); nhi = leafHi(hpa, nx);
      this.lastLeafWritable = w;
    }
    const olo = mem.read64lo(sptep), ohi = mem.read32(sptep + 4);
    v.work[W_SPTE]++;
    // (the hardware may have set A/D in the spte: compare without them)
    if ((olo & ~0x60) === (nlo & ~0x60) && ohi === nhi) return changed;
    if ((olo & PTE_P) !== 0) {
      const sameFrame = !isMmio(olo, ohi) && !mmio && entryAddr(olo, ohi) === entryAddr(nlo, nhi);
      if (sameFrame) {
        // rights change in place (e.g. read-only -> writable after the first write)
        mem.write64(sptep, nlo, nhi);
        if (((olo & ~nlo) & (PTE_RW | PTE_US)) !== 0 || ((nhi & ~ohi) & 0x80000000) !== 0) this.flushTlb(); // fewer rights
        return true;
      }
      this.zapSpte(sp, idx);
    }
    mem.write64(sptep, nlo, nhi);
    sp.present++;
    if (!mmio) {
      this.rmapAdd(entryAddr(nlo, nhi) / FRAME_SIZE, sptep);
      v.stats.pages_4k++;
    }
    return true;
  }

  // ---------------------------------------------------------------- writes to guest page tables

  /** A write of the guest to a write-tracked page (served by the vCPU's grant), before it lands. */
  private emulatedPteWrite(gpa: number): void {
    const v = this.vcpu;
    v.stats.mmu_pte_write++;
    this.zapGptes(gpa, true);
  }

  /** The VMM wrote guest memory (a loader): drop shadow entries made from what it overwrote. */
  hostWrite(gpa: number, len: number): void {
    for (let a = gpa - (gpa % 8); a < gpa + len; a += 8) if (this.byGfn.has(Math.floor(a / FRAME_SIZE))) this.zapGptes(a, false);
  }

  /** Zaps the sptes made from the guest entries at gpa (and the next one when the write can span it). */
  private zapGptes(gpa: number, flood: boolean): void {
    const gfn = Math.floor(gpa / FRAME_SIZE);
    const list = this.byGfn.get(gfn);
    if (list === undefined) return;
    const off = gpa % FRAME_SIZE;
    const i0 = off >>> 3, i1 = Math.min(511, (off + 7) >>> 3);
    let zapped = false;
    for (const sp of list.slice()) {
      if (sp.zapped) continue;
      for (let i = i0; i <= i1; i++) if (this.zapSpte(sp, i)) zapped = true;
      if (flood && ++sp.writeFlood >= FLOOD_LIMIT && sp.rootCount === 0) {
        this.vcpu.stats.mmu_flooded++;
        this.zapPage(sp);
        zapped = true;
      }
    }
    if (zapped) this.flushTlb();
  }

  // ------------------------------------------------------------------------- INVLPG / INVPCID

  /** ShadowHooks: INVLPG (the TLB entry is already gone). lazy: drop the shadow entry; wp: in sync. */
  invlpg(lo: number, hi: number): void {
    const v = this.vcpu;
    if (this.sync === 'wp') { v.log.act(A_INVLPG, 0, 0); return; }
    const n = this.syncAddress(lo, hi);
    v.log.act(A_INVLPG, 0, n, 0, n > 0 ? AF_ZAPPED : 0);
  }

  /**
   * lazy: brings the path of (lo, hi) in sync: a link whose guest entry changed is dropped, and the
   * leaf is dropped (refilled from the guest's tables at the next access). Returns sptes zapped.
   */
  private syncAddress(lo: number, hi: number): number {
    let sp: ShadowPage | undefined = this.root();
    let n = 0;
    const mem = this.mem;
    while (sp !== undefined) {
      const idx = pageIndex(lo, hi, sp.level);
      const sptep = sp.hpa + idx * 8;
      const elo = mem.read64lo(sptep), ehi = mem.read32(sptep + 4);
      this.vcpu.work[W_SPTE]++;
      if ((elo & PTE_P) === 0) break;
      if (sp.level === 1 || isMmio(elo, ehi)) { if (this.zapSpte(sp, idx)) n++; break; }
      if (!sp.direct && this.gpteChanged(sp, idx)) { if (this.zapSpte(sp, idx)) n++; break; }
      sp = this.byFrame.get(entryAddr(elo, ehi) / FRAME_SIZE);
    }
    if (n > 0) this.flushTlb();
    this.syncZapped += n;
    return n;
  }

  /** Compares the guest entry behind spte `idx` of `sp` with the snapshot it was made from. A/D bits
   *  the guest cleared count as a change; A/D bits set since (by our walks) update the snapshot. */
  private gpteChanged(sp: ShadowPage, idx: number): boolean {
    const hpa = this.memslots.peekHpa(sp.gfn * FRAME_SIZE + idx * 8);
    this.vcpu.work[W_GPTE]++;
    if (hpa < 0) return true;
    const glo = this.mem.read64lo(hpa), ghi = this.mem.read32(hpa + 4);
    const slo = sp.gpte![idx * 2]!, shi = sp.gpte![idx * 2 + 1]!;
    if (ghi !== shi || ((glo ^ slo) & ~0x60) !== 0 || (slo & ~glo & 0x60) !== 0) return true;
    sp.gpte![idx * 2] = glo;
    return false;
  }

  /** lazy: compares every present entry of the root's non-direct pages with the guest's. */
  private syncRoot(root: ShadowPage): number {
    const stamp = ++this.syncGen;
    let n = 0;
    const stack: ShadowPage[] = [root];
    const mem = this.mem;
    while (stack.length > 0) {
      const sp = stack.pop()!;
      if (sp.zapped || sp.syncStamp === stamp) continue;
      sp.syncStamp = stamp;
      if (sp.present === 0) continue;
      for (let i = 0; i < 512; i++) {
        const sptep = sp.hpa + i * 8;
        const elo = mem.read64lo(sptep);
        if ((elo & PTE_P) === 0) continue;
        this.vcpu.work[W_SPTE]++;
        if (!sp.direct && this.gpteChanged(sp, i)) { if (this.zapSpte(sp, i)) n++; continue; }
        if (sp.level > 1 && !isMmio(elo, mem.read32(sptep + 4))) {
          // direct pages need no sync: they follow the guest's large entry, checked in their parent
          const child = this.byFrame.get(entryAddr(elo, mem.read32(sptep + 4)) / FRAME_SIZE);
          if (child !== undefined && !child.direct) stack.push(child);
        }
      }
    }
    if (n > 0) this.flushTlb();
    this.syncZapped += n;
    return n;
  }

  /** ShadowHooks: INVPCID. Type 0 acts like INVLPG; the others flush whole contexts. */
  invpcid(type: number, _pcid: number, lo: number, hi: number): void {
    if (this.sync === 'wp') return;
    if (type === 0) { this.syncAddress(lo, hi); return; }
    this.tlbFlushGuest();
  }

  /** ShadowHooks: a guest TLB flush of every context: lazy syncs every cached root (kvm_mmu_sync_roots
   *  and kvm_mmu_sync_prev_roots); wp is always in sync. */
  tlbFlushGuest(): number {
    if (this.sync === 'wp') return 0;
    let n = 0;
    for (const r of this.roots.slice()) if (!r.sp.zapped) n += this.syncRoot(r.sp);
    return n;
  }

  /** ShadowHooks: the paging mode changed (CR0.WP/PG, CR4.SMEP/PCIDE, EFER.NXE): zap everything. */
  resetMmu(_why: string): number {
    const before = this.vcpu.stats.mmu_shadow_zapped;
    for (const r of this.roots.splice(0)) r.sp.rootCount--;
    for (const sp of [...this.byFrame.values()]) this.zapPage(sp);
    this.flushTlb();
    this.loadRoot(this.vcpu.cpu.cr3);
    return this.vcpu.stats.mmu_shadow_zapped - before;
  }

  // ------------------------------------------------------------------------------ introspection

  /** The cached roots: guest CR3, shadow root HPA, and the shadow pages reachable from it. */
  rootInfo(): { cr3: number; hpa: number; pages: number; current: boolean }[] {
    return this.roots.map((r, i) => ({ cr3: r.cr3, hpa: r.sp.hpa, pages: this.reachable(r.sp), current: i === 0 }));
  }

  private reachable(root: ShadowPage): number {
    const seen = new Set<ShadowPage>();
    const stack = [root];
    while (stack.length > 0) {
      const sp = stack.pop()!;
      if (seen.has(sp)) continue;
      seen.add(sp);
      if (sp.level === 1) continue;
      for (let i = 0; i < 512; i++) {
        const lo = this.mem.read64lo(sp.hpa + i * 8);
        if ((lo & PTE_P) === 0) continue;
        const c = this.byFrame.get(entryAddr(lo, this.mem.read32(sp.hpa + i * 8 + 4)) / FRAME_SIZE);
        if (c !== undefined) stack.push(c);
      }
    }
    return seen.size;
  }

  /** Guest frames currently write-protected because they are shadowed guest page tables. */
  get trackedGfns(): number {
    return this.sync === 'wp' ? this.byGfn.size : 0;
  }
}

function hex64(lo: number, hi: number): string {
  return ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16);
}
