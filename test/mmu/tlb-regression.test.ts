// A regression oracle for the TLB model's bookkeeping: seeded random sequences of accesses, PTE
// changes, INVLPG, CR3 writes (PCIDs, the no-flush bit), flushes and CPL changes, on the Skylake and
// the tiny geometries, with 4 KiB pages crowding L1 and STLB sets, 2 MiB pages and a 1 GiB page (cached
// fractured in the ITLB). Every outcome, the final statistics and the A/D bits in the tables are
// folded into a digest per sequence; the digests were recorded from the model before its storage was
// rewritten for speed, so a rewrite must reproduce LRU choices, evictions, flush counts and
// fractured-page invalidations exactly.
// Re-record (only after a deliberate change of the model's behaviour):
//   npx vitest run test/mmu/tlb-regression.test.ts -u
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACC_SUPERVISOR } from '../../src/mmu/mmu.js';
import { A, CR4_PAE, CR4_PCIDE, CR4_PGE, D, G, MiB, P, RW, US, XD_HI, attempt, machine, split } from './helpers.js';

/** 4 KiB pages: 4 neighbours in each of 12 groups 512 KiB apart (they share L1D and STLB sets). */
const N4K = 48;
const NPAGES = N4K + 3; // + two 2 MiB pages + one 1 GiB page
function vaOf(p: number): bigint {
  if (p < N4K) return 0x4000_0000n + BigInt(p % 4) * 0x1000n + BigInt(Math.floor(p / 4)) * 0x8_0000n;
  if (p < N4K + 2) return 0x8000_0000n + BigInt(p - N4K) * 0x20_0000n + 0x3000n;
  return 0x1_4000_0000n + 0x123_4000n;
}

/** xorshift32: a small deterministic generator (the sequences must never change) */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

function digest(tlb: string, seed: number, steps: number): string {
  const m = machine({ tlb, cr4: CR4_PAE | CR4_PGE | CR4_PCIDE, ramSize: 32 * MiB });
  const leaves: number[] = [];
  for (let p = 0; p < NPAGES; p++) {
    const shift = p < N4K ? 12 : p < N4K + 2 ? 21 : 30;
    const base = vaOf(p) & ~((1n << BigInt(shift)) - 1n);
    const pa = shift === 12 ? 0x20_0000 + p * 0x1000 : shift === 21 ? (4 + p - N4K) * 2 * MiB : 0;
    leaves.push(m.t.map(base, pa, { shift, flags: P | RW | US | (p % 5 === 0 ? G : 0) }));
  }
  const r = rng(seed);
  const h = createHash('sha256');
  for (let k = 0; k < steps; k++) {
    const x = r();
    const p = Math.floor(r() * NPAGES);
    if (x < 0.8) {
      const a = Math.floor(r() * 3) | (r() < 0.05 ? ACC_SUPERVISOR : 0);
      const acc = a === (ACC_SUPERVISOR | 2) ? 2 : a;
      h.update(JSON.stringify(attempt(m.mmu, vaOf(p) + BigInt(Math.floor(r() * 512) * 8), acc)));
    } else if (x < 0.88) {
      const bit = [RW, US, P, G, A, D, -1][Math.floor(r() * 7)]!;
      const e = m.t.get(leaves[p]!);
      if (bit < 0) m.t.set(leaves[p]!, e.lo, e.hi ^ XD_HI);
      else m.t.set(leaves[p]!, e.lo ^ bit, e.hi);
    } else if (x < 0.93) {
      m.mmu.invlpg(...split(vaOf(p)));
    } else if (x < 0.97) {
      m.mmu.movCr3(m.t.root | Math.floor(r() * 3), r() < 0.3 ? 0x8000_0000 : 0);
    } else if (x < 0.98) {
      m.mmu.flushNonGlobal();
    } else if (x < 0.985) {
      m.mmu.flushAll();
    } else {
      m.mmu.regs.cpl = r() < 0.5 ? 0 : 3;
    }
  }
  h.update(JSON.stringify(m.mmu.stats));
  h.update(m.mem.u8.subarray(0x10000, 0x10000 + 64 * 4096));
  return h.digest('hex').slice(0, 24);
}

describe('the TLB model reproduces its recorded behaviour', () => {
  for (const tlb of ['skylake', 'tiny']) {
    it(`${tlb}: outcomes, statistics and A/D bits of 12 seeded sequences`, () => {
      const out: Record<string, string> = {};
      for (let seed = 1; seed <= 12; seed++) out[`seed ${seed}`] = digest(tlb, seed * 7919, 4000);
      expect(out).toMatchSnapshot();
    });
  }
});
