// 1 GiB EPT leaves (`eptLarge: '1g'`, KVM with 1 GiB hugetlbfs pages): a 1 GiB-aligned GPA range that
// lies in one memslot whose HVA is 1 GiB aligned there, none of it backed yet, gets one 1 GiB-aligned
// host run, a 1 GiB leaf in the host page table and a 1 GiB EPT leaf; otherwise 2 MiB, then 4 KiB.
//
// Memory: slot 1 starts at GPA 1 MiB (the legacy hole is below it), so GPA [0, 1 GiB) is never one
// slot's: the first candidate is [1 GiB, 2 GiB), which needs 2 GiB of guest RAM. Host RAM is at most
// 2 GiB (one ArrayBuffer) and frame 0 is reserved, so a 2 GiB host has exactly one free 1 GiB run,
// HPA [1 GiB, 2 GiB). The VMs here share one such host (RAM is zero-filled lazily by the OS; the
// allocator does not re-zero chunks never handed out) and are destroyed after each test.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createVm, lineLocator, type VmHandle } from '../../src/vmm/index.js';
import { ACC_READ } from '../../src/mmu/walk.js';
import { EPT_PS } from '../../src/mmu/paging-bits.js';
import { FK_GUEST, HostMemory } from '../../src/vmm/host-memory.js';
import { GUEST_RAM_HVA } from '../../src/vmm/vm.js';
import { assembleFile, assembleSource, GIB_GUEST, gibGuestConsole, ROOT } from './helpers.js';

const GIB = 0x40000000;
const MIB2 = 0x200000;
const host = new HostMemory(2 * GIB);
const gib = (n = 512) => assembleSource(GIB_GUEST, 'gib.asm', { N: String(n) });
const live: VmHandle[] = [];
const ept = (image: Uint8Array, opts: { memBytes?: number; eptLarge?: boolean | '2m' | '1g'; locate?: ReturnType<typeof lineLocator> } = {}) => {
  const vm = createVm({ mode: 'ept', image, memBytes: 2 * GIB, host, eptLarge: '1g', ...opts });
  live.push(vm);
  return vm;
};

afterEach(() => {
  for (const vm of live.splice(0)) vm.destroy();
  expect(host.framesInUse).toBe(1); // frame 0: every VM gave its frames back
});

describe('the host allocator keeps its free 1 GiB run', () => {
  it('hands out a 1 GiB-aligned run once, splits it for 2 MiB pages only when nothing else is left', () => {
    const host = new HostMemory(2 * GIB); // its own: the VMs' host keeps clean chunks (not re-zeroed)
    const a = host.newOwner();
    expect(host.allocHuge(a, FK_GUEST)).toBe(GIB - MIB2); // the top of [0, 1 GiB), not of the free GiB
    const g = host.allocGiant(a, FK_GUEST);
    expect(g).toBe(GIB);
    expect(host.usage(a)).toMatchObject({ guest: 512 + 262144 });
    expect(host.frameOf(2 * GIB - 4096)).toEqual({ owner: a, kind: 'guest' });
    expect(host.allocGiant(a, FK_GUEST)).toBe(-1); // [0, 1 GiB) holds frame 0
    host.freeOwner(a);
    // a 2 MiB page from the free GiB only when [0, 1 GiB) has no free chunk left
    const b = host.newOwner();
    for (let i = 0; i < 511; i++) expect(host.allocHuge(b, FK_GUEST)).toBeLessThan(GIB);
    expect(host.allocHuge(b, FK_GUEST)).toBe(2 * GIB - MIB2);
    expect(host.allocGiant(b, FK_GUEST)).toBe(-1);
    host.ram.write32(2 * GIB - MIB2 + 0x10, 0xdeadbeef);
    host.freeOwner(b);
    expect(host.allocGiant(b, FK_GUEST)).toBe(GIB);
    expect(host.ram.read32(2 * GIB - MIB2 + 0x10)).toBe(0); // a chunk used before is zeroed again
  });
});

