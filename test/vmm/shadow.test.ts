// Shadow paging through real VMs: the root cache, hidden versus guest faults (CR2 and error code
// injected), the guest's A/D bits identical to native, wp versus lazy synchronisation, write flooding.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createVm, type VmHandle } from '../../src/vmm/index.js';
import { assembleFile, assembleSource, MODES, readQwords, ROOT } from './helpers.js';

/** K address spaces (PML4s at 0x400000 + k * 0x1000, all sharing the boot PDPT), switched round robin. */
function switcher(k: number, rounds: number): Uint8Array {
  return assembleSource(`bits 64
org 0x100000
        mov rdi, 0x400000
        mov ecx, ${k}
mk:     mov qword [rdi], 0x2003
        add rdi, 0x1000
        dec ecx
        jnz mk
        mov r8d, ${rounds}
round:  mov rdi, 0x400000
        mov ecx, ${k}
sw:     mov cr3, rdi
        mov rax, [0x200000]
        add rdi, 0x1000
        dec ecx
        jnz sw
        dec r8d
        jnz round
        mov eax, 0x1000
        mov cr3, rax
        xor eax, eax
        out 0xf4, eax
`, `switch${k}.asm`).bytes;
}

describe('the shadow root cache (current root + 3 previous, like KVM)', () => {
  it('switches to cached roots when the guest has at most 4 address spaces', () => {
    const vm = createVm({ mode: 'shadow', image: switcher(3, 20) });
    const r = vm.run({ maxInsns: 100_000 });
    expect(r.stop.reason).toBe('exit-port');
    // the boot root, then round 1 builds 3 roots; the 57 later switches and the final one back to the
    // boot CR3 are cached
    expect(r.shadow).toMatchObject({ rootCacheMisses: 1 + 3, rootCacheHits: 19 * 3 + 1 });
    expect(r.counters.mmu_shadow_zapped).toBe(0);
    expect(r.memory.roots).toHaveLength(4);
    const acts = vm.exitLog().filter((e) => e.name === 'CR_ACCESS').map((e) => e.action.replace(/hpa 0x[0-9a-f]+/, 'hpa _'));
    expect(acts.slice(0, 4)).toEqual([
      'shadow root switch, new root built (root hpa _)', 'shadow root switch, new root built (root hpa _)',
      'shadow root switch, new root built (root hpa _)', 'shadow root switch, cached (root hpa _)',
    ]);
  });

  it('builds a root at every switch when 6 address spaces go round robin, and frees the evicted ones', () => {
    const r = createVm({ mode: 'shadow', image: switcher(6, 20) }).run({ maxInsns: 100_000 });
    expect(r.shadow).toMatchObject({ rootCacheHits: 0, rootCacheMisses: 1 + 20 * 6 + 1 });
    expect(r.counters.mmu_shadow_zapped).toBeGreaterThanOrEqual(20 * 6 + 1 - 4);
    expect(r.memory.roots).toHaveLength(4);
    // shared below the roots: the shadow of the boot PDPT and its descendants stay (one copy)
    expect(r.memory.shadowTablePages).toBeLessThan(12);
    expect(r.memory.shadowTableBytes).toBe(r.memory.shadowTablePages * 4096);
  });
});

const PAGING_FAULT = join(ROOT, 'test/guests/paging-fault.asm');

