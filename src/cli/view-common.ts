// What the observation views (walk, inspect, stat, trace, compare) share: the machine options,
// `--mode`, `--at LABEL | --after N`, and how a stop before the target is reported.
import type { Command } from 'commander';
import { createSession, modeAvailable, MODES, parseMode, type ModeName, type Session, type SessionOptions } from '../trace/session.js';
import { formatSource, Locator, runTo, type Target } from '../trace/runner.js';
import '../trace/backends.js';
import { parseCount } from './options.js';
import { checkSpecs, eptLargeOf, guestMemOf, hostMemOf, type MachineOpts } from './machine-options.js';

export { machineOptions, type MachineOpts } from './machine-options.js';
import { fail } from './errors.js';
import { loadGuest, type Guest } from './guest.js';

export const VIEW_MAX_INSNS = 2_000_000_000;

export interface TargetOpts {
  at?: string;
  after?: string;
}

export function targetOptions(cmd: Command): Command {
  return cmd
    .option('--at <label>', 'run until RIP reaches this label (a breakpoint)')
    .option('--after <n>', 'run this many instructions');
}

/** A view piped into `head` ends quietly when the reader goes away. */
export function quietPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

/** `--mode` text to a mode, or exit 2 naming the valid choices. */
export function modeOf(text: string): ModeName {
  const m = parseMode(text);
  if (typeof m !== 'string') fail(m.error);
  if (!modeAvailable(m)) fail(`mode '${m}' is not available in this build (the hypervisor is missing); valid: ${MODES.filter(modeAvailable).join(', ')}`);
  return m;
}

export interface Prepared {
  guest: Guest;
  budget: number;
  session: (mode: ModeName, extra?: Partial<SessionOptions>) => Session;
}

/** Validates the machine options and loads the guest (errors exit 2; an assembly error exits 1). */
export function prepare(file: string, o: MachineOpts): Prepared {
  const memBytes = guestMemOf(o.mem);
  const hostMemBytes = hostMemOf(o.hostMem);
  const budget = parseCount(o.maxInsns, '--max-insns');
  if (typeof budget === 'string') fail(budget);
  checkSpecs(o);
  const vm = { vpid: o.vpid === 'on', eptLarge: eptLargeOf(o.eptLarge), eptPrefault: o.eptPrefault, cost: o.cost, hostMemBytes };
  const guest = loadGuest(file, o);
  if (0x100000 + guest.image.length > memBytes) fail(`the image (${guest.image.length} bytes at 0x100000) does not fit in --mem ${o.mem}`);
  return {
    guest,
    budget: budget === 0 ? Number.MAX_SAFE_INTEGER : budget,
    session: (mode, extra) => createSession(mode, {
      image: guest.image, memBytes, guestLevels: Number(o.guestLevels) as 4 | 5, tlbSpec: o.tlb,
      pwc: o.pwc === 'off' ? undefined : o.pwc, ...extra, vm: { ...vm, ...extra?.vm },
    }),
  };
}

/** `--at` / `--after` to a run target; an unknown label exits 2 with the closest names. */
export function targetOf(guest: Guest, o: TargetOpts): Target {
  if (o.at !== undefined && o.after !== undefined) fail('--at and --after cannot be used together (choose one)');
  if (o.after !== undefined) {
    const n = parseCount(o.after, '--after');
    if (typeof n === 'string') fail(n);
    return { kind: 'insns', n };
  }
  if (o.at === undefined) return { kind: 'end' };
  if (!guest.symbols) fail(`--at ${o.at}: '${guest.file}' is a flat image without symbols (use --after N, or the .asm source)`);
  const addr = guest.symbols.get(o.at);
  if (addr === undefined) {
    const names = [...guest.symbols.keys()];
    const close = closest(o.at, names);
    fail(`no label '${o.at}' in ${guest.file}${close.length ? ` (did you mean ${close.map((n) => `'${n}'`).join(', ')}?)` : ` (labels: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', ...' : ''})`}`);
  }
  if (addr < 0n || addr > 0xffffffffn) fail(`--at ${o.at}: label address 0x${addr.toString(16)} is outside the low 4 GiB the breakpoint supports`);
  return { kind: 'label', name: o.at, addr: Number(addr) };
}

/** Names within a small edit distance of `name`, closest first (at most 3). */
export function closest(name: string, names: string[]): string[] {
  const lower = name.toLowerCase();
  const scored = names
    .map((n) => ({ n, d: editDistance(lower, n.toLowerCase()) - (n.toLowerCase().includes(lower) || lower.includes(n.toLowerCase()) ? 2 : 0) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n));
  return scored.slice(0, 3).map((x) => x.n);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Runs to the target. When the guest stops first, prints why (with the stopping instruction and
 * its source line) to stderr and returns false.
 */
export function reachTarget(s: Session, guest: Guest, target: Target, budget: number): boolean {
  if (target.kind === 'end') return true;
  const r = runTo(s, target, budget);
  if (r.reached) return true;
  const what = target.kind === 'label' ? `label '${target.name}'` : `instruction ${target.n}`;
  const st = r.stop!;
  const loc = new Locator(s, guest.sourceMap);
  const where = loc.where(s.cpu.ripLo, s.cpu.ripHi);
  const src = formatSource(where.source);
  process.stderr.write(
    `pagevisor: the guest stopped before reaching ${what}: ${st.reason}${st.reason === 'exit-port' ? `, exit code ${st.code}` : ''} (${st.message}) after ${s.instructions} instructions\n` +
      `    rip ${where.rip}  ${st.disasm ?? where.insn}${src ? '  ' + src : ''}\n`,
  );
  return false;
}

/** A stop's line for the views: reason, message. */
export function stopLine(st: { reason: string; code: number; message: string }): string {
  return `${st.reason}${st.reason === 'exit-port' ? `, exit code ${st.code}` : ''} (${st.message})`;
}
