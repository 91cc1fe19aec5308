import { describe, expect, it } from 'vitest';
import {
  ACC_FETCH, ACC_READ, ACC_WRITE, CTL_EPT_AD, CTL_NO_AD, CTL_NXE, CTL_USER, CTL_WP, EptStep, FMT_EPT, FMT_IA32E,
  RIGHT_R, RIGHT_U, RIGHT_W, RIGHT_X, SPACE_EPT, SPACE_GPA, SPACE_PA, WALK_EPT_MISCONFIG, WALK_EPT_VIOLATION,
  WALK_OK, WALK_PAGE_FAULT, Walker, WalkResult, decodeEptp, pageIndex,
} from '../../src/mmu/walk.js';
import { PhysAccessError, PhysMem } from '../../src/mmu/phys.js';
import {
  A, D, EA, ED, ER, EW, EWB, EX, GiB, MiB, P, PS, RW, Tables, US, XD_HI, idx, ram, split,
} from './helpers.js';

const VA4 = 0x0000_7f12_3456_7000n; // lower half, all four indices non-zero
const VA5 = 0x00ab_cd12_3456_7000n; // needs 5-level paging (bits 56:48 non-zero)

function walkIa32e(w: Walker, t: Tables, va: bigint, access = ACC_READ, ctl = CTL_WP | CTL_NXE) {
  const r = new WalkResult();
  const [lo, hi] = split(va);
  const st = w.walk(r, FMT_IA32E, t.levels, t.root, lo, hi, access, ctl, null);
  return { st, r };
}

describe('pageIndex', () => {
  it('matches the SDM bit fields at every level', () => {
    const va = 0x00ab_cdef_1234_5678n;
    const [lo, hi] = split(va);
    for (let level = 1; level <= 5; level++) expect(pageIndex(lo, hi, level)).toBe(idx(va, level));
  });
});

