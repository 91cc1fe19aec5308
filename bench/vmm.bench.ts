// Guest MIPS of the hypervisor modes side by side with native, on the peer workloads
// (/work/shared/workloads, see its README): wl_alu (register ALU loop), wl_mem (loads/stores over
// 16 MiB of 4 KiB pages), wl_churn (two processes: CR3 switches, PTE rewrites + INVLPG).
// Assembled with pagevisor's assembler (-D defines). Run:  npm run bench -- vmm
//   (or: npx esbuild bench/vmm.bench.ts --bundle --platform=node --format=esm --packages=external \
//        --outfile=dist/bench/vmm.bench.mjs && node dist/bench/vmm.bench.mjs)
// Environment: N_ALU (default 20000000), K_MEM (4), N_CHURN (200000), RUNS (3), MITATA=0 to skip the
// mitata table. Each workload runs at that size and at a quarter of it; prints one line per workload
// and mode: the slope between the two (guest instructions per second of the loop, startup excluded,
// as the peers were measured; medians of RUNS, wall and CPU time) and the whole run of the larger
// size, then the ratios to native, the targets of issue 4, and mitata's table (time per whole guest
// run, smaller sizes).
import { bench, run, summary } from 'mitata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../src/asm/assemble.js';
import { createVm, type CreateVmOptions } from '../src/vmm/index.js';

const WL = process.env.PAGEVISOR_WORKLOADS ?? '/work/shared/workloads';

function build(file: string, defines: Record<string, string>): Uint8Array {
  const path = join(WL, file);
  const r = assemble(readFileSync(path, 'utf8'), { file: path, includePaths: [WL + '/'], defines });
  if (!r.ok) throw new Error(`${file}: ${r.diagnostics.slice(0, 3).map((d) => `${d.line}: ${d.message}`).join('; ')}`);
  return r.bytes;
}

type Mode = Pick<CreateVmOptions, 'mode' | 'shadowSync'>;
const MODES: { name: string; opts: Mode }[] = [
  { name: 'native', opts: { mode: 'native' } },
  { name: 'ept', opts: { mode: 'ept' } },
  { name: 'shadow-wp', opts: { mode: 'shadow', shadowSync: 'wp' } },
  { name: 'shadow-lazy', opts: { mode: 'shadow', shadowSync: 'lazy' } },
];

interface Outcome { insns: number; secs: number; cpuSecs: number; exits: number; console: string }

function runOnce(image: Uint8Array, opts: Mode): Outcome {
  // exitLogSize 0: counters only (the CLI records the first 4096 exits in full; that costs a few
  // microseconds per recorded exit, once)
  const vm = createVm({ ...opts, image, exitLogSize: 0 });
  const t0 = performance.now(), u0 = process.cpuUsage();
  const r = vm.run();
  const u = process.cpuUsage(u0);
  const secs = (performance.now() - t0) / 1000;
  vm.destroy();
  if (r.stop.reason !== 'exit-port') throw new Error(`stopped with ${r.stop.reason}: ${r.stop.message}`);
  return { insns: r.instructions, secs, cpuSecs: (u.user + u.system) / 1e6, exits: r.exits.total, console: r.console };
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!existsSync(join(WL, 'wl_alu.asm'))) {
  console.log(`vmm bench: workloads not found in ${WL} (set PAGEVISOR_WORKLOADS)`);
} else {
  const RUNS = Number(process.env.RUNS ?? 3);
  const nAlu = Number(process.env.N_ALU ?? 20_000_000), kMem = Number(process.env.K_MEM ?? 4), nChurn = Number(process.env.N_CHURN ?? 200_000);
  // Each workload at two sizes: the loop's speed is the slope between them (startup excluded), as
  // the peers were measured (../shared/workloads/README.md); the whole run of the larger size is
  // printed too.
  const workloads = [
    { name: `wl_alu N=${nAlu}`, file: 'wl_alu.asm', sizes: [{ N: String(nAlu / 4) }, { N: String(nAlu) }] },
    { name: `wl_mem K=${kMem}`, file: 'wl_mem.asm', sizes: [{ K: String(Math.max(1, kMem / 4)) }, { K: String(kMem) }] },
    { name: `wl_churn N=${nChurn}`, file: 'wl_churn.asm', sizes: [{ N: String(nChurn / 4) }, { N: String(nChurn) }] },
  ].map((w) => ({ ...w, images: w.sizes.map((d) => build(w.file, d)) }));
  const mips: Record<string, Record<string, number>> = {};
  console.log(`guest MIPS: slope between two sizes (startup excluded; medians of ${RUNS}), and the larger size's whole run`);
  for (const w of workloads) {
    mips[w.name] = {};
    let reference = '';
    for (const m of MODES) {
      runOnce(w.images[1]!, m.opts); // warm-up
      const small: Outcome[] = [], big: Outcome[] = [];
      for (let k = 0; k < RUNS; k++) { small.push(runOnce(w.images[0]!, m.opts)); big.push(runOnce(w.images[1]!, m.opts)); }
      if (m.name === 'native') reference = big[0]!.console;
      else if (big[0]!.console !== reference) throw new Error(`${w.name} ${m.name}: output differs from native`);
      const dIns = big[0]!.insns - small[0]!.insns;
      const slope = dIns / (median(big.map((o) => o.secs)) - median(small.map((o) => o.secs))) / 1e6;
      const slopeCpu = dIns / (median(big.map((o) => o.cpuSecs)) - median(small.map((o) => o.cpuSecs))) / 1e6;
      const whole = big[0]!.insns / median(big.map((o) => o.secs)) / 1e6;
      mips[w.name]![m.name] = slope;
      console.log(`${w.name.padEnd(20)} ${m.name.padEnd(12)} ${slope.toFixed(1).padStart(7)} MIPS slope ${slopeCpu.toFixed(1).padStart(7)} cpu-time ` +
        `${whole.toFixed(1).padStart(7)} whole run  ${String(big[0]!.exits).padStart(9)} exits  (${big[0]!.insns} insns)`);
    }
  }
  console.log('\nslowdown (native MIPS / mode MIPS, slopes):');
  for (const [w, r] of Object.entries(mips)) {
    console.log(`  ${w.padEnd(20)} ` + MODES.slice(1).map((m) => `${m.name} ${(r.native! / r[m.name]!).toFixed(2)}x`).join('   '));
  }
  const [alu, mem, churn] = Object.values(mips);
  console.log('\ntargets (issue 4):');
  console.log(`  EPT within 1.5x of native on alu: ${(alu!.native! / alu!.ept!).toFixed(2)}x, on mem: ${(mem!.native! / mem!.ept!).toFixed(2)}x`);
  console.log(`  churn >= 10 M insns/s in EPT: ${churn!.ept!.toFixed(1)} M;  >= 2 M in shadow (wp): ${churn!['shadow-wp']!.toFixed(1)} M`);
  console.log('  (for scale: QEMU TCG 6.9 M, Bochs 5.1 M on wl_churn; /work/shared/workloads/README.md)\n');

  if (process.env.MITATA !== '0') {
    const small = [
      { name: 'wl_alu N=2M', image: build('wl_alu.asm', { N: '2000000' }) },
      { name: 'wl_mem K=1', image: build('wl_mem.asm', { K: '1' }) },
      { name: 'wl_churn N=20k', image: build('wl_churn.asm', { N: '20000' }) },
    ];
    for (const w of small) {
      summary(() => {
        for (const m of MODES) bench(`${w.name} ${m.name}`, () => runOnce(w.image, m.opts));
      });
    }
    await run();
  }
}
