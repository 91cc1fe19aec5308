// `pagevisor walk FILE --gva ADDR`: run to a label or an instruction count, then explain how the
// processor translates ADDR with cold caches, one numbered memory reference at a time.
import type { Command } from 'commander';
import { formatSource, Locator } from '../trace/runner.js';
import { formatWalk, walkView } from '../trace/walk-view.js';
import { fail } from './errors.js';
import { machineOptions, VIEW_MAX_INSNS, modeOf, prepare, quietPipe, reachTarget, targetOf, targetOptions, type MachineOpts, type TargetOpts } from './view-common.js';

interface WalkOpts extends MachineOpts, TargetOpts {
  gva: string;
  mode: string;
  json?: boolean;
}

/** A guest virtual address: canonical for 4-level (48-bit) or 5-level (57-bit) paging; exits 2 otherwise. */
export function parseGva(text: string, levels: 4 | 5): { lo: number; hi: number } {
  const t = text.trim().replace(/_/g, '');
  let v: bigint;
  try {
    if (!/^(0x[0-9a-f]+|\d+)$/i.test(t)) throw new Error();
    v = BigInt(t);
  } catch {
    fail(`invalid --gva '${text}' (expected an address like 0x200000)`);
  }
  if (v > 0xffffffffffffffffn) fail(`invalid --gva '${text}': more than 64 bits`);
  const bits = levels === 5 ? 57 : 48;
  const top = v >> BigInt(bits - 1);
  const ones = (1n << BigInt(65 - bits)) - 1n;
  if (top !== 0n && top !== ones) {
    fail(`--gva ${text} is not canonical for ${levels}-level paging (bits 63:${bits - 1} must all equal bit ${bits - 1}: 0x0..0x${((1n << BigInt(bits - 1)) - 1n).toString(16)} or 0x${(((1n << 64n) - 1n) ^ ((1n << BigInt(bits - 1)) - 1n)).toString(16)}..0xffffffffffffffff)`);
  }
  return { lo: Number(v & 0xffffffffn), hi: Number(v >> 32n) | 0 };
}

export function registerWalk(program: Command) {
  const cmd = program
    .command('walk')
    .description('run a guest to a label or instruction count, then explain the translation of one address step by step')
    .argument('<file>', 'guest program (.asm or flat .bin)')
    .requiredOption('--gva <addr>', 'the guest virtual address to translate')
    .option('--mode <mode>', 'native, ept, shadow-wp or shadow-lazy', 'native')
    .option('--json', 'print one JSON object');
  targetOptions(cmd);
  machineOptions(cmd, VIEW_MAX_INSNS);
  cmd.action((file: string, o: WalkOpts) => {
    quietPipe();
    const mode = modeOf(o.mode);
    const gva = parseGva(o.gva, o.guestLevels === '5' ? 5 : 4);
    const p = prepare(file, o);
    const target = targetOf(p.guest, o);
    const s = p.session(mode);
    try {
      if (!reachTarget(s, p.guest, target, p.budget)) { process.exitCode = 1; return; }
      const loc = new Locator(s, p.guest.sourceMap).where(s.cpu.ripLo, s.cpu.ripHi);
      const at = target.kind === 'label' ? `at label '${target.name}'` : target.kind === 'insns' ? `after ${s.instructions} instructions` : `at boot, before the first instruction (no --at or --after)`;
      const v = walkView(gva.lo, gva.hi, mode, s.walk(gva.lo, gva.hi));
      if (o.json) {
        process.stdout.write(JSON.stringify({ file, ...v, stoppedAt: { ...loc, instructions: s.instructions, cr3: '0x' + s.cpu.cr3.toString(16) } }, null, 2) + '\n');
        return;
      }
      const src = formatSource(loc.source);
      const header = `${file}: ${mode} mode, stopped ${at} (insn ${s.instructions}, rip ${loc.rip}  ${loc.insn}${src ? '  ' + src : ''}), CR3 0x${s.cpu.cr3.toString(16)}`;
      process.stdout.write(formatWalk(v, header));
    } finally {
      s.close();
    }
  });
}
