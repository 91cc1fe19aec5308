// The guest programs (guests/*.asm, test/guests/*.asm): every one has a
// recorded QEMU reference (test/guests/expected/NAME.out and NAME.code, made
// by scripts/record-qemu.sh), assembles with nasm without a single warning
// (-w+all), and uses only the instructions pagevisor's assembler implements.
// Running them on pagevisor's CPU and comparing with the references is the
// integration test's job, not this file's.
// Without nasm the nasm checks are skipped visibly; with
// PAGEVISOR_REQUIRE_TOOLS=1 a missing nasm fails instead (test/tools.ts).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { skipWithout } from '../tools.js';

const root = join(import.meta.dirname, '..', '..');
const expectedDir = join(import.meta.dirname, 'expected');

function asmIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.asm'))
    .sort()
    .map((f) => join(dir, f));
}
const guests = [...asmIn(join(root, 'guests')), ...asmIn(import.meta.dirname)];
const nameOf = (file: string) => basename(file, '.asm');

// The instruction subset of pagevisor's assembler (the guests' contract).
const CC = ['o', 'no', 'b', 'c', 'nae', 'ae', 'nb', 'nc', 'e', 'z', 'ne', 'nz', 'be', 'na', 'a', 'nbe',
  's', 'ns', 'p', 'pe', 'np', 'po', 'l', 'nge', 'ge', 'nl', 'le', 'ng', 'g', 'nle'];
const STRING = ['movs', 'stos', 'lods', 'cmps', 'scas'].flatMap((s) => ['b', 'w', 'd', 'q'].map((z) => s + z));
const ALLOWED = new Set([
  'mov', 'movzx', 'movsx', 'movsxd', 'lea', 'xchg', 'push', 'pop', 'pushfq', 'popfq', 'bswap',
  'add', 'adc', 'sub', 'sbb', 'and', 'or', 'xor', 'cmp', 'test', 'inc', 'dec', 'neg', 'not',
  'imul', 'mul', 'div', 'idiv', 'shl', 'sal', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr',
  'bt', 'bts', 'btr', 'btc', 'bsf', 'bsr', 'cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo',
  'jmp', 'call', 'ret', 'loop', 'loope', 'loopne', 'jrcxz', 'hlt', 'in', 'out', 'cpuid', 'rdtsc',
  'rdmsr', 'wrmsr', 'invlpg', 'invpcid', 'lidt', 'lgdt', 'sidt', 'sgdt', 'iretq', 'cli', 'sti',
  'clc', 'stc', 'cmc', 'cld', 'std', 'int3', 'int', 'nop', 'pause', 'ud2', 'mfence', 'lfence', 'sfence',
  ...CC.flatMap((c) => ['j' + c, 'set' + c, 'cmov' + c]),
  ...STRING,
]);
const PREFIXES = new Set(['rep', 'repe', 'repne']);
const DATA = new Set(['db', 'dw', 'dd', 'dq', 'resb', 'resw', 'resd', 'resq', 'incbin', 'times']);

/** Mnemonics outside the subset in nasm's preprocessed output (-E). */
function foreignInstructions(preprocessed: string): string[] {
  const bad = new Set<string>();
  for (const raw of preprocessed.split('\n')) {
    let line = raw.trim();
    if (line === '' || line.startsWith('%line') || line.startsWith('[')) continue;
    line = line.replace(/^[A-Za-z_.$?@][\w.$?@#~]*:\s*/, ''); // label
    if (line === '') continue;
    const words = line.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, ' ').match(/[A-Za-z_.$?@][\w.$?@#~]*/g) ?? [];
    const first = words[0]?.toLowerCase();
    if (first === undefined) continue;
    if (words[1]?.toLowerCase() === 'equ') continue;
    if (first === 'times') {
      // times COUNT insn|data: some word after the count must be known
      if (!words.slice(1).some((w) => ALLOWED.has(w.toLowerCase()) || DATA.has(w.toLowerCase()))) bad.add(line);
      continue;
    }
    if (DATA.has(first)) continue;
    if (PREFIXES.has(first)) {
      const next = words[1]?.toLowerCase() ?? '';
      if (!STRING.includes(next)) bad.add(`${first} ${next}`);
      continue;
    }
    if (!ALLOWED.has(first)) bad.add(first);
  }
  return [...bad].sort();
}

describe('guest programs: recorded QEMU references', () => {
  it('finds the guests', () => {
    expect(guests.map(nameOf)).toEqual(expect.arrayContaining(['hello', 'isa-flags', 'paging-fault']));
    expect(new Set(guests.map(nameOf)).size).toBe(guests.length);
  });
  for (const file of guests) {
    const name = nameOf(file);
    it(`${name} has expected/${name}.out and .code`, () => {
      const out = join(expectedDir, `${name}.out`);
      const code = join(expectedDir, `${name}.code`);
      expect(existsSync(out), `${relative(root, out)} missing: run scripts/record-qemu.sh`).toBe(true);
      expect(existsSync(code), `${relative(root, code)} missing: run scripts/record-qemu.sh`).toBe(true);
      expect(readFileSync(code, 'utf8')).toMatch(/^\d+\n$/);
      expect(readFileSync(out, 'utf8').length).toBeGreaterThan(0);
    });
  }
});

const skip = skipWithout('nasm');

describe.skipIf(skip)('guest programs: nasm', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pv-guest-build-'));
  for (const file of guests) {
    const name = nameOf(file);
    const inc = dirname(file) + '/';
    it(`${name} assembles without warnings`, () => {
      const r = spawnSync('nasm', ['-f', 'bin', '-w+all', '-i', inc, file, '-o', join(tmp, `${name}.bin`)], {
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    });
    it(`${name} uses only the supported instruction subset`, () => {
      const r = spawnSync('nasm', ['-E', '-i', inc, file], { encoding: 'utf8', maxBuffer: 64 << 20 });
      expect(r.status, r.stderr).toBe(0);
      expect(foreignInstructions(r.stdout)).toEqual([]);
    });
  }
  it('the subset check notices a foreign instruction', () => {
    expect(foreignInstructions('start: mov eax, 1\n syscall\n rep movsb\n rep nop\nx equ 3\n db "ud1", 0\n'))
      .toEqual(['rep nop', 'syscall']);
  });
});
