// The cost model: modeled CPU cycles for a run and for each VM exit.
//
//   cycles = insns * insn                       guest instructions at a base CPI
//          + walkRefs * walkRef                 paging-structure reads of hardware page walks
//                                               (native 1-D, EPT 2-D, shadow-table walks)
//          + exits * exit                       VM exit + VM entry round trips
//          + the hypervisor's work per exit     (below; summed per exit, shown in each exit record)
//
// Defaults and where they come from (override any with `--cost name=value,...`):
//  insn     1     One cycle per instruction: a neutral baseline so that the other costs read as
//                 "instructions' worth" (real CPIs of 0.3-2 would only rescale the comparison).
//  walkRef  20    One paging-structure entry read by the page walker. Walkers read through the data
//                 caches: an L1 hit is ~5 cycles and an L2 hit ~14 on Skylake (Intel 64 and IA-32
//                 Optimization Reference Manual, table "cache parameters"); a mix of L1/L2/L3 hits
//                 gives ~20. The 2-D walk's 24 references for 4+4 levels (Bhargava et al.,
//                 "Accelerating Two-Dimensional Page Walks for Virtualized Systems", ASPLOS 2008)
//                 are charged one by one.
//  exit     1500  VM exit + VM entry round trip. Intel: "hundreds or thousands of cycles for a single
//                 transition" (Intel, "Virtualization and Performance: Understanding VM Exits",
//                 2009); roughly 1,000-2,000 cycles on recent Intel cores, as kvm-unit-tests'
//                 vmexit_cpuid measures it (the cheapest exit: CPUID, handled in the kernel);
//                 Agesen et al., "Software Techniques for Avoiding Hardware Virtualization Exits",
//                 USENIX ATC 2012, discuss the same round-trip cost.
//  dispatch 200   KVM's exit-handler dispatch and VMCS reads per exit (vmx_handle_exit, kvm_x86 ops).
//  gpte     20    One guest page-table entry read (or A/D write) by the hypervisor's software walker
//                 (paging_tmpl.h's walk_addr), like a hardware walk reference.
//  spte     40    One shadow (or EPT) entry read or written by the hypervisor: the "hypervisor work per
//                 shadow entry touched" (mmu.c's link/set/zap of an spte, rmap bookkeeping).
//  alloc    600   Allocate and zero a 4 KiB frame (a page of shadow or EPT tables, or guest memory on
//                 first touch): ~4 KiB of stores plus the allocator.
//  emulate  1000  Emulate one instruction in the hypervisor (fetch, decode, execute in KVM's x86
//                 emulator), e.g. a guest write to a write-protected guest page table or an MMIO access.
//  inject   100   Inject an event (a guest #PF) at VM entry.
//  flush    200   A TLB flush requested by the hypervisor (the refills show up as walk references).
//  userspace 5000 An exit the kernel returns to the VMM process (port I/O, MMIO): KVM_RUN returns to
//                 QEMU and is called again (two system-call transitions and QEMU's dispatch).

export interface CostModel {
  insn: number;
  walkRef: number;
  exit: number;
  dispatch: number;
  gpte: number;
  spte: number;
  alloc: number;
  emulate: number;
  inject: number;
  flush: number;
  userspace: number;
}

export const DEFAULT_COST: Readonly<CostModel> = Object.freeze({
  insn: 1,
  walkRef: 20,
  exit: 1500,
  dispatch: 200,
  gpte: 20,
  spte: 40,
  alloc: 600,
  emulate: 1000,
  inject: 100,
  flush: 200,
  userspace: 5000,
});

/** Parses `name=value,...` over the defaults (or `base`). Unknown names and bad values throw. */
export function parseCost(spec: string | Partial<CostModel> | undefined, base: Readonly<CostModel> = DEFAULT_COST): CostModel {
  const out: CostModel = { ...base };
  if (spec === undefined || spec === '') return out;
  const entries: [string, unknown][] = typeof spec === 'string'
    ? spec.split(',').filter((s) => s.trim() !== '').map((kv) => {
      const m = /^\s*([A-Za-z]+)\s*=\s*([^\s]+)\s*$/.exec(kv);
      if (!m) throw new RangeError(`--cost: '${kv}' is not name=value`);
      return [m[1]!, Number(m[2])];
    })
    : Object.entries(spec);
  for (const [k, v] of entries) {
    if (!(k in out)) throw new RangeError(`--cost: unknown cost '${k}' (known: ${Object.keys(DEFAULT_COST).join(', ')})`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`--cost: ${k} must be a number >= 0`);
    (out as unknown as Record<string, number>)[k] = v;
  }
  return out;
}

/** Work counters the hypervisor adds to while it handles one exit (indices into a Float64Array). */
export const W_GPTE = 0;
export const W_SPTE = 1;
export const W_ALLOC = 2;
export const W_EMULATE = 3;
export const W_INJECT = 4;
export const W_FLUSH = 5;
export const W_USERSPACE = 6;
export const W_COUNT = 7;

/** Cycles of one exit's hypervisor work (excluding the round trip). */
export function workCycles(c: CostModel, w: Float64Array): number {
  return c.dispatch + w[W_GPTE]! * c.gpte + w[W_SPTE]! * c.spte + w[W_ALLOC]! * c.alloc + w[W_EMULATE]! * c.emulate +
    w[W_INJECT]! * c.inject + w[W_FLUSH]! * c.flush + w[W_USERSPACE]! * c.userspace;
}
