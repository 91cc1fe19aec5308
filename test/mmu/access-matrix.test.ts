// A permission matrix in the spirit of kvm-unit-tests x86/access.c: every combination of the
// U/S, R/W, XD (and P) bits at the PDE and PTE levels, CR0.WP, EFER.NXE, CR4.SMEP, the initial
// A/D state, the access kind and CPL 0/3, run through the MMU (cold: a walk; warm: through a cached
// TLB entry) and compared with a reference written here from the SDM's rules, not with the walker.
// A reduced matrix puts one "defect" at each level of 4- and 5-level paging, with 4 KiB, 2 MiB and
// 1 GiB leaves.

import { describe, expect, it } from 'vitest';
import { ACC_FETCH, ACC_READ, ACC_WRITE } from '../../src/mmu/mmu.js';
import {
  A, CR0_PE, CR0_PG, CR0_WP, CR4_LA57, CR4_PAE, CR4_PGE, CR4_SMEP, D, EFER_LMA, EFER_LME, EFER_NXE, P, PS, RW,
  US, XD_HI, attempt, machine, type Machine,
} from './helpers.js';

const ACCESS_NAMES = ['read', 'write', 'fetch'];

/** One paging-structure entry as the reference sees it. */
interface Ent {
  level: number;
  lo: number;
  hi: number;
}

interface Mode {
  wp: boolean;
  nxe: boolean;
  smep: boolean;
  cpl: 0 | 3;
  access: number;
}

type Outcome = { ok: true } | { ok: false; ec: number };

// ---- The reference, from the SDM (vol. 3A 4.5.4, 4.6.1, 4.7). ----

/** SDM 4.5.4: is a reserved bit set in this present IA-32e entry? (MAXPHYADDR = 40) */
function sdmReserved(e: Ent, nxe: boolean, isLargeLeaf: boolean): boolean {
  const bits51to40 = (e.hi >>> 8) & 0xfff;
  if (bits51to40 !== 0) return true;
  if (!nxe && e.hi >>> 31 === 1) return true; // "If IA32_EFER.NXE = 0 ... the XD flag (bit 63) is reserved"
  const ps = (e.lo >>> 7) & 1;
  if ((e.level === 4 || e.level === 5) && ps === 1) return true; // PS must be 0 in a PML4E / PML5E
  if (isLargeLeaf && e.level === 2) return ((e.lo >>> 13) & 0xff) !== 0; // bits 20:13
  if (isLargeLeaf && e.level === 3) return ((e.lo >>> 13) & 0x1ffff) !== 0; // bits 29:13
  return false;
}

/** The outcome of `mode.access` through `path` (top-level entry first, leaf last). */
function sdmOutcome(path: Ent[], m: Mode): Outcome {
  const write = m.access === ACC_WRITE, fetch = m.access === ACC_FETCH;
  const userAccess = m.cpl === 3;
  // Error-code bits describing the access (4.7): W/R, U/S, and I/D when NXE or SMEP.
  const accessBits = (write ? 2 : 0) | (userAccess ? 4 : 0) | (fetch && (m.nxe || m.smep) ? 16 : 0);
  // The walk: stops at the first entry that is not present or has a reserved bit set.
  for (let i = 0; i < path.length; i++) {
    const e = path[i]!;
    if ((e.lo & 1) === 0) return { ok: false, ec: accessBits };
    if (sdmReserved(e, m.nxe, i === path.length - 1 && e.level > 1)) return { ok: false, ec: 1 | 8 | accessBits };
  }
  // 4.6.1: access rights.
  const userAddress = path.every((e) => (e.lo & 4) !== 0);             // U/S = 1 everywhere
  const writable = path.every((e) => (e.lo & 2) !== 0);                // R/W = 1 everywhere
  const executeDisabled = m.nxe && path.some((e) => e.hi >>> 31 === 1); // XD with NXE = 1
  let allowed: boolean;
  if (!userAccess) {
    if (m.access === ACC_READ) allowed = true; // supervisor reads: any address (no SMAP)
    else if (write) allowed = !m.wp || writable; // WP = 0: any; WP = 1: R/W = 1 everywhere
    else allowed = !executeDisabled && !(m.smep && userAddress); // fetch
  } else {
    if (!userAddress) allowed = false; // user accesses never reach supervisor-mode addresses
    else if (m.access === ACC_READ) allowed = true;
    else if (write) allowed = writable; // regardless of CR0.WP
    else allowed = !executeDisabled;
  }
  return allowed ? { ok: true } : { ok: false, ec: 1 | accessBits };
}

