// Property tests (fast-check): random guest page tables and random access sequences, run in every mode.
//  * isolation: every host-physical address the MMU hands the CPU for a guest access (data and
//    fetches) is in a frame owned by that VM and holding guest memory (or its MMIO bounce frame):
//    never a shadow or EPT table, never the host page table, never another VM's memory - with three
//    VMs alive on one host RAM;
//  * equivalence: the values read, the faults taken (CR2, error code) and the final bytes of every
//    guest paging structure (A/D bits included) are the same in native, EPT, shadow-lazy and shadow-wp.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createVm, Host, type VmHandle } from '../../src/vmm/index.js';
import { assembleSource, qwords, readQwords } from './helpers.js';

const MEM = 16 << 20;
const RECS = 0x300000, RESULTS = 0x380000, IDT = 0x3f0000, CR3VAL = 0x2ff800;
const PML4 = 0x400000, PDPT = 0x401000, PD_ID = 0x402000, PD_R = 0x403000, PT_ALIAS = 0x404000;
const PT0 = 0x410000; // region page tables PT0 + i * 0x1000
const REGION = 0x40000000; // PML4[0] PDPT[1]: PD_R
const POOL = 0x800000, POOL_PAGES = 1024; // data frames [8 MiB, 12 MiB)
const NPT = 3;

// The driver: loads the random tables, then performs the access records; a #PF handler records
// CR2 and the error code and skips the access. Kinds: 0 read, 1 write, 2 add (read-modify-write),
// 3 write to a page table through its alias then reload CR3 (the TLB rule for changed entries).
const DRIVER = assembleSource(`bits 64
org 0x100000
        mov rsp, 0x2ff000
        mov rax, pf_handler
        mov rdi, ${IDT + 14 * 16}
        mov [rdi], ax
        mov word [rdi + 2], 0x08
        mov word [rdi + 4], 0x8e00
        shr rax, 16
        mov [rdi + 6], ax
        shr rax, 16
        mov [rdi + 8], eax
        mov dword [rdi + 12], 0
        lidt [idtr]
        mov rax, [${CR3VAL}]
        mov cr3, rax
        mov r12, ${RESULTS}
        mov rsi, ${RECS + 8}
        mov rcx, [${RECS}]
next:   test rcx, rcx
        jz done
        mov rbx, [rsi]
        mov rdx, [rsi + 8]
        mov rax, [rsi + 16]
        cmp rdx, 1
        je write
        cmp rdx, 2
        je rmw
        cmp rdx, 3
        je ptwrite
        mov rax, [rbx]
        mov [r12], rax
        add r12, 8
        jmp resume
write:  mov [rbx], rax
        jmp resume
rmw:    add [rbx], rax
        jmp resume
ptwrite: mov [rbx], rax
        mov rax, cr3
        mov cr3, rax
resume: add rsi, 24
        dec rcx
        jmp next
done:   xor eax, eax
        out 0xf4, eax
pf_handler:
        mov rax, cr2
        mov [r12], rax
        mov rax, [rsp]
        mov [r12 + 8], rax
        add r12, 16
        mov qword [rsp + 8], resume
        add rsp, 8
        iretq
idtr:   dw 0xfff
        dq ${IDT}
`, 'driver.asm').bytes;

const P = 1n, RW = 2n, US = 4n, A = 0x20n, D = 0x40n, PS = 0x80n, XD = 1n << 63n;

interface Scenario {
  /** PT_i entries: index -> entry */
  pts: Map<number, bigint>[];
  /** PD_R entries beyond the page tables: 2 MiB pages */
  large: Map<number, bigint>;
  accesses: { gva: number; kind: number; value: bigint }[];
}

