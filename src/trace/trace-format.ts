// The three trace formats. Events arrive in order from the run loop:
//  * exit: one VM exit (the kvm_exit tracepoint's fields, plus where and what the hypervisor did);
//  * phase: the guest marked the begin or end of its measured region;
//  * counters: a sample of the TLB and walk counters (at phase marks, every slice of the run, at the end).
// text: one line per event in the shape of the kvm_exit tracepoint (trace-cmd / perf script);
// json: one JSON object per line; chrome: Chrome trace-event JSON (Perfetto, chrome://tracing).
// The Chrome clock is modeled time at 1 GHz (1 cycle = 1 ns): the guest's instructions at the
// cost model's cycles per instruction plus every exit's modeled cost; walk references are shown
// as counters rather than folded into the clock.

import type { SourceLocation } from './source-map.js';
import type { BaseCost } from './report.js';
import type { ExitEvent, ModeName } from './session.js';
import type { TraceOut } from './writer.js';

export const EVENT_KINDS = ['exits', 'faults', 'walks', 'flushes'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const FORMATS = ['text', 'json', 'chrome'] as const;
export type TraceFormat = (typeof FORMATS)[number];

/** Exit reasons that are page faults of some kind (the `faults` event class). */
export const FAULT_REASONS = new Set(['EXCEPTION_NMI', 'EPT_VIOLATION', 'EPT_MISCONFIG']);

export interface CounterSample {
  icount: number;
  tlbMisses: number;
  walks: number;
  walkRefs: number;
  flushes: number;
  pageFlushes: number;
}

export interface TraceSink {
  exit(e: ExitEvent, src: SourceLocation | undefined): void;
  phase(kind: 'begin' | 'end', icount: number): void;
  counters(c: CounterSample): void;
  end(): void;
}

/** Source text without its trailing comment (when the line has no string that could hold a ';'). */
export function sourceText(src: string): string {
  if (/["'`]/.test(src)) return src;
  const i = src.indexOf(';');
  return (i < 0 ? src : src.slice(0, i)).trim();
}

const hex64 = (lo: number, hi: number) => '0x' + (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
const ripHex = (lo: number, hi: number) => '0x' + (hi === 0 ? (lo >>> 0).toString(16) : ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16));
export { hex64 };

export interface SinkOptions {
  out: TraceOut;
  mode: ModeName;
  file: string;
  cost: BaseCost;
  /** counter samples wanted (walks / flushes in --events) */
  walks: boolean;
  flushes: boolean;
}

export function createSink(format: TraceFormat, o: SinkOptions): TraceSink {
  if (format === 'text') return new TextSink(o);
  if (format === 'json') return new JsonSink(o);
  return new ChromeSink(o);
}

class TextSink implements TraceSink {
  constructor(private readonly o: SinkOptions) {}
  exit(e: ExitEvent, src: SourceLocation | undefined): void {
    const where = src ? `${src.file}:${src.line}  ${sourceText(src.source)}  | ` : '';
    this.o.out.write(
      `${String(e.seq).padStart(6)}  insn ${e.icount}  kvm_exit: reason ${e.reason} rip ${ripHex(e.ripLo, e.ripHi)} info1 ${e.info1} info2 ${e.info2}  ${where}${e.insn}${e.action ? `  -> ${e.action}` : ''}\n`,
    );
  }
  phase(kind: 'begin' | 'end', icount: number): void {
    this.o.out.write(`${''.padStart(6)}  insn ${icount}  phase_${kind}\n`);
  }
  counters(c: CounterSample): void {
    const parts: string[] = [];
    if (this.o.walks) parts.push(`tlb_misses ${c.tlbMisses} walks ${c.walks} walk_refs ${c.walkRefs}`);
    if (this.o.flushes) parts.push(`tlb_flushes ${c.flushes} page_flushes ${c.pageFlushes}`);
    if (parts.length) this.o.out.write(`${''.padStart(6)}  insn ${c.icount}  counters: ${parts.join(' ')}\n`);
  }
  end(): void {}
}

class JsonSink implements TraceSink {
  constructor(private readonly o: SinkOptions) {}
  exit(e: ExitEvent, src: SourceLocation | undefined): void {
    const rec: Record<string, unknown> = {
      event: 'kvm_exit', seq: e.seq, icount: e.icount, reason: e.reason, rip: ripHex(e.ripLo, e.ripHi), info1: e.info1, info2: e.info2,
      insn: e.insn, action: e.action, cycles: e.cycles,
    };
    if (src) rec.source = { file: src.file, line: src.line, text: src.source };
    this.o.out.write(JSON.stringify(rec) + '\n');
  }
  phase(kind: 'begin' | 'end', icount: number): void {
    this.o.out.write(JSON.stringify({ event: `phase_${kind}`, icount }) + '\n');
  }
  counters(c: CounterSample): void {
    if (this.o.walks || this.o.flushes) this.o.out.write(JSON.stringify({ event: 'counters', ...c }) + '\n');
  }
  end(): void {}
}

class ChromeSink implements TraceSink {
  private first = true;
  /** modeled cycles of all exits so far */
  private exitCycles = 0;
  private readonly pid = 1;
  private readonly tid = 1;

  constructor(private readonly o: SinkOptions) {
    o.out.write('{"displayTimeUnit":"ns","traceEvents":[\n');
    this.ev({ name: 'process_name', ph: 'M', pid: this.pid, tid: this.tid, args: { name: `VM 0: ${o.file} (${o.mode})` } });
    this.ev({ name: 'thread_name', ph: 'M', pid: this.pid, tid: this.tid, args: { name: 'vCPU 0' } });
  }

  private ev(e: Record<string, unknown>): void {
    this.o.out.write((this.first ? '' : ',\n') + JSON.stringify(e));
    this.first = false;
  }

  /** Modeled time in microseconds at 1 GHz. */
  private ts(icount: number): number {
    return (icount * this.o.cost.insn + this.exitCycles) / 1000;
  }

  exit(e: ExitEvent, src: SourceLocation | undefined): void {
    const args: Record<string, unknown> = { seq: e.seq, icount: e.icount, rip: ripHex(e.ripLo, e.ripHi), info1: e.info1, info2: e.info2, insn: e.insn, action: e.action, cycles: e.cycles };
    if (src) args.source = `${src.file}:${src.line}  ${sourceText(src.source)}`;
    this.ev({ name: e.reason, cat: 'kvm_exit', ph: 'X', pid: this.pid, tid: this.tid, ts: this.ts(e.icount), dur: e.cycles / 1000, args });
    this.exitCycles += e.cycles;
  }

  phase(kind: 'begin' | 'end', icount: number): void {
    this.ev({ name: `phase ${kind}`, cat: 'phase', ph: 'i', s: 'p', pid: this.pid, tid: this.tid, ts: this.ts(icount), args: { icount } });
  }

  counters(c: CounterSample): void {
    const ts = this.ts(c.icount);
    if (this.o.walks) {
      this.ev({ name: 'TLB misses', ph: 'C', pid: this.pid, ts, args: { misses: c.tlbMisses } });
      this.ev({ name: 'walk references', ph: 'C', pid: this.pid, ts, args: { references: c.walkRefs } });
    }
    if (this.o.flushes) this.ev({ name: 'TLB flushes', ph: 'C', pid: this.pid, ts, args: { flushes: c.flushes, pageFlushes: c.pageFlushes } });
  }

  end(): void {
    this.o.out.write('\n]}\n');
  }
}