describe('1 GiB EPT leaves', () => {
  it('one EPT violation maps the whole GiB: a 1 GiB host page, a 1 GiB EPT leaf, pages_1g = 1, output as native', () => {
    const { bytes, lines } = gib();
    const native = createVm({ mode: 'native', image: bytes, memBytes: 2 * GIB }).run({ maxInsns: 100_000 });
    expect(native.console).toBe(gibGuestConsole());
    const vm = ept(bytes, { locate: lineLocator(lines) });
    const r = vm.run({ maxInsns: 100_000 });
    expect(r.stop).toMatchObject({ reason: 'exit-port', code: 0 });
    expect(r.console).toBe(native.console);
    // boot PML4, PDPT, PD and the code page (4 KiB leaves: [0, 2 MiB) is cut by the hole), then one
    // violation for the 512 data pages and 4 table pages spread over [1 GiB, 2 GiB)
    expect(r.exits.byReason.EPT_VIOLATION).toBe(5);
    const inGib = vm.exitLog(4096).filter((e) => e.gpa !== undefined && Number(e.gpa) >= GIB);
    expect(inGib.map((e) => [e.name, e.gpa, e.source])).toEqual([['EPT_VIOLATION', '0x40000000', 'gib.asm:18']]); // rep stosq
    expect(inGib[0]!.action).toBe('EPT map gpa 0x40000000 -> hva 0x7f0040000000 -> hpa 0x40000000 (1 GiB), new frame');
    expect(r.counters).toMatchObject({ pf_fixed: 5, pages_4k: 4, pages_2m: 0, pages_1g: 1 });
    // the EPT leaf: level 3 (EPT PDPTE), PS, RWX, WB, HPA 1 GiB aligned
    const p = vm.vm!.ept!;
    const leaf = p.ept.lookup(GIB + 0x2345678)!;
    expect(leaf).toMatchObject({ level: 3, hpa: GIB + 0x2345678, mmio: false });
    expect(leaf.entry & EPT_PS).toBe(EPT_PS);
    expect(leaf.entry & 0x3f).toBe(7 | (6 << 3));
    expect(p.ept.pages1g).toBe(1);
    // the VMM's own table maps the HVA range with one 1 GiB leaf too
    const hpt = vm.vm!.hostPt;
    expect(hpt.pages1g).toBe(1);
    expect(hpt.lookup(GUEST_RAM_HVA + GIB + 0x3ffff008)).toBe(GIB + 0x3ffff008);
    expect(host.frameOf(GIB)).toEqual({ owner: vm.vm!.owner, kind: 'guest' });
    expect(host.frameOf(2 * GIB - 4096)).toEqual({ owner: vm.vm!.owner, kind: 'guest' });
    // accounting: the whole GiB is backed guest memory (+ the 4 pages below), and host frames in use
    expect(r.memory.guestPagesBacked).toBe(262144 + 4);
    expect(r.memory.guestBytesBacked).toBe(GIB + 4 * 4096);
    const use = host.usage(vm.vm!.owner);
    expect(use.guest).toBe(262144 + 4);
    expect(r.memory.hostFramesInUse).toBe(use.total + 1); // + frame 0
    expect(r.memory.hostFramesInUse).toBe(262144 + 4 + r.memory.eptTablePages + r.memory.hostPageTablePages + 1);
    // the 1 GiB run's 262144 frames are allocated and zeroed: that exit's cycles say so
    expect(vm.exitLog(8)[4]!.cycles).toBeGreaterThan(262144 * r.cost.alloc);
  });

  it('a cold 2-D walk over 1 GiB EPT leaves reads 14 entries instead of 24', () => {
    const vm = ept(gib().bytes);
    vm.run({ maxInsns: 100_000 });
    const mmu = vm.vm!.mmu;
    mmu.flushAll(); // cold: no TLB entry (paging-structure caches are off by default)
    const gva = GIB + 5 * 4096, gpa = GIB + 0x100000 + 5 * MIB2;
    const before = mmu.stats.walk.memRefs;
    const hpa = mmu.translate(gva, 0, ACC_READ);
    // The guest walk of GVA 0x40005000 reads 4 entries (its PML4, PDPT, PD and PT, all at GPA 1 GiB
    // + 0..0x3000). Each of those tables' GPAs and the final GPA goes through an EPT walk: 5 EPT walks.
    // Every one of them lands in the GiB mapped by the 1 GiB leaf, so it reads the EPT PML4E and the
    // EPT PDPTE (the leaf, level 3) and stops: 2 entries instead of 4. 5 * 2 + 4 = 14 (4 KiB EPT
    // leaves: 5 * 4 + 4 = 24, the (n+1)(m+1)-1 of docs/vmm.md).
    expect(mmu.stats.walk.memRefs - before).toBe(14);
    expect(hpa).toBe(gpa); // the GiB sits at HPA 1 GiB: HPA = GPA there
    const t = vm.translate(BigInt(gva));
    expect(t).toMatchObject({ status: 'ok', gpa, hva: GUEST_RAM_HVA + gpa, hpa, hardwareHpa: hpa });
    expect(t.hardwareWalk).toHaveLength(14);
    expect(t.hardwareWalk.filter((x) => x.space === 'GPA')).toHaveLength(4);
    expect(t.hardwareWalk.filter((x) => x.space === 'HPA(EPT)')).toHaveLength(10);
  });

  it('--ept-prefault steps over a 1 GiB leaf in one go', () => {
    // a small VM, and a second RAM slot of 1 GiB at GPA 1 GiB (as QEMU registers RAM above a hole):
    // 2 GiB of guest RAM cannot be prefaulted on a 2 GiB host
    const vm = ept(gib(1).bytes, { memBytes: 16 << 20 });
    const v = vm.vm!;
    v.memslots.setUserMemoryRegion({ slot: 2, gpa: GIB, size: GIB, hva: GUEST_RAM_HVA + GIB });
    const map = vi.spyOn(v.ept!, 'map');
    const lookup = vi.spyOn(v.ept!.ept, 'lookup');
    v.ept!.prefault();
    expect(map.mock.calls.filter(([gpa]) => gpa >= GIB)).toEqual([[GIB, false]]);
    expect(lookup.mock.calls.filter(([gpa]) => gpa >= GIB)).toHaveLength(2); // before and after that map
    expect(v.ept!.ept).toMatchObject({ pages1g: 1, pages2m: 7 }); // [2 MiB, 16 MiB) in 2 MiB leaves
    expect(v.vcpu.stats.pages_1g).toBe(1);
    expect(v.guestPagesBacked).toBe((16 << 20) / 4096 - 96 + 262144);
    const r = vm.run({ maxInsns: 100_000 });
    expect(r.console).toBe(gibGuestConsole(1));
    expect(r.exits.byReason.EPT_VIOLATION).toBeUndefined();
  });
});