describe('IA-32e walks', () => {
  it.each([
    [4, 12, VA4, 4], [4, 21, VA4, 3], [4, 30, VA4, 2],
    [5, 12, VA5, 5], [5, 21, VA5, 4], [5, 30, VA5, 3],
  ] as const)('%i-level paging, 2^%i page at %s: cold walk = %i refs', (levels, shift, va0, refs) => {
    const va = va0 & ~((1n << BigInt(shift)) - 1n); // page-aligned
    const mem = ram();
    const t = new Tables(mem, levels, 'ia32e', 0x10000);
    const frame = shift === 30 ? 1 * GiB - GiB : shift === 21 ? 6 * MiB : 0x345000;
    t.map(va, frame, { shift });
    const w = new Walker(mem);
    const off = shift === 12 ? 0x9ab : shift === 21 ? 0x1_2345 : 0x2_3456;
    const { st, r } = walkIa32e(w, t, va + BigInt(off));
    expect(st).toBe(WALK_OK);
    expect(r.memRefs).toBe(refs);
    expect(r.pa).toBe(frame + off);
    expect(r.pageShift).toBe(shift);
    // The log lists every entry address, top-down, in the PA space.
    const refsLog = w.log.toArray();
    expect(refsLog.map((x) => x.level)).toEqual(Array.from({ length: refs }, (_, i) => levels - i));
    expect(refsLog.every((x) => x.space === 'PA')).toBe(true);
    let table = t.root;
    for (const x of refsLog) {
      expect(x.addr).toBe(table + idx(va, x.level) * 8);
      table = (x.entryLo & 0xfffff000) >>> 0;
    }
  });

  it('sets A on every level and D only on the leaf of a write; never when already set', () => {
    const mem = ram();
    const t = new Tables(mem, 4, 'ia32e', 0x10000);
    const leaf = t.map(VA4, 0x200000);
    const w = new Walker(mem);
    const entries = [4, 3, 2, 1].map((l) => t.entryAddr(VA4, l, false));
    expect(entries[3]).toBe(leaf);
    let { r } = walkIa32e(w, t, VA4, ACC_READ);
    expect(r.adWrites).toBe(4);
    for (const e of entries) expect(t.get(e).lo & (A | D)).toBe(A);
    expect(r.dirty).toBe(false);
    ({ r } = walkIa32e(w, t, VA4, ACC_WRITE));
    expect(r.adWrites).toBe(1);
    expect(r.dirty).toBe(true);
    for (const e of entries.slice(0, 3)) expect(t.get(e).lo & (A | D)).toBe(A);
    expect(t.get(leaf).lo & (A | D)).toBe(A | D);
    ({ r } = walkIa32e(w, t, VA4, ACC_WRITE));
    expect(r.adWrites).toBe(0);
    expect(r.memRefs).toBe(4); // A/D write-backs are not references
  });

  it('dry runs (CTL_NO_AD) leave A/D alone', () => {
    const mem = ram();
    const t = new Tables(mem, 4, 'ia32e', 0x10000);
    const leaf = t.map(VA4, 0x200000);
    const w = new Walker(mem);
    const { st, r } = walkIa32e(w, t, VA4, ACC_WRITE, CTL_WP | CTL_NO_AD);
    expect(st).toBe(WALK_OK);
    expect(r.adWrites).toBe(0);
    expect(t.get(leaf).lo & (A | D)).toBe(0);
  });

  it.each([4, 3, 2, 1])('not present at level %i: #PF P=0, walk stops there, no A set', (level) => {
    const mem = ram();
    const t = new Tables(mem, 4, 'ia32e', 0x10000);
    t.map(VA4, 0x200000);
    const ea = t.entryAddr(VA4, level, false);
    t.update(ea, 0, P);
    const w = new Walker(mem);
    for (const [access, ctl, ec] of [
      [ACC_READ, CTL_WP, 0], [ACC_WRITE, CTL_WP, 2], [ACC_READ, CTL_USER, 4], [ACC_FETCH, CTL_NXE, 0x10],
      [ACC_FETCH, 0, 0], [ACC_WRITE, CTL_USER | CTL_NXE, 6],
    ] as const) {
      const { st, r } = walkIa32e(w, t, VA4, access, ctl);
      expect(st).toBe(WALK_PAGE_FAULT);
      expect(r.errorCode).toBe(ec);
      expect(r.level).toBe(level);
      expect(r.memRefs).toBe(5 - level);
    }
    for (let l = 4; l >= level; l--) expect(t.get(t.entryAddr(VA4, l, false)).lo & A).toBe(0);
  });

  describe('reserved bits -> #PF with P|RSVD', () => {
    const cases: [string, number, number, number, number][] = [
      // name, level, lo bits, hi bits, leaf shift of the mapping
      ['bit 40 in PML4E', 4, 0, 0x100, 12],
      ['bit 51 in PDPTE', 3, 0, 0x80000, 12],
      ['bit 45 in PDE', 2, 0, 0x2000, 12],
      ['bit 40 in PTE', 1, 0, 0x100, 12],
      ['PS in PML4E', 4, PS, 0, 12],
      ['bit 13 in a 2 MiB PDE', 2, 1 << 13, 0, 21],
      ['bit 20 in a 2 MiB PDE', 2, 1 << 20, 0, 21],
      ['bit 13 in a 1 GiB PDPTE', 3, 1 << 13, 0, 30],
      ['bit 29 in a 1 GiB PDPTE', 3, 1 << 29, 0, 30],
      ['bit 21 in a 1 GiB PDPTE', 3, 1 << 21, 0, 30],
    ];
    it.each(cases)('%s', (_name, level, lo, hi, shift) => {
      const mem = ram();
      const t = new Tables(mem, 4, 'ia32e', 0x10000);
      t.map(VA4, 0, { shift: shift as 12 | 21 | 30 });
      t.update(t.entryAddr(VA4, level, false), lo, 0, hi);
      const w = new Walker(mem);
      for (const [access, ctl, ec] of [
        [ACC_READ, CTL_NXE, 0x9], [ACC_WRITE, CTL_NXE, 0xb], [ACC_READ, CTL_USER | CTL_NXE, 0xd],
        [ACC_FETCH, CTL_NXE, 0x19], [ACC_FETCH, 0, 0x9],
      ] as const) {
        const { st, r } = walkIa32e(w, t, VA4, access, ctl);
        expect(st).toBe(WALK_PAGE_FAULT);
        expect(r.errorCode).toBe(ec);
        expect(r.level).toBe(level);
      }
      for (let l = 4; l > (shift - 3) / 9; l--) expect(t.get(t.entryAddr(VA4, l, false)).lo & A).toBe(0);
    });

    it('XD is reserved when EFER.NXE = 0 and a protection bit when NXE = 1', () => {
      const mem = ram();
      const t = new Tables(mem, 4, 'ia32e', 0x10000);
      t.map(VA4, 0x5000, { hiFlags: XD_HI });
      const w = new Walker(mem);
      expect(walkIa32e(w, t, VA4, ACC_READ, 0).r.errorCode).toBe(0x9);
      expect(walkIa32e(w, t, VA4, ACC_READ, CTL_NXE).st).toBe(WALK_OK);
      const { st, r } = walkIa32e(w, t, VA4, ACC_FETCH, CTL_NXE);
      expect(st).toBe(WALK_PAGE_FAULT);
      expect(r.errorCode).toBe(0x11);
    });

    it('PS in a PML5E is reserved; PAT bits (12 of large leaves, 7 of a PTE) are not', () => {
      const mem = ram();
      const t5 = new Tables(mem, 5, 'ia32e', 0x10000);
      t5.map(VA5, 0x3000);
      t5.update(t5.entryAddr(VA5, 5, false), PS);
      const w = new Walker(mem);
      expect(walkIa32e(w, t5, VA5).r.errorCode).toBe(0x9);
      const t = new Tables(mem, 4, 'ia32e', 0x100000);
      t.map(VA4, 2 * MiB, { shift: 21, flags: P | RW | US | (1 << 12) });
      t.map(VA4 + 0x4000_0000n, 0x7000, { flags: P | RW | (1 << 7) });
      t.map(VA4 + 0x8000_0000n, GiB, { shift: 30, flags: P | (1 << 12) });
      expect(walkIa32e(w, t, VA4 + 0x1234n).r.pa).toBe(2 * MiB + Number((VA4 + 0x1234n) % BigInt(2 * MiB)));
      expect(walkIa32e(w, t, VA4 + 0x4000_0000n).st).toBe(WALK_OK);
      expect(walkIa32e(w, t, VA4 + 0x8000_0000n).st).toBe(WALK_OK);
    });

    it('reserved bits of a non-present entry are ignored (P=0 fault)', () => {
      const mem = ram();
      const t = new Tables(mem, 4, 'ia32e', 0x10000);
      t.map(VA4, 0x5000);
      t.set(t.entryAddr(VA4, 1, false), 0xfffffffe, 0xffffffff);
      const { r } = walkIa32e(new Walker(mem), t, VA4, ACC_WRITE);
      expect(r.errorCode).toBe(0x2);
    });
  });

  it('a permission fault after a full walk sets no A/D', () => {
    const mem = ram();
    const t = new Tables(mem, 4, 'ia32e', 0x10000);
    const leaf = t.map(VA4, 0x5000, { flags: P | US });
    const { st, r } = walkIa32e(new Walker(mem), t, VA4, ACC_WRITE, CTL_WP);
    expect(st).toBe(WALK_PAGE_FAULT);
    expect(r.errorCode).toBe(0x3);
    expect(r.memRefs).toBe(4);
    expect(t.get(leaf).lo & (A | D)).toBe(0);
    expect(t.get(t.entryAddr(VA4, 4, false)).lo & A).toBe(0);
  });

  it('collects rights: AND of R/W and U/S, OR of XD', () => {
    const mem = ram();
    const t = new Tables(mem, 4, 'ia32e', 0x10000);
    t.map(VA4, 0x5000, { hiFlags: 0 });
    t.update(t.entryAddr(VA4, 3, false), 0, RW);
    t.update(t.entryAddr(VA4, 2, false), 0, 0, XD_HI);
    const { r } = walkIa32e(new Walker(mem), t, VA4, ACC_READ, CTL_NXE);
    expect(r.rights).toBe(RIGHT_R | RIGHT_U);
    t.update(t.entryAddr(VA4, 4, false), 0, US);
    expect(walkIa32e(new Walker(mem), t, VA4, ACC_READ, CTL_NXE).r.rights).toBe(RIGHT_R);
    const t2 = new Tables(mem, 4, 'ia32e', 0x200000);
    t2.map(VA4, 0x5000);
    expect(walkIa32e(new Walker(mem), t2, VA4, ACC_READ, CTL_NXE).r.rights).toBe(RIGHT_R | RIGHT_W | RIGHT_X | RIGHT_U);
  });

  it('a table outside RAM is a PhysAccessError, not a wrapped read', () => {
    const mem = new PhysMem(1 * MiB);
    const t = new Tables(mem, 4, 'ia32e', 0x10000);
    t.set(t.root + idx(VA4, 4) * 8, 0x4000_0000 | P | RW, 0);
    expect(() => walkIa32e(new Walker(mem), t, VA4)).toThrow(PhysAccessError);
  });
});