const flagsArb = fc.record({ rw: fc.boolean(), a: fc.boolean(), d: fc.boolean(), xd: fc.boolean(), rsvd: fc.integer({ min: 0, max: 9 }) });
const entryArb = (mmio: boolean) => fc.record({
  kind: fc.integer({ min: 0, max: 5 }), // 0: not present; else present
  frame: fc.integer({ min: 0, max: POOL_PAGES - 1 }),
  mmioPage: fc.integer({ min: 0, max: 255 }),
  f: flagsArb,
}).map(({ kind, frame, mmioPage, f }) => {
  if (kind === 0) return 0n;
  const base = mmio && kind === 5 ? BigInt(MEM + 0x1000000 + mmioPage * 4096) : BigInt(POOL + frame * 4096);
  let e = base | P | US | (f.rw ? RW : 0n) | (f.a ? A : 0n) | (f.d ? D : 0n) | (f.xd ? XD : 0n);
  if (f.rsvd === 0) e |= 1n << 51n; // a reserved bit: #PF with RSVD
  return e;
});

function scenarioArb(mmio: boolean): fc.Arbitrary<Scenario> {
  const slot = fc.record({ pt: fc.integer({ min: 0, max: NPT - 1 }), idx: fc.integer({ min: 0, max: 15 }) });
  return fc.record({
    pts: fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), entryArb(mmio)), { maxLength: 12 }), { minLength: NPT, maxLength: NPT }),
    large: fc.array(fc.tuple(fc.integer({ min: 8, max: 9 }), fc.constantFrom(0x800000, 0xa00000), flagsArb), { maxLength: 2 }),
    accesses: fc.array(fc.oneof(
      fc.record({ kind: fc.constantFrom(0, 1, 2), at: slot, off: fc.integer({ min: 0, max: 511 }), value: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) })
        .map(({ kind, at, off, value }) => ({ gva: REGION + at.pt * 0x200000 + at.idx * 4096 + off * 8, kind, value })),
      fc.record({ kind: fc.constantFrom(0, 1, 2), big: fc.integer({ min: 8, max: 9 }), off: fc.integer({ min: 0, max: 0x3ffff }), value: fc.bigInt({ min: 0n, max: 1000n }) })
        .map(({ kind, big, off, value }) => ({ gva: REGION + big * 0x200000 + off * 8, kind, value })),
      fc.record({ at: slot, e: entryArb(mmio) })
        .map(({ at, e }) => ({ gva: REGION + 511 * 0x200000 + at.pt * 4096 + at.idx * 8, kind: 3, value: e })),
    ), { minLength: 1, maxLength: 40 }),
  }).map(({ pts, large, accesses }) => ({
    pts: pts.map((l) => new Map(l)),
    large: new Map(large.map(([i, base, f]) => [i, BigInt(base) | P | US | PS | (f.rw ? RW : 0n) | (f.a ? A : 0n) | (f.d ? D : 0n)])),
    accesses,
  }));
}

/** Writes the scenario's tables and records into guest memory. */
function load(h: VmHandle, s: Scenario): void {
  const page = (entries: Map<number, bigint>) => {
    const v = new Array<bigint>(512).fill(0n);
    for (const [i, e] of entries) v[i] = e;
    return qwords(v);
  };
  h.writeGuest(PML4, page(new Map([[0, BigInt(PDPT) | P | RW | US]])));
  h.writeGuest(PDPT, page(new Map([[0, BigInt(PD_ID) | P | RW | US], [1, BigInt(PD_R) | P | RW | US]])));
  h.writeGuest(PD_ID, page(new Map([0, 1, 2, 3].map((i) => [i, BigInt(i * 0x200000) | P | RW | PS]))));
  const pd = new Map<number, bigint>(s.large);
  for (let i = 0; i < NPT; i++) pd.set(i, BigInt(PT0 + i * 0x1000) | P | RW | US);
  pd.set(511, BigInt(PT_ALIAS) | P | RW | US);
  h.writeGuest(PD_R, page(pd));
  h.writeGuest(PT_ALIAS, page(new Map(Array.from({ length: NPT }, (_, i) => [i, BigInt(PT0 + i * 0x1000) | P | RW | US]))));
  s.pts.forEach((entries, i) => h.writeGuest(PT0 + i * 0x1000, page(entries)));
  h.writeGuest(CR3VAL, qwords([PML4]));
  h.writeGuest(RECS, qwords([s.accesses.length, ...s.accesses.flatMap((a) => [a.gva, a.kind, a.value])]));
}