// ---- The machine side. ----

const VA = 0x0000_5a5a_5a46_7000n;
const FRAME = 0x00c3_4000;

/** Sets the MMU's mode registers. */
function setMode(mc: Machine, m: Mode, levels: 4 | 5): void {
  mc.mmu.regs.load({
    cr0: CR0_PG | CR0_PE | (m.wp ? CR0_WP : 0),
    cr4: CR4_PAE | CR4_PGE | (m.smep ? CR4_SMEP : 0) | (levels === 5 ? CR4_LA57 : 0),
    efer: EFER_LME | EFER_LMA | (m.nxe ? EFER_NXE : 0),
    cpl: m.cpl,
  });
}

function writePath(mc: Machine, addrs: number[], path: Ent[]): void {
  path.forEach((e, i) => mc.t.set(addrs[i]!, e.lo, e.hi));
}

/** Runs one case cold (after flushAll) and warm (primed by a CPL-0 read); checks outcome and A/D. */
function runCase(mc: Machine, addrs: number[], path: Ent[], m: Mode, levels: 4 | 5, pageOffsetMask: number): string | null {
  const expected = sdmOutcome(path, m);
  const leafFrame = FRAME & ~pageOffsetMask;
  const pa = leafFrame + Number(VA & BigInt(pageOffsetMask));
  const describe = () => `${ACCESS_NAMES[m.access]} cpl${m.cpl} wp${+m.wp} nxe${+m.nxe} smep${+m.smep} ` +
    path.map((e) => `L${e.level}:${(e.lo & 0xfff).toString(16)}/${(e.hi >>> 0).toString(16)}`).join(' ');

  // Cold.
  writePath(mc, addrs, path);
  setMode(mc, m, levels);
  mc.mmu.flushAll();
  const got = attempt(mc.mmu, VA, m.access);
  if (expected.ok) {
    if (!('pa' in got) || got.pa !== pa) return `cold: expected pa ${pa.toString(16)}, got ${JSON.stringify(got)}: ${describe()}`;
  } else if (!('ec' in got) || got.ec !== expected.ec || got.fromTlb) {
    return `cold: expected #PF ${expected.ec.toString(16)}, got ${JSON.stringify(got)}: ${describe()}`;
  }
  // A/D afterwards: success sets A everywhere and D in the leaf for a write; a fault changes nothing.
  for (let i = 0; i < path.length; i++) {
    const now = mc.t.get(addrs[i]!).lo;
    const before = path[i]!.lo;
    const isLeaf = i === path.length - 1;
    const want = expected.ok ? before | A | (isLeaf && m.access === ACC_WRITE ? D : 0) : before;
    if (now !== want) return `A/D at level ${path[i]!.level}: ${now.toString(16)} != ${want.toString(16)}: ${describe()}`;
  }

  // Warm: cache the translation with a supervisor read first (succeeds whenever the walk does).
  writePath(mc, addrs, path);
  setMode(mc, { ...m, cpl: 0 }, levels);
  mc.mmu.flushAll();
  const primed = attempt(mc.mmu, VA, ACC_READ);
  const primeExpected = sdmOutcome(path, { ...m, cpl: 0, access: ACC_READ });
  if (primeExpected.ok !== 'pa' in primed) return `prime mismatch: ${describe()}`;
  if (!primeExpected.ok) return null; // nothing cached; the cold case covered it
  mc.mmu.regs.cpl = m.cpl;
  const walksBefore = mc.mmu.stats.walk.walks;
  const warm = attempt(mc.mmu, VA, m.access);
  if (expected.ok) {
    if (!('pa' in warm) || warm.pa !== pa) return `warm: expected pa, got ${JSON.stringify(warm)}: ${describe()}`;
    // Only a write to a clean page walks again (to set D).
    const dirtyBefore = (path[path.length - 1]!.lo & D) !== 0;
    const rewalk = m.access === ACC_WRITE && !dirtyBefore ? 1 : 0;
    if (mc.mmu.stats.walk.walks - walksBefore !== rewalk) return `warm: unexpected walk count: ${describe()}`;
  } else {
    if (!('ec' in warm) || warm.ec !== expected.ec) return `warm: expected #PF ${expected.ec.toString(16)}, got ${JSON.stringify(warm)}: ${describe()}`;
    // Denied by the cached rights (no walk), unless it was a write to a clean page (re-walk faults).
    if (mc.mmu.stats.walk.walks - walksBefore > 1) return `warm: too many walks: ${describe()}`;
  }
  return null;
}

