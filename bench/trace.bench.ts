// The cost of tracing (issue 5, "Speed"): guests/process-switch.asm run through the views' session
// in each virtualized mode, untraced (the exits are counted, as `stat` and `compare` count them)
// and traced (`pagevisor trace -o FILE`: every exit formatted as a kvm_exit text line and written to
// a file, with the exact RIP and instruction count of every exit). Target: traced within 2x.
// Run: npm run bench -- trace        (S=20000 by default; S=... to change the number of switches)
// Prints mitata's table, then the traced / untraced ratio of the median times per mode.
import { bench, run, summary } from 'mitata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../src/asm/assemble.js';
import { SourceMap } from '../src/trace/source-map.js';
import { createSession, type ModeName } from '../src/trace/session.js';
import '../src/trace/backends.js';
import { observe } from '../src/trace/observe.js';
import { createSink } from '../src/trace/trace-format.js';
import { TraceOut } from '../src/trace/writer.js';

const FILE = 'guests/process-switch.asm';
const S = process.env.S ?? '20000';
const asm = assemble(readFileSync(FILE, 'utf8'), { file: FILE, defines: { S }, includePaths: ['guests/'] });
if (!asm.ok) throw new Error(`${FILE} does not assemble`);
const image = asm.bytes;
const sourceMap = new SourceMap(Number(asm.origin), asm.lines);
const dir = mkdtempSync(join(tmpdir(), 'pv-trace-bench-'));
const BUDGET = 2_000_000_000;

/** The run `stat` makes: every exit counted, nothing written. */
function untraced(mode: ModeName): number {
  const s = createSession(mode, { image });
  let exits = 0;
  const r = observe(s, { budget: BUDGET, sourceMap, onExit: () => { exits++; } });
  if (r.stop.reason !== 'exit-port') throw new Error(`${mode}: ${r.stop.reason} ${r.stop.message}`);
  s.close();
  return exits;
}

/** The run `trace -o FILE` makes. */
function traced(mode: ModeName): number {
  const s = createSession(mode, { image, exactExits: true });
  const out = new TraceOut(join(dir, `${mode}.txt`));
  const sink = createSink('text', { out, mode, file: FILE, cost: s.cost, walks: false, flushes: false });
  let exits = 0;
  const r = observe(s, {
    budget: BUDGET, sourceMap,
    onExit: (e, src) => { exits++; sink.exit(e, src); },
    onPhase: (k, n) => sink.phase(k, n),
    onCounters: (c) => sink.counters(c),
  });
  sink.end();
  out.commit();
  if (r.stop.reason !== 'exit-port') throw new Error(`${mode}: ${r.stop.reason} ${r.stop.message}`);
  s.close();
  return exits;
}

const MODES: ModeName[] = ['ept', 'shadow-wp', 'shadow-lazy'];
for (const m of MODES) {
  const a = untraced(m), b = traced(m);
  if (a !== b) throw new Error(`${m}: ${a} exits untraced, ${b} traced`);
  console.log(`${m.padEnd(12)} ${a} exits per run (S=${S})`);
}

for (const m of MODES) {
  summary(() => {
    bench(`${m} untraced`, () => untraced(m));
    bench(`${m} traced to a file`, () => traced(m));
  });
}
const res = await run();
const median = (name: string) => res.benchmarks.find((b) => b.runs[0]?.name === name)?.runs[0]?.stats?.p50 ?? NaN;
console.log('');
let worst = 0;
for (const m of MODES) {
  const ratio = median(`${m} traced to a file`) / median(`${m} untraced`);
  worst = Math.max(worst, ratio);
  console.log(`${m.padEnd(12)} traced / untraced = ${ratio.toFixed(2)}x (median times)`);
}
console.log(`worst ratio ${worst.toFixed(2)}x: ${worst <= 2 ? 'within' : 'NOT within'} the 2x target`);
rmSync(dir, { recursive: true, force: true });
