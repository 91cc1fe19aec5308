// A small test-only MMU for the CPU tests (the real one lives in src/mmu): an IA-32e page walker
// (4 or 5 levels, 4 KiB / 2 MiB / 1 GiB pages, P RW NX checks with CR0.WP, A/D bits) without a TLB.
// Throws TestPageFault with the SDM's error code (P, W/R, I/D; CPL is always 0).
import type { CpuMmu, PagingRegs } from '../../../src/cpu/cpu.js';
import type { PhysMem } from '../../../src/mmu/phys.js';

export class TestPageFault extends Error {
  constructor(readonly lo: number, readonly hi: number, readonly errorCode: number) {
    super(`#PF at 0x${hi.toString(16)}:${lo.toString(16)} error 0x${errorCode.toString(16)}`);
    this.name = 'PageFault';
  }
}

export class TestMmu implements CpuMmu {
  walks = 0;
  flushes = 0;
  invlpgs: string[] = [];
  readonly stats = { walks: 0 };
  constructor(readonly mem: PhysMem, readonly regs: PagingRegs) {}

  translate(lo: number, hi: number, access: number): number {
    this.walks++;
    this.stats.walks++;
    const la57 = (this.regs.cr4 & 0x1000) !== 0;
    const addr = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    let table = BigInt(this.regs.cr3) & 0xffffffffff000n;
    const write = access === 1, fetch = access === 2;
    const wp = (this.regs.cr0 & 0x10000) !== 0, nxe = (this.regs.efer & 0x800) !== 0;
    const err = (p: number) => (p | (write ? 2 : 0) | (fetch ? 0x10 : 0));
    const entries: number[] = [];
    let rw = true, nx = false;
    for (let level = la57 ? 5 : 4; level >= 1; level--) {
      const shift = 12n + 9n * BigInt(level - 1);
      const idx = Number((addr >> shift) & 511n);
      const ea = Number(table) + idx * 8;
      const elo = this.mem.read64lo(ea), ehi = this.mem.read64hi(ea);
      if (!(elo & 1)) throw new TestPageFault(lo >>> 0, hi | 0, err(0));
      if ((ehi & 0x000fff00) !== 0) throw new TestPageFault(lo >>> 0, hi | 0, err(1) | 8);
      if (!(elo & 2)) rw = false;
      if (ehi >>> 31) nx = true;
      entries.push(ea);
      const entry = (BigInt(ehi >>> 0) << 32n) | BigInt(elo >>> 0);
      const leaf = level === 1 || ((elo & 0x80) !== 0 && level <= 3);
      if (leaf) {
        if (write && !rw && wp) throw new TestPageFault(lo >>> 0, hi | 0, err(1));
        if (fetch && nx && nxe) throw new TestPageFault(lo >>> 0, hi | 0, err(1));
        for (const e of entries) this.mem.write32(e, this.mem.read32(e) | 0x20); // A
        if (write) this.mem.write32(ea, this.mem.read32(ea) | 0x40);             // D
        const pageMask = (1n << shift) - 1n;
        const base = entry & 0xffffffffff000n & ~pageMask;
        return Number(base | (addr & pageMask));
      }
      table = entry & 0xffffffffff000n;
    }
    throw new Error('unreachable');
  }
  flushNonGlobal(): void { this.flushes++; }
  flushAll(): void { this.flushes++; }
  invlpg(lo: number, hi: number): void { this.invlpgs.push(`${hi.toString(16)}:${lo.toString(16)}`); }
}

export const testMmuFactory = (mem: PhysMem, regs: PagingRegs) => new TestMmu(mem, regs);