function* modes(): Generator<Mode> {
  for (const wp of [false, true]) for (const nxe of [false, true]) for (const smep of [false, true])
    for (const cpl of [0, 3] as const) for (const access of [ACC_READ, ACC_WRITE, ACC_FETCH]) yield { wp, nxe, smep, cpl, access };
}

/** Sets up a mapping of VA at the given leaf level and returns the entry addresses, top first. */
function setup(levels: 4 | 5, leafLevel: 1 | 2 | 3): { mc: Machine; addrs: number[]; mask: number } {
  const mc = machine({ levels, tlb: 'skylake' });
  const shift = (3 + 9 * leafLevel) as 12 | 21 | 30;
  const mask = 2 ** shift - 1;
  mc.t.map(VA, FRAME & ~mask, { shift });
  const addrs: number[] = [];
  for (let l = levels; l >= leafLevel; l--) addrs.push(mc.t.entryAddr(VA, l, false));
  return { mc, addrs, mask };
}

function baseEntries(mc: Machine, addrs: number[], levels: number): Ent[] {
  return addrs.map((a, i) => ({ level: levels - i, ...mc.t.get(a) }));
}

describe('access matrix (PDE x PTE x modes), 4-level paging, 4 KiB page', () => {
  it('matches the SDM reference for every combination', () => {
    const { mc, addrs, mask } = setup(4, 1);
    const base = baseEntries(mc, addrs, 4);
    const failures: string[] = [];
    let cases = 0;
    // PDE: U/S, R/W, XD. PTE: P, U/S, R/W, XD. Initial A/D: none / A / A+D(leaf).
    for (let pde = 0; pde < 8; pde++) for (let pte = 0; pte < 16; pte++) for (const ad of [0, 1, 2]) {
      const path = base.map((e) => ({ ...e, lo: e.lo & ~(A | D) }));
      const bits = (i: number, x: number) => ({
        lo: ((x & 1) ? US : 0) | ((x & 2) ? RW : 0), hi: (x & 4) ? XD_HI : 0,
      });
      const pd = path[2]!, pt = path[3]!;
      const b2 = bits(2, pde), b1 = bits(1, pte);
      pd.lo = (pd.lo & ~(US | RW)) | b2.lo; pd.hi = (pd.hi & ~XD_HI) | b2.hi;
      pt.lo = (pt.lo & ~(US | RW | P)) | b1.lo | ((pte & 8) ? 0 : P); pt.hi = (pt.hi & ~XD_HI) | b1.hi;
      if (ad >= 1) for (const e of path) e.lo |= A;
      if (ad === 2) pt.lo |= D;
      for (const m of modes()) {
        cases++;
        const f = runCase(mc, addrs, path, m, 4, mask);
        if (f !== null && failures.length < 20) failures.push(f);
      }
    }
    expect(failures).toEqual([]);
    expect(cases).toBe(8 * 16 * 3 * 48);
  });
});

