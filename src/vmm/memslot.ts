// Memory slots: guest-physical ranges backed by ranges of the VMM's virtual memory (HVA), as
// registered with KVM_SET_USER_MEMORY_REGION. A GPA outside every slot is MMIO.
//
// gpa -> memslot -> hva = userspace_addr + (gpa - guest_phys_addr) -> host page table -> hpa.
// Each slot keeps the HPA of each of its pages once backed (`hpa`, -1 before the first touch): the
// hypervisor's cache of the host page table (KVM gets the pfn from the host's tables through
// get_user_pages and keeps it in its own sptes; here the cache is kept per slot page).

import { FRAME_SIZE } from './host-memory.js';
import type { HostPageTable } from './host-pagetable.js';

export interface MemoryRegion {
  slot: number;
  /** guest_phys_addr (4 KiB aligned) */
  gpa: number;
  /** memory_size in bytes (multiple of 4 KiB) */
  size: number;
  /** userspace_addr: the HVA of the region's first byte (4 KiB aligned) */
  hva: number;
}

export class Memslot {
  readonly baseGfn: number;
  readonly npages: number;
  /** HPA of each page once backed, else -1 */
  readonly hpa: Float64Array;
  /** pages backed so far */
  backed = 0;
  constructor(readonly region: MemoryRegion) {
    this.baseGfn = region.gpa / FRAME_SIZE;
    this.npages = region.size / FRAME_SIZE;
    this.hpa = new Float64Array(this.npages).fill(-1);
  }
  get gpa(): number { return this.region.gpa; }
  get end(): number { return this.region.gpa + this.region.size; }
  get hva(): number { return this.region.hva; }
  contains(gpa: number): boolean { return gpa >= this.region.gpa && gpa < this.end; }
  /** __gfn_to_hva_memslot */
  gpaToHva(gpa: number): number { return this.region.hva + (gpa - this.region.gpa); }
}

export class Memslots {
  readonly slots: Memslot[] = [];
  private last: Memslot | null = null;

  constructor(private readonly hostPt: HostPageTable) {}

  /** KVM_SET_USER_MEMORY_REGION (creation only: slots never move or shrink here). */
  setUserMemoryRegion(r: MemoryRegion): Memslot {
    for (const [name, v] of [['gpa', r.gpa], ['size', r.size], ['hva', r.hva]] as const) {
      if (!Number.isInteger(v) || v < 0 || v % FRAME_SIZE !== 0) throw new RangeError(`memslot ${r.slot}: ${name} must be 4 KiB aligned`);
    }
    if (r.size === 0) throw new RangeError(`memslot ${r.slot}: empty`);
    for (const s of this.slots) {
      if (s.region.slot === r.slot) throw new RangeError(`memslot ${r.slot} already exists`);
      if (r.gpa < s.end && s.gpa < r.gpa + r.size) throw new RangeError(`memslot ${r.slot} overlaps slot ${s.region.slot}`);
    }
    const m = new Memslot(r);
    this.slots.push(m);
    this.slots.sort((a, b) => a.gpa - b.gpa);
    return m;
  }

  /** gfn_to_memslot, by address: the slot holding `gpa`, or null (MMIO). */
  find(gpa: number): Memslot | null {
    const l = this.last;
    if (l !== null && gpa >= l.region.gpa && gpa < l.region.gpa + l.region.size) return l;
    for (const s of this.slots) {
      if (gpa >= s.region.gpa && gpa < s.region.gpa + s.region.size) { this.last = s; return s; }
    }
    return null;
  }

  /** HVA of `gpa`, or -1 (MMIO). */
  gpaToHva(gpa: number): number {
    const s = this.find(gpa);
    return s === null ? -1 : s.gpaToHva(gpa);
  }

  /**
   * HPA of `gpa`, backing its page on first touch (the host allocates a zeroed frame); -1 for MMIO.
   * Throws HostOutOfMemory. `fresh` tells whether this call backed the page.
   */
  gpaToHpa(gpa: number): number {
    const s = this.find(gpa);
    if (s === null) return -1;
    const i = (gpa - s.region.gpa) >>> 12;
    let h = s.hpa[i]!;
    if (h < 0) {
      h = this.hostPt.touch(s.region.hva + i * FRAME_SIZE);
      s.hpa[i] = h;
      s.backed++;
      this.fresh = true;
    } else this.fresh = false;
    return h + (gpa & 0xfff);
  }
  fresh = false;

  /** HPA of `gpa` when already backed, else -1 (never allocates). */
  peekHpa(gpa: number): number {
    const s = this.find(gpa);
    if (s === null) return -1;
    const h = s.hpa[(gpa - s.region.gpa) >>> 12]!;
    return h < 0 ? -1 : h + (gpa & 0xfff);
  }

  /**
   * Backs the 2 MiB-aligned GPA range holding `gpa` with one host huge page, when the range lies in
   * one slot whose HVA is 2 MiB aligned there and none of it is backed yet. Returns the HPA of the
   * range's first byte, or -1.
   */
  backHuge(gpa: number): number {
    return this.backLarge(gpa, 0x200000, (hva) => this.hostPt.touchLarge(hva, 2));
  }

  /**
   * The same for the 1 GiB-aligned range holding `gpa` and one host 1 GiB page (KVM maps a GPA range
   * with a 1 GiB leaf when the host backs its HVA range with a 1 GiB hugetlbfs page). -1: the caller
   * falls back to backHuge, then 4 KiB pages.
   */
  backGiant(gpa: number): number {
    return this.backLarge(gpa, 0x40000000, (hva) => this.hostPt.touchLarge(hva, 3));
  }

  private backLarge(gpa: number, size: number, touch: (hva: number) => number): number {
    const base = gpa - (gpa % size);
    const s = this.find(base);
    if (s === null || base + size > s.end || s.gpaToHva(base) % size !== 0) return -1;
    const first = (base - s.region.gpa) / FRAME_SIZE, n = size / FRAME_SIZE;
    let allBacked = true, noneBacked = true;
    for (let i = first; i < first + n; i++) {
      if (s.hpa[i]! < 0) allBacked = false; else noneBacked = false;
      if (!allBacked && !noneBacked) return -1; // partly backed: smaller pages
    }
    if (allBacked) {
      // already one large page? (contiguous, aligned)
      const h0 = s.hpa[first]!;
      if (h0 % size !== 0) return -1;
      for (let i = 1; i < n; i++) if (s.hpa[first + i] !== h0 + i * FRAME_SIZE) return -1;
      this.fresh = false;
      return h0;
    }
    const h = touch(s.gpaToHva(base));
    if (h < 0) return -1;
    for (let i = 0; i < n; i++) s.hpa[first + i] = h + i * FRAME_SIZE;
    s.backed += n;
    this.fresh = true;
    return h;
  }

  /** Guest pages backed by host frames, over all slots. */
  get pagesBacked(): number {
    let n = 0;
    for (const s of this.slots) n += s.backed;
    return n;
  }
}
