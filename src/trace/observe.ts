// One observed run: the guest runs to its end (or the budget) while exits, phase marks and counter
// samples stream to the caller; the whole run's counters and the marked region's come back.

import type { StopState } from '../cpu/cpu.js';
import type { SourceLocation, SourceMap } from './source-map.js';
import { Locator, Phases } from './runner.js';
import type { ExitEvent, Session, Snapshot } from './session.js';
import type { CounterSample } from './trace-format.js';

export interface ObserveOptions {
  budget: number;
  sourceMap?: SourceMap;
  /** only exits inside the guest's marked phase */
  phaseOnly?: boolean;
  onExit?: (e: ExitEvent, src: SourceLocation | undefined) => void;
  onPhase?: (kind: 'begin' | 'end', icount: number) => void;
  onCounters?: (c: CounterSample) => void;
  /** instructions between counter samples (default 1,000,000) */
  sampleEvery?: number;
}

export interface Observed {
  stop: StopState;
  /** the budget ran out before the guest stopped */
  budgetReached: boolean;
  whole: Snapshot;
  /** the marked region's counters (null when the guest marked none) */
  phase: Snapshot | null;
  phases: Phases;
}

export function sampleCounters(s: Session): CounterSample {
  const st = s.mmu.stats;
  return {
    icount: s.instructions, tlbMisses: st.tlb.misses, walks: st.walk.walks, walkRefs: st.walk.memRefs,
    flushes: st.tlb.flushes, pageFlushes: st.tlb.pageFlushes,
  };
}

export function observe(s: Session, o: ObserveOptions): Observed {
  const phases = new Phases(s);
  const loc = new Locator(s, o.sourceMap);
  const onExit = o.onExit;
  if (onExit) {
    s.onExit = o.phaseOnly
      ? (e) => { if (phases.inside) onExit(e, loc.source(e.ripLo, e.ripHi)); }
      : (e) => onExit(e, loc.source(e.ripLo, e.ripHi));
  }
  const onCounters = o.onCounters;
  phases.listener = (kind, icount) => {
    o.onPhase?.(kind, icount);
    onCounters?.(sampleCounters(s));
  };
  const every = o.sampleEvery ?? 1_000_000;
  const limit = s.instructions + o.budget;
  let stop: StopState;
  for (;;) {
    const left = limit - s.instructions;
    if (left <= 0) {
      stop = { reason: 'insn-limit', code: 0, message: `instruction budget of ${o.budget} reached (--max-insns)`, rip: '0x' + s.cpu.ripLo.toString(16) };
      break;
    }
    stop = s.run(Math.min(every, left));
    if (onCounters && (!o.phaseOnly || phases.inside)) onCounters(sampleCounters(s));
    if (stop.reason !== 'insn-limit') break;
  }
  s.onExit = null;
  const whole = s.snapshot();
  return { stop, budgetReached: stop.reason === 'insn-limit', whole, phase: phases.total(whole), phases };
}
