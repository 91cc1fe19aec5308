import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACC_FETCH, ACC_READ, ACC_SUPERVISOR, ACC_WRITE, PageFault } from '../../src/mmu/mmu.js';
import { SpecError } from '../../src/mmu/assoc.js';
import { formatTlbConfig, parseTlbSpec, Tlb, TLB_PRESETS } from '../../src/mmu/tlb.js';
import {
  A, CR4_PAE, CR4_PCIDE, CR4_PGE, D, G, GiB, MiB, P, RW, Tables, US, XD_HI, attempt, machine, split,
} from './helpers.js';

const BASE = 0x4000_0000n;
const page = (i: number) => BASE + BigInt(i) * 0x1000n;
const frame = (i: number) => 0x10_0000 + i * 0x1000;

function mapPages(t: Tables, n: number, flags = P | RW | US): number[] {
  const leaves: number[] = [];
  for (let i = 0; i < n; i++) leaves.push(t.map(page(i), frame(i), { flags }));
  return leaves;
}

function read(mmu: ReturnType<typeof machine>['mmu'], va: bigint, access = ACC_READ): number {
  const [lo, hi] = split(va);
  return mmu.translate(lo, hi, access);
}

describe('TLB spec parsing', () => {
  it('defaults to the documented Skylake geometry', () => {
    const c = parseTlbSpec('skylake');
    expect(c).toEqual(TLB_PRESETS.skylake);
    expect(formatTlbConfig(c)).toBe('l1d4k=64x4,l1d2m=32x4,l1d1g=4xfull,l1i4k=128x8,l1i2m=8xfull,l1i1g=off,stlb=1536x12,stlb1g=16x4');
    expect(new Tlb().config).toEqual(TLB_PRESETS.skylake);
  });

  it('applies overrides on a preset and round-trips through formatTlbConfig', () => {
    const c = parseTlbSpec('tiny, l1d4k=16x4 ,stlb=off,l1i2m=8xfull');
    expect(c.l1d4k).toEqual({ entries: 16, ways: 4 });
    expect(c.stlb).toEqual({ entries: 0, ways: 0 });
    expect(c.l1i2m).toEqual({ entries: 8, ways: 8 });
    expect(c.l1d2m).toEqual(TLB_PRESETS.tiny!.l1d2m);
    expect(parseTlbSpec(formatTlbConfig(c))).toEqual(c);
    // Without a preset, the overrides apply to Skylake.
    expect(parseTlbSpec('l1d4k=32x4').l1i4k).toEqual({ entries: 128, ways: 8 });
  });

  it.each([
    ['icelake', /neither a preset .*skylake.*nor NAME=GEOMETRY/],
    ['l1d5k=64x4', /unknown array "l1d5k" \(known: l1d4k, /],
    ['l1d4k=64', /expected ENTRIESxWAYS/],
    ['l1d4k=64x3', /not a multiple of 3 ways/],
    ['l1d4k=48x4', /12 sets is not a power of two/],
    ['l1d4k=0x4', /must be positive/],
    ['l1d4k=8x2,l1d4k=4x2', /given twice/],
    ['l1d4k=8x2,tiny', /preset "tiny" must come first/],
    ['skylake,,stlb=off', /empty item at position 2/],
    ['stlb=99999x1', /at most 65536/],
  ])('rejects %s with a clear message', (spec, re) => {
    expect(() => parseTlbSpec(spec)).toThrow(SpecError);
    expect(() => parseTlbSpec(spec)).toThrow(re);
  });
});

describe('hits, misses and true-LRU replacement', () => {
  it('2-way set: the least recently used way is evicted', () => {
    // One L1 array only: l1d4k with 2 sets x 2 ways. Even pages share set 0.
    const { t, mmu } = machine({ tlb: 'off,l1d4k=4x2' });
    mapPages(t, 8);
    const seq: [number, 'hit' | 'miss'][] = [
      [0, 'miss'], [2, 'miss'], [0, 'hit'], [4, 'miss'], // p4 evicts p2 (LRU), not p0
      [0, 'hit'], [2, 'miss'], // p2 evicts p4
      [4, 'miss'], // evicts p0: p0 was used at step 5, p2 filled at step 6
      [2, 'hit'], [0, 'miss'],
    ];
    for (const [p, want] of seq) {
      const walks = mmu.stats.walk.walks;
      expect(read(mmu, page(p) + 8n)).toBe(frame(p) + 8);
      expect(mmu.stats.walk.walks - walks, `page ${p}`).toBe(want === 'miss' ? 1 : 0);
    }
    const s = mmu.stats.tlb;
    expect(s.lookups).toBe(9);
    expect(s.hits).toBe(3);
    expect(s.misses).toBe(6);
    expect(s.arrays.l1d4k).toMatchObject({ hits: 3, fills: 6, evictions: 4, valid: 2 });
    expect(s.l1).toMatchObject({ lookups: 9, hits: 3, misses: 6, dMisses: 6, iMisses: 0 });
    expect(mmu.stats.walk).toMatchObject({ walks: 6, memRefs: 24 });
  });

  it('the STLB catches L1 evictions and refills L1', () => {
    const { t, mmu } = machine({ tlb: 'off,l1d4k=4x2,stlb=16x4' });
    mapPages(t, 8);
    for (const p of [0, 2, 4]) read(mmu, page(p)); // p4 evicts p0 from L1
    const walks = mmu.stats.walk.walks;
    expect(read(mmu, page(0) + 0x10n)).toBe(frame(0) + 0x10);
    expect(mmu.stats.walk.walks).toBe(walks);
    const s = mmu.stats.tlb;
    expect(s.stlb).toEqual({ lookups: 4, hits: 1, misses: 3 });
    expect(s.arrays.stlb).toMatchObject({ hits: 1, fills: 3 });
    expect(s.arrays.l1d4k).toMatchObject({ fills: 4, evictions: 2 });
    expect(read(mmu, page(0))).toBe(frame(0)); // now an L1 hit
    expect(mmu.stats.tlb.arrays.l1d4k!.hits).toBe(1);
  });

  it('instruction fetches use the ITLB; data accesses the DTLB; the STLB is shared', () => {
    const { t, mmu } = machine();
    mapPages(t, 2);
    read(mmu, page(0), ACC_FETCH);
    read(mmu, page(0), ACC_READ);
    const s = mmu.stats.tlb;
    expect(s.l1).toMatchObject({ iMisses: 1, dMisses: 1, hits: 0 });
    expect(s.stlb.hits).toBe(1);
    expect(s.arrays.l1i4k!.fills).toBe(1);
    expect(s.arrays.l1d4k!.fills).toBe(1);
    expect(mmu.stats.walk.walks).toBe(1);
  });

  it('large pages go to their own arrays', () => {
    const { t, mmu } = machine();
    t.map(0x4000_0000n, 0x20_0000, { shift: 21 });
    t.map(0x8000_0000n, GiB, { shift: 30 });
    expect(read(mmu, 0x4000_0000n + 0x1_2345n)).toBe(0x21_2345);
    expect(read(mmu, 0x4000_0000n + 0x1f_0000n)).toBe(0x3f_0000); // same 2 MiB entry
    expect(read(mmu, 0x8000_0000n + 0x3000_0008n)).toBe(GiB + 0x3000_0008);
    const s = mmu.stats.tlb;
    expect(s.arrays.l1d2m).toMatchObject({ fills: 1, hits: 1 });
    expect(s.arrays.l1d1g).toMatchObject({ fills: 1 });
    expect(s.arrays.stlb).toMatchObject({ fills: 1 });
    expect(s.arrays.stlb1g).toMatchObject({ fills: 1 });
  });

  it('a 1 GiB page has no ITLB array on Skylake: cached as 2 MiB pieces, all dropped by one INVLPG', () => {
    const { t, mmu } = machine();
    const va = 0x40_0000_0000n;
    t.map(va, GiB, { shift: 30 });
    expect(read(mmu, va + 0x1234n, ACC_FETCH)).toBe(GiB + 0x1234);
    expect(read(mmu, va + 0x1_0000n, ACC_FETCH)).toBe(GiB + 0x1_0000); // same 2 MiB piece
    expect(read(mmu, va + 0x20_0000n, ACC_FETCH)).toBe(GiB + 0x20_0000); // second piece, from the STLB
    let s = mmu.stats.tlb;
    expect(s.arrays.l1i2m).toMatchObject({ fills: 2, hits: 1, valid: 2 });
    expect(s.arrays.stlb1g).toMatchObject({ fills: 1, hits: 1 });
    expect(mmu.stats.walk.walks).toBe(1);
    const [lo, hi] = split(va + 0x3000_0000n); // a third 2 MiB region of the same page, never cached
    mmu.invlpg(lo, hi);
    s = mmu.stats.tlb;
    expect(s.arrays.l1i2m).toMatchObject({ valid: 0, pageFlushed: 2 });
    expect(s.arrays.stlb1g).toMatchObject({ valid: 0, pageFlushed: 1 });
    expect(s.pageFlushes).toBe(1);
    read(mmu, va + 0x1234n, ACC_FETCH);
    expect(mmu.stats.walk.walks).toBe(2);
  });
});

describe('global pages, flushes and INVLPG', () => {
  function globalSetup(cr4: number) {
    const mc = machine({ cr4 });
    mc.t.map(page(0), frame(0), { flags: P | RW | US | G });
    mc.t.map(page(1), frame(1));
    read(mc.mmu, page(0));
    read(mc.mmu, page(1));
    return mc;
  }

  it('global entries survive a non-global flush (CR3 write) when CR4.PGE = 1', () => {
    const { mmu } = globalSetup(CR4_PAE | CR4_PGE);
    mmu.flushNonGlobal();
    const w = mmu.stats.walk.walks;
    read(mmu, page(0));
    expect(mmu.stats.walk.walks).toBe(w);
    read(mmu, page(1));
    expect(mmu.stats.walk.walks).toBe(w + 1);
    expect(mmu.stats.tlb.flushes).toBe(1);
    expect(mmu.stats.tlb.arrays.l1d4k!.flushed).toBe(1);
    expect(mmu.stats.tlb.arrays.stlb!.flushed).toBe(1);
  });

  it('without CR4.PGE the G bit is ignored', () => {
    const { mmu } = globalSetup(CR4_PAE);
    mmu.flushNonGlobal();
    const w = mmu.stats.walk.walks;
    read(mmu, page(0));
    expect(mmu.stats.walk.walks).toBe(w + 1);
  });

  it('flushAll (CR4.PGE toggle) drops global entries too', () => {
    const { mmu } = globalSetup(CR4_PAE | CR4_PGE);
    mmu.movCr4(CR4_PAE); // PGE 1 -> 0
    expect(mmu.stats.tlb.flushedEntries).toBe(4);
    mmu.movCr4(CR4_PAE | CR4_PGE);
    const w = mmu.stats.walk.walks;
    read(mmu, page(0));
    expect(mmu.stats.walk.walks).toBe(w + 1);
  });

  it('INVLPG drops a global entry (and only that page)', () => {
    const { mmu } = globalSetup(CR4_PAE | CR4_PGE);
    const [lo, hi] = split(page(0) + 0x777n);
    mmu.invlpg(lo, hi);
    const w = mmu.stats.walk.walks;
    read(mmu, page(1));
    expect(mmu.stats.walk.walks).toBe(w);
    read(mmu, page(0));
    expect(mmu.stats.walk.walks).toBe(w + 1);
    expect(mmu.stats.tlb.pageFlushedEntries).toBe(2); // l1d4k + stlb
  });
});

describe('stale entries behave as on hardware', () => {
  it('a PTE changed without INVLPG still translates the old way while cached, the new way after', () => {
    const { t, mmu } = machine();
    const [leaf] = mapPages(t, 1);
    expect(read(mmu, page(0) + 4n)).toBe(frame(0) + 4);
    t.set(leaf!, frame(9) | P | RW | US, 0);
    expect(read(mmu, page(0) + 4n)).toBe(frame(0) + 4); // stale
    const [lo, hi] = split(page(0));
    mmu.invlpg(lo, hi);
    expect(read(mmu, page(0) + 4n)).toBe(frame(9) + 4);
  });

  it('also from the STLB after the L1 entry was evicted', () => {
    const { t, mmu } = machine({ tlb: 'off,l1d4k=2x1,stlb=16x4' });
    const leaves = mapPages(t, 4);
    read(mmu, page(0));
    t.set(leaves[0]!, frame(9) | P | RW | US, 0);
    read(mmu, page(2)); // evicts page 0 from the 1-way set 0
    expect(read(mmu, page(0))).toBe(frame(0));
    expect(mmu.stats.tlb.stlb.hits).toBe(1);
  });

  it('a page made not-present stays usable until invalidated', () => {
    const { t, mmu } = machine();
    const [leaf] = mapPages(t, 1);
    read(mmu, page(0), ACC_WRITE);
    t.update(leaf!, 0, P);
    expect(read(mmu, page(0), ACC_WRITE)).toBe(frame(0));
    mmu.flushNonGlobal();
    expect(attempt(mmu, page(0), ACC_WRITE)).toEqual({ ec: 2, fromTlb: false });
  });

  it('a write hitting an entry cached with D = 0 re-walks to set D', () => {
    const { t, mmu } = machine();
    const [leaf] = mapPages(t, 1);
    read(mmu, page(0), ACC_READ);
    expect(t.get(leaf!).lo & (A | D)).toBe(A);
    read(mmu, page(0), ACC_WRITE);
    expect(t.get(leaf!).lo & (A | D)).toBe(A | D);
    expect(mmu.stats.tlb.dirtyRewalks).toBe(1);
    expect(mmu.stats.walk.walks).toBe(2);
    read(mmu, page(0), ACC_WRITE);
    expect(mmu.stats.walk.walks).toBe(2);
    expect(mmu.stats.tlb.lookups).toBe(3);
  });

  it('the D re-walk sees the current PTE: a page made read-only meanwhile faults', () => {
    const { t, mmu } = machine();
    const [leaf] = mapPages(t, 1);
    read(mmu, page(0), ACC_READ);
    t.update(leaf!, 0, RW);
    expect(attempt(mmu, page(0), ACC_WRITE)).toEqual({ ec: 3, fromTlb: false });
  });

  it('rights are cached: a page made writable without INVLPG faults once ("spurious" #PF), then works', () => {
    const { t, mmu } = machine();
    const [leaf] = mapPages(t, 1, P | US);
    read(mmu, page(0));
    t.update(leaf!, RW);
    const w = mmu.stats.walk.walks;
    expect(attempt(mmu, page(0), ACC_WRITE)).toEqual({ ec: 3, fromTlb: true });
    expect(mmu.stats.walk.walks).toBe(w);
    expect(mmu.stats.tlb.hitFaults).toBe(1);
    expect(read(mmu, page(0), ACC_WRITE)).toBe(frame(0)); // the #PF invalidated the entry
    expect(mmu.stats.walk.walks).toBe(w + 1);
  });
});

describe('PCIDs', () => {
  function pcidSetup() {
    const mc = machine({ cr4: CR4_PAE | CR4_PGE | CR4_PCIDE });
    const t2 = new Tables(mc.mem, 4, 'ia32e', 0x80_0000);
    const leaf1 = mc.t.map(page(0), frame(1));
    t2.map(page(0), frame(2));
    mc.t.map(page(5), frame(5), { flags: P | RW | US | G });
    t2.map(page(5), frame(6), { flags: P | RW | US | G });
    const cr3 = (root: number, pcid: number, noFlush = false): void => mc.mmu.movCr3(root | pcid, noFlush ? 0x8000_0000 : 0);
    cr3(mc.t.root, 1);
    return { ...mc, t2, leaf1, cr3 };
  }

  it('tags entries with the PCID; CR3 bit 63 keeps them; a plain CR3 write flushes only the new PCID', () => {
    const { mmu, t, t2, leaf1, cr3 } = pcidSetup();
    expect(read(mmu, page(0))).toBe(frame(1));
    cr3(t2.root, 2);
    expect(read(mmu, page(0))).toBe(frame(2));
    cr3(t.root, 1, true);
    t.set(leaf1, frame(3) | P | RW | US, 0);
    const w = mmu.stats.walk.walks;
    expect(read(mmu, page(0))).toBe(frame(1)); // PCID 1's entry survived, stale
    expect(mmu.stats.walk.walks).toBe(w);
    cr3(t.root, 1); // flushes PCID 1 only
    expect(read(mmu, page(0))).toBe(frame(3));
    cr3(t2.root, 2, true);
    expect(read(mmu, page(0))).toBe(frame(2)); // PCID 2 untouched
    expect(mmu.stats.walk.walks).toBe(w + 1);
    expect(mmu.regs.cr3).toBe(t2.root | 2); // bit 63 is not stored
  });

  it('global entries match every PCID', () => {
    const { mmu, t2, cr3 } = pcidSetup();
    expect(read(mmu, page(5))).toBe(frame(5));
    cr3(t2.root, 2);
    expect(read(mmu, page(5))).toBe(frame(5)); // PCID 2's tables say frame 6, but the global entry wins
  });

  it('INVPCID types 0-3', () => {
    const { mmu, t, t2, cr3 } = pcidSetup();
    const [lo, hi] = split(page(0));
    const warm = () => {
      mmu.flushAll();
      cr3(t2.root, 2, true); read(mmu, page(0)); read(mmu, page(5));
      cr3(t.root, 1, true); read(mmu, page(0));
    };
    const walksFor = (pcid: number, root: number, p: number) => {
      cr3(root, pcid, true);
      const w = mmu.stats.walk.walks;
      read(mmu, page(p));
      return mmu.stats.walk.walks - w;
    };
    warm();
    mmu.invpcid(0, 2, lo, hi); // one address, PCID 2
    expect(walksFor(1, t.root, 0)).toBe(0);
    expect(walksFor(2, t2.root, 0)).toBe(1);
    warm();
    mmu.invpcid(1, 1, 0, 0); // all non-global of PCID 1
    expect(walksFor(2, t2.root, 0)).toBe(0);
    expect(walksFor(1, t.root, 0)).toBe(1);
    expect(walksFor(1, t.root, 5)).toBe(0); // global kept
    warm();
    mmu.invpcid(3, 0, 0, 0); // all non-global, every PCID
    expect(walksFor(1, t.root, 5)).toBe(0);
    expect(walksFor(1, t.root, 0)).toBe(1);
    expect(walksFor(2, t2.root, 0)).toBe(1);
    warm();
    mmu.invpcid(2, 0, 0, 0); // everything
    expect(walksFor(1, t.root, 5)).toBe(1);
    expect(() => mmu.invpcid(4, 0, 0, 0)).toThrow(RangeError);
    expect(() => mmu.invpcid(0, 4096, 0, 0)).toThrow(RangeError);
  });

  it('clearing CR4.PCIDE flushes every PCID', () => {
    const { mmu, t2, cr3 } = pcidSetup();
    read(mmu, page(0));
    cr3(t2.root, 2, true);
    read(mmu, page(0));
    mmu.movCr4(CR4_PAE | CR4_PGE);
    expect(Object.values(mmu.stats.tlb.arrays).every((a) => a.valid === 0)).toBe(true);
  });
});

describe('#PF from cached rights and the fault invalidation', () => {
  it('a fetch from a page cached by a read, made XD meanwhile, still succeeds (stale), and a fault drops the page everywhere', () => {
    const { t, mmu } = machine();
    const [leaf] = mapPages(t, 1);
    read(mmu, page(0), ACC_READ); // L1D + STLB, rights R W X U
    t.update(leaf!, 0, 0, XD_HI);
    expect(read(mmu, page(0), ACC_FETCH)).toBe(frame(0)); // L1I miss, STLB hit with the old rights
    // A user-mode write to a supervisor... make a real fault: user access to a page now supervisor.
    t.update(leaf!, 0, US);
    mmu.invlpg(...split(page(0)));
    read(mmu, page(0), ACC_READ); // recached, supervisor page, XD
    mmu.regs.cpl = 3;
    expect(attempt(mmu, page(0), ACC_READ)).toEqual({ ec: 5, fromTlb: true });
    mmu.regs.cpl = 0;
    const w = mmu.stats.walk.walks;
    read(mmu, page(0), ACC_READ); // the #PF dropped the entry: walk again
    expect(mmu.stats.walk.walks).toBe(w + 1);
  });

  it('ACC_SUPERVISOR: an implicit supervisor access at CPL 3 may read a supervisor page', () => {
    const { t, mmu } = machine();
    mapPages(t, 1, P | RW);
    mmu.regs.cpl = 3;
    expect(attempt(mmu, page(0), ACC_READ)).toEqual({ ec: 5, fromTlb: false });
    expect(read(mmu, page(0), ACC_READ | ACC_SUPERVISOR)).toBe(frame(0));
    expect(read(mmu, page(0), ACC_READ | ACC_SUPERVISOR)).toBe(frame(0)); // and from the TLB
    expect(() => read(mmu, page(0), ACC_FETCH | ACC_SUPERVISOR)).toThrow(RangeError);
    expect(() => read(mmu, page(0), 3)).toThrow(RangeError);
  });
});

// ------------------------------------------------------------------------ front-cache equivalence

type Op =
  | { k: 'acc'; p: number; a: number }
  | { k: 'pte'; p: number; what: number }
  | { k: 'invlpg'; p: number }
  | { k: 'flush' } | { k: 'flushAll' }
  | { k: 'cpl'; v: 0 | 3 }
  | { k: 'cr3'; pcid: number; noFlush: boolean };

const NPAGES = 14;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 24, arbitrary: fc.record({ k: fc.constant('acc' as const), p: fc.integer({ min: 0, max: NPAGES - 1 }), a: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('pte' as const), p: fc.integer({ min: 0, max: NPAGES - 1 }), what: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('invlpg' as const), p: fc.integer({ min: 0, max: NPAGES - 1 }) }) },
  { weight: 1, arbitrary: fc.constant({ k: 'flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'flushAll' as const }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cpl' as const), v: fc.constantFrom(0 as const, 3 as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cr3' as const), pcid: fc.integer({ min: 0, max: 2 }), noFlush: fc.boolean() }) },
);

/**
 * Pages 0-7 and 10-13: 4 KiB pages page(0..11) (three per set of the tiny 4-set x 2-way L1D, so
 * evictions happen, and distinct front-cache slots); 8-9: 2 MiB pages.
 */
function vaOf(p: number): bigint {
  if (p < 8) return page(p);
  if (p < 10) return 0x8000_0000n + BigInt(p - 8) * 0x20_0000n + 0x1000n * BigInt(p + 4);
  return page(p - 2);
}

function build(front: boolean) {
  const mc = machine({ tlb: 'tiny', tlbFront: front, cr4: CR4_PAE | CR4_PGE | CR4_PCIDE });
  const leaves: number[] = [];
  for (let p = 0; p < NPAGES; p++) {
    const big = p >= 8 && p < 10;
    leaves.push(mc.t.map(big ? (vaOf(p) & ~0x1f_ffffn) : vaOf(p), big ? (4 + p) * 2 * MiB : frame(p),
      { shift: big ? 21 : 12, flags: P | RW | US | (p % 4 === 0 ? G : 0) }));
  }
  return { ...mc, leaves };
}

function apply(m: ReturnType<typeof build>, op: Op): string {
  switch (op.k) {
    case 'acc': return JSON.stringify(attempt(m.mmu, vaOf(op.p) + 8n, op.a));
    case 'pte': {
      const bit = [RW, US, P, G, A, D][op.what]!;
      const e = m.t.get(m.leaves[op.p]!);
      m.t.set(m.leaves[op.p]!, e.lo ^ bit, e.hi);
      return '';
    }
    case 'invlpg': m.mmu.invlpg(...split(vaOf(op.p))); return '';
    case 'flush': m.mmu.flushNonGlobal(); return '';
    case 'flushAll': m.mmu.flushAll(); return '';
    case 'cpl': m.mmu.regs.cpl = op.v; return '';
    case 'cr3': m.mmu.movCr3(m.t.root | op.pcid, op.noFlush ? 0x8000_0000 : 0); return '';
  }
}

describe('the front cache is invisible', () => {
  it('same results and identical statistics with and without it (property test)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 20, maxLength: 150, size: 'max' }), (ops) => {
        const a = build(true), b = build(false);
        for (const op of ops) {
          const ra = apply(a, op), rb = apply(b, op);
          if (ra !== rb) return false;
        }
        const sa = a.mmu.stats;
        expect(sa).toEqual(b.mmu.stats);
        // Accounting identities: one lookup per access; every lookup ends one way.
        const st = sa.tlb;
        expect(st.lookups).toBe(ops.filter((o) => o.k === 'acc').length);
        expect(st.lookups).toBe(st.hits + st.misses + st.dirtyRewalks + st.hitFaults);
        expect(st.l1.lookups).toBe(st.l1.dLookups + st.l1.iLookups);
        expect(st.arrays.l1d4k!.lookups).toBe(st.l1.dLookups);
        expect(st.arrays.l1i2m!.lookups).toBe(st.l1.iLookups);
        expect(st.arrays.stlb!.lookups).toBe(st.l1.misses);
        expect(st.stlb.lookups).toBe(st.stlb.hits + st.stlb.misses + (st.dirtyRewalks + st.hitFaults) -
          (st.l1.lookups - st.l1.hits - st.l1.misses));
        expect(sa.walk.walks).toBe(st.misses + st.dirtyRewalks);
        // and the same memory (A/D bits)
        expect(Buffer.compare(Buffer.from(a.mem.u8.subarray(0, 0x20_0000)), Buffer.from(b.mem.u8.subarray(0, 0x20_0000)))).toBe(0);
        return true;
      }),
      { numRuns: 100, seed: 0x5eed },
    );
  });

  it('PageFault is the contract class', () => {
    const { mmu } = machine();
    expect(() => read(mmu, 0x1234_0000n)).toThrow(PageFault);
  });
});
