// The text summary after a run: why it stopped, then the counters.
import type { StopState } from '../cpu/cpu.js';
import type { TlbStats } from '../mmu/tlb.js';
import type { SourceLocation } from '../trace/source-map.js';
import type { ExitRecord, VmCycles, VmMemoryStats } from '../vmm/index.js';

export interface RunReport {
  file: string;
  /** native, ept, shadow-wp or shadow-lazy */
  mode: string;
  stop: Omit<StopState, 'reason'> & { reason: StopState['reason'] | 'host-oom'; source?: SourceLocation };
  console: string;
  instructions: number;
  exits: { total: number; byReason: Record<string, number> };
  counters: Record<string, number>;
  memory: VmMemoryStats;
  cycles: VmCycles;
  tlb: TlbStats;
  walk: { walks: number; memRefs: number; adWrites?: number; faults?: number };
  host: { seconds: number; mips: number };
  /** The most recent exits. */
  exitLog: ExitRecord[];
}

const n = (x: number) => x.toLocaleString('en-US');
const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(2)}%`);
const kib = (bytes: number) => `${n(bytes / 1024)} KiB`;

export function formatStop(r: RunReport): string {
  const s = r.stop;
  const lines = [`--- ${r.file}: stopped: ${s.reason}${s.reason === 'exit-port' ? `, exit code ${s.code}` : ''} (${s.message})`];
  if (s.reason === 'triple-fault' || s.reason === 'error' || s.reason === 'host-oom') {
    const where = s.source ? `  ${s.source.file}:${s.source.line}  ${s.source.source}` : '';
    lines.push(`    rip ${s.rip}  ${s.disasm ?? ''}${s.bytes ? `  [${s.bytes}]` : ''}${where}`);
    if (s.vector !== undefined) lines.push(`    vector ${s.vector}${s.errorCode !== undefined ? `  error code 0x${s.errorCode.toString(16)}` : ''}${s.cr2 ? `  cr2 ${s.cr2}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export function formatSummary(r: RunReport): string {
  const t = r.tlb;
  const out = [
    `instructions  ${n(r.instructions)}   host ${r.host.seconds.toFixed(3)} s   ${r.host.mips.toFixed(1)} guest MIPS   mode ${r.mode}`,
    `tlb           ${n(t.lookups)} lookups   ${n(t.hits)} hits (${pct(t.hits, t.lookups)})   ${n(t.misses)} misses   ${n(t.fills)} fills   ${n(t.evictions)} evictions   ${n(t.flushes)} flushes   ${n(t.pageFlushes)} page flushes`,
    `page walks    ${n(r.walk.walks)} walks   ${n(r.walk.memRefs)} memory references${r.walk.walks ? ` (${(r.walk.memRefs / r.walk.walks).toFixed(2)} per walk)` : ''}`,
  ];
  if (r.mode !== 'native') {
    const reasons = Object.entries(r.exits.byReason).filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1]);
    out.push(`vm exits      ${n(r.exits.total)}${reasons.length ? '   ' + reasons.map(([name, c]) => `${name} ${n(c)}`).join('   ') : ''}`);
    const counters = Object.entries(r.counters).filter(([, c]) => c > 0);
    if (counters.length) out.push(`kvm counters  ${counters.map(([k, c]) => `${k} ${n(c)}`).join('   ')}`);
    const m = r.memory;
    out.push(`page tables   guest ${n(m.guestPageTablePages)} pages (${kib(m.guestPageTableBytes)})   shadow ${n(m.shadowTablePages)} pages (${kib(m.shadowTableBytes)})   ept ${n(m.eptTablePages)} pages (${kib(m.eptTableBytes)})`);
    out.push(`host memory   ${n(m.guestPagesBacked)} guest pages backed (${kib(m.guestBytesBacked)})   ${n(m.hostFramesInUse)} host frames in use`);
  }
  const c = r.cycles;
  out.push(`cycles        ${n(Math.round(c.total))} modeled   guest ${n(Math.round(c.guest))}   page walks ${n(Math.round(c.walks))}   exits ${n(Math.round(c.exits))}   hypervisor ${n(Math.round(c.hypervisor))}`);
  return out.join('\n') + '\n';
}
