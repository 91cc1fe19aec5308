// Test helpers: build IA-32e page tables and EPT tables in PhysMem (there is no hypervisor yet).
// Written independently of src/mmu/walk.ts: the index and address arithmetic here uses BigInt.

import { X86Mmu, type MmuOptions } from '../../src/mmu/mmu.js';
import { PhysMem } from '../../src/mmu/phys.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

/** (lo, hi) halves of a 64-bit address. */
export function split(va: bigint): [number, number] {
  return [Number(va & 0xffffffffn), Number((va >> 32n) & 0xffffffffn)];
}

/** Index of va's entry in the table of `level` (1 = PT .. 5 = PML5). */
export function idx(va: bigint, level: number): number {
  return Number((va >> BigInt(12 + 9 * (level - 1))) & 511n);
}

export type Format = 'ia32e' | 'ept';

// IA-32e and EPT bits, spelled out here (not imported) so the tests check the named constants too.
export const P = 1, RW = 2, US = 4, PWT = 8, PCD = 16, A = 32, D = 64, PS = 128, G = 256;
export const XD_HI = 0x80000000;
export const ER = 1, EW = 2, EX = 4, EWB = 6 << 3, EA = 256, ED = 512;

export interface MapOptions {
  /** leaf page size: 12 (4 KiB), 21 (2 MiB) or 30 (1 GiB) */
  shift?: 12 | 21 | 30;
  /** low-dword flags of the leaf (default P|RW|US, or R|W|X|WB for EPT); PS added for large pages */
  flags?: number;
  /** high-dword bits ORed into the leaf */
  hiFlags?: number;
  /** flags of newly created non-leaf entries (default P|RW|US, or R|W|X) */
  tableFlags?: number;
}

/**
 * A page-table tree in physical memory. Table addresses are in the owner's physical space (a GPA for
 * guest tables under EPT: `toHpa` says where that GPA lives in host memory).
 */
export class Tables {
  next: number;
  readonly root: number;
  readonly allocated: number[] = [];

  constructor(
    readonly mem: PhysMem,
    readonly levels: 4 | 5,
    readonly format: Format,
    /** first table address (owner space), 4 KiB aligned */
    allocBase: number,
    readonly toHpa: (addr: number) => number = (x) => x,
  ) {
    this.next = allocBase;
    this.root = this.alloc();
  }

  alloc(): number {
    const a = this.next;
    this.next += 4096;
    const h = this.toHpa(a);
    this.mem.u8.fill(0, h, h + 4096);
    this.allocated.push(a);
    return a;
  }

  get defaultLeaf(): number {
    return this.format === 'ia32e' ? P | RW | US : ER | EW | EX | EWB;
  }
  get defaultTable(): number {
    return this.format === 'ia32e' ? P | RW | US : ER | EW | EX;
  }
  private present(lo: number): boolean {
    return this.format === 'ia32e' ? (lo & P) !== 0 : (lo & 7) !== 0;
  }

  /** Physical (owner-space) address of va's entry at `level`, creating tables on the way. */
  entryAddr(va: bigint, level: number, create = true, tableFlags = this.defaultTable): number {
    let table = this.root;
    for (let l = this.levels; l > level; l--) {
      const ea = table + idx(va, l) * 8;
      const h = this.toHpa(ea);
      let lo = this.mem.read32(h);
      const hi = this.mem.read32(h + 4);
      if (!this.present(lo)) {
        if (!create) throw new Error(`no table at level ${l} for 0x${va.toString(16)}`);
        const t = this.alloc();
        lo = (t % 2 ** 32) | tableFlags;
        this.mem.write32(h, lo >>> 0);
        this.mem.write32(h + 4, Math.floor(t / 2 ** 32));
        table = t;
      } else {
        table = ((lo & 0xfffff000) >>> 0) + (hi & 0xff) * 2 ** 32;
      }
    }
    return table + idx(va, level) * 8;
  }

