// EPT mode through real VMs: the 2-D walk's reference counts (24 for 4+4 levels, 35 for 5+5), EPT
// violations mapped on first touch (memslot -> HVA -> HPA) with their exit records, --ept-large (1 GiB
// leaves: ept-1g.test.ts), --ept-prefault, MMIO through misconfigured entries, and no exits for CR3
// loads and INVLPG.
import { describe, expect, it } from 'vitest';
import { createVm, lineLocator } from '../../src/vmm/index.js';
import { ACC_READ } from '../../src/mmu/walk.js';
import { EptTables } from '../../src/vmm/ept.js';
import { HostMemory } from '../../src/vmm/host-memory.js';
import { EptStep, Walker, WalkResult, FMT_EPT, WALK_OK } from '../../src/mmu/walk.js';
import { assembleSource, readQwords, WALK4K } from './helpers.js';

describe('the two-dimensional walk through a VM', () => {
  const { bytes, lines } = assembleSource(WALK4K, 'walk4k.asm');

  it.each([
    { guestLevels: 4 as const, eptLevels: 4 as const, refs: 24 },
    { guestLevels: 5 as const, eptLevels: 5 as const, refs: 35 },
    { guestLevels: 4 as const, eptLevels: 5 as const, refs: 29 },
    { guestLevels: 5 as const, eptLevels: 4 as const, refs: 29 },
  ])('a cold walk of a 4 KiB page with $guestLevels guest levels and $eptLevels EPT levels reads $refs entries',
    ({ guestLevels, eptLevels, refs }) => {
      const vm = createVm({ mode: 'ept', image: bytes, guestLevels, eptLevels, eptPrefault: true, locate: lineLocator(lines) });
      const r = vm.run({ maxInsns: 1000 });
      expect(r.stop).toMatchObject({ reason: 'exit-port', code: 0x55667788 });
      expect(r.exits.byReason.EPT_VIOLATION).toBeUndefined(); // prefaulted
      const mmu = vm.vm!.mmu;
      mmu.flushAll(); // cold: no TLB entry (paging-structure caches are off by default)
      const before = mmu.stats.walk.memRefs;
      const hpa = mmu.translate(0x40000000, 0, ACC_READ);
      expect(mmu.stats.walk.memRefs - before).toBe(refs);
      // the same walk, explained: guest entries named by GPA, every other reference an EPT entry
      const t = vm.translate(0x40000000n);
      expect(t.hardwareWalk).toHaveLength(refs);
      expect(t.hardwareWalk.filter((x) => x.space === 'GPA')).toHaveLength(guestLevels);
      expect(t.hardwareWalk.filter((x) => x.space === 'HPA(EPT)')).toHaveLength(refs - guestLevels);
      expect(t).toMatchObject({ status: 'ok', gpa: 0x600000, hpa, hardwareHpa: hpa });
      expect(t.hva).toBe(0x7f0000000000 + 0x600000);
      expect(vm.vm!.host.frameOf(hpa)).toEqual({ owner: vm.vm!.owner, kind: 'guest' });
      // a warm walk of the same page hits the TLB: no reference
      const again = mmu.stats.walk.memRefs;
      mmu.translate(0x40000008, 0, ACC_READ);
      expect(mmu.stats.walk.memRefs).toBe(again);
    });

  it.each([4, 5] as const)('a %i-level guest runs without prefaulting: one EPT violation per guest table, and the final page', (levels) => {
    for (const exitLogSize of [0, 4096]) {
      const vm = createVm({ mode: 'ept', image: bytes, guestLevels: levels, exitLogSize });
      const r = vm.run({ maxInsns: 1000 });
      expect(r.stop).toMatchObject({ reason: 'exit-port', code: 0x55667788 });
      // the first fetch: the boot tables (PML5 0x4000 with 5 levels), PML4, PDPT, PD (2 MiB leaves), then
      // the code page; then the pages at 0x500000, 0x501000 and 0x600000
      expect(r.exits.byReason.EPT_VIOLATION).toBe((levels - 1) + 1 + 3);
    }
  });

  it('EPT violations map the page (memslot -> HVA -> HPA) and the guest resumes', () => {
    const vm = createVm({ mode: 'ept', image: bytes, locate: lineLocator(lines) });
    const r = vm.run({ maxInsns: 1000 });
    expect(r.stop).toMatchObject({ reason: 'exit-port', code: 0x55667788 });
    const log = vm.exitLog();
    // the very first exits are the guest's own page tables, read by the walk of the first fetch
    expect(log.slice(0, 4).map((e) => [e.name, e.gpa, e.qualification])).toEqual([
      ['EPT_VIOLATION', '0x1000', '0x81'], // read, not present, guest-linear address valid, paging structure
      ['EPT_VIOLATION', '0x2000', '0x81'],
      ['EPT_VIOLATION', '0x3000', '0x81'],
      ['EPT_VIOLATION', '0x100000', '0x184'], // fetch of the final address
    ]);
    expect(log[0]!.action).toMatch(/^EPT map gpa 0x1000 -> hva 0x7f0000001000 -> hpa 0x[0-9a-f]+ \(4 KiB\), already backed$/);
    // the first write to 0x500000: a page never touched gets a new frame
    const w = log.find((e) => e.gpa === '0x500000')!;
    expect(w).toMatchObject({ name: 'EPT_VIOLATION', qualification: '0x182', gla: '0x500000', rip: '0x100012', source: 'walk4k.asm:6' });
    expect(w.insn).toMatch(/^mov /);
    expect(w.action).toMatch(/new frame$/);
    expect(w.cycles).toBeGreaterThan(r.cost.exit);
    expect(r.counters.pf_fixed).toBe(r.exits.byReason.EPT_VIOLATION);
    expect(r.counters.pages_4k).toBe(r.exits.byReason.EPT_VIOLATION);
    // only touched pages are backed: boot tables 3, code 1, stack 0, 0x500000, 0x501000, 0x600000
    expect(r.memory.guestPagesBacked).toBe(7);
    expect(r.memory.eptTablePages).toBeGreaterThanOrEqual(4);
    expect(r.memory.shadowTablePages).toBe(0);
  });

  it('--ept-large maps guest RAM with 2 MiB leaves where a whole 2 MiB range is free; --ept-prefault maps all of it', () => {
    const big = createVm({ mode: 'ept', image: bytes, eptLarge: true });
    const r = big.run({ maxInsns: 1000 });
    expect(r.stop.code).toBe(0x55667788);
    // [0, 2M) holds the hole and loader-backed pages: 4 KiB leaves; 0x400000-0x5fffff and 0x600000-... are 2 MiB
    expect(r.counters.pages_2m).toBe(2);
    expect(r.counters.pages_4k).toBeGreaterThan(0);
    expect(big.exitLog().some((e) => /\(2 MiB\), new frame$/.test(e.action))).toBe(true);
    // '2m' is true; '1g' on 64 MiB of RAM finds no GiB inside one memslot and maps exactly what 2m does
    // (1 GiB leaves themselves: ept-1g.test.ts)
    for (const eptLarge of ['2m', '1g'] as const) {
      expect(createVm({ mode: 'ept', image: bytes, eptLarge }).run({ maxInsns: 1000 }).counters).toEqual(r.counters);
    }
    const pre = createVm({ mode: 'ept', image: bytes, eptPrefault: true, eptLarge: true, memBytes: 16 << 20 });
    const p = pre.run({ maxInsns: 1000 });
    expect(p.exits.byReason.EPT_VIOLATION).toBeUndefined();
    expect(p.memory.guestPagesBacked).toBe((16 << 20) / 4096 - 96); // all RAM but the 0xA0000-0xFFFFF hole
    expect(p.counters.pages_2m).toBe(7); // [2M, 16M)
  });

  it('a large EPT leaf never replaces a table of smaller leaves', () => {
    const host = new HostMemory(4 << 20);
    const ept = new EptTables(host, host.newOwner(), 4);
    expect(ept.map(0x201000, 0x301000, 1)).toBe(true);
    const tables = ept.tablePages;
    expect(ept.map(0x200000, 0x200000, 2)).toBe(false); // the PT mapping 0x201000 stays
    expect(ept.lookup(0x201234)).toMatchObject({ hpa: 0x301234, level: 1 });
    expect(ept.lookup(0x202000)).toBeNull();
    expect([ept.pages4k, ept.pages2m, ept.tablePages]).toEqual([1, 0, tables]);
  });

  it('1 GiB EPT leaves translate through the same walker', () => {
    const host = new HostMemory(4 << 20);
    const ept = new EptTables(host, host.newOwner(), 4);
    ept.map(0x40000000, 0x80000000, 3); // (beyond this small host RAM: the walk only computes the address)
    const w = new Walker(host.ram);
    const res = new WalkResult();
    const step = new EptStep(w, ept.eptp);
    expect(w.walk(res, FMT_EPT, 4, step.root, 0x40000000 + 0x12345, 0, ACC_READ, 0, null)).toBe(WALK_OK);
    expect(res).toMatchObject({ pa: 0x80000000 + 0x12345, pageShift: 30, level: 3 });
    expect(ept.pages1g).toBe(1);
  });
});

