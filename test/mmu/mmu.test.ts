import { describe, expect, it } from 'vitest';
import {
  ACC_FETCH, ACC_READ, ACC_WRITE, EptFault, PageFault, UnsupportedPagingError, X86Mmu,
} from '../../src/mmu/mmu.js';
import * as bits from '../../src/mmu/paging-bits.js';
import { PhysAccessError, PhysMem } from '../../src/mmu/phys.js';
import { EptStep } from '../../src/mmu/walk.js';
import {
  A, CR0_PE, CR0_PG, CR0_WP, CR4_PAE, CR4_PCIDE, CR4_PGE, CR4_SMEP, EFER_LMA, EFER_LME, EFER_NXE, MiB, P, RW,
  Tables, US, machine, split,
} from './helpers.js';

const tr = (mmu: X86Mmu, va: bigint, access = ACC_READ) => mmu.translate(...split(va), access);

describe('PhysMem', () => {
  it('reads and writes little-endian values, 64-bit as halves', () => {
    const m = new PhysMem(8192);
    m.write64(0x10, 0x89abcdef, 0x01234567);
    expect(m.read8(0x10)).toBe(0xef);
    expect(m.read16(0x10)).toBe(0xcdef);
    expect(m.read32(0x10)).toBe(0x89abcdef);
    expect(m.read64lo(0x10)).toBe(0x89abcdef);
    expect(m.read64hi(0x10)).toBe(0x01234567);
    const out = new Uint32Array(2);
    m.read64(0x10, out);
    expect([...out]).toEqual([0x89abcdef, 0x01234567]);
    m.write8(0x1fff, 0x7f);
    m.write16(0x20, 0xbeef);
    m.write32(0x30, 0xffffffff);
    expect(m.read8(0x1fff)).toBe(0x7f);
    expect(m.read16(0x20)).toBe(0xbeef);
    expect(m.read32(0x30)).toBe(0xffffffff);
    m.load(0x100, new Uint8Array([1, 2, 3]));
    expect(m.read32(0x100)).toBe(0x030201);
  });

  it('reports out-of-range accesses with a distinct error, never wrapping', () => {
    const m = new PhysMem(4096);
    expect(() => m.read8(4096)).toThrow(PhysAccessError);
    expect(() => m.read32(4094)).toThrow(PhysAccessError);
    expect(() => m.read64lo(4092)).toThrow(PhysAccessError); // the qword straddles the end
    expect(() => m.write64(-8, 0, 0)).toThrow(PhysAccessError);
    expect(() => m.read8(NaN)).toThrow(PhysAccessError);
    expect(() => m.load(4000, new Uint8Array(100))).toThrow(PhysAccessError);
    try { m.write32(0x1_0000_0000, 1); } catch (e) {
      expect(e).toBeInstanceOf(PhysAccessError);
      expect((e as PhysAccessError).message).toBe('physical write of 4 byte(s) at 0x100000000 is outside RAM (0x0..0x1000)');
    }
    expect(m.contains(4092, 4)).toBe(true);
    expect(m.contains(4093, 4)).toBe(false);
    expect(() => new PhysMem(1000)).toThrow(RangeError);
  });
});

describe('paging-bits', () => {
  it('names the SDM bit positions', () => {
    expect([bits.PTE_P, bits.PTE_RW, bits.PTE_US, bits.PTE_PWT, bits.PTE_PCD, bits.PTE_A, bits.PTE_D, bits.PTE_PS, bits.PTE_G])
      .toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    expect(bits.PTE_HI_XD >>> 0).toBe(0x80000000);
    expect([bits.PFEC_P, bits.PFEC_W, bits.PFEC_U, bits.PFEC_RSVD, bits.PFEC_I]).toEqual([1, 2, 4, 8, 16]);
    expect([bits.EPT_R, bits.EPT_W, bits.EPT_X, bits.EPT_IPAT, bits.EPT_PS, bits.EPT_A, bits.EPT_D]).toEqual([1, 2, 4, 64, 128, 256, 512]);
    expect(bits.EPT_MT).toBe(0x38);
    expect([bits.CR0_WP, bits.CR0_PG >>> 0]).toEqual([1 << 16, 0x80000000]);
    expect([bits.CR4_PAE, bits.CR4_PGE, bits.CR4_LA57, bits.CR4_PCIDE, bits.CR4_SMEP]).toEqual([32, 128, 4096, 1 << 17, 1 << 20]);
    expect([bits.EFER_LME, bits.EFER_LMA, bits.EFER_NXE]).toEqual([256, 1024, 2048]);
    expect(bits.PTE_HI_RSVD).toBe(0xfff00); // bits 51:40 for MAXPHYADDR 40
  });
});

