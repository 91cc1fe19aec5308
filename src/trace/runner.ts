// Running a session: to a label (a breakpoint on RIP), to an instruction count, or to the end;
// the guest's phase marks turned into regions; RIPs turned into source lines and disassembly.

import type { StopState } from '../cpu/cpu.js';
import { decode, MAX_INSN_LEN } from '../cpu/decode.js';
import { disasm } from '../cpu/disasm.js';
import { Insn, Op } from '../cpu/insn.js';
import type { SourceLocation, SourceMap } from './source-map.js';
import { PHASE_BEGIN, PHASE_END, type Session, type Snapshot } from './session.js';

export type Target =
  | { kind: 'label'; name: string; addr: number }
  | { kind: 'insns'; n: number }
  | { kind: 'end' };

export interface RunOutcome {
  /** the target was reached (always true for 'end') */
  reached: boolean;
  /** the machine's stop, when it stopped (exit port, hlt, fault, budget) */
  stop: StopState | null;
}

/** Instructions per run() call when no breakpoint is armed. */
const SLICE = 5_000_000;

/**
 * Runs until the target or until the machine stops, at most `budget` instructions.
 * A label is a breakpoint: the run stops with RIP at the label's address, before it executes.
 */
export function runTo(s: Session, target: Target, budget: number): RunOutcome {
  const limit = s.instructions + budget;
  if (target.kind === 'label') {
    // Single steps: the compiled blocks and the fast paths stay on, one instruction per call.
    for (;;) {
      const c = s.cpu;
      if (c.ripHi === 0 && c.ripLo >>> 0 === target.addr) return { reached: true, stop: null };
      if (s.instructions >= limit) return { reached: false, stop: budgetStop(s, budget) };
      const st = s.run(1);
      if (st.reason !== 'insn-limit') return { reached: false, stop: st };
    }
  }
  const end = target.kind === 'insns' ? Math.min(limit, target.n) : limit;
  for (;;) {
    const left = end - s.instructions;
    if (left <= 0) {
      if (target.kind === 'insns') return { reached: true, stop: null };
      return { reached: false, stop: budgetStop(s, budget) };
    }
    const st = s.run(Math.min(SLICE, left));
    if (st.reason !== 'insn-limit') {
      // Stopping on the exact count is reaching it; stopping before is not.
      return { reached: target.kind === 'end' || (target.kind === 'insns' && s.instructions >= target.n), stop: st };
    }
  }
}

function budgetStop(s: Session, budget: number): StopState {
  return {
    reason: 'insn-limit', code: 0, message: `instruction budget of ${budget} reached (--max-insns)`,
    rip: '0x' + ((BigInt(s.cpu.ripHi >>> 0) << 32n) | BigInt(s.cpu.ripLo >>> 0)).toString(16),
  };
}

// ------------------------------------------------------------------------------------- phases

/** Counters between snapshots: b - a. */
export function diffSnapshots(a: Snapshot, b: Snapshot): Snapshot {
  return combine(b, a, -1);
}

/** a + b (regions added up). */
export function addSnapshots(a: Snapshot, b: Snapshot): Snapshot {
  return combine(a, b, 1);
}

/** a + sign * b, field by field; exit reasons that end at zero are dropped. */
function combine(a: Snapshot, b: Snapshot, sign: 1 | -1): Snapshot {
  const exits: Snapshot['exits'] = {};
  for (const k of new Set([...Object.keys(a.exits), ...Object.keys(b.exits)])) {
    const x = a.exits[k] ?? { count: 0, cycles: 0 }, y = b.exits[k] ?? { count: 0, cycles: 0 };
    const count = x.count + sign * y.count;
    if (count !== 0) exits[k] = { count, cycles: x.cycles + sign * y.cycles };
  }
  const kvm: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a.kvm), ...Object.keys(b.kvm)])) kvm[k] = (a.kvm[k] ?? 0) + sign * (b.kvm[k] ?? 0);
  const f = (x: number, y: number) => x + sign * y;
  return {
    instructions: f(a.instructions, b.instructions),
    exits,
    tlb: {
      lookups: f(a.tlb.lookups, b.tlb.lookups), misses: f(a.tlb.misses, b.tlb.misses),
      flushes: f(a.tlb.flushes, b.tlb.flushes), pageFlushes: f(a.tlb.pageFlushes, b.tlb.pageFlushes),
    },
    walk: { walks: f(a.walk.walks, b.walk.walks), memRefs: f(a.walk.memRefs, b.walk.memRefs) },
    kvm,
    guestExceptions: f(a.guestExceptions, b.guestExceptions),
    hostSeconds: f(a.hostSeconds, b.hostSeconds),
  };
}