describe('MMIO in EPT mode', () => {
  // GPA 0x8000000 (128 MiB) is identity-mapped by the boot tables but lies beyond 64 MiB of RAM.
  const MMIO = `bits 64
org 0x100000
        mov rbx, 0x8000000
        mov rax, [rbx]
        mov [0x200000], rax
        mov qword [rbx], 0x1234
        mov rax, [rbx]
        mov [0x200008], rax
        mov eax, [rbx + 0x10]
        mov [0x200010], rax
        xor eax, eax
        out 0xf4, eax
`;
  it('installs a misconfigured entry at the first access; every access exits and is emulated (reads all ones, writes dropped)', () => {
    const { bytes } = assembleSource(MMIO, 'mmio.asm');
    const vm = createVm({ mode: 'ept', image: bytes });
    const r = vm.run({ maxInsns: 1000 });
    expect(r.stop.reason).toBe('exit-port');
    expect(readQwords(vm.readGuest(0x200000, 24))).toEqual([0xffffffffffffffffn, 0xffffffffffffffffn, 0xffffffffn]);
    const mmio = vm.exitLog().filter((e) => e.gpa !== undefined && BigInt(e.gpa) >= 0x8000000n);
    expect(mmio.map((e) => e.name)).toEqual(['EPT_VIOLATION', 'EPT_MISCONFIG', 'EPT_MISCONFIG', 'EPT_MISCONFIG']);
    expect(mmio[0]!.action).toBe('MMIO gpa 0x8000000: misconfigured EPT entry installed, read emulated (all ones)');
    expect(mmio[1]!.action).toBe('MMIO gpa 0x8000000: write dropped');
    expect(mmio[1]!.qualification).toBe('0x0'); // no qualification for a misconfiguration
    expect(r.counters.mmio_exits).toBe(4);
    expect(vm.vm!.ept!.ept.mmioEntries).toBe(1);
  });

  it('gives the same results in shadow mode (MMIO sptes with a reserved bit) and with unwinding or inline exits', () => {
    const { bytes } = assembleSource(MMIO, 'mmio.asm');
    for (const mode of ['ept', 'shadow'] as const) {
      for (const exitLogSize of [0, 4096]) {
        const vm = createVm({ mode, image: bytes, exitLogSize });
        const r = vm.run({ maxInsns: 1000 });
        expect(readQwords(vm.readGuest(0x200000, 24))).toEqual([0xffffffffffffffffn, 0xffffffffffffffffn, 0xffffffffn]);
        expect(r.counters.mmio_exits).toBe(4);
      }
    }
  });
});

describe('what does not exit in EPT mode', () => {
  it('CR3 loads, INVLPG and the guest\'s own #PFs run in the guest', () => {
    const { bytes } = assembleSource(`bits 64
org 0x100000
        mov rax, cr3
        mov cr3, rax
        invlpg [0x200000]
        mov rax, cr3
        mov cr3, rax
        xor eax, eax
        out 0xf4, eax
`);
    const r = createVm({ mode: 'ept', image: bytes }).run({ maxInsns: 100 });
    expect(Object.keys(r.exits.byReason).sort()).toEqual(['EPT_VIOLATION', 'IO_INSTRUCTION']);
    const s = createVm({ mode: 'shadow', image: bytes }).run({ maxInsns: 100 });
    expect(s.exits.byReason.CR_ACCESS).toBe(4);
    expect(s.exits.byReason.INVLPG).toBe(1);
  });
});
