// EPT mode (two-dimensional paging, KVM's "TDP MMU"): the guest's own page tables are loaded in the
// MMU (CR3 is a guest-physical address) and every guest-physical address the walk produces, for each
// guest paging-structure entry and for the final address, is translated by the EPT (src/mmu's
// EptStep: the 2-D walk, every reference counted). The guest's CR3 writes, INVLPG and #PFs need no
// hypervisor: they run in the guest.
//
// EPT_VIOLATION (no EPT mapping yet): the GPA's memslot gives its HVA, the host page table its HPA
// (a zeroed frame on first touch), and the EPT gets a leaf; the guest resumes and re-executes.
// `--ept-large` (2m) backs 2 MiB-aligned ranges with host huge pages mapped by 2 MiB EPT leaves;
// `--ept-large 1g` first tries 1 GiB ranges with 1 GiB host pages and 1 GiB leaves (hugetlbfs 1G),
// then 2 MiB, then 4 KiB. `--ept-prefault` maps all guest RAM before the guest starts.
// GPAs outside every memslot are MMIO: the first access installs a misconfigured EPT entry (KVM's
// MMIO trick) and emulates the access; every later access exits with EPT_MISCONFIG and is emulated.
// Unassigned MMIO reads return all ones; writes are dropped.

import { EptStep, WALK_EPT_VIOLATION, WALK_PAGE_FAULT, type WalkResult } from '../mmu/walk.js';
import { W_ALLOC, W_SPTE } from './cost.js';
import { EptTables } from './ept.js';
import { A_EPT_MAP, A_MMIO_SETUP, AF_1G, AF_LARGE, AF_NEW_FRAME, AF_WRITE } from './exit-log.js';
import { EPT_QUAL_GLA_FINAL, EPT_QUAL_GLA_VALID, EXIT_REASON_EPT_MISCONFIG, EXIT_REASON_EPT_VIOLATION } from './exit-reasons.js';
import type { HostMemory } from './host-memory.js';
import type { Memslots } from './memslot.js';
import { GRANT_MMIO, VmError, type PagingHandler, type Vcpu } from './vcpu.js';

export interface EptOptions {
  /** 4 or 5 EPT levels */
  levels: 4 | 5;
  /** the largest leaf the VMM maps: 1 = 4 KiB, 2 = 2 MiB (`--ept-large`), 3 = 1 GiB (`--ept-large 1g`) */
  maxLevel: 1 | 2 | 3;
}

/** `eptLarge` of createVm (`--ept-large [2m|1g]`; true = 2m) as the largest EPT leaf level. */
export function eptMaxLevel(large: boolean | '2m' | '1g' | undefined): 1 | 2 | 3 {
  if (large === undefined || large === false) return 1;
  if (large === true || large === '2m') return 2;
  if (large === '1g') return 3;
  throw new RangeError(`eptLarge must be true, false, '2m' or '1g', got '${String(large)}'`);
}

/** bytes mapped by a leaf at level 1, 2, 3 */
const LEAF_BYTES = [0, 0x1000, 0x200000, 0x40000000];

export class EptPaging implements PagingHandler {
  readonly ept: EptTables;
  readonly step: EptStep;

  constructor(readonly vcpu: Vcpu, readonly host: HostMemory, readonly owner: number, readonly memslots: Memslots,
    readonly opts: EptOptions) {
    this.ept = new EptTables(host, owner, opts.levels);
    this.step = new EptStep(vcpu.mmu.walker, this.ept.eptp);
  }

  /** Loads the EPT pointer into the MMU ("enable EPT"). */
  install(): void {
    const mmu = this.vcpu.mmu;
    mmu.step = this.step;
    mmu.refresh();
  }

  exitInfo(status: number, lo: number, hi: number, access: number, _ec: number, res: WalkResult | null): boolean {
    if (status === WALK_PAGE_FAULT || res === null) return false; // the guest's own #PF: delivered in the guest
    const info = this.vcpu.info;
    info.reason = status === WALK_EPT_VIOLATION ? EXIT_REASON_EPT_VIOLATION : EXIT_REASON_EPT_MISCONFIG;
    // An EPT misconfiguration has no exit qualification (SDM 28.2.1); the GPA field is set for both.
    info.qualLo = status === WALK_EPT_VIOLATION ? res.eptQual : 0;
    info.qualHi = 0;
    info.gpa = res.eptGpa;
    info.glaValid = status === WALK_EPT_VIOLATION && (res.eptQual & EPT_QUAL_GLA_VALID) !== 0;
    info.glaLo = lo >>> 0; info.glaHi = hi | 0;
    info.access = access;
    info.final = (res.eptQual & EPT_QUAL_GLA_FINAL) !== 0;
    return true;
  }

