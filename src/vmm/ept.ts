// EPT paging structures (KVM's tdp_mmu.c, in miniature): a 4- or 5-level EPT in host frames owned by
// the hypervisor (kind FK_EPT), with R/W/X leaves of 4 KiB, 2 MiB or 1 GiB.
//
// Entry formats (SDM 29.3.2, tables 29-1..29-6):
//   non-leaf: HPA of the next table | R | W | X
//   leaf:     HPA of the page | R | W | X | memory type WB (6) << 3 | PS (bit 7) for 2 MiB / 1 GiB
//   MMIO:     W | X without R: "writable but not readable" is an EPT misconfiguration (SDM 29.3.3.1),
//             KVM's VMX_EPT_MISCONFIG_WX_VALUE. Every access to the page exits with EPT_MISCONFIG.

import { EPT_PS, EPT_R, EPT_RWX, EPT_W, EPT_X, MT_WB } from '../mmu/paging-bits.js';
import { entryAddr, pageIndex } from '../mmu/walk.js';
import { FK_EPT, type HostMemory } from './host-memory.js';

const TWO32 = 4294967296;
/** leaf attributes: read, write, execute, write-back */
export const EPT_LEAF_RWX = EPT_RWX | (MT_WB << 3);
/** KVM's MMIO pattern: write + execute without read (a misconfiguration) */
export const EPT_MMIO_VALUE = EPT_W | EPT_X;

export class EptTables {
  /** HPA of the EPT PML4 (PML5 with 5 levels) */
  readonly root: number;
  /** the EPT pointer: root | (levels - 1) << 3 | memory type WB */
  readonly eptp: number;
  /** EPT paging-structure frames, the root included */
  tablePages = 1;
  /** current leaves by size, and MMIO (misconfigured) entries */
  pages4k = 0;
  pages2m = 0;
  pages1g = 0;
  mmioEntries = 0;
  /** entries written (the hypervisor's work) since the last read of `takeWork()` */
  private work = 0;

  constructor(readonly host: HostMemory, readonly owner: number, readonly levels: 4 | 5) {
    this.root = host.allocFrame(owner, FK_EPT, 'EPT tables');
    this.work++;
    this.eptp = this.root + ((levels - 1) << 3) + MT_WB;
  }

  /** Entries touched (read or written) since the last call. */
  takeWork(): number {
    const w = this.work;
    this.work = 0;
    return w;
  }

  /**
   * The entry slot (HPA) mapping `gpa` at `level` (1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB), creating the
   * tables above it. Returns -1 if a larger leaf already covers gpa.
   */
  private slot(gpa: number, level: number): number {
    const mem = this.host.ram;
    const lo = gpa >>> 0, hi = Math.floor(gpa / TWO32);
    let table = this.root;
    for (let l: number = this.levels; l > level; l--) {
      const e = table + pageIndex(lo, hi, l) * 8;
      const elo = mem.read64lo(e), ehi = mem.read32(e + 4);
      this.work++;
      if ((elo & EPT_RWX) === 0) {
        const t = this.host.allocFrame(this.owner, FK_EPT, 'EPT tables');
        this.tablePages++;
        mem.write64(e, (t % TWO32 | EPT_RWX) >>> 0, Math.floor(t / TWO32));
        table = t;
      } else {
        if ((elo & EPT_PS) !== 0 || (elo & (EPT_R | EPT_W)) === EPT_W) return -1;
        table = entryAddr(elo, ehi);
      }
    }
    return table + pageIndex(lo, hi, level) * 8;
  }

  /** Installs a leaf: `gpa` (aligned to the page size of `level`) -> `hpa`, rights `rwx`. Returns false
   *  when a larger leaf already covers gpa, or when a table of smaller leaves is there (a large leaf
   *  never replaces one: its entries would be lost and its frame leaked). */
  map(gpa: number, hpa: number, level: 1 | 2 | 3, rwx = EPT_RWX): boolean {
    const e = this.slot(gpa, level);
    if (e < 0) return false;
    const mem = this.host.ram;
    const old = mem.read64lo(e);
    if (level > 1 && (old & EPT_RWX) !== 0 && (old & EPT_PS) === 0 && (old & (EPT_R | EPT_W)) !== EPT_W) return false;
    if ((old & EPT_RWX) !== 0 && (old & (EPT_R | EPT_W)) !== EPT_W) this.countLeaf(level, old, -1);
    else if ((old & (EPT_R | EPT_W)) === EPT_W) this.mmioEntries--;
    const attrs = (rwx & EPT_RWX) | (MT_WB << 3) | (level > 1 ? EPT_PS : 0);
    mem.write64(e, (hpa % TWO32 | attrs) >>> 0, Math.floor(hpa / TWO32));
    this.work++;
    this.countLeaf(level, attrs, 1);
    return true;
  }

  private countLeaf(level: number, _e: number, d: number): void {
    if (level === 1) this.pages4k += d;
    else if (level === 2) this.pages2m += d;
    else this.pages1g += d;
  }

  /** Installs the MMIO (misconfigured) 4 KiB leaf for the page of `gpa`. */
  setMmio(gpa: number): boolean {
    const e = this.slot(gpa - (gpa % 4096), 1);
    if (e < 0) return false;
    this.host.ram.write64(e, EPT_MMIO_VALUE, 0);
    this.work++;
    this.mmioEntries++;
    return true;
  }

  /** The leaf mapping `gpa`: {hpa of gpa, level, entry low bits} or null (not present). */
  lookup(gpa: number): { hpa: number; level: number; entry: number; mmio: boolean } | null {
    const mem = this.host.ram;
    const lo = gpa >>> 0, hi = Math.floor(gpa / TWO32);
    let table = this.root;
    for (let l: number = this.levels; l >= 1; l--) {
      const e = table + pageIndex(lo, hi, l) * 8;
      const elo = mem.read64lo(e), ehi = mem.read32(e + 4);
      if ((elo & EPT_RWX) === 0) return null;
      if ((elo & (EPT_R | EPT_W)) === EPT_W) return { hpa: -1, level: l, entry: elo, mmio: true };
      if (l === 1 || (l <= 3 && (elo & EPT_PS) !== 0)) {
        const mask = l === 1 ? 0xfff : l === 2 ? 0x1fffff : 0x3fffffff;
        return { hpa: entryAddr(elo & ~mask, ehi) + (gpa % (mask + 1)), level: l, entry: elo, mmio: false };
      }
      table = entryAddr(elo, ehi);
    }
    return null;
  }
}
