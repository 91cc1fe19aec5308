// `pagevisor run FILE`: boot a guest natively or in a VM, stream its console,
// print a summary (or one JSON object).
import type { Command } from 'commander';
import { Option } from 'commander';
import { createVm, lineLocator, type VmRunResult } from '../vmm/index.js';
import { parseCount } from './options.js';
import { checkSpecs, eptLargeOf, guestMemOf, hostMemOf, machineOptions, type MachineOpts } from './machine-options.js';
import { fail } from './errors.js';
import { loadGuest } from './guest.js';
import { formatStop, formatSummary, type RunReport } from './summary.js';

export const DEFAULT_MAX_INSNS = 10_000_000_000;
/** Instructions run between console flushes. */
const SLICE = 20_000_000;

interface RunOpts extends MachineOpts {
  mode: string;
  shadowSync: 'wp' | 'lazy';
  json?: boolean;
}

export function registerRun(program: Command) {
  const cmd = program
    .command('run')
    .description('run a guest program natively or in a VM (EPT or shadow paging) and print a summary')
    .argument('<file>', 'guest program: .asm source (assembled in memory) or flat .bin image (org 0x100000)')
    .addOption(new Option('--mode <mode>', 'how guest memory is virtualized (npt = ept)').choices(['native', 'ept', 'npt', 'shadow']).default('native'))
    .addOption(new Option('--shadow-sync <how>', 'shadow mode: write-protect guest page tables (wp) or sync at INVLPG/CR3 only (lazy)').choices(['wp', 'lazy']).default('wp'))
    .option('--json', 'print one JSON object instead of the console stream and summary');
  machineOptions(cmd, DEFAULT_MAX_INSNS).action((file: string, opts: RunOpts) => {
    const report = runGuest(file, opts);
    process.exitCode = exitStatus(report);
  });
}

function checked<T>(what: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    return fail(`invalid ${what}: ${(e as Error).message}`);
  }
}

function runGuest(file: string, opts: RunOpts): RunReport {
  const memBytes = guestMemOf(opts.mem);
  const hostMemBytes = hostMemOf(opts.hostMem);
  const eptLarge = eptLargeOf(opts.eptLarge);
  const budget = parseCount(opts.maxInsns, '--max-insns');
  if (typeof budget === 'string') fail(budget);
  checkSpecs(opts);
  const guest = loadGuest(file, opts);
  if (0x100000 + guest.image.length > memBytes) fail(`the image (${guest.image.length} bytes at 0x100000) does not fit in --mem ${opts.mem}`);
  const vm = checked('option', () =>
    createVm({
      mode: opts.mode as 'native' | 'ept' | 'npt' | 'shadow',
      shadowSync: opts.shadowSync,
      vpid: opts.vpid === 'on',
      image: guest.image,
      memBytes,
      hostMemBytes,
      guestLevels: Number(opts.guestLevels) as 4 | 5,
      eptLarge,
      eptPrefault: opts.eptPrefault,
      cost: opts.cost,
      tlbSpec: opts.tlb,
      pwc: opts.pwc === 'off' ? undefined : opts.pwc,
      locate: guest.lines ? lineLocator(guest.lines) : undefined,
    }),
  );
  const limit = budget === 0 ? Infinity : budget;
  const t0 = process.hrtime.bigint();
  let printed = 0;
  let done = 0;
  let r: VmRunResult;
  for (;;) {
    r = vm.run({ maxInsns: Math.min(SLICE, limit - done) });
    done += r.instructions;
    if (!opts.json && r.console.length > printed) {
      process.stdout.write(Buffer.from(r.console.slice(printed), 'latin1'));
      printed = r.console.length;
    }
    if (r.stop.reason !== 'insn-limit' || done >= limit) break;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const mode = r.mode === 'shadow' ? `shadow-${opts.shadowSync}` : r.mode;
  const report: RunReport = {
    file,
    mode,
    stop: { ...r.stop },
    console: r.console,
    instructions: r.totalInstructions,
    exits: r.exits,
    counters: r.counters,
    memory: r.memory,
    cycles: r.cycles,
    tlb: r.tlb,
    walk: r.walk,
    host: { seconds, mips: r.totalInstructions / seconds / 1e6 },
    exitLog: r.exitLog,
  };
  if (report.stop.reason === 'insn-limit' && budget !== 0) report.stop.message = `instruction budget of ${budget} reached (--max-insns)`;
  const where = guest.sourceMap?.at(Number(report.stop.rip));
  if (where) report.stop.source = where;
  if (opts.json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    if (printed > 0 && !r.console.endsWith('\n')) process.stdout.write('\n');
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
    case 'host-oom':
      return 71;
    default:
      return 70;
  }
}
