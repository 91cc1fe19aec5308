// `pagevisor run FILE`: boot a guest, stream its console, print a summary.
import type { Command } from 'commander';
import { Option } from 'commander';
import { createMachine, DEFAULT_MEM } from '../cpu/machine.js';
import type { X86Mmu } from '../mmu/mmu.js';
import { parseTlbSpec } from '../mmu/tlb.js';
import { parsePwcSpec } from '../mmu/pwc.js';
import { collect, parseCount, parseSize } from './options.js';
import { fail } from './errors.js';
import { loadGuest, type Guest } from './guest.js';
import { formatStop, formatSummary, type RunReport } from './summary.js';

export const DEFAULT_MAX_INSNS = 10_000_000_000;
/** Instructions run between console flushes. */
const SLICE = 20_000_000;

interface RunOpts {
  mode: string;
  mem: string;
  maxInsns: string;
  tlb?: string;
  pwc?: string;
  guestLevels: string;
  json?: boolean;
  define: string[];
  include: string[];
}

export function registerRun(program: Command) {
  program
    .command('run')
    .description('run a guest program (.asm is assembled in memory, anything else is a flat image) and print a summary')
    .argument('<file>', 'guest program: .asm source or flat .bin image (org 0x100000)')
    .addOption(new Option('--mode <mode>', 'how guest memory is virtualized').choices(['native']).default('native'))
    .option('--mem <size>', 'guest RAM', '64M')
    .option('--max-insns <n>', 'instruction budget (0: none)', String(DEFAULT_MAX_INSNS))
    .option('--tlb <spec>', 'TLB model: a preset (skylake, tiny, off) and/or arrays like l1d4k=64x4,stlb=1536x12', 'skylake')
    .option('--pwc <spec>', 'paging-structure caches: on, off, or sizes like pde=32x4,pdpte=4', 'off')
    .addOption(new Option('--guest-levels <n>', 'paging levels the loader sets up').choices(['4', '5']).default('4'))
    .option('--json', 'print one JSON object instead of the console stream and summary')
    .option('-D, --define <name[=value]>', 'define a preprocessor macro for .asm guests (repeatable)', collect, [])
    .option('-I, --include <dir>', 'include search path for .asm guests (repeatable)', collect, [])
    .action((file: string, opts: RunOpts) => {
      const report = runGuest(file, opts);
      process.exitCode = exitStatus(report);
    });
}

function runGuest(file: string, opts: RunOpts): RunReport {
  const memBytes = parseSize(opts.mem, '--mem');
  if (typeof memBytes === 'string') fail(memBytes);
  if (memBytes % 4096 !== 0 || memBytes < 2 * 1024 * 1024 || memBytes > 2 ** 31) fail(`--mem must be a multiple of 4 KiB between 2 MiB and 2 GiB, got ${opts.mem}`);
  const budget = parseCount(opts.maxInsns, '--max-insns');
  if (typeof budget === 'string') fail(budget);
  for (const [flag, spec, parse] of [['--tlb', opts.tlb, parseTlbSpec], ['--pwc', opts.pwc, parsePwcSpec]] as const) {
    if (spec === undefined) continue;
    try {
      parse(spec);
    } catch (e) {
      fail(`invalid ${(e as Error).message.startsWith(flag) ? "" : flag + ": "}${(e as Error).message}`);
    }
  }
  const guest: Guest = loadGuest(file, opts);
  if (0x100000 + guest.image.length > memBytes) fail(`the image (${guest.image.length} bytes at 0x100000) does not fit in --mem ${opts.mem}`);
  const machine = createMachine({
    image: guest.image,
    memBytes: memBytes || DEFAULT_MEM,
    guestLevels: Number(opts.guestLevels) as 4 | 5,
    tlbSpec: opts.tlb,
    pwc: opts.pwc === 'off' ? undefined : opts.pwc,
  });
  const limit = budget === 0 ? Infinity : budget;
  const t0 = process.hrtime.bigint();
  let printed = 0;
  let done = 0;
  let st;
  for (;;) {
    const slice = Math.min(SLICE, limit - done);
    st = machine.run({ maxInsns: slice });
    done += st.instructions;
    if (!opts.json) {
      const out = machine.consoleBytes;
      if (out.length > printed) {
        process.stdout.write(out.subarray(printed));
        printed = out.length;
      }
    }
    if (st.reason !== 'insn-limit' || done >= limit) break;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const mmu = machine.mmu as unknown as X86Mmu;
  const stats = mmu.stats;
  const report: RunReport = {
    file,
    mode: opts.mode,
    stop: { ...st, console: undefined, instructions: undefined } as unknown as RunReport['stop'],
    console: machine.console,
    instructions: machine.instructions,
    tlb: stats.tlb,
    walk: stats.walk,
    pwc: stats.pwc,
    host: { seconds, mips: machine.instructions / seconds / 1e6 },
  };
  if (report.stop.reason === 'insn-limit' && budget !== 0) report.stop.message = `instruction budget of ${budget} reached (--max-insns)`;
  const where = guest.sourceMap?.at(Number(report.stop.rip));
  if (where) report.stop.source = where;
  if (opts.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    if (printed > 0 && machine.consoleBytes[printed - 1] !== 10) process.stdout.write('\n');
    process.stderr.write(formatStop(report) + formatSummary(report));
  }
  return report;
}

/** The process exit status: the guest's exit code, or a fixed status for other stops (see README). */
export function exitStatus(r: RunReport): number {
  switch (r.stop.reason) {
    case 'exit-port':
      return r.stop.code & 0xff;
    case 'hlt':
      return 0;
    case 'insn-limit':
      return 124;
    case 'triple-fault':
      return 125;
    default:
      return 70;
  }
}