describe('paging modes', () => {
  it('CR0.PG = 0: linear = physical, no TLB', () => {
    const mem = new PhysMem(1 * MiB);
    const mmu = new X86Mmu(mem);
    expect(mmu.translate(0x1234, 0, ACC_WRITE)).toBe(0x1234);
    expect(mmu.stats.tlb.lookups).toBe(0);
    expect(mmu.pagingLevels).toBe(0);
  });

  it('turning paging off through regs makes translate the identity at once (front cache emptied)', () => {
    const { t, mmu } = machine();
    t.map(0x4000_0000n, 0x10_0000);
    expect(tr(mmu, 0x4000_0008n)).toBe(0x10_0008);
    expect(tr(mmu, 0x4000_0008n)).toBe(0x10_0008);
    mmu.regs.cr0 = CR0_PE;
    expect(tr(mmu, 0x4000_0008n)).toBe(0x4000_0008);
    const lookups = mmu.stats.tlb.lookups;
    mmu.regs.cr0 = CR0_PG | CR0_PE;
    expect(tr(mmu, 0x4000_0008n)).toBe(0x10_0008);
    expect(mmu.stats.tlb.lookups).toBe(lookups + 1);
  });

  it('CR0.PG = 1 outside IA-32e mode is reported as unsupported', () => {
    const mmu = new X86Mmu(new PhysMem(1 * MiB));
    mmu.regs.load({ cr0: CR0_PG | CR0_PE, cr4: CR4_PAE });
    expect(mmu.pagingLevels).toBe(-1);
    expect(() => mmu.translate(0, 0, ACC_READ)).toThrow(UnsupportedPagingError);
  });

  it('writing CR3 through regs (CPU style) switches tables; flushNonGlobal makes it take effect', () => {
    const { mem, t, mmu } = machine();
    const t2 = new Tables(mem, 4, 'ia32e', 0x80_0000);
    t.map(0x4000_0000n, 0x10_0000);
    t2.map(0x4000_0000n, 0x20_0000);
    expect(tr(mmu, 0x4000_0000n)).toBe(0x10_0000);
    mmu.regs.cr3 = t2.root;
    expect(tr(mmu, 0x4000_0000n)).toBe(0x10_0000); // not flushed yet: the TLB still has it
    mmu.flushNonGlobal();
    expect(tr(mmu, 0x4000_0000n)).toBe(0x20_0000);
  });

  it('movCr0: clearing PG flushes everything, globals included; WP changes apply at once', () => {
    const { t, mmu } = machine();
    t.map(0x4000_0000n, 0x10_0000, { flags: P | US | 256 /* G */ });
    expect(tr(mmu, 0x4000_0000n)).toBe(0x10_0000);
    expect(() => tr(mmu, 0x4000_0000n, ACC_WRITE)).toThrow(PageFault); // WP = 1, read-only
    mmu.movCr0(CR0_PG | CR0_PE); // WP = 0: supervisor writes allowed, from the cached entry
    const w = mmu.stats.walk.walks;
    expect(tr(mmu, 0x4000_0000n)).toBe(0x10_0000);
    expect(mmu.stats.walk.walks).toBe(w + 1); // (the #PF above had dropped the entry)
    expect(tr(mmu, 0x4000_0000n, ACC_WRITE)).toBe(0x10_0000);
    mmu.movCr0(CR0_PE);
    expect(Object.values(mmu.stats.tlb.arrays).every((a) => a.valid === 0)).toBe(true);
    mmu.movCr0(CR0_PG | CR0_PE | CR0_WP);
  });

  it('movCr4: setting SMEP flushes the current PCID and forbids supervisor fetches from user pages', () => {
    const { t, mmu } = machine();
    t.map(0x4000_0000n, 0x10_0000);
    expect(tr(mmu, 0x4000_0000n, ACC_FETCH)).toBe(0x10_0000);
    mmu.movCr4(CR4_PAE | CR4_PGE | CR4_SMEP);
    expect(mmu.stats.tlb.flushes).toBe(1);
    expect(() => tr(mmu, 0x4000_0000n, ACC_FETCH)).toThrow(expect.objectContaining({ errorCode: 0x11 }));
  });

  it('movCr3 without PCIDE ignores bit 63 and flushes', () => {
    const { t, mmu } = machine();
    mmu.movCr3(t.root, 0x8000_0000);
    expect(mmu.regs.cr3).toBe(t.root);
    expect(mmu.stats.tlb.flushes).toBe(1);
    mmu.regs.cr4 = CR4_PAE | CR4_PCIDE;
    mmu.movCr3(t.root | 5, 0x8000_0000);
    expect(mmu.stats.tlb.flushes).toBe(1);
  });
});

