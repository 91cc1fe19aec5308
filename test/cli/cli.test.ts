// The `pagevisor` command as a user runs it: exit statuses, output shapes,
// and clean one-line errors for mistakes.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GIB_GUEST } from '../vmm/helpers.js';

const pv = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/pagevisor.js', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const tmp = mkdtempSync(join(tmpdir(), 'pv-cli-'));

describe('pagevisor asm', () => {
  it('writes the binary and a nasm-shaped listing', () => {
    const out = join(tmp, 'hello.bin');
    const r = pv('asm', 'guests/hello.asm', '-o', out, '-l', '-');
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(r.stdout).toMatch(/^ {4}14 0000000A AC {22}\.next:/m);
  });
  it('reports every error with file:line:col and a caret, writes nothing', () => {
    const src = join(tmp, 'bad.asm');
    writeFileSync(src, 'bits 64\n  mvo eax, 1\n  mov eax, [rbx+\n  jmp nowhere\n');
    const r = pv('asm', src, '-o', join(tmp, 'bad.bin'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${src}:2:3: error: unknown instruction or directive 'mvo'\n      mvo eax, 1\n      ^~~`);
    expect(r.stderr).toContain(`${src}:4:7: error: symbol 'nowhere' not defined`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(existsSync(join(tmp, 'bad.bin'))).toBe(false);
  });
  it('passes -D to the preprocessor', () => {
    const src = join(tmp, 'd.asm');
    writeFileSync(src, 'bits 64\ndb N\n');
    const r = pv('asm', src, '-D', 'N=7', '-o', join(tmp, 'd.bin'));
    expect(r.status).toBe(0);
    expect([...readFileSync(join(tmp, 'd.bin'))]).toEqual([7]);
  });
});

describe('pagevisor run', () => {
  it('streams the console and exits with the guest exit code', () => {
    const r = pv('run', 'guests/hello.asm');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Hello from pagevisor\n');
    expect(r.stderr).toMatch(/stopped: exit-port, exit code 0/);
    expect(r.stderr).toMatch(/guest MIPS/);
  });
  it('prints one JSON object with --json', () => {
    const r = pv('run', 'guests/hello.asm', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.mode).toBe('native');
    expect(j.stop).toMatchObject({ reason: 'exit-port', code: 0 });
    expect(j.console).toBe('Hello from pagevisor\n');
    expect(j.instructions).toBeGreaterThan(50);
    for (const k of ['lookups', 'hits', 'misses', 'flushes']) expect(typeof j.tlb[k]).toBe('number');
    for (const k of ['walks', 'memRefs']) expect(typeof j.walk[k]).toBe('number');
    expect(j.host.seconds).toBeGreaterThan(0);
  });
  it('runs the same guest in EPT and shadow mode and counts the exits it causes', () => {
    const run = (...args: string[]) => JSON.parse(pv('run', 'guests/process-switch.asm', '--json', '-DS=40', ...args).stdout);
    const native = run();
    const ept = run('--mode', 'ept');
    const shadow = run('--mode', 'shadow');
    const lazy = run('--mode', 'shadow', '--shadow-sync', 'lazy');
    for (const r of [ept, shadow, lazy]) {
      expect(r.console).toBe(native.console);
      expect(r.stop).toMatchObject({ reason: 'exit-port', code: 0 });
      expect(r.exits.total).toBeGreaterThan(0);
      expect(typeof r.cycles.total).toBe('number');
      for (const k of ['guestPagesBacked', 'shadowTablePages', 'eptTablePages']) expect(typeof r.memory[k]).toBe('number');
    }
    expect(native.exits.total).toBe(0);
    expect(ept.mode).toBe('ept');
    expect(shadow.mode).toBe('shadow-wp');
    expect(lazy.mode).toBe('shadow-lazy');
    // CR3 writes do not exit under EPT; under shadow paging each one does: S switches + N (the guest's header).
    expect(ept.exits.byReason.CR_ACCESS ?? 0).toBe(0);
    expect(shadow.exits.byReason.CR_ACCESS).toBe(40 + 4);
    expect(lazy.exits.byReason.CR_ACCESS).toBe(40 + 4);
    expect(ept.memory.eptTablePages).toBeGreaterThan(0);
    expect(shadow.memory.shadowTablePages).toBeGreaterThan(0);
  });
  it('explains a triple fault with the RIP, instruction and source line', () => {
    const r = pv('run', 'test/guests/triple-fault.asm');
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/stopped: triple-fault/);
    expect(r.stderr).toMatch(/rip 0x10003a {2}ud2 {2}\[0f 0b\] {2}test\/guests\/triple-fault\.asm:17 {2}ud2/);
  });
  it('stops at the instruction budget', () => {
    const r = pv('run', 'test/guests/isa-flags.asm', '--max-insns', '1000', '--json');
    expect(JSON.parse(r.stdout).stop.reason).toBe('insn-limit');
    expect(r.status).toBe(124);
  });
  it('rejects bad options with one line and status 2', () => {
    for (const args of [['--mode', 'bogus'], ['--mem', '12Q'], ['--tlb', 'l1d4k=3x'], ['--max-insns', '-5'], ['--cost', 'exit=x'], ['--shadow-sync', 'eager'], ['--host-mem', '3M'], ['--ept-large', '3m']]) {
      const r = pv('run', 'guests/hello.asm', ...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/invalid|error|must/i);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });
  it('--ept-large takes an optional size: 2m (without a value) or 1g', () => {
    const pages = (...args: string[]) => {
      const r = pv('run', 'guests/identity.asm', '--json', ...args);
      expect(r.status).toBe(0);
      const j = JSON.parse(r.stdout);
      return [j.counters.pages_4k, j.counters.pages_2m, j.counters.pages_1g];
    };
    const two = pages('--mode', 'ept', '--ept-large');
    expect(two[1]).toBeGreaterThan(0);
    expect(pages('--mode', 'ept', '--ept-large', '2m')).toEqual(two);
    expect(pages('--mode', 'ept', '--ept-large=2M')).toEqual(two);
    expect(pages('--mode', 'ept', '--ept-large', '1g')).toEqual(two); // 64 MiB of RAM: no GiB to back
    expect(pages('--mode', 'ept', '--ept-large', '--ept-prefault')[2]).toBe(0);
    // before the file, the flag still stands alone (the file is not taken for its size)
    expect(pv('run', '--mode', 'ept', '--ept-large', 'guests/hello.asm').status).toBe(0);
    const bad = pv('run', 'guests/hello.asm', '--ept-large', '3m');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("pagevisor: invalid --ept-large '3m' (expected 2m or 1g)\n");
  });
  it('--ept-large 1g backs [1 GiB, 2 GiB) of a 2 GiB guest with one 1 GiB EPT leaf, same output as native', () => {
    const file = join(tmp, 'gib.asm');
    writeFileSync(file, GIB_GUEST);
    const native = JSON.parse(pv('run', file, '--mem', '2G', '--json').stdout);
    const r = pv('run', file, '--mode', 'ept', '--mem', '2G', '--host-mem', '2G', '--ept-large', '1g', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.console).toBe(native.console);
    expect(j.counters).toMatchObject({ pages_4k: 4, pages_2m: 0, pages_1g: 1 });
    expect(j.exits.byReason.EPT_VIOLATION).toBe(5);
    expect(j.exitLog.map((e: { action: string }) => e.action)).toContain(
      'EPT map gpa 0x40000000 -> hva 0x7f0040000000 -> hpa 0x40000000 (1 GiB), new frame');
    expect(j.memory.guestPagesBacked).toBe(262144 + 4);
  });
});
