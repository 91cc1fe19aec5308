// Runs the mitata benchmarks in bench/: each bench/*.bench.ts is bundled with
// esbuild and run in its own node process.
//   npm run bench              every benchmark
//   npm run bench -- asm cpu   the named ones
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const wanted = process.argv.slice(2);
const all = readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).sort();
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f.startsWith(w))) : all;
if (chosen.length === 0) {
  console.error(`no benchmark matches ${wanted.join(' ')}; have: ${all.map((f) => f.replace('.bench.ts', '')).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const f of chosen) {
  const out = `dist/bench/${f.replace('.ts', '.mjs')}`;
  await build({
    entryPoints: [`bench/${f}`],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, [out], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