export function emptySnapshot(): Snapshot {
  return {
    instructions: 0, exits: {}, tlb: { lookups: 0, misses: 0, flushes: 0, pageFlushes: 0 }, walk: { walks: 0, memRefs: 0 },
    kvm: {}, guestExceptions: 0, hostSeconds: 0,
  };
}

/** The guest's marked regions: begin/end marks (port 0xE8) turned into snapshots. */
export class Phases {
  readonly regions: { begin: Snapshot; end: Snapshot | null }[] = [];
  /** inside a marked region now */
  inside = false;
  /** marks that made no sense (end without begin, begin inside a region, other values) */
  ignored = 0;
  /** called at each mark, after the snapshot (for trace's instant events) */
  listener: ((kind: 'begin' | 'end', icount: number) => void) | null = null;

  constructor(private readonly s: Session) {
    s.onPhase = (v) => this.mark(v);
  }

  private mark(v: number): void {
    if (v === PHASE_BEGIN && !this.inside) {
      this.regions.push({ begin: this.s.snapshot(), end: null });
      this.inside = true;
      this.listener?.('begin', this.s.instructions);
    } else if (v === PHASE_END && this.inside) {
      this.regions[this.regions.length - 1]!.end = this.s.snapshot();
      this.inside = false;
      this.listener?.('end', this.s.instructions);
    } else this.ignored++;
  }

  /** The counters of all regions together (a region still open ends at `now`); null without marks. */
  total(now: Snapshot): Snapshot | null {
    if (this.regions.length === 0) return null;
    let t = emptySnapshot();
    for (const r of this.regions) t = addSnapshots(t, diffSnapshots(r.begin, r.end ?? now));
    return t;
  }
}

// ------------------------------------------------------------------------------- source lines

export interface Where {
  /** 0x... */
  rip: string;
  insn: string;
  source?: SourceLocation;
}

/** RIP -> source line (for .asm guests) and disassembly, read without side effects. */
export class Locator {
  private readonly cache = new Map<number, SourceLocation | null>();
  private readonly ins = new Insn();
  private readonly buf = new Uint8Array(MAX_INSN_LEN);

  constructor(private readonly s: Session, private readonly map: SourceMap | undefined) {}

  source(ripLo: number, ripHi: number): SourceLocation | undefined {
    if (!this.map || ripHi !== 0) return undefined;
    const key = ripLo >>> 0;
    let v = this.cache.get(key);
    if (v === undefined) {
      v = this.map.at(key) ?? null;
      this.cache.set(key, v);
    }
    return v ?? undefined;
  }

  /** The instruction at a linear address as the guest would fetch it now ('(unmapped)' when it cannot). */
  disasm(ripLo: number, ripHi: number): string {
    const b = this.buf;
    for (let i = 0; i < b.length; i++) {
      const lo = (ripLo + i) >>> 0, hi = ripHi + (ripLo + i > 0xffffffff ? 1 : 0);
      const pa = i === 0 || ((lo & 0xfff) === 0) ? this.s.peekLinear(lo, hi, true) : -2;
      if (pa === -1) { if (i === 0) return '(unmapped)'; b.fill(0, i); break; }
      if (pa >= 0) this.base = pa - i;
      const a = this.base + i;
      b[i] = a < this.s.ram.size ? this.s.ram.read8(a) : 0;
    }
    const n = decode(b, 0, b.length, this.ins);
    if (n === 0 || this.ins.op === Op.UD) return '(bad)';
    try {
      return disasm(this.ins, (BigInt(ripHi >>> 0) << 32n) | BigInt(ripLo >>> 0));
    } catch {
      return '(bad)';
    }
  }
  private base = 0;

  where(ripLo: number, ripHi: number): Where {
    const w: Where = { rip: hexRip(ripLo, ripHi), insn: this.disasm(ripLo, ripHi) };
    const src = this.source(ripLo, ripHi);
    if (src) w.source = src;
    return w;
  }
}

export function hexRip(lo: number, hi: number): string {
  return '0x' + ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16);
}

/** `file:line  source` or '' */
export function formatSource(src: SourceLocation | undefined): string {
  return src ? `${src.file}:${src.line}  ${src.source}` : '';
}
