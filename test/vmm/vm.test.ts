// Host memory (frames, owners, lazily backed guest RAM, out of memory), several VMs on one host RAM,
// the four address spaces, VPID on/off, and the cost model.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createVm, Host, parseSize, parseCost, DEFAULT_COST } from '../../src/vmm/index.js';
import { FK_GUEST, FK_SHADOW, HostMemory, HostOutOfMemory } from '../../src/vmm/host-memory.js';
import { assembleFile, assembleSource, ROOT } from './helpers.js';

const WL = process.env.PAGEVISOR_WORKLOADS ?? '/work/shared/workloads';

// Touches `pages` pages of 4 KiB from 0x800000 on (a write each), then exits with code 0.
const toucher = (pages: number) => assembleSource(`bits 64
org 0x100000
        mov rdi, 0x800000
        mov ecx, ${pages}
t:      mov [rdi], rcx
        add rdi, 0x1000
        dec ecx
        jnz t
        xor eax, eax
        out 0xf4, eax
`, 'touch.asm').bytes;

describe('host memory', () => {
  it('hands out zeroed frames, never HPA 0, tracks owners and kinds, and keeps whole 2 MiB runs for huge pages', () => {
    const h = new HostMemory(8 << 20);
    const a = h.newOwner(), b = h.newOwner();
    const f1 = h.allocFrame(a, FK_GUEST), f2 = h.allocFrame(b, FK_SHADOW);
    expect(f1).not.toBe(0);
    expect(h.frameOf(f1)).toEqual({ owner: a, kind: 'guest' });
    expect(h.frameOf(f2)).toEqual({ owner: b, kind: 'shadow' });
    h.ram.write32(f1, 0xdeadbeef);
    h.freeFrame(f1);
    expect(() => h.freeFrame(f1)).toThrow(RangeError);
    const huge = h.allocHuge(a, FK_GUEST);
    expect(huge % (2 << 20)).toBe(0);
    expect(h.frameOf(huge + 0x1ff000).owner).toBe(a);
    expect(h.usage(a)).toMatchObject({ guest: 512, total: 512 });
    // 4 KiB frames stay in partly used chunks: three 2 MiB runs are still free in 8 MiB
    expect([h.allocHuge(a, FK_GUEST), h.allocHuge(a, FK_GUEST)].every((x) => x > 0)).toBe(true);
    expect(h.allocHuge(a, FK_GUEST)).toBe(-1);
    // the rest of chunk 0: 512 frames but frame 0 and b's (f1 was freed and is reused, zeroed)
    for (let i = 0; i < 510; i++) expect(h.ram.read32(h.allocFrame(a, FK_GUEST))).toBe(0);
    expect(() => h.allocFrame(a, FK_GUEST)).toThrow(HostOutOfMemory);
    h.freeOwner(a);
    expect(h.usage(a).total).toBe(0);
    expect(h.framesInUse).toBe(2); // frame 0 and b's shadow frame
  });

  it('parses --host-mem sizes', () => {
    expect(parseSize('256M')).toBe(256 << 20);
    expect(parseSize('1G')).toBe(1 << 30);
    expect(parseSize('64KiB')).toBe(65536);
    expect(parseSize('4096')).toBe(4096);
    expect(() => parseSize('lots')).toThrow(RangeError);
  });

  it('backs guest RAM lazily: a VM uses host frames for the pages it touched, not its RAM size', () => {
    for (const mode of ['ept', 'shadow'] as const) {
      const vm = createVm({ mode, image: toucher(100), memBytes: 256 << 20, hostMemBytes: 64 << 20 });
      const r = vm.run({ maxInsns: 10_000 });
      expect(r.stop.reason).toBe('exit-port');
      expect(r.memory.guestPagesBacked).toBeGreaterThanOrEqual(100);
      expect(r.memory.guestPagesBacked).toBeLessThan(110);
      expect(r.memory.hostFramesInUse).toBeLessThan(200);
      expect(r.memory.hostPageTablePages).toBeGreaterThanOrEqual(4);
    }
  });

  it('stops a VM that runs out of host frames with "host out of memory" and its statistics so far', () => {
    for (const mode of ['ept', 'shadow'] as const) {
      const vm = createVm({ mode, image: toucher(2000), hostMemBytes: 4 << 20 });
      const r = vm.run({ maxInsns: 1_000_000 });
      expect(r.stop.reason).toBe('host-oom');
      expect(r.stop.message).toMatch(/^host out of memory: no free frame for /);
      expect(r.memory.hostFramesInUse).toBe(1024); // every frame of the 4 MiB host
      expect(r.exits.total).toBeGreaterThan(500);
      expect(r.instructions).toBeGreaterThan(1000);
      expect(vm.run({ maxInsns: 10 }).stop.reason).toBe('host-oom'); // stays stopped
    }
    // even the loader can run out (a 2 MiB image in 2 MiB of host RAM): the VM stops at once
    const image = new Uint8Array(2 << 20);
    image.set(toucher(1));
    const tiny = createVm({ mode: 'ept', image, hostMemBytes: 2 << 20, memBytes: 8 << 20 });
    const t = tiny.run({ maxInsns: 1000 });
    expect(t.stop.reason).toBe('host-oom');
    expect(t.totalInstructions).toBe(0);
  });
});