  /** Maps the page of va to physical `pa` (page aligned). Returns the leaf entry's address. */
  map(va: bigint, pa: number, o: MapOptions = {}): number {
    const shift = o.shift ?? 12;
    const level = (shift - 3) / 9;
    if (pa % 2 ** shift !== 0) throw new Error('unaligned frame');
    const ea = this.entryAddr(va, level, true, o.tableFlags ?? this.defaultTable);
    const flags = (o.flags ?? this.defaultLeaf) | (level > 1 ? PS : 0);
    this.set(ea, (pa % 2 ** 32) | flags, Math.floor(pa / 2 ** 32) | (o.hiFlags ?? 0));
    return ea;
  }

  /** Identity-maps [start, end) with pages of 2^shift. */
  identity(start: number, end: number, o: MapOptions = {}): void {
    const size = 2 ** (o.shift ?? 12);
    for (let a = start; a < end; a += size) this.map(BigInt(a), a, o);
  }

  get(ea: number): { lo: number; hi: number } {
    const h = this.toHpa(ea);
    return { lo: this.mem.read32(h), hi: this.mem.read32(h + 4) };
  }
  set(ea: number, lo: number, hi: number): void {
    const h = this.toHpa(ea);
    this.mem.write32(h, lo >>> 0);
    this.mem.write32(h + 4, hi >>> 0);
  }
  /** ORs / clears bits of the low dword. */
  update(ea: number, setLo: number, clearLo = 0, setHi = 0, clearHi = 0): void {
    const e = this.get(ea);
    this.set(ea, (e.lo | setLo) & ~clearLo, (e.hi | setHi) & ~clearHi);
  }
}

/** Fresh RAM. */
export function ram(size = 16 * MiB): PhysMem {
  return new PhysMem(size);
}

// ------------------------------------------------------------------------------- MMU machines
export const CR0_PE = 1, CR0_WP = 0x10000, CR0_PG = 0x80000000;
export const CR4_PAE = 0x20, CR4_PGE = 0x80, CR4_LA57 = 0x1000, CR4_PCIDE = 0x20000, CR4_SMEP = 0x100000;
export const EFER_LME = 0x100, EFER_LMA = 0x400, EFER_NXE = 0x800;

export interface Machine {
  mem: PhysMem;
  t: Tables;
  mmu: X86Mmu;
}

/** RAM + a 4/5-level page-table tree at 0x10000 + an MMU in long mode (PG, WP, PAE, PGE, NXE). */
export function machine(o: MmuOptions & { levels?: 4 | 5; cr4?: number; ramSize?: number } = {}): Machine {
  const mem = ram(o.ramSize ?? 16 * MiB);
  const levels = o.levels ?? 4;
  const t = new Tables(mem, levels, 'ia32e', 0x10000);
  const mmu = new X86Mmu(mem, o);
  mmu.regs.load({
    cr0: CR0_PG | CR0_WP | CR0_PE, cr3: t.root,
    cr4: o.cr4 ?? (CR4_PAE | CR4_PGE | (levels === 5 ? CR4_LA57 : 0)),
    efer: EFER_LME | EFER_LMA | EFER_NXE, cpl: 0,
  });
  return { mem, t, mmu };
}

/** Outcome of one translate: the physical address or the #PF. */
export function attempt(mmu: X86Mmu, va: bigint, access: number): { pa: number } | { ec: number; fromTlb: boolean } {
  const [lo, hi] = split(va);
  try {
    return { pa: mmu.translate(lo, hi, access) };
  } catch (e) {
    const f = e as { errorCode?: number; fromTlb?: boolean; lo?: number; hi?: number };
    if (typeof f.errorCode !== 'number') throw e;
    if (f.lo !== lo || f.hi !== hi) throw new Error('PageFault carries the wrong address');
    return { ec: f.errorCode, fromTlb: f.fromTlb === true };
  }
}