  handleFaultExit(): void {
    const v = this.vcpu, info = v.info;
    const gpa = info.gpa;
    const final = info.final;
    if (info.reason === EXIT_REASON_EPT_MISCONFIG) {
      // Only MMIO pages carry the misconfigured pattern.
      if (!final) throw new VmError(`guest paging structure at gpa 0x${gpa.toString(16)} is MMIO`);
      v.mmioAccess(info.glaLo, info.glaHi, info.access, gpa);
      return;
    }
    if (this.memslots.find(gpa) === null) {
      if (!final) throw new VmError(`guest paging structure at gpa 0x${gpa.toString(16)} is not RAM (MMIO)`);
      this.ept.setMmio(gpa);
      v.work[W_SPTE] += this.ept.takeWork();
      v.log.act(A_MMIO_SETUP, gpa, 0, 0, (info.access & 3) === 1 ? AF_WRITE : 0);
      v.stats.mmio_exits++;
      v.stats.pf_emulate++;
      if ((info.access & 3) === 2) throw new VmError(`instruction fetch from MMIO at gpa 0x${gpa.toString(16)}`);
      v.emulate(GRANT_MMIO, info.glaLo, info.glaHi, info.access, gpa - (gpa % 4096), -1);
      return;
    }
    this.map(gpa, true);
  }

  /** Maps the page holding `gpa` (memslot -> HVA -> HPA), with the largest leaf the backing allows. */
  map(gpa: number, log: boolean): void {
    const v = this.vcpu, slots = this.memslots;
    let level: 1 | 2 | 3 = 1, hpa = -1, page = gpa - (gpa % 4096);
    if (this.opts.maxLevel === 3) {
      const h = slots.backGiant(gpa);
      if (h >= 0) { level = 3; hpa = h; page = gpa - (gpa % 0x40000000); }
    }
    if (hpa < 0 && this.opts.maxLevel >= 2) {
      const h = slots.backHuge(gpa);
      if (h >= 0) { level = 2; hpa = h; page = gpa - (gpa % 0x200000); }
    }
    if (hpa < 0) hpa = slots.gpaToHpa(page);
    let fresh = slots.fresh;
    let mapped = this.ept.map(page, hpa, level);
    if (!mapped && level > 1) {
      // The range was already backed (contiguously), but some of it is mapped by smaller EPT leaves:
      // map this page alone, as KVM does when a huge page cannot be used.
      level = 1; page = gpa - (gpa % 4096);
      hpa = slots.gpaToHpa(page);
      fresh = slots.fresh;
      mapped = this.ept.map(page, hpa, 1);
    }
    if (!mapped) {
      // A larger leaf already covers it (cannot happen for a violation; prefault overlap): nothing to do.
      v.work[W_SPTE] += this.ept.takeWork();
      return;
    }
    v.stats.pf_fixed++;
    if (level === 1) v.stats.pages_4k++; else if (level === 2) v.stats.pages_2m++; else v.stats.pages_1g++;
    v.work[W_SPTE] += this.ept.takeWork();
    if (fresh) v.work[W_ALLOC] += LEAF_BYTES[level]! / 4096; // every frame of the run is zeroed
    if (log) {
      const hva = slots.gpaToHva(page);
      v.log.act(A_EPT_MAP, page, hva, hpa, (fresh ? AF_NEW_FRAME : 0) | (level === 2 ? AF_LARGE : level === 3 ? AF_1G : 0));
    }
  }

  /** Maps all guest RAM before the guest starts (`--ept-prefault`). */
  prefault(): void {
    for (const s of this.memslots.slots) {
      for (let gpa = s.gpa; gpa < s.end;) {
        const before = this.ept.lookup(gpa);
        if (before === null) this.map(gpa, false);
        const now = this.ept.lookup(gpa);
        const step = now === null ? 4096 : LEAF_BYTES[now.level]!; // a whole large leaf in one go
        gpa += step - (gpa % step);
      }
    }
    this.ept.takeWork();
  }

  /** GPA -> HPA through the EPT, without side effects (-1: not mapped or MMIO). */
  translate(gpa: number): number {
    const r = this.ept.lookup(gpa);
    return r === null || r.mmio ? -1 : r.hpa;
  }
}