describe.skipIf(!existsSync(PAGING_FAULT))('hidden and guest faults', () => {
  it('injects every true guest #PF with its CR2 and error code, and fixes hidden ones silently', () => {
    const image = assembleFile(PAGING_FAULT);
    const vm = createVm({ mode: 'shadow', image });
    const r = vm.run({ maxInsns: 10_000_000 });
    expect(r.stop.reason).toBe('exit-port');
    // the guest prints one "exc 0e cr2=... err=..." line per #PF its handler received (reserved-bit
    // faults as err&~1=, see test/guests/README.md)
    const printed = [...r.console.matchAll(/exc 0e cr2=([0-9a-f]+) err(?:&~1)?=([0-9a-f]+)/g)];
    expect(printed.length).toBeGreaterThan(5);
    expect(r.counters.pf_guest).toBe(printed.length);
    const injected = vm.exitLog().filter((e) => e.action.startsWith('guest #PF injected'));
    expect(injected).toHaveLength(printed.length);
    injected.forEach((e, i) => {
      expect(BigInt(e.gla!)).toBe(BigInt('0x' + printed[i]![1]!));
      expect(e.name).toBe('EXCEPTION_NMI');
      expect(e.qualification).toBe(e.gla); // a #PF exit's qualification is the linear address
    });
    // error codes: the guest's (not the shadow walk's), as the guest printed them
    const codes = injected.map((e) => parseInt(/error code 0x([0-9a-f]+)/.exec(e.action)![1]!, 16));
    printed.forEach((p, i) => expect(p[0].includes('err&~1') ? codes[i]! & ~1 : codes[i]).toBe(parseInt(p[2]!, 16)));
    expect(codes.filter((c) => c & 8)).toHaveLength(3); // the reserved-bit faults: P | RSVD (| W)
    expect(r.counters.pf_fixed).toBeGreaterThan(0);
    // in EPT mode the guest's faults never leave the guest
    const e = createVm({ mode: 'ept', image }).run({ maxInsns: 10_000_000 });
    expect(e.counters.pf_guest).toBe(0);
    expect(e.exits.byReason.EXCEPTION_NMI).toBeUndefined();
  });
});

/** The guest's paging structures reachable from its CR3, as bytes per table GPA. */
function guestTables(h: VmHandle): Map<number, string> {
  const cpu = (h.vm ?? h.machine)!.cpu;
  const out = new Map<number, string>();
  const visit = (gpa: number, level: number) => {
    if (out.has(gpa)) return;
    const bytes = h.readGuest(gpa, 4096);
    out.set(gpa, Buffer.from(bytes).toString('hex'));
    if (level === 1) return;
    readQwords(bytes).forEach((e) => {
      if ((e & 1n) === 0n || (level <= 3 && (e & 0x80n) !== 0n)) return;
      visit(Number(e & 0xffffffffff000n), level - 1);
    });
  };
  visit(Number(BigInt(cpu.cr3) & 0xffffffffff000n), (cpu.cr4 & 0x1000) !== 0 ? 5 : 4);
  return out;
}

const AD_GUESTS = ['test/guests/paging-basic.asm', 'guests/remap-invlpg.asm', 'guests/demand-paging.asm', 'guests/alloc-free.asm']
  .map((g) => join(ROOT, g)).filter(existsSync);

describe('the guest\'s accessed and dirty bits', () => {
  it.each(AD_GUESTS.map((g) => [g.split('/').pop()!, g]))('%s: every guest paging structure ends byte-identical to native', (_n, g) => {
    const image = assembleFile(g);
    const dumps = MODES.map(({ opts }) => {
      const h = createVm({ ...opts, image });
      const r = h.run({ maxInsns: 50_000_000 });
      expect(r.stop.reason).toBe('exit-port');
      return guestTables(h);
    });
    expect(dumps[0]!.size).toBeGreaterThan(2);
    for (const d of dumps.slice(1)) expect(d).toEqual(dumps[0]);
  });
});

// Remaps VA 0x40000000 from 0x600000 to 0x601000 WITHOUT INVLPG, reads it, then INVLPG, reads again.
const STALE = `bits 64
org 0x100000
        mov rax, 0x500003
        mov [0x2008], rax
        mov rax, 0x501003
        mov [0x500000], rax
        mov rax, 0x600003
        mov [0x501000], rax
        mov rax, 0x1111111111111111
        mov [0x600000], rax
        mov rax, 0x2222222222222222
        mov [0x601000], rax
        mov r8, [0x40000000]
        mov qword [0x501000], 0x601003
        mov r9, [0x40000000]
        invlpg [0x40000000]
        mov r10, [0x40000000]
        mov [0x200000], r8
        mov [0x200008], r9
        mov [0x200010], r10
        xor eax, eax
        out 0xf4, eax
`;

