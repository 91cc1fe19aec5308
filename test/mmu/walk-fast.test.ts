// Walker.walkFast (the specialised successful IA-32e walk, native and 2-D, with its prefix memo)
// against descend (the general walk, which runs instead when the reference log is on): seeded random
// guest tables whose entries (leaves and upper levels: P, R/W, U/S, A, D, XD, reserved bits) change
// between walks, random accesses and walk modes. Every result field, the reference count, the A/D
// write-backs and the memory must agree. The sequences revisit the same 2 MiB regions, so the prefix
// memo is used, and its entries are changed under it.
import { describe, expect, it } from 'vitest';
import {
  ACC_FETCH, ACC_READ, ACC_WRITE, CTL_NXE, CTL_SMEP, CTL_USER, CTL_WP, EptStep, FMT_IA32E, Walker, WalkResult,
} from '../../src/mmu/walk.js';
import { A, D, MiB, P, RW, Tables, US, XD_HI, ram, split } from './helpers.js';

const GUEST_BASE = 8 * MiB;

/** 16 4 KiB pages in 4 regions of 2 MiB (two of them under another PDPT entry), two 2 MiB pages. */
function vas(): { va: bigint; shift: 12 | 21 }[] {
  const out: { va: bigint; shift: 12 | 21 }[] = [];
  for (let r = 0; r < 4; r++) {
    for (let p = 0; p < 4; p++) out.push({ va: 0x4000_0000n + BigInt(r % 2) * 0x20_0000n + BigInt(r >> 1) * 0x4000_0000n + BigInt(p) * 0x1000n, shift: 12 });
  }
  out.push({ va: 0x7f00_0000_0000n, shift: 21 }, { va: 0x7f00_0020_0000n, shift: 21 });
  return out;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

function machine(twoD: boolean, log: boolean) {
  const mem = ram(32 * MiB);
  const w = new Walker(mem);
  w.log.enabled = log; // on: descend only; off: walkFast first
  let step: EptStep | null = null;
  let toHpa = (a: number) => a;
  if (twoD) {
    const ept = new Tables(mem, 4, 'ept', 20 * MiB);
    for (let gpa = 0; gpa < 8 * MiB; gpa += 4096) ept.map(BigInt(gpa), gpa + GUEST_BASE);
    step = new EptStep(w, ept.root + (3 << 3) + 6);
    toHpa = (gpa) => gpa + GUEST_BASE;
  }
  const t = new Tables(mem, 4, 'ia32e', 0x10000, toHpa);
  const entries: number[] = []; // every entry of every mapping, leaf and upper levels
  vas().forEach(({ va, shift }, i) => {
    const leaf = t.map(va, shift === 12 ? 0x20_0000 + i * 0x1000 : (1 + i % 2) * 0x20_0000 * 2, { shift, flags: P | RW | US });
    entries.push(leaf);
    for (let l = 4; l > (shift === 12 ? 1 : 2); l--) entries.push(t.entryAddr(va, l, false));
  });
  return { mem, w, step, t, entries: [...new Set(entries)] };
}

function run(twoD: boolean, seed: number, steps: number): number {
  const fast = machine(twoD, false), ref = machine(twoD, true);
  const r = rng(seed), list = vas();
  const rf = new WalkResult(), rr = new WalkResult();
  let compared = 0;
  for (let k = 0; k < steps; k++) {
    if (r() < 0.25) {
      const ea = fast.entries[Math.floor(r() * fast.entries.length)]!;
      const which = Math.floor(r() * 8);
      for (const m of [fast, ref]) {
        const e = m.t.get(ea);
        if (which < 6) m.t.set(ea, e.lo ^ [P, RW, US, A, D, 1 << 13][which]!, e.hi);
        else m.t.set(ea, e.lo, e.hi ^ (which === 6 ? XD_HI : 1 << 19)); // XD, a reserved address bit
      }
      continue;
    }
    const { va } = list[Math.floor(r() * list.length)]!;
    const [lo, hi] = split(va + BigInt(Math.floor(r() * 512) * 8));
    const access = [ACC_READ, ACC_WRITE, ACC_FETCH][Math.floor(r() * 3)]!;
    const ctl = (r() < 0.8 ? CTL_WP : 0) | (r() < 0.8 ? CTL_NXE : 0) | (r() < 0.3 ? CTL_USER : 0) | (r() < 0.2 ? CTL_SMEP : 0);
    const sf = fast.w.walk(rf, FMT_IA32E, 4, fast.t.root, lo, hi, access, ctl, fast.step);
    const sr = ref.w.walk(rr, FMT_IA32E, 4, ref.t.root, lo, hi, access, ctl, ref.step);
    const pick = (x: WalkResult) => ({
      pa: x.pa, gpa: x.gpa, pageShift: x.pageShift, rights: x.rights, dirty: x.dirty, global: x.global, level: x.level,
      errorCode: x.errorCode, eptGpa: x.eptGpa, eptQual: x.eptQual, memRefs: x.memRefs, adWrites: x.adWrites,
    });
    expect({ st: sf, ...pick(rf), count: fast.w.log.count }, `step ${k}`).toEqual({ st: sr, ...pick(rr), count: ref.w.log.count });
    compared++;
  }
  expect(Buffer.compare(Buffer.from(fast.mem.u8), Buffer.from(ref.mem.u8))).toBe(0);
  return compared;
}

describe('walkFast computes what descend computes', () => {
  it('native walks: 8 seeded sequences', () => {
    for (let seed = 1; seed <= 8; seed++) expect(run(false, seed * 104729, 1500)).toBeGreaterThan(1000);
  });
  it('2-D walks through EPT: 8 seeded sequences', () => {
    for (let seed = 1; seed <= 8; seed++) expect(run(true, seed * 7919, 1500)).toBeGreaterThan(1000);
  });
});