// ------------------------------------------------------------------------------- EPT and 2-D

/** Host layout for the 2-D tests: guest RAM GPA [0, 8 MiB) lives at HPA 8 MiB + GPA; EPT tables above. */
const GUEST_BASE = 8 * MiB;
function eptSetup(levels: 4 | 5, guestLevels: 4 | 5, opts: { ad?: boolean; eptShift?: 12 | 21 } = {}) {
  const mem = ram(32 * MiB);
  const ept = new Tables(mem, levels, 'ept', 20 * MiB);
  for (let gpa = 0; gpa < 8 * MiB; gpa += 2 ** (opts.eptShift ?? 12)) {
    ept.map(BigInt(gpa), gpa + GUEST_BASE, { shift: opts.eptShift ?? 12 });
  }
  const eptp = ept.root + ((levels - 1) << 3) + 6 /* WB */ + (opts.ad ? 1 << 6 : 0);
  const guest = new Tables(mem, guestLevels, 'ia32e', 0x10000, (gpa) => gpa + GUEST_BASE);
  const w = new Walker(mem);
  const step = new EptStep(w, eptp);
  return { mem, ept, guest, w, step, eptp };
}

function walk2d(s: ReturnType<typeof eptSetup>, va: bigint, access = ACC_READ, ctl = CTL_WP | CTL_NXE) {
  const r = new WalkResult();
  const [lo, hi] = split(va);
  const st = s.w.walk(r, FMT_IA32E, s.guest.levels, s.guest.root, lo, hi, access, ctl, s.step);
  return { st, r };
}

