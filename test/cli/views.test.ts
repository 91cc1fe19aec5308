// The observation views as a user runs them: output shapes, source mapping, and bad input
// (one line naming the problem and the choices, status 2, nothing written).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WALK4K } from '../vmm/helpers.js';

const pv = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/pagevisor.js', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'pv-views-'));
const oneLineError = (r: { status: number | null; stderr: string }, re: RegExp) => {
  expect(r.status).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(re);
};

describe('pagevisor walk', () => {
  it('native: the 1-D walk at a label, 4 numbered references for a 4 KiB page, with the source line', () => {
    const r = pv('walk', 'guests/identity.asm', '--gva', '0x800000', '--at', 'touch');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("stopped at label 'touch'");
    expect(r.stdout).toContain('guests/identity.asm:82  touch:');
    expect(r.stdout).toMatch(/^ {2}1 {2}PA {5}PML4 .*P RW/m);
    expect(r.stdout).toMatch(/^ {2}4 {2}PA {5}PT {3}/m);
    expect(r.stdout).toContain('-> PA 0x800000 (4 KiB page): 4 memory references');
  });
  it('--json', () => {
    const r = pv('walk', 'guests/identity.asm', '--gva', '0x800123', '--at', 'touch', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.references).toBe(4);
    expect(j.hpa).toBe('0x800123');
    expect(j.walk.map((l: { space: string }) => l.space)).toEqual(['PA', 'PA', 'PA', 'PA']);
  });
  it('bad input: a non-canonical address, an unknown label (with suggestions), an unknown mode', () => {
    oneLineError(pv('walk', 'guests/identity.asm', '--gva', '0x800000000000'), /^pagevisor: --gva 0x800000000000 is not canonical for 4-level paging/);
    oneLineError(pv('walk', 'guests/identity.asm', '--gva', '0x1000', '--at', 'tuoch'), /^pagevisor: no label 'tuoch' in guests\/identity.asm \(did you mean 'touch'/);
    oneLineError(pv('walk', 'guests/identity.asm', '--gva', '0x1000', '--mode', 'vmx'), /unknown mode 'vmx' \(valid: native, ept, shadow-wp, shadow-lazy/);
  });
  it('a guest that stops before --after N says so and why', () => {
    const r = pv('walk', 'guests/hello.asm', '--gva', '0x1000', '--after', '100000');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/stopped before reaching instruction 100000: exit-port, exit code 0/);
    expect(r.stderr).toMatch(/rip 0x[0-9a-f]+ {2}hlt {2}guests\/hello.asm:\d+/);
  });
});

describe('pagevisor inspect', () => {
  it('mem and tlb in the shapes of QEMU info mem / info tlb', () => {
    const m = pv('inspect', 'guests/identity.asm', 'mem');
    expect(m.status).toBe(0);
    expect(m.stdout).toBe('0000000000000000-0000000040000000 0000000040000000 -rw\n');
    const t = pv('inspect', 'guests/identity.asm', '--at', 'touch', 'tlb');
    expect(t.stdout).toMatch(/^0000000000800000: 0000000000800000 [-X][-G][-P][-D][-A][-C][-T][-U][-W]$/m);
    expect(t.stderr).toContain('guests/identity.asm:82');
  });
  it('regs in the shape of info registers, RIP with its instruction and source', () => {
    const r = pv('inspect', 'guests/hello.asm', '--after', '3', 'regs');
    expect(r.stdout).toMatch(/^RAX=[0-9a-f]{16} RBX=[0-9a-f]{16} RCX=[0-9a-f]{16} RDX=[0-9a-f]{16}$/m);
    expect(r.stdout).toMatch(/^RIP=[0-9a-f]{16} RFL=[0-9a-f]{8} \[[-D][-O][-S][-Z][-A][-P][-C]\] CPL=0/m);
    expect(r.stdout).toMatch(/^CR0=80010011 CR2=0{16} CR3=0{12}1000 CR4=00000020$/m);
    expect(r.stdout).toMatch(/^insn 3 {2}rip 0x100\w+ {2}\S.* {2}guests\/hello.asm:\d+/m);
  });
  it('bad input: unknown view, a table of another mode', () => {
    oneLineError(pv('inspect', 'guests/hello.asm', 'tlbs'), /unknown view 'tlbs' \(valid: tlb, mem, regs, shadow, ept\)/);
    oneLineError(pv('inspect', 'guests/hello.asm', 'ept'), /inspect ept needs --mode ept/);
  });
});

describe('pagevisor stat / compare', () => {
  it('stat in native mode says there are no exits and counts the phase alone', () => {
    const r = pv('stat', 'guests/process-switch.asm', '-D', 'S=50', '-D', 'T=2', '--phase');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('no VM exit');
    expect(r.stdout).toMatch(/tlb misses +150\n/); // S * (T + 1)
    expect(r.stdout).toMatch(/tlb flushes +50 /);
  });
  it('compare: one column per mode, slowdown against native, --json', () => {
    const r = pv('compare', 'guests/process-switch.asm', '-D', 'S=50', '--modes', 'native', '--phase', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.modes[0].mode).toBe('native');
    expect(j.modes[0].snapshot.tlb.misses).toBe(50 * 5);
    expect(j.sameConsole).toBe(true);
    const t = pv('compare', 'guests/hello.asm', '--modes', 'native');
    expect(t.stdout).toMatch(/^slowdown vs native +1\.00x$/m);
    oneLineError(pv('compare', 'guests/hello.asm', '--modes', 'native,vmware'), /unknown mode 'vmware'/);
  });
  it('--phase on a guest without marks is an error', () => {
    oneLineError(pv('stat', 'guests/hello.asm', '--phase'), /marks no phase/);
  });
});

describe('pagevisor trace', () => {
  it('chrome format is valid JSON with the VM process, the vCPU thread and phase instants', () => {
    const out = join(tmp, 't.json');
    const r = pv('trace', 'guests/process-switch.asm', '-D', 'S=20', '--format', 'chrome', '-o', out);
    expect(r.status).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    const names = j.traceEvents.map((e: { name: string }) => e.name);
    expect(names).toContain('process_name');
    expect(names).toContain('thread_name');
    expect(names).toContain('phase begin');
    expect(names).toContain('phase end');
    expect(names).toContain('TLB misses');
  });
  it('text with counter samples', () => {
    const r = pv('trace', 'guests/process-switch.asm', '-D', 'S=20', '--events', 'walks,flushes');
    expect(r.stdout).toMatch(/^ {8}insn \d+ {2}phase_begin$/m);
    expect(r.stdout).toMatch(/^ {8}insn \d+ {2}counters: tlb_misses \d+ walks \d+ walk_refs \d+ tlb_flushes \d+ page_flushes \d+$/m);
  });
  it('bad input: an unwritable -o leaves nothing behind; unknown format / events', () => {
    const dir = join(tmp, 'ro-missing');
    oneLineError(pv('trace', 'guests/hello.asm', '-o', join(dir, 'x.txt')), /cannot write -o .*ENOENT/);
    expect(existsSync(dir)).toBe(false);
    oneLineError(pv('trace', 'guests/hello.asm', '--format', 'xml'), /unknown --format 'xml' \(valid: text, json, chrome\)/);
    oneLineError(pv('trace', 'guests/hello.asm', '--events', 'exits,tlb'), /unknown event class 'tlb' in --events \(valid: exits, faults, walks, flushes\)/);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the views in the hypervisor modes', () => {
  const walk4k = join(tmp, 'walk4k.asm');
  writeFileSync(walk4k, WALK4K);

  it('walk --mode ept: the 2-D walk, 24 numbered references for 4-on-4 levels, 35 for 5-on-5', () => {
    for (const [levels, refs] of [['4', 24], ['5', 35]] as const) {
      const r = pv('walk', walk4k, '--gva', '0x40000000', '--at', 'done', '--mode', 'ept', '--guest-levels', levels);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('the 2-D walk');
      expect(r.stdout).toContain(`-> GPA 0x600000 -> HPA 0x`);
      expect(r.stdout).toMatch(new RegExp(`\\(4 KiB page\\): ${refs} memory references\\n$`));
      const rows = r.stdout.split('\n').filter((l) => /^ +\d+ {2}(GPA|HPA) /.test(l));
      expect(rows.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual(Array.from({ length: refs }, (_, i) => i + 1));
      expect(rows.filter((l) => / GPA +guest /.test(l))).toHaveLength(Number(levels));
      expect(rows.filter((l) => / HPA +EPT /.test(l))).toHaveLength(refs - Number(levels));
      const j = JSON.parse(pv('walk', walk4k, '--gva', '0x40000000', '--at', 'done', '--mode', 'npt', '--guest-levels', levels, '--json').stdout);
      expect(j).toMatchObject({ mode: 'ept', references: refs, gpa: '0x600000', pageSize: '4 KiB' });
    }
  });

  it('walk --mode shadow: the shadow walk, then the guest walk the hypervisor performs on a miss', () => {
    const r = pv('walk', walk4k, '--gva', '0x40000000', '--at', 'done', '--mode', 'shadow');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}4 {2}HPA {4}shadow PT /m);
    expect(r.stdout).toContain('on a shadow miss the hypervisor walks the guest\'s tables (GPA, 4 references)');
    expect(r.stdout).toMatch(/^ {2}4 {2}GPA +guest PT +0 +0x501000 /m);
    expect(r.stdout).toMatch(/-> GPA 0x600000 -> HPA 0x[0-9a-f]+ \(4 KiB page\): 4 memory references\n$/);
  });

  it('inspect shadow / ept dump the hypervisor\'s tables', () => {
    const sh = pv('inspect', walk4k, '--at', 'done', '--mode', 'shadow-lazy', 'shadow');
    expect(sh.status).toBe(0);
    expect(sh.stdout).toMatch(/^shadow page tables \(GVA -> HPA\), lazy sync: \d+ shadow pages?, 1 cached root$/m);
    expect(sh.stdout).toMatch(/^guest CR3 0x1000 \(current\): shadow root HPA 0x[0-9a-f]+/m);
    expect(sh.stdout).toMatch(/^ {8}PT\[0\] 0x40000000: [0-9a-f]{16} -> 0x[0-9a-f]+ P /m);
    const ept = pv('inspect', walk4k, '--at', 'done', '--mode', 'ept', 'ept');
    expect(ept.stdout).toMatch(/^EPT \(GPA -> HPA\): EPTP 0x[0-9a-f]+, \d+ table pages, leaves: \d+ x 4K/m);
    expect(ept.stdout).toMatch(/^ {8}PT\[0\] 0x600000: [0-9a-f]{16} -> 0x[0-9a-f]+ RWX MT=6 .*\(4K\)$/m);
  });

  it('stat: the perf kvm stat table with real exits; --phase counts S CR_ACCESS exits in shadow mode, none in EPT', () => {
    for (const S of [25, 60]) {
      const sh = JSON.parse(pv('stat', 'guests/process-switch.asm', '-D', `S=${S}`, '-D', 'T=2', '--mode', 'shadow-wp', '--phase', '--json').stdout);
      expect(sh.exits.map((e: { reason: string; samples: number }) => [e.reason, e.samples])).toEqual([['CR_ACCESS', S], ['EXCEPTION_NMI', 4 * 3]]);
      expect(sh.kvm.exits).toBe(S + 12);
      const ept = JSON.parse(pv('stat', 'guests/process-switch.asm', '-D', `S=${S}`, '-D', 'T=2', '--mode', 'ept', '--phase', '--json').stdout);
      expect(ept.total).toBe(0);
      expect(ept.tlb.misses).toBe(S * 3);
    }
    const t = pv('stat', 'guests/process-switch.asm', '-D', 'S=40', '--mode', 'shadow-lazy');
    expect(t.status).toBe(0);
    const lines = t.stdout.split('\n');
    expect(lines[2]).toMatch(/^\s+VM-EXIT\s+Samples\s+Samples%\s+Cycles%\s+Min\s+Max\s+Avg$/);
    expect(t.stdout).toMatch(/^\s+CR_ACCESS\s+44\s+[\d.]+%/m); // S + N
    expect(t.stdout).toMatch(/^Total Samples:\d+, Total modeled cycles:[\d,]+/m);
    expect(t.stdout).toMatch(/^ {2}tlb_flush +\d+$/m);
  });

  it('trace: every exit as a kvm_exit line with its source line, instruction and the hypervisor\'s action', () => {
    const r = pv('trace', 'guests/process-switch.asm', '-D', 'S=30', '--mode', 'shadow');
    expect(r.status).toBe(0);
    const exits = r.stdout.split('\n').filter((l) => l.includes('kvm_exit'));
    for (const l of exits) {
      expect(l).toMatch(/^ +\d+ {2}insn \d+ {2}kvm_exit: reason [A-Z_]+ rip 0x[0-9a-f]+ info1 0x[0-9a-f]{16} info2 0x[0-9a-f]{16} {2}guests\/process-switch\.asm:\d+ {2}.* \| \S.* -> \S/);
    }
    expect(exits.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual(exits.map((_, i) => i));
    const cr3 = exits.filter((l) => l.includes('reason CR_ACCESS'));
    expect(cr3).toHaveLength(30 + 4);
    expect(cr3[0]).toMatch(/guests\/process-switch\.asm:\d+ {2}mov cr3, \w+ {2}\| mov cr3,\w+ {2}-> shadow root switch, (new root built|cached)/);
    expect(cr3[0]).toMatch(/info1 0x0000000000000[0-9a-f]03 /); // MOV to CR3 (SDM: CR number bits 3:0, access type 5:4 = 0, register 11:8)
    const phase = pv('trace', 'guests/process-switch.asm', '-D', 'S=30', '--mode', 'shadow', '--phase').stdout;
    expect(phase.split('\n').filter((l) => l.includes('reason CR_ACCESS'))).toHaveLength(30);
    expect(phase).not.toContain('reason IO_INSTRUCTION');
    const ept = pv('trace', 'guests/process-switch.asm', '-D', 'S=30', '--mode', 'ept').stdout;
    expect(ept).not.toContain('reason CR_ACCESS');
    expect(ept).toMatch(/reason EPT_VIOLATION rip 0x[0-9a-f]+ info1 0x0000000000000081 info2 0x0000000000001000 .* -> EPT map gpa 0x1000 -> hva 0x7f0000001000 -> hpa 0x[0-9a-f]+ \(4 KiB\)/);
  });

  it('trace --format chrome: an X slice per real exit with its modeled cost', () => {
    const out = join(tmp, 'shadow.json');
    const r = pv('trace', 'guests/process-switch.asm', '-D', 'S=20', '--mode', 'shadow-wp', '--format', 'chrome', '-o', out);
    expect(r.status).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8')) as { traceEvents: { name: string; ph: string; dur?: number; args?: Record<string, unknown> }[] };
    const x = j.traceEvents.filter((e) => e.ph === 'X');
    expect(x.filter((e) => e.name === 'CR_ACCESS')).toHaveLength(24);
    expect(x.every((e) => e.dur! > 0 && typeof e.args!.action === 'string')).toBe(true);
    expect(j.traceEvents.find((e) => e.name === 'process_name')!.args!.name).toContain('(shadow-wp)');
  });

  it('compare: the four modes side by side', () => {
    const j = JSON.parse(pv('compare', 'guests/process-switch.asm', '-D', 'S=50', '-D', 'T=2', '--phase', '--json').stdout);
    expect(j.modes.map((m: { mode: string }) => m.mode)).toEqual(['native', 'ept', 'shadow-wp', 'shadow-lazy']);
    expect(j.sameConsole).toBe(true);
    const by = Object.fromEntries(j.modes.map((m: { mode: string }) => [m.mode, m])) as Record<string, {
      snapshot: { exits: Record<string, { count: number }>; walk: { memRefs: number; walks: number } }; tables: { guest: number; shadow: number; ept: number }; cycles: number;
    }>;
    expect(by['ept']!.snapshot.exits).toEqual({});
    expect(by['shadow-wp']!.snapshot.exits['CR_ACCESS']!.count).toBe(50);
    expect(by['shadow-lazy']!.snapshot.exits['CR_ACCESS']!.count).toBe(50);
    expect(by['ept']!.snapshot.walk.memRefs).toBeGreaterThan(5 * by['native']!.snapshot.walk.memRefs);
    expect(by['ept']!.tables.ept).toBeGreaterThan(0);
    expect(by['shadow-wp']!.tables.shadow).toBeGreaterThanOrEqual(4 * 4); // 4 processes, a 4-level hierarchy each
    expect(by['native']!.tables).toEqual({ guest: 4, shadow: 0, ept: 0 }); // the last process's PML4, PDPT, PD, PT
    expect(by['shadow-wp']!.cycles).toBeGreaterThan(by['native']!.cycles);
    const t = pv('compare', 'guests/process-switch.asm', '-D', 'S=50');
    expect(t.stdout).toMatch(/^ {2}CR_ACCESS +0 +0 +54 +54$/m);
    expect(t.stdout).toMatch(/^EPT tables +0 KiB +\d+ KiB +0 KiB +0 KiB$/m);
    expect(t.stdout).toMatch(/^slowdown vs native +1\.00x +[\d.]+x +[\d.]+x +[\d.]+x$/m);
    expect(t.stdout).toContain('console output: identical in every mode');
  });

  it('bad input in the hypervisor modes: one line, status 2, nothing written', () => {
    oneLineError(pv('walk', walk4k, '--gva', '0x0000800000000000', '--mode', 'ept'), /not canonical for 4-level paging/);
    oneLineError(pv('walk', walk4k, '--gva', '0x40000000', '--at', 'dnoe', '--mode', 'shadow'), /no label 'dnoe' .*did you mean 'done'/);
    oneLineError(pv('inspect', walk4k, '--mode', 'ept', 'shadow'), /inspect shadow needs a shadow mode/);
    oneLineError(pv('inspect', walk4k, '--mode', 'shadow-lazy', 'ept'), /inspect ept needs --mode ept/);
    oneLineError(pv('stat', walk4k, '--mode', 'shadow-eager'), /unknown mode 'shadow-eager' \(valid: native, ept, shadow-wp, shadow-lazy/);
    oneLineError(pv('trace', walk4k, '--mode', 'ept', '-o', join(tmp, 'no-such-dir', 't.txt')), /cannot write -o .*ENOENT/);
    expect(existsSync(join(tmp, 'no-such-dir'))).toBe(false);
    oneLineError(pv('compare', walk4k, '--modes', 'ept,hvm'), /unknown mode 'hvm'/);
  });
});

describe('the hypervisor options in the views', () => {
  it('--ept-prefault removes the EPT violations, --cost changes the modeled cycles, bad values exit 2', () => {
    const exits = (...args: string[]) => {
      const r = pv('compare', 'guests/first.asm', '--modes', 'ept', '--json', ...args);
      expect(r.status).toBe(0);
      const m = JSON.parse(r.stdout).modes[0];
      return { exits: m.snapshot.exits as Record<string, { count: number }>, cycles: m.cycles as number };
    };
    const plain = exits();
    expect(plain.exits.EPT_VIOLATION!.count).toBeGreaterThan(0);
    expect(exits('--ept-prefault').exits.EPT_VIOLATION).toBeUndefined();
    expect(exits('--cost', 'exit=5000').cycles).toBeGreaterThan(plain.cycles);
    expect(exits('--ept-large', '1g').exits.EPT_VIOLATION!.count).toBeLessThanOrEqual(plain.exits.EPT_VIOLATION!.count);
    // a view name after the flag is not its size
    expect(pv('inspect', 'guests/first.asm', '--mode', 'ept', '--ept-large', 'ept').stdout).toMatch(/^EPT \(GPA -> HPA\)/m);
    oneLineError(pv('stat', 'guests/first.asm', '--mode', 'ept', '--ept-large', '3m'), /^pagevisor: invalid --ept-large '3m' \(expected 2m or 1g\)/);
    oneLineError(pv('stat', 'guests/first.asm', '--mode', 'ept', '--cost', 'exit=x'), /invalid --cost/);
    oneLineError(pv('stat', 'guests/first.asm', '--mode', 'ept', '--vpid', 'maybe'), /argument 'maybe' is invalid\. Allowed choices are on, off/);
  });
});
