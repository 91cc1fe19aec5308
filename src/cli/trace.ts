// `pagevisor trace FILE [--mode M] [--format text|json|chrome] [-o OUT] [--events ...] [--phase]`:
// every VM exit as it happens, with its source line, instruction and the hypervisor's action.
import type { Command } from 'commander';
import { observe } from '../trace/observe.js';
import { createSink, EVENT_KINDS, FAULT_REASONS, FORMATS, type EventKind, type TraceFormat } from '../trace/trace-format.js';
import { TraceOut } from '../trace/writer.js';
import { fail } from './errors.js';
import { machineOptions, VIEW_MAX_INSNS, modeOf, prepare, quietPipe, stopLine, type MachineOpts } from './view-common.js';

interface TraceOpts extends MachineOpts {
  mode: string;
  format: string;
  output?: string;
  events: string;
  phase?: boolean;
}

export function parseEvents(text: string): Set<EventKind> {
  const out = new Set<EventKind>();
  for (const e of text.split(',').map((x) => x.trim()).filter(Boolean)) {
    if (!(EVENT_KINDS as readonly string[]).includes(e)) fail(`unknown event class '${e}' in --events (valid: ${EVENT_KINDS.join(', ')})`);
    out.add(e as EventKind);
  }
  if (out.size === 0) fail(`--events is empty (valid: ${EVENT_KINDS.join(', ')})`);
  return out;
}

export function registerTrace(program: Command) {
  const cmd = program
    .command('trace')
    .description('run a guest and write one line per VM exit (kvm_exit tracepoint shape), JSON lines, or Chrome trace-event JSON')
    .argument('<file>', 'guest program (.asm or flat .bin)')
    .option('--mode <mode>', 'native, ept, shadow-wp or shadow-lazy', 'native')
    .option('--format <format>', FORMATS.join(', '), 'text')
    .option('-o, --output <file>', 'write the trace here (written whole or not at all); default stdout')
    .option('--events <list>', `event classes: ${EVENT_KINDS.join(',')} (exits: every exit; faults: page-fault exits; walks / flushes: TLB counter samples)`, 'exits')
    .option('--phase', 'only the region the guest marks (OUT 1 / 2 to port 0xE8)');
  machineOptions(cmd, VIEW_MAX_INSNS);
  cmd.action((file: string, o: TraceOpts) => {
    quietPipe();
    const mode = modeOf(o.mode);
    if (!(FORMATS as readonly string[]).includes(o.format)) fail(`unknown --format '${o.format}' (valid: ${FORMATS.join(', ')})`);
    const format = o.format as TraceFormat;
    const events = parseEvents(o.events);
    const p = prepare(file, o);
    let out: TraceOut;
    try {
      out = new TraceOut(o.output ?? null);
    } catch (e) {
      fail(`cannot write -o ${o.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)} (give a path in a writable directory, or - for stdout)`);
    }
    const s = p.session(mode, { exactExits: true });
    try {
      const sink = createSink(format, { out, mode, file, cost: s.cost, walks: events.has('walks') || format === 'chrome', flushes: events.has('flushes') });
      const all = events.has('exits');
      const faults = events.has('faults');
      const r = observe(s, {
        budget: p.budget, sourceMap: p.guest.sourceMap, phaseOnly: o.phase,
        onExit: all ? (e, src) => sink.exit(e, src) : faults ? (e, src) => { if (FAULT_REASONS.has(e.reason)) sink.exit(e, src); } : undefined,
        onPhase: (k, n) => sink.phase(k, n),
        onCounters: (c) => sink.counters(c),
      });
      sink.end();
      out.commit();
      process.stderr.write(`--- ${file}: ${mode} mode, stopped: ${stopLine(r.stop)}; ${r.whole.instructions} instructions${mode === 'native' ? ', no VM exits (native)' : ''}${o.output && o.output !== '-' ? `; trace written to ${o.output}` : ''}\n`);
    } catch (e) {
      out.abort();
      throw e;
    } finally {
      s.close();
    }
  });
}
