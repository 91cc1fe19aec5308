// The hypervisor's walk of the guest's own page tables (KVM's paging_tmpl.h walk_addr_generic): the
// MMU's one Walker, format IA-32e, with a step that takes each guest-physical address (the guest's
// table entries and the final address) through the memslots to host RAM. The walk checks rights and
// reserved bits exactly as hardware does, produces the guest's #PF error code, and sets the guest's
// A/D bits when it succeeds: hardware semantics, done in software by the shadow MMU.

import { RIGHTS_ALL, WALK_EPT_MISCONFIG, WalkResult, type WalkStep } from '../mmu/walk.js';
import type { Memslots } from './memslot.js';

export class GpaStep implements WalkStep {
  readonly rights = RIGHTS_ALL;
  /** guest frames are 4 KiB host frames */
  readonly pageShift = 12;
  readonly fault = new WalkResult();
  /** the last walk's final address was MMIO (outside every memslot) */
  finalMmio = false;
  /** a guest paging structure was not in RAM (or not backed, without `allocate`) */
  failed = false;
  /** guest table entries read by this step since the last reset (the hypervisor's work) */
  reads = 0;

  /** @param allocate back guest pages on first touch (a fault handler), or only look (a debugger) */
  constructor(private readonly memslots: Memslots, private readonly allocate: boolean) {}

  reset(): void {
    this.finalMmio = false;
    this.failed = false;
  }

  toHpa(gpa: number, _access: number, entry: boolean, _ctl: number): number {
    if (entry) this.reads++;
    const h = this.allocate ? this.memslots.gpaToHpa(gpa) : this.memslots.peekHpa(gpa);
    if (h >= 0) return h;
    if (!entry && this.memslots.find(gpa) === null) {
      this.finalMmio = true;
      return 0; // never dereferenced: the caller emulates the access
    }
    this.failed = true;
    this.fault.status = WALK_EPT_MISCONFIG;
    this.fault.eptQual = 0;
    return -1;
  }
}
