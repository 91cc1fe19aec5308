// The observation views as a user runs them: output shapes, source mapping, and bad input
// (one line naming the problem and the choices, status 2, nothing written).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