describe('EPT walks', () => {
  it('decodes the EPTP', () => {
    expect(decodeEptp(0x12345000 + (3 << 3) + 6 + 64)).toEqual({ root: 0x12345000, levels: 4, ad: true });
    expect(decodeEptp(0x1_0000_0000 + (4 << 3))).toEqual({ root: 0x1_0000_0000, levels: 5, ad: false });
    expect(() => decodeEptp(2 << 3)).toThrow(/walk length/);
  });

  it.each([[4, 12, 4], [4, 21, 3], [4, 30, 2], [5, 12, 5]] as const)(
    '%i-level EPT, 2^%i leaf: %i refs; R/W/X rights and violations', (levels, shift, refs) => {
      const mem = ram();
      const ept = new Tables(mem, levels, 'ept', 0x10000);
      const gpa = 0x4000_0000n + 0x23_4000n;
      ept.map(gpa, shift === 12 ? 0x80_0000 : 0, { shift, flags: ER | EX | EWB });
      const w = new Walker(mem);
      const r = new WalkResult();
      const [lo, hi] = split(gpa + 0x10n);
      expect(w.walk(r, FMT_EPT, levels, ept.root, lo, hi, ACC_READ, 0, null)).toBe(WALK_OK);
      expect(r.memRefs).toBe(refs);
      expect(r.rights & 7).toBe(RIGHT_R | RIGHT_X);
      expect(w.log.toArray().every((x) => x.space === 'HPA(EPT)')).toBe(true);
      expect(w.walk(r, FMT_EPT, levels, ept.root, lo, hi, ACC_WRITE, 0, null)).toBe(WALK_EPT_VIOLATION);
      expect(r.eptQual).toBe(0x2 | (0x5 << 3)); // write; readable, executable
      expect(r.eptGpa).toBe(Number(gpa) + 0x10);
    });

  it('misconfigurations: W without R, reserved memory type, reserved bits', () => {
    const mem = ram();
    const ept = new Tables(mem, 4, 'ept', 0x10000);
    const leaf = ept.map(0x5000n, 0x9000);
    const w = new Walker(mem);
    const r = new WalkResult();
    const check = (lo: number, hi: number, level = 1, access = ACC_READ) => {
      const ea = ept.entryAddr(0x5000n, level, false);
      const old = ept.get(ea);
      ept.set(ea, lo, hi);
      const st = w.walk(r, FMT_EPT, 4, ept.root, 0x5000, 0, access, 0, null);
      ept.set(ea, old.lo, old.hi);
      return st;
    };
    const base = 0x9000;
    expect(check(base | EW | EWB, 0)).toBe(WALK_EPT_MISCONFIG);
    expect(check(base | ER | (2 << 3), 0)).toBe(WALK_EPT_MISCONFIG);
    expect(check(base | ER | (7 << 3), 0)).toBe(WALK_EPT_MISCONFIG);
    expect(check(base | ER | EWB, 0x100)).toBe(WALK_EPT_MISCONFIG);
    expect(check(base | EX | EWB, 0, 1, ACC_FETCH)).toBe(WALK_OK); // execute-only is supported
    expect(check(base | EX | EWB, 0, 1, ACC_READ)).toBe(WALK_EPT_VIOLATION);
    const pml4e = ept.get(ept.entryAddr(0x5000n, 4, false));
    expect(check(pml4e.lo | (1 << 3), 0, 4)).toBe(WALK_EPT_MISCONFIG);
    expect(check(pml4e.lo | PS, 0, 4)).toBe(WALK_EPT_MISCONFIG);
    const pde = ept.get(ept.entryAddr(0x5000n, 2, false));
    expect(check(pde.lo | (1 << 6), 0, 2)).toBe(WALK_EPT_MISCONFIG);
    expect(check(base & 0, 0)).toBe(WALK_EPT_VIOLATION); // not present
    expect(ept.get(leaf).lo & EA).toBe(0); // A/D off in this EPTP
  });

  it('EPT A/D: A on all entries used, D on the leaf of a write (when enabled)', () => {
    const mem = ram();
    const ept = new Tables(mem, 4, 'ept', 0x10000);
    const leaf = ept.map(0x5000n, 0x9000);
    const w = new Walker(mem);
    const r = new WalkResult();
    w.walk(r, FMT_EPT, 4, ept.root, 0x5000, 0, ACC_READ, CTL_EPT_AD, null);
    for (let l = 4; l >= 1; l--) expect(ept.get(ept.entryAddr(0x5000n, l, false)).lo & (EA | ED)).toBe(EA);
    w.walk(r, FMT_EPT, 4, ept.root, 0x5000, 0, ACC_WRITE, CTL_EPT_AD, null);
    expect(ept.get(leaf).lo & (EA | ED)).toBe(EA | ED);
  });
});

