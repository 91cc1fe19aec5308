// The numbers stat and compare print: the exit table of `perf kvm stat report`, modeled cycles,
// and the per-mode comparison.

import type { ExitEvent, ModeName, Snapshot, TableMemory } from './session.js';

/** Cycle costs that are not per exit; the same defaults as the hypervisor's cost model (src/vmm/cost.ts). */
export interface BaseCost {
  /** per guest instruction */
  insn: number;
  /** per paging-structure entry read by a hardware walk */
  walkRef: number;
}
export const DEFAULT_BASE_COST: BaseCost = { insn: 1, walkRef: 20 };

/** Per-reason exit samples with min / max modeled cycles (fed one exit at a time). */
export class ExitTable {
  private readonly rows = new Map<string, { samples: number; cycles: number; min: number; max: number }>();

  add(e: ExitEvent): void {
    let r = this.rows.get(e.reason);
    if (!r) this.rows.set(e.reason, (r = { samples: 0, cycles: 0, min: Infinity, max: 0 }));
    r.samples++;
    r.cycles += e.cycles;
    if (e.cycles < r.min) r.min = e.cycles;
    if (e.cycles > r.max) r.max = e.cycles;
  }

  get total(): number {
    let n = 0;
    for (const r of this.rows.values()) n += r.samples;
    return n;
  }

  /** Rows sorted by samples (then name), as perf kvm stat report sorts them. */
  sorted(): { reason: string; samples: number; cycles: number; min: number; max: number; avg: number }[] {
    return [...this.rows.entries()]
      .map(([reason, r]) => ({ reason, ...r, avg: r.cycles / r.samples }))
      .sort((a, b) => b.samples - a.samples || a.reason.localeCompare(b.reason));
  }
}

const num = (x: number) => x.toLocaleString('en-US');

/** The `perf kvm stat report` table (cycles instead of time: the costs are modeled). */
export function formatExitTable(t: ExitTable): string {
  const rows = t.sorted();
  const total = t.total;
  const cycles = rows.reduce((a, r) => a + r.cycles, 0);
  const head = ['VM-EXIT', 'Samples', 'Samples%', 'Cycles%', 'Min', 'Max', 'Avg'];
  const body = rows.map((r) => [
    r.reason, String(r.samples), `${((100 * r.samples) / total).toFixed(2)}%`, `${cycles ? ((100 * r.cycles) / cycles).toFixed(2) : '0.00'}%`,
    String(r.min), String(r.max), r.avg.toFixed(1),
  ]);
  const all = [head, ...body];
  const w = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((x, c) => x.padStart(w[c]! + (c === 0 ? 0 : 2))).join('');
  return [line(head), '', ...(body.length ? body.map(line) : ['(no VM exits)']), '', `Total Samples:${total}, Total modeled cycles:${num(cycles)}, Avg:${total ? (cycles / total).toFixed(1) : '0'} cycles per exit`, ''].join('\n');
}

/** Modeled cycles of a region: instructions, walk references, and the exits' own costs. */
export function modeledCycles(s: Snapshot, c: BaseCost): number {
  let exits = 0;
  for (const v of Object.values(s.exits)) exits += v.cycles;
  return s.instructions * c.insn + s.walk.memRefs * c.walkRef + exits;
}

export function exitCount(s: Snapshot): number {
  let n = 0;
  for (const v of Object.values(s.exits)) n += v.count;
  return n;
}

/** Hidden page faults: faults the guest never sees, resolved by the hypervisor (EPT violations; #PF exits of
 *  shadow paging that were not the guest's own, i.e. not injected back). */
export function hiddenFaults(s: Snapshot): number {
  const pf = (s.exits['EXCEPTION_NMI']?.count ?? 0) - (s.kvm['pf_guest'] ?? 0);
  return (s.exits['EPT_VIOLATION']?.count ?? 0) + Math.max(0, pf);
}

export interface CompareColumn {
  mode: ModeName;
  stop: string;
  console: string;
  region: 'phase' | 'whole run';
  snapshot: Snapshot;
  tables: TableMemory;
  cycles: number;
  /** whole-run host time and speed */
  hostSeconds: number;
  mips: number;
}

/** The compare table: one row per measure, one column per mode. */
export function formatCompare(cols: CompareColumn[]): string {
  const native = cols.find((c) => c.mode === 'native');
  const reasons = [...new Set(cols.flatMap((c) => Object.keys(c.snapshot.exits)))].sort();
  const kib = (pages: number) => `${num(pages * 4)} KiB`;
  const rows: [string, (c: CompareColumn) => string][] = [
    ['instructions', (c) => num(c.snapshot.instructions)],
    ['VM exits', (c) => num(exitCount(c.snapshot))],
    ...reasons.map((r): [string, (c: CompareColumn) => string] => [`  ${r}`, (c) => num(c.snapshot.exits[r]?.count ?? 0)]),
    ['hidden page faults', (c) => num(hiddenFaults(c.snapshot))],
    ['guest exceptions (#PF...)', (c) => num(c.snapshot.guestExceptions)],
    ['TLB misses', (c) => num(c.snapshot.tlb.misses)],
    ['walk memory references', (c) => num(c.snapshot.walk.memRefs)],
    ['  per walk', (c) => (c.snapshot.walk.walks ? (c.snapshot.walk.memRefs / c.snapshot.walk.walks).toFixed(2) : '-')],
    ['guest page tables', (c) => kib(c.tables.guest)],
    ['shadow page tables', (c) => kib(c.tables.shadow)],
    ['EPT tables', (c) => kib(c.tables.ept)],
    ['modeled cycles', (c) => num(c.cycles)],
    ['slowdown vs native', (c) => (native && native.cycles > 0 ? `${(c.cycles / native.cycles).toFixed(2)}x` : '-')],
    ['host seconds (whole run)', (c) => c.hostSeconds.toFixed(3)],
    ['guest MIPS (whole run)', (c) => c.mips.toFixed(1)],
    ['stop', (c) => c.stop],
  ];
  const table = [['', ...cols.map((c) => c.mode)], ...rows.map(([name, f]) => [name, ...cols.map(f)])];
  const w = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  return table.map((r) => r.map((x, c) => (c === 0 ? x.padEnd(w[c]!) : x.padStart(w[c]! + 2))).join('')).join('\n') + '\n';
}