describe('PageFault', () => {
  it('carries CR2 as (hi:lo) and the error code', () => {
    const { mmu } = machine();
    const va = 0xffff_8000_1234_5678n;
    try {
      tr(mmu, va, ACC_WRITE);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PageFault);
      const f = e as PageFault;
      expect([f.lo, f.hi, f.errorCode, f.fromTlb]).toEqual([0x1234_5678, 0xffff_8000, 2, false]);
      expect(f.message).toBe('#PF at 0xffff800012345678 error code 0x2');
    }
    expect(mmu.stats.walk.faults).toBe(1);
  });
});

describe('generation counter for client caches', () => {
  it('advances on invalidations, evictions and register changes, not on hits or fills into empty ways', () => {
    const { t, mmu } = machine({ tlb: 'off,l1d4k=2x1' });
    for (let i = 0; i < 3; i++) t.map(0x4000_0000n + BigInt(i) * 0x1000n, 0x10_0000 + i * 0x1000);
    const g = () => mmu.gen[0]!;
    let g0 = g();
    tr(mmu, 0x4000_0000n);
    tr(mmu, 0x4000_1000n);
    tr(mmu, 0x4000_0000n);
    expect(g()).toBe(g0);
    tr(mmu, 0x4000_2000n); // evicts page 0 from the 1-way set 0
    expect(g()).toBeGreaterThan(g0);
    g0 = g();
    mmu.invlpg(...split(0x4000_1000n));
    expect(g()).toBeGreaterThan(g0);
    g0 = g();
    mmu.regs.cpl = 3;
    expect(g()).toBeGreaterThan(g0);
    g0 = g();
    mmu.flushNonGlobal();
    expect(g()).toBeGreaterThan(g0);
  });
});

describe('explain()', () => {
  it('walks without side effects and lists the references', () => {
    const { t, mmu } = machine();
    const leaf = t.map(0x4000_0000n, 0x10_0000);
    const x = mmu.explain(...split(0x4000_0123n), ACC_WRITE);
    expect(x.status).toBe('ok');
    expect(x.pa).toBe(0x10_0123);
    expect(x.refs.map((r) => r.level)).toEqual([4, 3, 2, 1]);
    expect(x.refs[3]!.addr).toBe(leaf);
    expect(t.get(leaf).lo & A).toBe(0);
    expect(mmu.stats.walk.walks).toBe(0);
    expect(mmu.stats.tlb.lookups).toBe(0);
    mmu.regs.cpl = 3;
    t.update(leaf, 0, US);
    expect(mmu.explain(...split(0x4000_0123n), ACC_READ)).toMatchObject({ status: 'page-fault', errorCode: 5, user: true });
  });
});

describe('the EPT seam: the same MMU with an EptStep', () => {
  it('translates guest-linear to host-physical through the 2-D walk, caching GVA -> HPA', () => {
    const mem = new PhysMem(32 * MiB);
    const GUEST = 8 * MiB;
    const ept = new Tables(mem, 4, 'ept', 20 * MiB);
    for (let gpa = 0; gpa < 4 * MiB; gpa += 4096) ept.map(BigInt(gpa), gpa + GUEST);
    const guest = new Tables(mem, 4, 'ia32e', 0x10000, (gpa) => gpa + GUEST);
    guest.map(0x4000_0000n, 0x30_0000);
    const mmu = new X86Mmu(mem);
    mmu.step = new EptStep(mmu.walker, ept.root + (3 << 3) + 6);
    mmu.regs.load({ cr0: CR0_PG | CR0_WP | CR0_PE, cr3: guest.root, cr4: CR4_PAE, efer: EFER_LME | EFER_LMA | EFER_NXE });
    expect(tr(mmu, 0x4000_0010n)).toBe(GUEST + 0x30_0010);
    expect(mmu.stats.walk.memRefs).toBe(24);
    expect(tr(mmu, 0x4000_0020n)).toBe(GUEST + 0x30_0020);
    expect(mmu.stats.walk.walks).toBe(1);
    // An unmapped GPA: EPT violation (a VM exit), not a #PF.
    guest.map(0x4000_1000n, 0x50_0000);
    try {
      tr(mmu, 0x4000_1000n, ACC_WRITE);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EptFault);
      expect((e as EptFault).gpa).toBe(0x50_0000);
      expect((e as EptFault).qualification).toBe(0x2 | 0x80 | 0x100);
    }
    void RW;
  });
});
