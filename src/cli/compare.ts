// `pagevisor compare FILE [--modes native,ept,shadow-wp,shadow-lazy] [--phase] [--json]`: the same
// guest in each mode, side by side.
import type { Command } from 'commander';
import { observe } from '../trace/observe.js';
import { formatCompare, modeledCycles, type CompareColumn } from '../trace/report.js';
import { MODES, modeAvailable, type ModeName } from '../trace/session.js';
import { fail } from './errors.js';
import { machineOptions, VIEW_MAX_INSNS, modeOf, prepare, quietPipe, stopLine, type MachineOpts } from './view-common.js';

interface CompareOpts extends MachineOpts {
  modes?: string;
  phase?: boolean;
  json?: boolean;
}

export function registerCompare(program: Command) {
  const cmd = program
    .command('compare')
    .description('run the same guest in each paging mode and compare exits, faults, TLB misses, walk references, table memory and modeled cycles')
    .argument('<file>', 'guest program (.asm or flat .bin)')
    .option('--modes <list>', `comma-separated modes (default: every mode available: ${MODES.join(',')})`)
    .option('--phase', 'only the region the guest marks (OUT 1 / 2 to port 0xE8)')
    .option('--json', 'print one JSON object');
  machineOptions(cmd, VIEW_MAX_INSNS);
  cmd.action((file: string, o: CompareOpts) => {
    quietPipe();
    const modes: ModeName[] = o.modes === undefined ? MODES.filter(modeAvailable) : o.modes.split(',').map((m) => m.trim()).filter(Boolean).map(modeOf);
    if (modes.length === 0) fail(`--modes is empty (valid: ${MODES.join(', ')})`);
    const p = prepare(file, o);
    const cols: CompareColumn[] = [];
    for (const mode of [...new Set(modes)]) {
      const s = p.session(mode);
      try {
        const r = observe(s, { budget: p.budget, sourceMap: p.guest.sourceMap, onExit: () => {} });
        if (o.phase && r.phase === null) fail(`--phase: ${file} marks no phase (OUT 1 then 2 to port 0xE8, PHASE_BEGIN / PHASE_END in guests/lib/pv.inc)`);
        const snap = o.phase ? r.phase! : r.whole;
        cols.push({
          mode, stop: stopLine(r.stop).replace(/ \(.*\)$/, ''), console: s.console, region: o.phase ? 'phase' : 'whole run', snapshot: snap,
          tables: s.tables(), cycles: modeledCycles(snap, s.cost), hostSeconds: r.whole.hostSeconds,
          mips: r.whole.hostSeconds > 0 ? r.whole.instructions / r.whole.hostSeconds / 1e6 : 0,
        });
      } finally {
        s.close();
      }
    }
    const consoles = new Set(cols.map((c) => c.console));
    if (o.json) {
      process.stdout.write(JSON.stringify({ file, region: o.phase ? 'phase' : 'whole run', sameConsole: consoles.size === 1, modes: cols.map(({ console: _c, ...c }) => c) }, null, 2) + '\n');
      return;
    }
    process.stdout.write(`${file}: ${o.phase ? 'the marked phase' : 'the whole run'}${o.phase ? '' : ''}\n\n` + formatCompare(cols) +
      (consoles.size === 1 ? '\nconsole output: identical in every mode\n' : `\nconsole output DIFFERS between modes (${cols.map((c) => `${c.mode}: ${JSON.stringify(c.console.slice(-60))}`).join('; ')})\n`));
  });
}
