// A session: one guest booted in one paging mode, seen through the small interface the views
// (walk, inspect, stat, trace, compare) need. The native backend wraps src/cpu's Machine; the
// virtualized modes (ept, shadow-wp, shadow-lazy) plug in through `registerBackend` (session-vm.ts)
// so that this file does not depend on the hypervisor's internals.
//
// Everything a view prints comes from here: the CPU (registers), the MMU (TLB and walk counters,
// `explain`), memory as the CPU sees it (host RAM under a hypervisor), the hypervisor's exits and
// KVM-style counters, and the guest's phase marks (OUT to port 0xE8: 1 = begin, 2 = end).

import { createMachine, type Machine } from '../cpu/machine.js';
import type { Cpu, StopState } from '../cpu/cpu.js';
import type { X86Mmu, WalkExplanation } from '../mmu/mmu.js';
import { ACC_FETCH, ACC_READ, type WalkRef } from '../mmu/walk.js';
import type { PhysMem } from '../mmu/phys.js';
import { DEFAULT_BASE_COST, type BaseCost } from './report.js';

/** The modes a view accepts (`npt` is accepted as a synonym of `ept`, `shadow` of `shadow-wp`). */
export const MODES = ['native', 'ept', 'shadow-wp', 'shadow-lazy'] as const;
export type ModeName = (typeof MODES)[number];

/** Port the guests write to mark a measured phase (guests/lib/pv.inc). */
export const PORT_PHASE = 0xe8;
export const PHASE_BEGIN = 1;
export const PHASE_END = 2;

/** The mode named `text`, or an error message naming the valid choices. */
export function parseMode(text: string): ModeName | { error: string } {
  const t = text.trim().toLowerCase();
  if (t === 'shadow') return 'shadow-wp';
  if (t === 'npt') return 'ept';
  if ((MODES as readonly string[]).includes(t)) return t as ModeName;
  return { error: `unknown mode '${text}' (valid: ${MODES.join(', ')}; 'npt' means ept, 'shadow' means shadow-wp)` };
}

/** One VM exit, as the views show it. */
export interface ExitEvent {
  seq: number;
  /** guest instructions retired before the exit */
  icount: number;
  reason: string;
  /** exit qualification (info1) and the second info word (info2: the GPA for EPT exits), 64-bit hex */
  info1: string;
  info2: string;
  ripLo: number;
  ripHi: number;
  /** the exiting instruction, disassembled ('' when the hypervisor did not keep it) */
  insn: string;
  /** what the hypervisor did */
  action: string;
  /** modeled cost in cycles */
  cycles: number;
}

/** Cumulative counters; a region's numbers are the difference of two snapshots. */
export interface Snapshot {
  instructions: number;
  /** exits and their modeled cycles, by reason name */
  exits: Record<string, { count: number; cycles: number }>;
  tlb: { lookups: number; misses: number; flushes: number; pageFlushes: number };
  walk: { walks: number; memRefs: number };
  /** the hypervisor's KVM-named counters (empty natively) */
  kvm: Record<string, number>;
  /** exceptions delivered through the guest's IDT (its own #PF handler runs for a guest page fault) */
  guestExceptions: number;
  /** host time since the session started */
  hostSeconds: number;
}

/** Page-table memory, in 4 KiB pages. */
export interface TableMemory {
  guest: number;
  shadow: number;
  ept: number;
}

/** The translation of one GVA as the views explain it. */
export interface WalkReport {
  status: string;
  /** the guest's own walk (GVA -> GPA), read from the guest's tables */
  guestWalk: WalkRef[];
  guestStatus: string;
  gpa?: number;
  /** what the processor walks on a TLB miss: the 1-D walk natively, the 2-D walk under EPT, the shadow tables */
  hardwareWalk: WalkRef[];
  hardware: WalkExplanation;
  /** the final host-physical address */
  hpa?: number;
}

export interface Session {
  readonly mode: ModeName;
  readonly cpu: Cpu;
  readonly mmu: X86Mmu;
  /** memory the CPU addresses (host RAM under a hypervisor) */
  readonly ram: PhysMem;
  readonly instructions: number;
  readonly console: string;
  /** cycle costs per instruction and per walk reference (the hypervisor's cost model) */
  readonly cost: BaseCost;
  run(maxInsns: number): StopState;
  snapshot(): Snapshot;
  tables(): TableMemory;
  /** GVA -> address in `ram` for a read or fetch, without side effects (-1: not mapped) */
  peekLinear(lo: number, hi: number, fetch?: boolean): number;
  /** reads guest-physical memory without side effects (unbacked: zeros) */
  readGuestPhys(gpa: number, len: number): Uint8Array;
  /** explains the translation of a GVA with cold caches */
  walk(lo: number, hi: number): WalkReport;
  /** called at every VM exit (virtualized modes) */
  onExit: ((e: ExitEvent) => void) | null;
  /** called when the guest marks a phase (value 1 = begin, 2 = end) */
  onPhase: ((value: number) => void) | null;
  /** extra dumps of the mode's own tables (shadow, EPT) for `inspect` */
  dumpTables?(which: 'shadow' | 'ept'): string | null;
  /** when the session stops; frees host memory */
  close(): void;
}

export interface SessionOptions {
  image: Uint8Array;
  memBytes?: number;
  guestLevels?: 4 | 5;
  tlbSpec?: string;
  pwc?: string;
  /** every exit with its exact RIP and instruction count (the hypervisor unwinds to the exiting
   *  instruction at every fault exit, as it does for the exits it keeps in its log; slower) */
  exactExits?: boolean;
  /** the hypervisor's options (virtualized modes; see src/vmm/index.ts) */
  vm?: { vpid?: boolean; eptLarge?: boolean | '2m' | '1g'; eptPrefault?: boolean; cost?: string; hostMemBytes?: number; exitLogSize?: number };
}