describe('reduced matrix: one defect at each level', () => {
  const defects = ['none', 'not-present', 'read-only', 'supervisor', 'xd', 'bit40', 'ps-top'] as const;
  for (const levels of [4, 5] as const) {
    for (const leafLevel of [1, 2, 3] as const) {
      it(`${levels}-level paging, leaf at level ${leafLevel}`, () => {
        const { mc, addrs, mask } = setup(levels, leafLevel);
        const base = baseEntries(mc, addrs, levels);
        const failures: string[] = [];
        for (let at = 0; at < base.length; at++) for (const defect of defects) {
          const path = base.map((e) => ({ ...e, lo: e.lo & ~(A | D) }));
          const e = path[at]!;
          switch (defect) {
            case 'not-present': e.lo &= ~P; break;
            case 'read-only': e.lo &= ~RW; break;
            case 'supervisor': e.lo &= ~US; break;
            case 'xd': e.hi |= XD_HI; break;
            case 'bit40': e.hi |= 0x100; break;
            case 'ps-top': if (e.level < 4) continue; e.lo |= PS; break;
          }
          for (const m of modes()) {
            const f = runCase(mc, addrs, path, m, levels, mask);
            if (f !== null && failures.length < 20) failures.push(`${defect}@L${e.level}: ${f}`);
          }
        }
        expect(failures).toEqual([]);
      });
    }
  }

  it('the reference itself: a few hand-checked SDM cases', () => {
    const ent = (level: number, lo: number, hi = 0): Ent => ({ level, lo, hi });
    const full = [ent(4, 7), ent(3, 7), ent(2, 7), ent(1, 7)];
    const m = (o: Partial<Mode>): Mode => ({ wp: true, nxe: true, smep: false, cpl: 0, access: ACC_READ, ...o });
    expect(sdmOutcome(full, m({}))).toEqual({ ok: true });
    const ro = [ent(4, 7), ent(3, 5), ent(2, 7), ent(1, 7)];
    expect(sdmOutcome(ro, m({ access: ACC_WRITE }))).toEqual({ ok: false, ec: 3 });
    expect(sdmOutcome(ro, m({ access: ACC_WRITE, wp: false }))).toEqual({ ok: true });
    expect(sdmOutcome(ro, m({ access: ACC_WRITE, wp: false, cpl: 3 }))).toEqual({ ok: false, ec: 7 });
    const sup = [ent(4, 7), ent(3, 7), ent(2, 3), ent(1, 7)];
    expect(sdmOutcome(sup, m({ cpl: 3 }))).toEqual({ ok: false, ec: 5 });
    expect(sdmOutcome(full, m({ access: ACC_FETCH, smep: true }))).toEqual({ ok: false, ec: 0x11 });
    expect(sdmOutcome(full, m({ access: ACC_FETCH, smep: true, nxe: false }))).toEqual({ ok: false, ec: 0x11 });
    const xd = [ent(4, 7), ent(3, 7), ent(2, 7, 0x80000000), ent(1, 7)];
    expect(sdmOutcome(xd, m({ access: ACC_FETCH, cpl: 3 }))).toEqual({ ok: false, ec: 0x15 });
    expect(sdmOutcome(xd, m({ nxe: false }))).toEqual({ ok: false, ec: 0x9 });
    const np = [ent(4, 7), ent(3, 7), ent(2, 6), ent(1, 7)];
    expect(sdmOutcome(np, m({ access: ACC_FETCH, cpl: 3, nxe: false }))).toEqual({ ok: false, ec: 4 });
  });
});
