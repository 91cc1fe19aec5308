// `pagevisor stat FILE [--mode M] [--phase]`: the exit table of `perf kvm stat report`, then the
// KVM-style counters and the TLB / page-walk counters of the run (or of the guest's marked phase).
import type { Command } from 'commander';
import { observe } from '../trace/observe.js';
import { ExitTable, formatExitTable, modeledCycles } from '../trace/report.js';
import type { Snapshot } from '../trace/session.js';
import { fail } from './errors.js';
import { machineOptions, VIEW_MAX_INSNS, modeOf, prepare, quietPipe, stopLine, type MachineOpts } from './view-common.js';

interface StatOpts extends MachineOpts {
  mode: string;
  phase?: boolean;
  json?: boolean;
}

const num = (x: number) => x.toLocaleString('en-US');

export function registerStat(program: Command) {
  const cmd = program
    .command('stat')
    .description('run a guest and print its VM exits in the shape of `perf kvm stat report`, then the KVM counters')
    .argument('<file>', 'guest program (.asm or flat .bin)')
    .option('--mode <mode>', 'native, ept, shadow-wp or shadow-lazy', 'native')
    .option('--phase', 'only the region the guest marks (OUT 1 / 2 to port 0xE8)')
    .option('--json', 'print one JSON object');
  machineOptions(cmd, VIEW_MAX_INSNS);
  cmd.action((file: string, o: StatOpts) => {
    quietPipe();
    const mode = modeOf(o.mode);
    const p = prepare(file, o);
    const s = p.session(mode);
    const table = new ExitTable();
    try {
      const r = observe(s, { budget: p.budget, sourceMap: p.guest.sourceMap, phaseOnly: o.phase, onExit: (e) => table.add(e) });
      if (o.phase && r.phase === null) fail(`--phase: ${file} marks no phase (OUT 1 then 2 to port 0xE8, PHASE_BEGIN / PHASE_END in guests/lib/pv.inc)`);
      const snap: Snapshot = o.phase ? r.phase! : r.whole;
      const cycles = modeledCycles(snap, s.cost);
      if (o.json) {
        process.stdout.write(JSON.stringify({
          file, mode, region: o.phase ? 'phase' : 'whole run', stop: r.stop, exits: table.sorted(), total: table.total,
          kvm: snap.kvm, instructions: snap.instructions, tlb: snap.tlb, walk: snap.walk, guestExceptions: snap.guestExceptions, modeledCycles: cycles,
        }, null, 2) + '\n');
        return;
      }
      const out: string[] = [];
      out.push(`Analyze events for ${file} (${mode} mode), all VCPUs, ${o.phase ? `the marked phase (${r.phases.regions.length} region${r.phases.regions.length === 1 ? '' : 's'})` : 'the whole run'}:`, '');
      if (mode === 'native') out.push('native mode: the guest runs on the bare machine, there is no hypervisor and no VM exit.', '');
      else out.push(formatExitTable(table));
      if (mode !== 'native') {
        out.push('KVM counters:');
        const w = Math.max(...Object.keys(snap.kvm).map((k) => k.length), 10);
        for (const [k, v] of Object.entries(snap.kvm)) out.push(`  ${k.padEnd(w)}  ${num(v)}`);
        out.push('');
      }
      out.push(
        'TLB and page walks:',
        `  instructions        ${num(snap.instructions)}`,
        `  tlb lookups         ${num(snap.tlb.lookups)}`,
        `  tlb misses          ${num(snap.tlb.misses)}`,
        `  tlb flushes         ${num(snap.tlb.flushes)}   page flushes ${num(snap.tlb.pageFlushes)}`,
        `  page walks          ${num(snap.walk.walks)}   memory references ${num(snap.walk.memRefs)}${snap.walk.walks ? ` (${(snap.walk.memRefs / snap.walk.walks).toFixed(2)} per walk)` : ''}`,
        `  guest exceptions    ${num(snap.guestExceptions)}`,
        `  modeled cycles      ${num(cycles)}`,
        '',
        `stopped: ${stopLine(r.stop)}`,
        '',
      );
      process.stdout.write(out.join('\n'));
    } finally {
      s.close();
    }
  });
}