export type Backend = (mode: ModeName, opts: SessionOptions) => Session;
const backends = new Map<ModeName, Backend>();

/** Installs the backend of a virtualized mode (session-vm.ts). */
export function registerBackend(mode: ModeName, b: Backend): void {
  backends.set(mode, b);
}

export function modeAvailable(mode: ModeName): boolean {
  return mode === 'native' || backends.has(mode);
}

export function createSession(mode: ModeName, opts: SessionOptions): Session {
  if (mode === 'native') return new NativeSession(opts);
  const b = backends.get(mode);
  if (!b) throw new Error(`mode ${mode} is not available in this build`);
  return b(mode, opts);
}

// ------------------------------------------------------------------------------------- native

class NativeSession implements Session {
  readonly mode = 'native' as const;
  readonly cost = DEFAULT_BASE_COST;
  readonly machine: Machine;
  onExit: ((e: ExitEvent) => void) | null = null;
  onPhase: ((value: number) => void) | null = null;
  private readonly t0 = process.hrtime.bigint();
  private guestPf = 0;

  constructor(opts: SessionOptions) {
    this.machine = createMachine({
      image: opts.image, memBytes: opts.memBytes, guestLevels: opts.guestLevels, tlbSpec: opts.tlbSpec, pwc: opts.pwc,
    });
    const m = this.machine;
    const out = m.portOut.bind(m);
    // The CPU calls io.portOut on the machine object: the phase port is seen here, the rest goes on.
    m.portOut = (port: number, size: number, value: number) => {
      if (port === PORT_PHASE) this.onPhase?.(value & 0xff);
      out(port, size, value);
    };
  }

  get cpu(): Cpu { return this.machine.cpu; }
  get mmu(): X86Mmu { return this.machine.mmu as unknown as X86Mmu; }
  get ram(): PhysMem { return this.machine.mem; }
  get instructions(): number { return this.machine.instructions; }
  get console(): string { return this.machine.console; }

  run(maxInsns: number): StopState {
    const before = this.cpu.stats.exceptions;
    const st = this.machine.run({ maxInsns });
    this.guestPf += this.cpu.stats.exceptions - before;
    return st;
  }

  snapshot(): Snapshot {
    const s = this.mmu.stats;
    return {
      instructions: this.instructions,
      exits: {},
      tlb: { lookups: s.tlb.lookups, misses: s.tlb.misses, flushes: s.tlb.flushes, pageFlushes: s.tlb.pageFlushes },
      walk: { walks: s.walk.walks, memRefs: s.walk.memRefs },
      kvm: {},
      guestExceptions: this.guestPf,
      hostSeconds: Number(process.hrtime.bigint() - this.t0) / 1e9,
    };
  }

  tables(): TableMemory {
    return { guest: countGuestTables(this), shadow: 0, ept: 0 };
  }

  peekLinear(lo: number, hi: number, fetch = false): number {
    const e = this.mmu.explain(lo >>> 0, hi | 0, fetch ? ACC_FETCH : ACC_READ);
    return e.status === 'ok' || e.status === 'paging-off' ? e.pa : -1;
  }

  readGuestPhys(gpa: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    const m = this.ram;
    for (let i = 0; i < len; i++) out[i] = gpa + i < m.size ? m.read8(gpa + i) : 0xff;
    return out;
  }

  walk(lo: number, hi: number): WalkReport {
    const hw = this.mmu.explain(lo >>> 0, hi | 0, ACC_READ);
    return {
      status: hw.status, guestWalk: hw.refs, guestStatus: hw.status, gpa: hw.status === 'ok' ? hw.pa : undefined,
      hardwareWalk: hw.refs, hardware: hw, hpa: hw.status === 'ok' ? hw.pa : undefined,
    };
  }

  close(): void {}
}

// ------------------------------------------------------------------------------------- helpers

const TWO32 = 4294967296;

/** Reads a 64-bit guest-physical entry as (lo, hi). */
export function readEntry(s: Session, gpa: number): [number, number] {
  const b = s.readGuestPhys(gpa, 8);
  const dv = new DataView(b.buffer, b.byteOffset, 8);
  return [dv.getUint32(0, true), dv.getUint32(4, true)];
}

/** Guest paging-structure pages reachable from the guest's CR3. */
export function countGuestTables(s: Session): number {
  const c = s.cpu;
  if ((c.cr0 & 0x80000000) === 0) return 0;
  const seen = new Set<number>();
  const visit = (gpa: number, level: number) => {
    if (seen.has(gpa) || seen.size > 100_000) return;
    seen.add(gpa);
    if (level === 1) return;
    const page = s.readGuestPhys(gpa, 4096);
    const dv = new DataView(page.buffer, page.byteOffset, 4096);
    for (let i = 0; i < 512; i++) {
      const lo = dv.getUint32(i * 8, true), hi = dv.getUint32(i * 8 + 4, true);
      if ((lo & 1) === 0 || (level <= 3 && (lo & 0x80) !== 0)) continue;
      visit(((lo & 0xfffff000) >>> 0) + (hi & 0xff) * TWO32, level - 1);
    }
  };
  const cr3 = c.cr3;
  visit(Math.floor(cr3 / 4096) * 4096 % 2 ** 40, (c.cr4 & 0x1000) !== 0 ? 5 : 4);
  return seen.size;
}
