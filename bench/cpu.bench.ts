// Guest MIPS of the interpreter on the peer workloads (/work/shared/workloads, see its README):
// wl_alu (8 register ALU instructions per iteration) and wl_mem (8-byte loads/stores over 16 MiB
// mapped with 4 KiB pages). Assembled with nasm at start-up. Run:
//   npx esbuild bench/cpu.bench.ts --bundle --platform=node --format=esm --external:mitata --outfile=node_modules/.cache/cpu.bench.mjs && node node_modules/.cache/cpu.bench.mjs
// (bundled, as the CLI is: esbuild inlines the const enums the interpreter switches on).
// Prints one MIPS line per workload and mode (median of 5 runs), then mitata's table (time per whole guest run).
import { bench, run, summary } from 'mitata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMachine } from '../src/cpu/machine.js';

const WL = process.env.PAGEVISOR_WORKLOADS ?? '/work/shared/workloads';

function build(file: string, defs: string[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'pv-bench-'));
  try {
    execFileSync('nasm', ['-f', 'bin', '-i', WL + '/', ...defs, join(WL, file), '-o', join(dir, 'o.bin')]);
    return new Uint8Array(readFileSync(join(dir, 'o.bin')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Case { name: string; image: Uint8Array; fastTlb: boolean }

/** One guest run: wall time and this process's CPU time (the latter is steadier on a shared machine). */
function runOnce(c: Case): { insns: number; secs: number; cpuSecs: number; console: string } {
  const m = createMachine({ image: c.image, fastTlb: c.fastTlb });
  const t0 = performance.now(), u0 = process.cpuUsage();
  const r = m.run();
  const u = process.cpuUsage(u0);
  const secs = (performance.now() - t0) / 1000;
  if (r.reason !== 'exit-port') throw new Error(`${c.name}: stopped with ${r.reason}: ${r.message}`);
  return { insns: r.instructions, secs, cpuSecs: (u.user + u.system) / 1e6, console: r.console };
}

if (!existsSync(join(WL, 'wl_alu.asm'))) {
  console.log(`cpu bench: workloads not found in ${WL} (set PAGEVISOR_WORKLOADS)`);
} else {
  const N = Number(process.env.N ?? 20_000_000), K = Number(process.env.K ?? 4);
  const alu = build('wl_alu.asm', [`-DN=${N}`]), mem = build('wl_mem.asm', [`-DK=${K}`]);
  const cases: Case[] = [
    { name: `wl_alu N=${N}`, image: alu, fastTlb: false },
    { name: `wl_mem K=${K}`, image: mem, fastTlb: false },
    { name: `wl_mem K=${K} fastTlb`, image: mem, fastTlb: true },
  ];
  for (const c of cases) {
    runOnce(c); // warm-up
    const runs = [0, 1, 2, 3, 4].map(() => runOnce(c));
    // Medians: this machine is shared and noisy.
    const med = runs.sort((a, b) => a.secs - b.secs)[2]!;
    const medCpu = runs.slice().sort((a, b) => a.cpuSecs - b.cpuSecs)[2]!;
    console.log(`${c.name.padEnd(24)} ${(med.insns / med.secs / 1e6).toFixed(1).padStart(7)} MIPS wall, ` +
      `${(medCpu.insns / medCpu.cpuSecs / 1e6).toFixed(1).padStart(7)} MIPS cpu-time  (${med.insns} insns, median of 5)  ${med.console.split('\n')[0]}`);
  }
  summary(() => {
    for (const c of cases) bench(c.name, () => runOnce(c));
  });
  await run();
}
