// The host's own page table: the VMM process's HVA -> HPA mapping (what Linux keeps for QEMU).
//
// A real 4-level IA-32e table in host frames (kind FK_HOST_PT), walkable by src/mmu's Walker. Guest
// RAM is anonymous memory: a page gets a zeroed host frame the first time it is touched (`touch`),
// so guest memory is backed lazily. `touchLarge` backs a whole 2 MiB HVA range with one 2 MiB-aligned
// run of host frames and a 2 MiB leaf (a transparent huge page), or a whole 1 GiB range with a
// 1 GiB-aligned run and a 1 GiB leaf (a hugetlbfs page), when nothing in it is backed yet.

import { entryAddr, pageIndex } from '../mmu/walk.js';
import { PTE_A, PTE_D, PTE_P, PTE_PS, PTE_RW, PTE_US } from '../mmu/paging-bits.js';
import { FK_GUEST, FK_HOST_PT, FRAME_SIZE, type HostMemory } from './host-memory.js';

const TWO32 = 4294967296;
const GIB = 0x40000000;
const TABLE = PTE_P | PTE_RW | PTE_US;
const LEAF = PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D;

export class HostPageTable {
  /** HPA of the PML4 */
  readonly root: number;
  /** page-table frames (the PML4 included) */
  tablePages = 1;
  /** 4 KiB, 2 MiB and 1 GiB leaves */
  pages4k = 0;
  pages2m = 0;
  pages1g = 0;
  /** whether the last touch() allocated a new frame */
  fresh = false;

  constructor(readonly host: HostMemory, readonly owner: number) {
    this.root = host.allocFrame(owner, FK_HOST_PT, 'the host page table');
  }

  /** HPA of the byte at `hva`, or -1 when the page is not backed. */
  lookup(hva: number): number {
    const lo = hva >>> 0, hi = Math.floor(hva / TWO32);
    const mem = this.host.ram;
    let table = this.root;
    for (let level = 4; level >= 1; level--) {
      const e = table + pageIndex(lo, hi, level) * 8;
      const elo = mem.read64lo(e), ehi = mem.read32(e + 4);
      if ((elo & PTE_P) === 0) return -1;
      if (level === 2 && (elo & PTE_PS) !== 0) return entryAddr(elo & ~0x1fffff, ehi) + (lo & 0x1fffff);
      if (level === 3 && (elo & PTE_PS) !== 0) return entryAddr(elo & ~0x3fffffff, ehi) + (lo & 0x3fffffff);
      table = entryAddr(elo, ehi);
    }
    return table + (lo & 0xfff);
  }

  /** The entry slot (HPA) for hva at `level`, creating the tables above it. */
  private slot(lo: number, hi: number, level: number): number {
    const mem = this.host.ram;
    let table = this.root;
    for (let l = 4; l > level; l--) {
      const e = table + pageIndex(lo, hi, l) * 8;
      let elo = mem.read64lo(e);
      const ehi = mem.read32(e + 4);
      if ((elo & PTE_P) === 0) {
        const t = this.host.allocFrame(this.owner, FK_HOST_PT, 'the host page table');
        this.tablePages++;
        mem.write64(e, (t | TABLE) >>> 0, 0);
        elo = (t | TABLE) >>> 0;
        table = t;
      } else {
        if ((l === 2 || l === 3) && (elo & PTE_PS) !== 0) return -1; // inside a huge page
        table = entryAddr(elo, ehi);
      }
    }
    return table + pageIndex(lo, hi, level) * 8;
  }

  /** Backs the 4 KiB page holding `hva` (a zeroed frame on first touch); returns the page's HPA. */
  touch(hva: number): number {
    const existing = this.lookup(hva);
    if (existing >= 0) { this.fresh = false; return existing - (existing % FRAME_SIZE); }
    const lo = hva >>> 0, hi = Math.floor(hva / TWO32);
    const e = this.slot(lo, hi, 1);
    const hpa = this.host.allocFrame(this.owner, FK_GUEST, 'guest memory');
    this.host.ram.write64(e, (hpa % TWO32 | LEAF) >>> 0, Math.floor(hpa / TWO32));
    this.pages4k++;
    this.fresh = true;
    return hpa;
  }

  /**
   * Backs the 2 MiB (level 2: a transparent huge page) or 1 GiB (level 3: a 1 GiB hugetlbfs page) HVA
   * range holding `hva` with one page of that size when none of it is backed yet. Returns the HPA of
   * the range's first byte, or -1 (smaller pages exist there, or the host has no free run of that
   * size: the caller falls back to smaller pages).
   */
  touchLarge(hva: number, level: 2 | 3): number {
    const size = level === 2 ? 0x200000 : GIB;
    const base = hva - (hva % size);
    const e = this.slot(base >>> 0, Math.floor(base / TWO32), level);
    const mem = this.host.ram;
    const elo = e < 0 ? 0 : mem.read64lo(e);
    if (e < 0 || (elo & (PTE_P | PTE_PS)) === (PTE_P | PTE_PS)) { // inside a large page already
      this.fresh = false;
      return this.lookup(base);
    }
    if ((elo & PTE_P) !== 0) return -1; // a table: smaller pages exist there
    const hpa = level === 2 ? this.host.allocHuge(this.owner, FK_GUEST) : this.host.allocGiant(this.owner, FK_GUEST);
    if (hpa < 0) return -1;
    mem.write64(e, (hpa % TWO32 | LEAF | PTE_PS) >>> 0, Math.floor(hpa / TWO32));
    if (level === 2) this.pages2m++; else this.pages1g++;
    this.fresh = true;
    return hpa;
  }
}
