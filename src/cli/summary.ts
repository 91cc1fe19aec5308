// The text summary after a run: why it stopped, then the counters.
import type { StopState } from '../cpu/cpu.js';
import type { TlbStats } from '../mmu/tlb.js';
import type { SourceLocation } from '../trace/source-map.js';

export interface RunReport {
  file: string;
  mode: string;
  stop: StopState & { source?: SourceLocation };
  console: string;
  instructions: number;
  tlb: TlbStats;
  walk: { walks: number; memRefs: number; adWrites?: number; faults?: number };
  pwc?: unknown;
  host: { seconds: number; mips: number };
}

const n = (x: number) => x.toLocaleString('en-US');
const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(2)}%`);

export function formatStop(r: RunReport): string {
  const s = r.stop;
  const lines = [`--- ${r.file}: stopped: ${s.reason}${s.reason === 'exit-port' ? `, exit code ${s.code}` : ''} (${s.message})`];
  if (s.reason === 'triple-fault' || s.reason === 'error') {
    const where = s.source ? `  ${s.source.file}:${s.source.line}  ${s.source.source}` : '';
    lines.push(`    rip ${s.rip}  ${s.disasm ?? ''}${s.bytes ? `  [${s.bytes}]` : ''}${where}`);
    if (s.vector !== undefined) lines.push(`    vector ${s.vector}${s.errorCode !== undefined ? `  error code 0x${s.errorCode.toString(16)}` : ''}${s.cr2 ? `  cr2 ${s.cr2}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export function formatSummary(r: RunReport): string {
  const t = r.tlb;
  return [
    `instructions  ${n(r.instructions)}   host ${r.host.seconds.toFixed(3)} s   ${r.host.mips.toFixed(1)} guest MIPS   mode ${r.mode}`,
    `tlb           ${n(t.lookups)} lookups   ${n(t.hits)} hits (${pct(t.hits, t.lookups)})   ${n(t.misses)} misses   ${n(t.fills)} fills   ${n(t.evictions)} evictions   ${n(t.flushes)} flushes   ${n(t.pageFlushes)} page flushes`,
    `page walks    ${n(r.walk.walks)} walks   ${n(r.walk.memRefs)} memory references${r.walk.walks ? ` (${(r.walk.memRefs / r.walk.walks).toFixed(2)} per walk)` : ''}`,
    '',
  ].join('\n');
}