describe('several VMs on one host RAM', () => {
  it('gives each VM only its own frames; destroying one frees its frames', () => {
    const host = new Host(64 << 20);
    const img = toucher(50);
    const vms = [createVm({ mode: 'ept', image: img, host }), createVm({ mode: 'shadow', image: img, host }),
      createVm({ mode: 'shadow', shadowSync: 'lazy', image: img, host })];
    for (const vm of vms) expect(vm.run({ maxInsns: 10_000 }).stop.reason).toBe('exit-port');
    const owners = vms.map((v) => v.vm!.owner);
    expect(new Set(owners).size).toBe(3);
    vms.forEach((vm, i) => {
      const v = vm.vm!;
      for (const s of v.memslots.slots) {
        for (const hpa of s.hpa) if (hpa >= 0) expect(host.frameOf(hpa)).toEqual({ owner: owners[i], kind: 'guest' });
      }
      const t = vm.translate(0x800000);
      expect(host.frameOf(t.hpa!)).toEqual({ owner: owners[i], kind: 'guest' });
      expect(t.hardwareHpa).toBe(t.hpa);
    });
    // same guest-physical page, three different host frames, each holding its VM's value
    const hpas = vms.map((vm) => vm.translate(0x800000).hpa!);
    expect(new Set(hpas).size).toBe(3);
    const inUse = host.framesInUse;
    const mine = host.usage(owners[0]!).total;
    vms[0]!.destroy();
    expect(host.framesInUse).toBe(inUse - mine);
    // the others go on (past their exit port: into zeroed memory) with their memory intact
    expect(vms[1]!.run({ maxInsns: 10 }).stop.reason).toBe('insn-limit');
    expect(vms[1]!.readGuest(0x800000, 1)[0]).toBe(50);
  });

  it('shows a translation through the four address spaces', () => {
    const vm = createVm({ mode: 'shadow', image: toucher(1) });
    vm.run({ maxInsns: 1000 });
    const t = vm.translate(0x100000n);
    expect(t).toMatchObject({ status: 'ok', gpa: 0x100000, hva: 0x7f0000100000 });
    expect(t.guestWalk.map((r) => r.space)).toEqual(['GPA', 'GPA', 'GPA']); // PML4E, PDPTE, PDE (2 MiB)
    expect(t.hardwareWalk).toHaveLength(4); // the shadow: 4 KiB leaves
    expect(t.hardwareHpa).toBe(t.hpa);
    expect(vm.translate(0x7e0000000000n).status).toBe('page-fault');
  });
});

