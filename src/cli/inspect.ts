// `pagevisor inspect FILE [--at LABEL | --after N] [--mode M] tlb|mem|regs|shadow|ept`: the guest's
// mappings and registers in the shapes of QEMU's monitor, and the hypervisor's own tables.
import type { Command } from 'commander';
import { infoMem, infoRegisters, infoTlb } from '../trace/inspect.js';
import { formatSource, Locator } from '../trace/runner.js';
import { fail } from './errors.js';
import { machineOptions, VIEW_MAX_INSNS, modeOf, prepare, quietPipe, reachTarget, targetOf, targetOptions, type MachineOpts, type TargetOpts } from './view-common.js';

const WHAT = ['tlb', 'mem', 'regs', 'shadow', 'ept'] as const;

interface InspectOpts extends MachineOpts, TargetOpts {
  mode: string;
}

export function registerInspect(program: Command) {
  const cmd = program
    .command('inspect')
    .description('run a guest to a label or instruction count, then show its mappings (QEMU info tlb / info mem), registers (info registers), or the shadow / EPT tables')
    .argument('<file>', 'guest program (.asm or flat .bin)')
    .argument('<what>', WHAT.join('|'))
    .option('--mode <mode>', 'native, ept, shadow-wp or shadow-lazy', 'native');
  targetOptions(cmd);
  machineOptions(cmd, VIEW_MAX_INSNS);
  cmd.action((file: string, what: string, o: InspectOpts) => {
    quietPipe();
    if (!(WHAT as readonly string[]).includes(what)) fail(`unknown view '${what}' (valid: ${WHAT.join(', ')})`);
    const mode = modeOf(o.mode);
    if (what === 'shadow' && !mode.startsWith('shadow')) fail(`inspect shadow needs a shadow mode (--mode shadow-wp or shadow-lazy), not ${mode}`);
    if (what === 'ept' && mode !== 'ept') fail(`inspect ept needs --mode ept, not ${mode}`);
    const p = prepare(file, o);
    const target = targetOf(p.guest, o);
    const s = p.session(mode);
    try {
      if (!reachTarget(s, p.guest, target, p.budget)) { process.exitCode = 1; return; }
      const loc = new Locator(s, p.guest.sourceMap);
      const w = loc.where(s.cpu.ripLo, s.cpu.ripHi);
      const src = formatSource(w.source);
      // Where the guest is goes to stderr: stdout keeps QEMU's shape.
      process.stderr.write(`# ${file}: ${mode} mode, insn ${s.instructions}, rip ${w.rip}  ${w.insn}${src ? '  ' + src : ''}\n`);
      let text: string;
      if (what === 'tlb') text = infoTlb(s);
      else if (what === 'mem') text = infoMem(s);
      else if (what === 'regs') text = infoRegisters(s, loc);
      else text = s.dumpTables?.(what as "shadow" | "ept") ?? `(no ${what} tables in this session)\n`;
      process.stdout.write(text);
    } finally {
      s.close();
    }
  });
}
