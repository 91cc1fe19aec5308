// The views' session layer against the real machine: breakpoints, walks from the MMU's log,
// phase regions, the QEMU-shaped dumps, and the output formats.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assemble } from '../../src/asm/assemble.js';
import { SourceMap } from '../../src/trace/source-map.js';
import { createSession, parseMode, type ExitEvent } from '../../src/trace/session.js';
import { Locator, runTo } from '../../src/trace/runner.js';
import { observe } from '../../src/trace/observe.js';
import { walkView } from '../../src/trace/walk-view.js';
import { infoMem, infoTlb, guestLeaves } from '../../src/trace/inspect.js';
import { ExitTable, formatExitTable } from '../../src/trace/report.js';
import { createSink } from '../../src/trace/trace-format.js';
import type { TraceOut } from '../../src/trace/writer.js';

function guest(file: string, defines: Record<string, string> = {}) {
  const r = assemble(readFileSync(file, 'utf8'), { file, defines, includePaths: ['guests/'] });
  expect(r.ok).toBe(true);
  return { image: r.bytes, symbols: r.symbols, map: new SourceMap(Number(r.origin), r.lines) };
}

describe('session (native)', () => {
  it('stops at a label before executing it, and the locator names its line', () => {
    const g = guest('guests/identity.asm');
    const s = createSession('native', { image: g.image });
    const addr = Number(g.symbols.get('touch')!);
    const r = runTo(s, { kind: 'label', name: 'touch', addr }, 10_000_000);
    expect(r.reached).toBe(true);
    expect(s.cpu.ripLo).toBe(addr);
    const w = new Locator(s, g.map).where(s.cpu.ripLo, s.cpu.ripHi);
    expect(w.source?.file).toBe('guests/identity.asm');
    expect(w.source?.source).toMatch(/^touch:\s+mov rsi, DATA/);
    expect(w.insn).toBe('mov esi,0x1000000');
  });

  it('walks a 4 KiB page in 4 references and a 2 MiB page in 3, reading the real entries', () => {
    const g = guest('guests/identity.asm');
    const s = createSession('native', { image: g.image });
    runTo(s, { kind: 'label', name: 'touch', addr: Number(g.symbols.get('touch')!) }, 10_000_000);
    const v = walkView(0x800000, 0, 'native', s.walk(0x800000, 0));
    expect(v.references).toBe(4);
    expect(v.walk.map((l) => l.table)).toEqual(['PML4', 'PDPT', 'PD', 'PT']);
    expect(Number(v.walk[0]!.addr)).toBe(s.cpu.cr3 - (s.cpu.cr3 % 4096)); // index 0 of the PML4 at CR3
    for (const l of v.walk) expect(Number(l.entry) % 2 ** 32 >>> 0).toBe(s.ram.read64lo(Number(l.addr)) >>> 0);
    expect(v.hpa).toBe('0x800000');
    // Before the guest loads its own CR3, the boot tables map 2 MiB pages.
    const b = createSession('native', { image: g.image });
    const vb = walkView(0x200000, 0, 'native', b.walk(0x200000, 0));
    expect(vb.references).toBe(3);
    expect(vb.pageSize).toBe('2 MiB');
  });

  it('reports a stop before the target', () => {
    const g = guest('guests/hello.asm');
    const s = createSession('native', { image: g.image });
    const r = runTo(s, { kind: 'insns', n: 1_000_000 }, 10_000_000);
    expect(r.reached).toBe(false);
    expect(r.stop?.reason).toBe('exit-port');
  });

  it('measures the marked phase alone: S * (T + 1) TLB misses in process-switch', () => {
    for (const S of [40, 100]) {
      const g = guest('guests/process-switch.asm', { S: String(S), T: '3', N: '4' });
      const s = createSession('native', { image: g.image });
      const r = observe(s, { budget: 50_000_000 });
      expect(r.stop.reason).toBe('exit-port');
      expect(r.phases.regions.length).toBe(1);
      expect(r.phase!.tlb.misses).toBe(S * (3 + 1));
      expect(r.phase!.tlb.flushes).toBe(S);
      expect(r.whole.tlb.misses).toBeGreaterThan(r.phase!.tlb.misses);
    }
  });

  it('info tlb / info mem reflect the guest tables', () => {
    const g = guest('guests/identity.asm');
    const s = createSession('native', { image: g.image });
    const boot = infoTlb(s).trimEnd().split('\n');
    expect(boot.length).toBe(512); // the loader's 512 2 MiB pages
    expect(boot[1]).toBe('0000000000200000: 0000000000200000 --P-----W');
    expect(infoMem(s)).toBe('0000000000000000-0000000040000000 0000000040000000 -rw\n');
    runTo(s, { kind: 'label', name: 'touch', addr: Number(g.symbols.get('touch')!) }, 10_000_000);
    const leaves = guestLeaves(s);
    expect(leaves.every((l) => l.size === 4096)).toBe(true);
    expect(infoTlb(s)).toMatch(/^0000000000800000: 0000000000800000 -{7}-W$/m);
  });
});