describe('fallback to 2 MiB and 4 KiB leaves', () => {
  it('a GiB not entirely inside a memslot: 2 MiB leaves (guest RAM of 1.5 GiB)', () => {
    const vm = ept(gib(256).bytes, { memBytes: 1.5 * GIB });
    const r = vm.run({ maxInsns: 100_000 });
    expect(r.console).toBe(gibGuestConsole(256));
    // one violation and one 2 MiB leaf per data page's 2 MiB range (the first also holds the tables)
    expect(r.exits.byReason.EPT_VIOLATION).toBe(4 + 256);
    expect(r.counters).toMatchObject({ pages_4k: 4, pages_2m: 256, pages_1g: 0 });
    expect(vm.vm!.hostPt.pages1g).toBe(0);
    expect(r.memory.guestPagesBacked).toBe(4 + 256 * 512);
  });

  it('an existing guest below 1 GiB (identity.asm, 2 GiB of RAM): no 1 GiB leaf, output as native', () => {
    const image = assembleFile(ROOT + 'guests/identity.asm');
    const native = createVm({ mode: 'native', image, memBytes: 2 * GIB }).run();
    const r = ept(image).run();
    expect(r.stop).toMatchObject({ reason: 'exit-port', code: 0 });
    expect(r.console).toBe(native.console);
    expect(r.counters.pages_1g).toBe(0);
    expect(r.counters.pages_2m).toBeGreaterThanOrEqual(2); // its 4 MiB of data pages from 0x1000000
  });

  it('a GiB already partly backed: 2 MiB leaves, and 4 KiB in the partly backed 2 MiB range', () => {
    const { bytes } = gib();
    const vm = ept(bytes);
    vm.writeGuest(0x7fff0000, new Uint8Array([1])); // the VMM touches one page of the GiB first
    const r = vm.run({ maxInsns: 100_000 });
    expect(r.console).toBe(gibGuestConsole());
    // data page 511 (GPA 0x7ff00000) shares its 2 MiB range with the page touched: a 4 KiB leaf
    expect(r.counters).toMatchObject({ pages_4k: 4 + 1, pages_2m: 511, pages_1g: 0 });
    expect(r.exits.byReason.EPT_VIOLATION).toBe(4 + 512);
    expect(vm.vm!.ept!.ept.lookup(0x7ff00000)).toMatchObject({ level: 1 });
    expect(r.memory.guestPagesBacked).toBe(4 + 511 * 512 + 2);
  });

  it('no free 1 GiB run on the host: 2 MiB leaves (as KVM falls back when no huge page is free)', () => {
    const { bytes } = gib(256);
    const first = ept(bytes);
    expect(first.run({ maxInsns: 100_000 }).counters.pages_1g).toBe(1); // holds HPA [1 GiB, 2 GiB)
    const vm = ept(bytes);
    const r = vm.run({ maxInsns: 100_000 });
    expect(r.stop).toMatchObject({ reason: 'exit-port', code: 0 });
    expect(r.console).toBe(gibGuestConsole(256));
    expect(r.counters).toMatchObject({ pages_4k: 4, pages_2m: 256, pages_1g: 0 });
    expect(r.memory.guestPagesBacked).toBe(4 + 256 * 512);
    // the same cold walk over 2 MiB EPT leaves: each EPT walk reads 3 entries, 5 * 3 + 4 = 19
    const mmu = vm.vm!.mmu;
    mmu.flushAll();
    const before = mmu.stats.walk.memRefs;
    mmu.translate(GIB + 5 * 4096, 0, ACC_READ);
    expect(mmu.stats.walk.memRefs - before).toBe(19);
  });

  it('eptLarge accepts true, \'2m\' and \'1g\' and rejects anything else', () => {
    const { bytes } = gib(1);
    const two = ept(bytes, { eptLarge: '2m' }).run({ maxInsns: 100_000 });
    const yes = ept(bytes, { eptLarge: true }).run({ maxInsns: 100_000 });
    expect(two.counters).toMatchObject({ pages_2m: 1, pages_1g: 0 });
    expect(yes.counters).toEqual(two.counters);
    expect(() => createVm({ mode: 'ept', image: bytes, eptLarge: '3m' as '2m' })).toThrow(/eptLarge must be/);
  });
});