/** Wraps the VM's MMU: every HPA it returns must be this VM's guest memory (or its MMIO frame). */
function guard(h: VmHandle, host: InstanceType<typeof Host>): { checked: number } {
  const v = h.vm!;
  const mmu = v.mmu;
  const translate = mmu.translate.bind(mmu);
  const stat = { checked: 0 };
  mmu.translate = (lo: number, hi: number, access: number): number => {
    const hpa = translate(lo, hi, access);
    const f = host.frameOf(hpa);
    if (f.owner !== v.owner || (f.kind !== 'guest' && f.kind !== 'mmio')) {
      throw new Error(`isolation: ${hi.toString(16)}:${(lo >>> 0).toString(16)} -> hpa 0x${hpa.toString(16)} is ${f.kind} of owner ${f.owner} (VM ${v.owner})`);
    }
    stat.checked++;
    return hpa;
  };
  v.cpu.dropCode(); // compiled blocks hold the MMU they were built with
  return stat;
}

function outcome(h: VmHandle, maxInsns: number) {
  const r = h.run({ maxInsns });
  const tables = [PML4, PDPT, PD_ID, PD_R, PT_ALIAS, ...Array.from({ length: NPT }, (_, i) => PT0 + i * 0x1000)]
    .map((gpa) => Buffer.from(h.readGuest(gpa, 4096)).toString('hex'));
  return { stop: r.stop.reason, code: r.stop.code, results: readQwords(h.readGuest(RESULTS, 8 * 200)), tables, r };
}

describe('random page tables and accesses', () => {
  it('same values, faults and A/D bits in every mode; every access stays in the VM\'s own frames', () => {
    fc.assert(fc.property(scenarioArb(false), (s) => {
      const host = new Host(96 << 20);
      const native = createVm({ mode: 'native', image: DRIVER, memBytes: MEM });
      load(native, s);
      const ref = outcome(native, 100_000);
      expect(ref.stop).toBe('exit-port');
      for (const opts of [{ mode: 'ept' as const }, { mode: 'shadow' as const, shadowSync: 'lazy' as const }, { mode: 'shadow' as const, shadowSync: 'wp' as const }]) {
        const h = createVm({ ...opts, image: DRIVER, memBytes: MEM, host, exitLogSize: 64 });
        load(h, s);
        const stat = guard(h, host);
        const o = outcome(h, 100_000);
        expect({ stop: o.stop, results: o.results }).toEqual({ stop: ref.stop, results: ref.results });
        expect(o.tables).toEqual(ref.tables);
        expect(stat.checked).toBeGreaterThan(s.accesses.length);
      }
    }), { numRuns: Number(process.env.PV_RUNS ?? 25) });
  });

  it('with MMIO mappings too: EPT and both shadow modes agree, and stay isolated', () => {
    fc.assert(fc.property(scenarioArb(true), (s) => {
      const host = new Host(96 << 20);
      const outs = [{ mode: 'ept' as const }, { mode: 'shadow' as const, shadowSync: 'lazy' as const }, { mode: 'shadow' as const, shadowSync: 'wp' as const }]
        .map((opts) => {
          const h = createVm({ ...opts, image: DRIVER, memBytes: MEM, host, exitLogSize: 0 });
          load(h, s);
          guard(h, host);
          const o = outcome(h, 100_000);
          expect(o.stop).toBe('exit-port');
          return o;
        });
      for (const o of outs.slice(1)) {
        expect(o.results).toEqual(outs[0]!.results);
        expect(o.tables).toEqual(outs[0]!.tables);
        expect(o.r.counters.mmio_exits).toBe(outs[0]!.r.counters.mmio_exits);
      }
    }), { numRuns: Number(process.env.PV_RUNS ?? 20) });
  });
});