describe('formats', () => {
  const ev: ExitEvent = {
    seq: 17, icount: 1042, reason: 'CR_ACCESS', info1: '0x0000000000000003', info2: '0x0000000000000000', ripLo: 0x100034, ripHi: 0,
    insn: 'mov cr3,rax', action: 'shadow root switch (cached)', cycles: 1900,
  };
  const collect = () => {
    const parts: string[] = [];
    return { parts, out: { write: (s: string) => parts.push(s) } as unknown as TraceOut };
  };
  const cost = { insn: 1, walkRef: 20 };

  it('text: the kvm_exit tracepoint line with the source line, instruction and action', () => {
    const c = collect();
    const sink = createSink('text', { out: c.out, mode: 'shadow-wp', file: 'x.asm', cost, walks: false, flushes: false });
    sink.exit(ev, { file: 'guests/process-switch.asm', line: 31, source: 'mov cr3, rax   ; switch' });
    expect(c.parts.join('')).toBe(
      '    17  insn 1042  kvm_exit: reason CR_ACCESS rip 0x100034 info1 0x0000000000000003 info2 0x0000000000000000  guests/process-switch.asm:31  mov cr3, rax  | mov cr3,rax  -> shadow root switch (cached)\n',
    );
  });

  it('chrome: valid trace-event JSON with metadata, an X slice per exit, counters and phase instants', () => {
    const c = collect();
    const sink = createSink('chrome', { out: c.out, mode: 'ept', file: 'x.asm', cost, walks: true, flushes: false });
    sink.phase('begin', 1000);
    sink.exit(ev, undefined);
    sink.counters({ icount: 2000, tlbMisses: 5, walks: 5, walkRefs: 120, flushes: 0, pageFlushes: 0 });
    sink.end();
    const j = JSON.parse(c.parts.join('')) as { traceEvents: Record<string, unknown>[] };
    const ph = j.traceEvents.map((e) => e.ph);
    expect(ph).toEqual(['M', 'M', 'i', 'X', 'C', 'C']);
    const x = j.traceEvents[3]!;
    expect(x).toMatchObject({ name: 'CR_ACCESS', ts: 1.042, dur: 1.9, pid: 1, tid: 1 });
    expect(j.traceEvents[4]).toMatchObject({ ts: (2000 + 1900) / 1000 });
  });

  it('the perf kvm stat table sorts by samples and totals', () => {
    const t = new ExitTable();
    for (const [reason, cycles] of [['CR_ACCESS', 100], ['CR_ACCESS', 300], ['EXCEPTION_NMI', 50], ['CR_ACCESS', 200]] as const) t.add({ ...ev, reason, cycles });
    const text = formatExitTable(t);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\s+VM-EXIT\s+Samples\s+Samples%\s+Cycles%\s+Min\s+Max\s+Avg$/);
    expect(lines[2]).toMatch(/^\s+CR_ACCESS\s+3\s+75\.00%\s+92\.31%\s+100\s+300\s+200\.0$/);
    expect(lines[3]).toMatch(/^\s*EXCEPTION_NMI\s+1\s+25\.00%\s+7\.69%\s+50\s+50\s+50\.0$/);
    expect(text).toContain('Total Samples:4, Total modeled cycles:650');
  });

  it('modes: shadow means shadow-wp, npt means ept, anything else names the choices', () => {
    expect(parseMode('shadow')).toBe('shadow-wp');
    expect(parseMode('EPT')).toBe('ept');
    expect(parseMode('npt')).toBe('ept');
    expect(parseMode('vmx')).toEqual({ error: expect.stringContaining('valid: native, ept, shadow-wp, shadow-lazy') });
  });
});
