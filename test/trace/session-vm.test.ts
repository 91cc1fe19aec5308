// The views over the hypervisor's modes (src/trace/session-vm.ts): the 2-D walk's reference counts,
// exits per reason that follow the guest's parameters (guests/process-switch.asm's header), the
// phase marks' own exits outside the phase, and exits seen one by one (all of them, in order).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assemble } from '../../src/asm/assemble.js';
import { SourceMap } from '../../src/trace/source-map.js';
import { createSession, type ExitEvent, type ModeName } from '../../src/trace/session.js';
import '../../src/trace/backends.js';
import { runTo } from '../../src/trace/runner.js';
import { observe } from '../../src/trace/observe.js';
import { walkView } from '../../src/trace/walk-view.js';

function guest(file: string, defines: Record<string, string> = {}) {
  const r = assemble(readFileSync(file, 'utf8'), { file, defines, includePaths: ['guests/'] });
  expect(r.ok).toBe(true);
  return { image: r.bytes, symbols: r.symbols, map: new SourceMap(Number(r.origin), r.lines) };
}

const VIRT: ModeName[] = ['ept', 'shadow-wp', 'shadow-lazy'];

describe('walk in the virtualized modes', () => {
  it('EPT: the 2-D walk of a 4 KiB page is 24 references, 4 guest entries (GPA) and 20 EPT entries (HPA)', () => {
    const g = guest('guests/identity.asm');
    const s = createSession('ept', { image: g.image });
    expect(runTo(s, { kind: 'label', name: 'touch_done', addr: Number(g.symbols.get('touch_done')!) }, 50_000_000).reached).toBe(true);
    const v = walkView(0x1000000, 0, 'ept', s.walk(0x1000000, 0));
    expect(v.status).toBe('ok');
    expect(v.references).toBe(24);
    expect(v.walk.filter((l) => l.space === 'GPA').map((l) => l.table)).toEqual(['guest PML4', 'guest PDPT', 'guest PD', 'guest PT']);
    expect(v.walk.filter((l) => l.space === 'HPA')).toHaveLength(20);
    // each guest entry is preceded by the 4 EPT references that translate its own GPA
    expect(v.walk.slice(0, 4).every((l) => l.for === v.walk[4]!.addr)).toBe(true);
    expect(v.walk.slice(20).every((l) => l.for === '0x1000000')).toBe(true);
    expect(v.gpa).toBe('0x1000000');
    // the HPA is the page the hypervisor backs GPA 0x1000000 with
    expect(Number(v.hpa) % 4096).toBe(0);
    s.close();
  });

  it('shadow: the processor walks 4 shadow entries (HPA); the hypervisor\'s guest walk has 4 (GPA)', () => {
    for (const mode of ['shadow-wp', 'shadow-lazy'] as const) {
      const g = guest('guests/identity.asm');
      const s = createSession(mode, { image: g.image });
      runTo(s, { kind: 'label', name: 'touch_done', addr: Number(g.symbols.get('touch_done')!) }, 50_000_000);
      const v = walkView(0x1000000, 0, mode, s.walk(0x1000000, 0));
      expect(v.status).toBe('ok');
      expect(v.references).toBe(4);
      expect(v.walk.map((l) => l.table)).toEqual(['shadow PML4', 'shadow PDPT', 'shadow PD', 'shadow PT']);
      expect(v.guestWalk!.map((l) => `${l.space} ${l.table}`)).toEqual(['GPA guest PML4', 'GPA guest PDPT', 'GPA guest PD', 'GPA guest PT']);
      expect(v.gpa).toBe('0x1000000');
      s.close();
    }
  });
});

describe('exits follow the guest parameters (process-switch.asm)', () => {
  const N = 4, T = 2;
  for (const S of [30, 70]) {
    it(`S = ${S}: CR_ACCESS = S in the phase and S + N in the run under shadow paging, none under EPT`, () => {
      const g = guest('guests/process-switch.asm', { S: String(S), N: String(N), T: String(T) });
      const consoles = new Set<string>();
      for (const mode of VIRT) {
        const s = createSession(mode, { image: g.image });
        const seen: ExitEvent[] = [];
        const r = observe(s, { budget: 50_000_000, onExit: (e) => seen.push(e) });
        expect(r.stop.reason).toBe('exit-port');
        consoles.add(s.console);
        const phase = r.phase!, whole = r.whole;
        // every exit reaches the views, in order, and the counts agree with the hypervisor's
        expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i));
        const total = Object.values(whole.exits).reduce((a, x) => a + x.count, 0);
        expect(seen).toHaveLength(total);
        expect(whole.kvm['exits']).toBe(total);
        // bytes printed + 2 phase marks + 1 exit write, all outside the phase
        expect(whole.exits['IO_INSTRUCTION']?.count).toBe(s.console.length + 3);
        expect(phase.exits['IO_INSTRUCTION']).toBeUndefined();
        expect(phase.kvm['io_exits']).toBe(0);
        if (mode === 'ept') {
          expect(whole.exits['CR_ACCESS']).toBeUndefined();
          expect(phase.exits).toEqual({}); // every page the phase touches was backed before it
          expect(phase.tlb.misses).toBe(S * (T + 1));
          expect(whole.exits['EPT_VIOLATION']!.count).toBeGreaterThan(0);
        } else {
          expect(phase.exits['CR_ACCESS']!.count).toBe(S);
          expect(whole.exits['CR_ACCESS']!.count).toBe(S + N);
          expect(phase.exits['EXCEPTION_NMI']!.count).toBe(Math.min(S, N) * (T + 1));
          expect(Object.keys(phase.exits).sort()).toEqual(['CR_ACCESS', 'EXCEPTION_NMI']);
          expect(phase.exits['INVLPG']).toBeUndefined();
          expect(s.tables().shadow).toBeGreaterThanOrEqual(N); // a shadow hierarchy per process
          const cr3 = seen.filter((e) => e.reason === 'CR_ACCESS');
          expect(cr3[0]!.insn).toMatch(/^mov cr3,/);
          expect(cr3.slice(-N).every((e) => /^shadow root switch/.test(e.action))).toBe(true);
        }
        // modeled cycles: the phase's exits are charged with their own costs
        const cyc = seen.reduce((a, e) => a + e.cycles, 0);
        expect(cyc).toBe(Object.values(whole.exits).reduce((a, x) => a + x.cycles, 0));
        s.close();
      }
      expect(consoles.size).toBe(1);
    });
  }

  it('exits past the hypervisor\'s kept records still reach the views, with exact instruction counts when asked', () => {
    const g = guest('guests/identity.asm', { PAGES: '5000', PASSES: '1' });
    const s = createSession('ept', { image: g.image, exactExits: true });
    const seen: ExitEvent[] = [];
    observe(s, { budget: 50_000_000, onExit: (e) => seen.push(e) });
    expect(seen.length).toBeGreaterThan(5000);
    const touches = seen.filter((e) => e.reason === 'EPT_VIOLATION' && e.icount > 0 && /mov QWORD PTR \[rsi\]/.test(e.insn));
    expect(touches.length).toBeGreaterThanOrEqual(5000);
    // the touch loop is 6 instructions per page: exits 6 instructions apart, also after the 4,096th
    const gaps = new Set(touches.slice(1).map((e, i) => e.icount - touches[i]!.icount));
    expect([...gaps]).toEqual([6]);
    s.close();
  });
});
