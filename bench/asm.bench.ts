// The whole `pagevisor asm` process against `nasm -f bin` on the same
// generated 100,000-line file, measured side by side in one run (mitata).
// Target: pagevisor at least as fast as nasm (ratio >= 1).
import { measure } from 'mitata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBenchSource } from './asm-corpus.js';

const lines = Number(process.env.PV_BENCH_LINES ?? 100_000);
const samples = Number(process.env.PV_BENCH_SAMPLES ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'pv-asm-bench-'));
const src = join(dir, 'bench.asm');
writeFileSync(src, generateBenchSource(lines));

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
};
const nasmOut = join(dir, 'nasm.bin');
const pvOut = join(dir, 'pv.bin');
const jobs = {
  'nasm -f bin': () => run('nasm', ['-f', 'bin', src, '-o', nasmOut]),
  'pagevisor asm': () => run(process.execPath, ['bin/pagevisor.js', 'asm', src, '-o', pvOut]),
};
// Same bytes, or the comparison means nothing.
jobs['nasm -f bin']();
jobs['pagevisor asm']();
if (!readFileSync(nasmOut).equals(readFileSync(pvOut))) throw new Error('pagevisor and nasm produced different bytes');

const opts = { min_samples: samples, max_samples: samples, min_cpu_time: 0, warmup_samples: 1, warmup_threshold: 0, batch_samples: 1, batch_threshold: 0 };
const p50: Record<string, number> = {};
console.log(`assembling ${lines} generated lines, ${samples} samples each, one after the other in this run`);
for (const [name, fn] of Object.entries(jobs)) {
  const s = await measure(fn, opts);
  p50[name] = s.p50 / 1e6;
  console.log(`${name.padEnd(16)} median ${(s.p50 / 1e6).toFixed(0).padStart(6)} ms   min ${(s.min / 1e6).toFixed(0)} ms   max ${(s.max / 1e6).toFixed(0)} ms`);
}
console.log(`ratio nasm/pagevisor (median): ${(p50['nasm -f bin']! / p50['pagevisor asm']!).toFixed(2)}x  (>= 1 means pagevisor is at least as fast)`);
rmSync(dir, { recursive: true, force: true });
