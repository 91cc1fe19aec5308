import { describe, expect, it } from 'vitest';
import { ACC_READ } from '../../src/mmu/mmu.js';
import { SpecError } from '../../src/mmu/assoc.js';
import { parsePwcSpec, PWC_PRESETS } from '../../src/mmu/pwc.js';
import { MiB, P, RW, US, machine, split } from './helpers.js';

/** Walk memory references of one translate (TLB off, so every access walks). */
function refs(mmu: ReturnType<typeof machine>['mmu'], va: bigint): number {
  const before = mmu.stats.walk.memRefs;
  const [lo, hi] = split(va);
  mmu.translate(lo, hi, ACC_READ);
  return mmu.stats.walk.memRefs - before;
}

describe('paging-structure caches', () => {
  it('are off by default', () => {
    const { mmu } = machine();
    expect(mmu.pwc).toBeNull();
    expect(mmu.stats.pwc).toBeUndefined();
  });

  it('parse --pwc specs', () => {
    expect(parsePwcSpec('off')).toEqual(PWC_PRESETS.off);
    expect(parsePwcSpec('on')).toEqual(PWC_PRESETS.on);
    expect(parsePwcSpec('on,pde=64x4').pde).toEqual({ entries: 64, ways: 4 });
    expect(() => parsePwcSpec('on,pte=4x4')).toThrow(SpecError);
    expect(() => parsePwcSpec('on,pte=4x4')).toThrow(/unknown array "pte" \(known: pml5e, pml4e, pdpte, pde\)/);
  });

  it('a hit skips the upper references: PDE hit = 1 ref, PDPTE hit = 2, PML4E hit = 3 (4-level)', () => {
    const { t, mmu } = machine({ tlb: 'off', pwc: 'on' });
    const va = 0x0000_1234_4000_0000n;
    const same = {
      pt: va + 0x1000n, // same page table
      pd: va + 0x20_0000n, // same page directory, another PT
      pdpt: va + 0x4000_0000n, // same PDPT, another PD
      pml4: va + 0x80_0000_0000n, // same PML4, another PDPT
    };
    for (const x of [va, ...Object.values(same)]) t.map(x, 0x30_0000);
    expect(refs(mmu, va)).toBe(4);
    expect(refs(mmu, same.pt)).toBe(1);
    expect(refs(mmu, same.pd)).toBe(2);
    expect(refs(mmu, same.pdpt)).toBe(3);
    expect(refs(mmu, same.pml4)).toBe(4); // only the PML5E cache would help, and this is 4-level
    const s = mmu.stats.pwc!;
    expect(s.lookups).toBe(5);
    expect(s.hits).toBe(3);
    expect(s.caches.pde.hits).toBe(1);
    expect(s.caches.pdpte.hits).toBe(1);
    expect(s.caches.pml4e.hits).toBe(1);
    expect(s.caches.pml5e.hits).toBe(0);
    expect(mmu.stats.walk.memRefs).toBe(4 + 1 + 2 + 3 + 4);
  });

  it('5-level paging: a PML5E hit saves one reference', () => {
    const { t, mmu } = machine({ tlb: 'off', pwc: 'on', levels: 5 });
    const va = 0x0012_0000_0000_0000n;
    t.map(va, 0x30_0000);
    t.map(va + 0x8000_0000_0000n, 0x30_0000); // same PML5E, another PML4 entry
    t.map(va + 0x1000n, 0x30_0000);
    expect(refs(mmu, va)).toBe(5);
    expect(refs(mmu, va + 0x8000_0000_0000n)).toBe(4);
    expect(refs(mmu, va + 0x1000n)).toBe(1);
  });

  it('rights cached above the start level still apply', () => {
    const { t, mmu } = machine({ tlb: 'off', pwc: 'on' });
    const va = 0x4000_0000n;
    t.map(va, 0x30_0000, { tableFlags: P | RW }); // supervisor-only upper levels
    t.map(va + 0x1000n, 0x31_0000);
    expect(refs(mmu, va)).toBe(4);
    mmu.regs.cpl = 3;
    const [lo, hi] = split(va + 0x1000n);
    expect(() => mmu.translate(lo, hi, ACC_READ)).toThrow(expect.objectContaining({ errorCode: 5 }));
    void US;
  });

  it('a PDE changed without invalidation keeps pointing at the old page table until INVLPG / CR3', () => {
    const { t, mem, mmu } = machine({ tlb: 'off', pwc: 'on' });
    const va = 0x4000_0000n;
    t.map(va, 0x30_0000);
    t.map(va + 0x1000n, 0x31_0000);
    const [lo, hi] = split(va + 0x1000n);
    mmu.translate(...split(va), ACC_READ); // fills the PDE cache
    // A second page table where va + 0x1000 maps elsewhere; repoint the PDE to it.
    const pt2 = 0x70_0000;
    mem.write32(pt2 + 8, 0x55_0000 | P | RW | US);
    const pde = t.entryAddr(va, 2, false);
    const old = t.get(pde);
    t.set(pde, pt2 | (old.lo & 0xfff), old.hi);
    expect(mmu.translate(lo, hi, ACC_READ)).toBe(0x31_0000); // walked through the cached PDE: old PT
    mmu.invlpg(0, 0); // INVLPG of any address drops all PWC entries of the PCID
    expect(mmu.translate(lo, hi, ACC_READ)).toBe(0x55_0000);
    t.set(pde, old.lo, old.hi);
    expect(mmu.translate(lo, hi, ACC_READ)).toBe(0x55_0000); // cached again (stale the other way)
    mmu.flushNonGlobal();
    expect(mmu.translate(lo, hi, ACC_READ)).toBe(0x31_0000);
    expect(mmu.stats.pwc!.flushes).toBe(2);
    void MiB;
  });

  it('fills only non-leaf entries: a 2 MiB page caches the PML4E and PDPTE, not the PDE', () => {
    const { t, mmu } = machine({ tlb: 'off', pwc: 'on' });
    const va = 0x4000_0000n;
    t.map(va, 0x20_0000, { shift: 21 });
    expect(refs(mmu, va)).toBe(3);
    expect(refs(mmu, va + 0x1000n)).toBe(1); // PDPTE-cache hit, then the 2 MiB PDE
    const s = mmu.stats.pwc!;
    expect(s.caches.pde.fills).toBe(0);
    expect(s.caches.pdpte.hits).toBe(1);
  });
});