describe('wp versus lazy', () => {
  const { bytes } = assembleSource(STALE, 'stale.asm');
  const run = (opts: Parameters<typeof createVm>[0]) => {
    const h = createVm(opts);
    const r = h.run({ maxInsns: 1000 });
    return { r, h, seen: readQwords(h.readGuest(0x200000, 24)) };
  };
  const OLD = 0x1111111111111111n, NEW = 0x2222222222222222n;

  it('lazy keeps a stale translation until INVLPG, as the TLB does natively; wp traps the PTE write', () => {
    expect(run({ mode: 'native', image: bytes }).seen).toEqual([OLD, OLD, NEW]);
    expect(run({ mode: 'ept', image: bytes }).seen).toEqual([OLD, OLD, NEW]);
    const lazy = run({ mode: 'shadow', shadowSync: 'lazy', image: bytes });
    expect(lazy.seen).toEqual([OLD, OLD, NEW]);
    expect(lazy.r.counters.mmu_pte_write).toBe(0);
    expect(lazy.h.exitLog().find((e) => e.name === 'INVLPG')!.action).toBe('INVLPG 0x40000000: shadow entry dropped (1 sptes zapped), TLB entry flushed');
    const wp = run({ mode: 'shadow', shadowSync: 'wp', image: bytes });
    expect(wp.seen).toEqual([OLD, NEW, NEW]); // (the architecture allows both: the TLB may have dropped the entry)
    // two trapped writes: the PDPT entry (the boot PDPT is shadowed from the start) and the remap
    expect(wp.r.counters.mmu_pte_write).toBe(2);
    const w = wp.h.exitLog().find((e) => e.action.startsWith('write to guest page table') && e.gla === '0x501000')!;
    expect(w).toMatchObject({ name: 'EXCEPTION_NMI', gla: '0x501000', action: 'write to guest page table gpa 0x501000 emulated' });
    expect(w.insn).toMatch(/^mov /);
    expect(wp.h.exitLog().find((e) => e.name === 'INVLPG')!.action).toBe('INVLPG 0x40000000: TLB entry flushed');
    expect(wp.r.shadow!.trackedGfns).toBeGreaterThan(0);
    expect(lazy.r.shadow!.trackedGfns).toBe(0);
  });

  it('wp unshadows a page table written 3 times without being used (write flooding)', () => {
    // after the remap (the first write to the table), three more writes without any access through it
    const { bytes: img } = assembleSource(STALE.replace('        mov r9, [0x40000000]\n', `        mov qword [0x501008], 0
        mov qword [0x501010], 0
        mov qword [0x501018], 0
        mov r9, [0x40000000]
`), 'flood.asm');
    const r = createVm({ mode: 'shadow', shadowSync: 'wp', image: img }).run({ maxInsns: 1000 });
    expect(r.stop.reason).toBe('exit-port');
    // the PDPT write, then 3 writes to the page table; the 4th no longer exits: it is not shadowed any more
    expect(r.counters.mmu_pte_write).toBe(1 + 3);
    expect(r.exits.byReason.EXCEPTION_NMI).toBeGreaterThan(0);
    expect(r.counters.mmu_flooded).toBe(1);
    // the flooded table, and the read-only direct page of the boot's 2 MiB page replaced when it got dirty
    expect(r.counters.mmu_shadow_zapped).toBe(2);
  });
});

describe('exits handled where they happen versus unwound', () => {
  // Same guest behaviour, exits and counters, whether exits unwind (recorded) or are handled where they
  // happen: a read-modify-write of a write-protected guest page table (paging-fault's "or qword [pde],
  // PTE_PS") is one access with write intent, one exit, either way.
  // (Walk counts may differ: an instruction re-executed after an unwinding exit re-walks what it needs.)
  const guests = ['guests/process-switch.asm', 'guests/remap-invlpg.asm', 'test/guests/paging-fault.asm']
    .map((g) => join(ROOT, g)).filter(existsSync);
  it.each(guests.map((g) => [g.split('/').pop()!, g]))('%s: same output, instructions, exits and counters', (name, g) => {
    const image = assembleFile(g);
    for (const opts of MODES.slice(1).map((m) => m.opts)) {
      const [a, b] = [0, 1 << 20].map((exitLogSize) => createVm({ ...opts, image, exitLogSize }).run({ maxInsns: 50_000_000 }));
      expect(b!.exitsUnrecorded).toBe(0);
      expect(a!.exitsUnrecorded).toBe(a!.exits.total);
      expect(a!.console).toBe(b!.console);
      expect(a!.totalInstructions).toBe(b!.totalInstructions);
      if (name === 'paging-fault.asm' && opts.shadowSync === 'wp') expect(b!.counters.insn_emulation).toBeGreaterThan(0);
      expect(a!.exits).toEqual(b!.exits);
      expect(a!.counters).toEqual(b!.counters);
    }
  });
});