describe('VPID', () => {
  const g = join(ROOT, 'test/guests/isa-string.asm');
  it.skipIf(!existsSync(g))('off: the guest\'s TLB entries are flushed at every VM exit and entry (same results, more walks)', () => {
    const image = assembleFile(g);
    const on = createVm({ mode: 'ept', image, vpid: true }).run({ maxInsns: 10_000_000 });
    const off = createVm({ mode: 'ept', image, vpid: false }).run({ maxInsns: 10_000_000 });
    expect(off.console).toBe(on.console);
    expect(off.exits).toEqual(on.exits);
    expect(off.tlb.flushes).toBeGreaterThanOrEqual(2 * off.exits.total);
    expect(on.tlb.flushes).toBeLessThan(10);
    expect(off.walk.walks).toBeGreaterThan(5 * on.walk.walks);
    expect(off.cycles.walks).toBeGreaterThan(on.cycles.walks);
  });
});

describe('the cost model', () => {
  it('has documented defaults and parses --cost overrides', () => {
    expect(parseCost(undefined)).toEqual(DEFAULT_COST);
    expect(DEFAULT_COST.exit).toBeGreaterThanOrEqual(1000);
    expect(DEFAULT_COST.exit).toBeLessThanOrEqual(2000);
    expect(parseCost('exit=1200, walkRef=30')).toMatchObject({ exit: 1200, walkRef: 30, spte: DEFAULT_COST.spte });
    expect(() => parseCost('exits=1')).toThrow(/unknown cost 'exits'/);
    expect(() => parseCost('exit=-1')).toThrow(RangeError);
    expect(() => parseCost('exit')).toThrow(RangeError);
  });

  it('adds up: cycles = instructions + walk references + round trips + handlers, per exit and per run', () => {
    const image = toucher(20);
    const r = createVm({ mode: 'shadow', image, cost: 'exit=1000,insn=2' }).run({ maxInsns: 10_000 });
    const c = r.cycles;
    expect(c.guest).toBe(2 * r.totalInstructions);
    expect(c.walks).toBe(DEFAULT_COST.walkRef * r.walk.memRefs);
    expect(c.exits).toBe(1000 * r.exits.total);
    expect(c.total).toBe(c.guest + c.walks + c.exits + c.hypervisor);
    const byReason = Object.values(c.byReason).reduce((a, b) => a + b, 0);
    expect(byReason).toBe(c.exits + c.hypervisor);
    for (const e of r.exitLog) expect(e.cycles).toBeGreaterThanOrEqual(1000 + DEFAULT_COST.dispatch);
    // an I/O exit goes to the VMM process; a hidden fault writes shadow entries and reads guest ones
    const io = r.exitLog.find((e) => e.name === 'IO_INSTRUCTION')!;
    expect(io.cycles).toBe(1000 + DEFAULT_COST.dispatch + DEFAULT_COST.userspace);
    const fill = r.exitLog.find((e) => e.action.startsWith('shadow fill') && e.action.endsWith('new frame'))!;
    expect(fill.cycles).toBeGreaterThan(1000 + DEFAULT_COST.dispatch + DEFAULT_COST.alloc + 4 * DEFAULT_COST.gpte);
    // native has no exits; its cycles are instructions and walks
    const n = createVm({ mode: 'native', image }).run({ maxInsns: 10_000 });
    expect(n.cycles.total).toBe(n.totalInstructions * DEFAULT_COST.insn + n.walk.memRefs * DEFAULT_COST.walkRef);
  });

  it.skipIf(!existsSync(join(WL, 'wl_churn.asm')))('makes shadow paging dearer than EPT on page-table churn, and EPT dearer in walks', () => {
    const image = assembleFile(join(WL, 'wl_churn.asm'), { N: '200' });
    const [n, e, s] = (['native', 'ept', 'shadow'] as const).map((mode) => createVm({ mode, image }).run({ maxInsns: 1e7 }));
    expect(e!.cycles.walks).toBeGreaterThan(3 * n!.cycles.walks); // 2-D walks
    expect(s!.cycles.total).toBeGreaterThan(2 * e!.cycles.total);  // exits at every CR3 load, PTE write and INVLPG
    expect(s!.exits.byReason).toMatchObject({ CR_ACCESS: 400, INVLPG: 400 });
  });
});
