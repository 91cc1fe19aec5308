// Guest MIPS of the hypervisor modes side by side with native, on the peer workloads
// (/work/shared/workloads, see its README): wl_alu (register ALU loop), wl_mem (loads/stores over
// 16 MiB of 4 KiB pages), wl_churn (two processes: CR3 switches, PTE rewrites + INVLPG).
// Assembled with pagevisor's assembler (-D defines). Run:  npm run bench -- vmm
//   (or: npx esbuild bench/vmm.bench.ts --bundle --platform=node --format=esm --packages=external \
//        --outfile=dist/bench/vmm.bench.mjs && node dist/bench/vmm.bench.mjs)
// Environment: N_ALU (default 20000000), K_MEM (4), N_CHURN (200000), RUNS (3), MITATA=0 to skip the
// mitata table. Prints one line per workload and mode (median of RUNS, wall and CPU time), the ratios
// to native, the targets of issue 4, then mitata's table (time per whole guest run, smaller sizes).
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

if (!existsSync(join(WL, 'wl_alu.asm'))) {
  console.log(`vmm bench: workloads not found in ${WL} (set PAGEVISOR_WORKLOADS)`);
} else {
  const RUNS = Number(process.env.RUNS ?? 3);
  const workloads = [
    { name: `wl_alu N=${process.env.N_ALU ?? 20_000_000}`, image: build('wl_alu.asm', { N: process.env.N_ALU ?? '20000000' }) },
    { name: `wl_mem K=${process.env.K_MEM ?? 4}`, image: build('wl_mem.asm', { K: process.env.K_MEM ?? '4' }) },
    { name: `wl_churn N=${process.env.N_CHURN ?? 200_000}`, image: build('wl_churn.asm', { N: process.env.N_CHURN ?? '200000' }) },
  ];
  const mips: Record<string, Record<string, number>> = {};
  for (const w of workloads) {
    mips[w.name] = {};
    let reference = '';
    for (const m of MODES) {
      runOnce(w.image, m.opts); // warm-up
      const runs = Array.from({ length: RUNS }, () => runOnce(w.image, m.opts));
      // Medians: this machine is shared and noisy.
      const mid = Math.floor(RUNS / 2);
      const best = runs.slice().sort((a, b) => a.secs - b.secs)[mid]!;
      const bestCpu = runs.slice().sort((a, b) => a.cpuSecs - b.cpuSecs)[mid]!;
      if (m.name === 'native') reference = best.console;
      else if (best.console !== reference) throw new Error(`${w.name} ${m.name}: output differs from native`);
      const wall = best.insns / best.secs / 1e6, cpu = bestCpu.insns / bestCpu.cpuSecs / 1e6;
      mips[w.name]![m.name] = wall;
      console.log(`${w.name.padEnd(20)} ${m.name.padEnd(12)} ${wall.toFixed(1).padStart(7)} MIPS wall ${cpu.toFixed(1).padStart(7)} MIPS cpu-time` +
        `  ${String(best.exits).padStart(9)} exits  (${best.insns} insns, median of ${RUNS})`);
    }
  }
  console.log('\nslowdown (native MIPS / mode MIPS, wall clock):');
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