describe('two-dimensional walks (guest paging through EPT)', () => {
  it('4-level guest + 4-level EPT, cold 4 KiB page: (4+1)x(4+1)-1 = 24 references', () => {
    const s = eptSetup(4, 4);
    s.guest.map(VA4, 0x7b000);
    const { st, r } = walk2d(s, VA4 + 0x123n);
    expect(st).toBe(WALK_OK);
    expect(r.memRefs).toBe(24);
    expect(r.gpa).toBe(0x7b123);
    expect(r.pa).toBe(GUEST_BASE + 0x7b123);
    // The order: for each guest level 4 EPT entries then the guest entry; then 4 EPT entries for the data.
    const log = s.w.log.toArray();
    const pattern = log.map((x) => (x.space === 'GPA' ? 'G' : x.space === 'HPA(EPT)' ? 'E' : '?')).join('');
    expect(pattern).toBe('EEEEG'.repeat(4) + 'EEEE');
    // Each guest entry is named by its GPA and read at GPA + GUEST_BASE.
    for (const x of log.filter((y) => y.space === 'GPA')) expect(x.hpa).toBe(x.addr + GUEST_BASE);
    expect(log.filter((y) => y.space === 'GPA').map((y) => y.level)).toEqual([4, 3, 2, 1]);
    // Guest A bits were set through the EPT translation (in host memory).
    for (let l = 4; l >= 1; l--) expect(s.guest.get(s.guest.entryAddr(VA4, l, false)).lo & A).toBe(A);
  });

  it('5-level guest + 5-level EPT: (5+1)x(5+1)-1 = 35 references', () => {
    const s = eptSetup(5, 5);
    s.guest.map(VA5, 0x7c000);
    const { st, r } = walk2d(s, VA5 + 0x8n, ACC_WRITE);
    expect(st).toBe(WALK_OK);
    expect(r.memRefs).toBe(35);
    expect(r.pa).toBe(GUEST_BASE + 0x7c008);
    expect(s.w.log.count).toBe(35);
    expect(SPACE_PA + SPACE_GPA + SPACE_EPT).toBe(3);
  });

  it('mixed: 4-level guest with 2 MiB EPT pages (3 EPT refs each): 5 x 4 - 1 = 19', () => {
    const s = eptSetup(4, 4, { eptShift: 21 });
    s.guest.map(VA4, 0x7b000);
    expect(walk2d(s, VA4).r.memRefs).toBe(4 * 4 + 3);
  });

  it('EPT A/D enabled: guest-table accesses count as writes (D set on the EPT leaf of the table page)', () => {
    const s = eptSetup(4, 4, { ad: true });
    s.guest.map(VA4, 0x7b000);
    expect(walk2d(s, VA4, ACC_READ).st).toBe(WALK_OK);
    const eptLeafOf = (gpa: number) => s.ept.get(s.ept.entryAddr(BigInt(gpa), 1, false)).lo;
    const pteTableGpa = s.guest.entryAddr(VA4, 1, false) & ~0xfff;
    expect(eptLeafOf(pteTableGpa) & (EA | ED)).toBe(EA | ED);
    expect(eptLeafOf(0x7b000) & (EA | ED)).toBe(EA); // data page was only read
  });

  it('an EPT violation on a guest table reports the GPA, GLA valid, not "final"', () => {
    const s = eptSetup(4, 4);
    s.guest.map(VA4, 0x7b000);
    const pdGpa = s.guest.entryAddr(VA4, 2, false);
    const eptLeaf = s.ept.entryAddr(BigInt(pdGpa), 1, false);
    s.ept.update(eptLeaf, 0, 7); // not present
    const { st, r } = walk2d(s, VA4);
    expect(st).toBe(WALK_EPT_VIOLATION);
    expect(r.eptGpa).toBe(pdGpa);
    expect(r.eptQual).toBe(0x1 | 0x80); // data read, GLA valid, access to a paging entry
    expect(r.memRefs).toBe(5 + 5 + 4);
    // guest A bits untouched
    expect(s.guest.get(s.guest.entryAddr(VA4, 4, false)).lo & A).toBe(0);
  });

  it('an EPT violation on the final access says "final"; guest #PF takes priority over it', () => {
    const s = eptSetup(4, 4);
    s.guest.map(VA4, 0x7b000, { flags: P | US });
    s.ept.update(s.ept.entryAddr(0x7b000n, 1, false), 0, EW | EX); // read-only data page
    let { st, r } = walk2d(s, VA4, ACC_READ);
    expect(st).toBe(WALK_OK);
    ({ st, r } = walk2d(s, VA4, ACC_FETCH));
    expect(st).toBe(WALK_EPT_VIOLATION);
    expect(r.eptQual).toBe(0x4 | (0x1 << 3) | 0x80 | 0x100);
    expect(r.eptGpa).toBe(0x7b000);
    ({ st, r } = walk2d(s, VA4, ACC_WRITE)); // guest page read-only too: the guest #PF comes first
    expect(st).toBe(WALK_PAGE_FAULT);
    expect(r.errorCode).toBe(0x3);
  });

  it('A/D write-backs into a guest table need EPT write permission (EPT A/D off)', () => {
    const s = eptSetup(4, 4);
    s.guest.map(VA4, 0x7b000);
    const ptGpa = s.guest.entryAddr(VA4, 1, false);
    s.ept.update(s.ept.entryAddr(BigInt(ptGpa), 1, false), 0, EW);
    const { st, r } = walk2d(s, VA4);
    expect(st).toBe(WALK_EPT_VIOLATION);
    expect(r.eptGpa).toBe(ptGpa);
    expect(r.eptQual & 0x183).toBe(0x2 | 0x80);
    // upper entries were not written either (the check precedes every write-back)
    expect(s.guest.get(s.guest.entryAddr(VA4, 4, false)).lo & A).toBe(0);
    // once A is set in the guest PTE (by the guest), the read-only table page is fine for reads...
    s.guest.update(ptGpa, A);
    expect(walk2d(s, VA4).st).toBe(WALK_OK);
    expect(s.guest.get(s.guest.entryAddr(VA4, 4, false)).lo & A).toBe(A);
    // ...but not for a write, which must set D in the PTE
    const w = walk2d(s, VA4, ACC_WRITE);
    expect(w.st).toBe(WALK_EPT_VIOLATION);
    expect(w.r.eptGpa).toBe(ptGpa);
  });
});
