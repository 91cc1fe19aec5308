// The story guests (guests/*.asm) cause exactly the VM exits their headers
// derive from their parameters, in every mode, inside their marked phase
// (PHASE_BEGIN/PHASE_END), and print the same bytes in every mode (equal to
// QEMU's: test/cpu/guests.test.ts and test/vmm check the recordings).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';

type Exits = Record<string, { count: number }>;
interface Compare {
  sameConsole: boolean;
  modes: { mode: string; stop: string; snapshot: { exits: Exits } }[];
}

function compare(guest: string, ...defines: string[]): Record<string, Record<string, number>> {
  const r = spawnSync(process.execPath, ['bin/pagevisor.js', 'compare', `guests/${guest}.asm`, '--phase', '--json', ...defines.flatMap((d) => ['-D', d])], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const j = JSON.parse(r.stdout) as Compare;
  expect(j.sameConsole).toBe(true);
  const out: Record<string, Record<string, number>> = {};
  for (const m of j.modes) {
    expect(m.stop).toBe('exit-port, exit code 0');
    out[m.mode] = Object.fromEntries(Object.entries(m.snapshot.exits).map(([k, v]) => [k, v.count]));
  }
  expect(out.native).toEqual({});
  return out;
}

describe('exits inside each story guest\'s phase follow its parameters', () => {
  it('identity: one EPT violation or one hidden fault per fresh page', () => {
    for (const pages of [16, 64]) {
      const x = compare('identity', `PAGES=${pages}`);
      expect(x.ept).toEqual({ EPT_VIOLATION: pages });
      expect(x['shadow-wp']).toEqual({ EXCEPTION_NMI: pages });
      expect(x['shadow-lazy']).toEqual({ EXCEPTION_NMI: pages });
    }
  });
  it('process-switch: S CR3 switches exit under shadow paging only; roots stay cached', () => {
    for (const s of [10, 30]) {
      const x = compare('process-switch', `S=${s}`);
      expect(x.ept).toEqual({});
      // N = 4 processes, T = 4 touches: the first visit of each root fills T+1 entries.
      for (const m of ['shadow-wp', 'shadow-lazy']) expect(x[m]).toEqual({ CR_ACCESS: s, EXCEPTION_NMI: Math.min(s, 4) * 5 });
    }
  });
  it('cr3-reload: R reloads of the same CR3 are R exits under shadow paging, none under EPT', () => {
    const x = compare('cr3-reload', 'R=30');
    expect(x.ept).toEqual({});
    expect(x['shadow-wp']).toEqual({ CR_ACCESS: 30 });
    expect(x['shadow-lazy']).toEqual({ CR_ACCESS: 30 });
  });
  it('remap-invlpg and alloc-free: every INVLPG exits under shadow paging, none under EPT', () => {
    for (const [guest, p] of [['remap-invlpg', 'K'], ['alloc-free', 'M']] as const) {
      const a = compare(guest, `${p}=20`);
      const b = compare(guest, `${p}=40`);
      for (const x of [a, b]) expect(x.ept).toEqual({});
      for (const m of ['shadow-wp', 'shadow-lazy']) {
        expect(a[m]!.INVLPG).toBe(20);
        expect(b[m]!.INVLPG).toBe(40);
        // the hidden faults grow with the number of remaps, and wp (write-protected guest tables) takes more
        expect(b[m]!.EXCEPTION_NMI! - a[m]!.EXCEPTION_NMI!).toBeGreaterThanOrEqual(20);
      }
      expect(a['shadow-wp']!.EXCEPTION_NMI).toBeGreaterThan(a['shadow-lazy']!.EXCEPTION_NMI!);
    }
  });
  it('demand-paging: P EPT violations; under shadow paging each guest #PF is a hidden fault too', () => {
    const x = compare('demand-paging', 'P=40');
    expect(x.ept).toEqual({ EPT_VIOLATION: 40 });
    expect(x['shadow-lazy']).toEqual({ EXCEPTION_NMI: 80 }); // P injected into the guest + P hidden
    expect(x['shadow-wp']).toEqual({ EXCEPTION_NMI: 120 }); // 3P - B, B = ceil((P+1)/512) - 1 = 0
  });
  it('tlb-thrash: no exits at all in the measured loop, whatever the mode', () => {
    const x = compare('tlb-thrash', 'A=2000');
    for (const m of ['ept', 'shadow-wp', 'shadow-lazy']) expect(x[m]).toEqual({});
  });
  it('mmio: every access to the hole exits (EPT: one violation, then MISCONFIG)', () => {
    const x = compare('mmio', 'ROUNDS=3'); // X = 8 * ROUNDS accesses
    expect(x.ept).toEqual({ EPT_VIOLATION: 1, EPT_MISCONFIG: 23 });
    expect(x['shadow-wp']).toEqual({ EXCEPTION_NMI: 24 });
    expect(x['shadow-lazy']).toEqual({ EXCEPTION_NMI: 24 });
  });
});
