// The preprocessor against its oracle, `nasm -E` (NASM 2.16.01): fixtures
// in test/asm/pp/ with their recorded output (scripts/gen-pp-expected.sh),
// compared after normalisation; live against nasm when it is installed;
// diagnostics per error class; the API's line mapping; and properties
// (random input never throws, plain lines pass through untouched).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preprocess, resolveInclude, type PreprocessOptions, type SourceLine } from '../../src/asm/preprocess.js';
import { detokenize, Tk, tokenize } from '../../src/asm/pp-token.js';
import { skipWithout } from '../tools.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PP_DIR = 'test/asm/pp';
const INC = 'test/asm/pp/inc/';
const fromRoot = (p: string): string | undefined => {
  try {
    return readFileSync(join(ROOT, p), 'utf8');
  } catch {
    return undefined;
  }
};

// NASM's standard macros turn these directives into their [bracket] form.
const STD_DIRECTIVES = new Set(['bits', 'default', 'org', 'section', 'segment', 'absolute', 'cpu', 'global', 'extern', 'common']);

/**
 * Compare preprocessed text the way nasm -E and we can agree on: no %line
 * markers, no empty lines, tokens joined by one space (nasm rebuilds lines
 * from tokens, we keep the source's spacing), [bits 64] as bits 64, and
 * ..@N. local label numbers renumbered in order of appearance (nasm's
 * standard macros consume numbers too).
 */
function normalise(lines: readonly string[]): string[] {
  const renumber = new Map<string, string>();
  const out: string[] = [];
  for (let l of lines) {
    if (/^\s*%line\b/.test(l)) continue;
    // nasm expands the align macro: [sectalign N] then times (((N) - (($-$$) % (N))) % (N)) FILL
    if (/^\s*\[sectalign\b/.test(l)) continue;
    const al = /^\s*times \(\(\((.+?)\) - \(\(\$-\$\$\) % \(\1\)\)\) % \(\1\)\) (.*)$/.exec(l);
    if (al) l = `align ${al[1]}, ${al[2]}`;
    const ours = /^\s*align\s+([^,]+?)\s*$/i.exec(l);
    if (ours) l = `align ${ours[1]}, nop`;
    const std = /^\s*\[\s*(\w+)\s+(.*?)\s*\]\s*$/.exec(l);
    if (std && STD_DIRECTIVES.has(std[1]!.toLowerCase())) l = `${std[1]} ${std[2]}`;
    const toks = tokenize(l)
      .filter((t) => t.type !== Tk.WS)
      .map((t) =>
        t.text.replace(/\.\.@(\d+)\./g, (_, n: string) => {
          if (!renumber.has(n)) renumber.set(n, String(renumber.size));
          return `..@${renumber.get(n)}.`;
        }),
      );
    if (toks.length) out.push(toks.join(' '));
  }
  return out;
}

const fixtures = readdirSync(join(ROOT, PP_DIR))
  .filter((f) => f.endsWith('.asm'))
  .sort();

function runFixture(name: string) {
  const file = `${PP_DIR}/${name}`;
  return preprocess(fromRoot(file)!, { file, includePaths: [INC], readFile: fromRoot });
}

/** nasm's diagnostics as `file:line: severity: message`, quotes and warning classes normalised. */
function nasmDiagnostics(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l && !l.includes('... from macro'))
    .map((l) =>
      l
        .replace(/ \[-w\+[^\]]*\]$/, '')
        .replace(/`([^']*)'/g, "'$1'")
        .replace(/: fatal: /, ': error: '),
    );
}

describe('fixtures against recorded nasm -E output', () => {
  it('has fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
  });
  for (const name of fixtures) {
    it(`${name}: same text as nasm -E`, () => {
      const expected = readFileSync(join(ROOT, PP_DIR, name.replace(/\.asm$/, '.expected')), 'utf8');
      const r = runFixture(name);
      expect(normalise(r.lines.map((l) => l.text))).toEqual(normalise(expected.split('\n')));
    });
    it(`${name}: same diagnostics as nasm (line, severity, message)`, () => {
      const expected = readFileSync(join(ROOT, PP_DIR, name.replace(/\.asm$/, '.diag')), 'utf8');
      const r = runFixture(name);
      const mine = r.diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`);
      expect(mine).toEqual(nasmDiagnostics(expected));
    });
  }
});

const noNasm = skipWithout('nasm');

describe.skipIf(noNasm)('live against nasm -E', () => {
  for (const name of fixtures) {
    it(`${name}: the recorded output is current and we match it`, () => {
      let out: string;
      try {
        out = execFileSync('nasm', ['-E', `-I${INC}`, `${PP_DIR}/${name}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch (e) {
        out = (e as { stdout?: string }).stdout ?? '';
      }
      const recorded = readFileSync(join(ROOT, PP_DIR, name.replace(/\.asm$/, '.expected')), 'utf8');
      expect(normalise(out.split('\n'))).toEqual(normalise(recorded.split('\n')));
      expect(normalise(runFixture(name).lines.map((l) => l.text))).toEqual(normalise(out.split('\n')));
    });
  }
  // The repository's own guests: real programs with includes and macros.
  const guests = ['guests', 'test/guests'].flatMap((d) => {
    try {
      return readdirSync(join(ROOT, d))
        .filter((f) => f.endsWith('.asm'))
        .map((f) => `${d}/${f}`);
    } catch {
      return [];
    }
  });
  for (const g of guests) {
    it(`${g} preprocesses as with nasm -E`, () => {
      let out: string;
      try {
        out = execFileSync('nasm', ['-E', `-I${dirname(g)}/`, g], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch (e) {
        out = (e as { stdout?: string }).stdout ?? '';
      }
      // (nasm -E cannot evaluate `%if` on equ constants; those lines are compared under -f bin by guests.test.ts)
      const mine = preprocess(fromRoot(g)!, { file: g, includePaths: [`${dirname(g)}/`], readFile: fromRoot });
      expect(mine.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(normalise(mine.lines.map((l) => l.text))).toEqual(normalise(out.split('\n')));
    });
  }
  it('a generated program with random macro use matches nasm -E', () => {
    // Deterministic mix of definitions and uses; a broad smoke test beyond the fixtures.
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const out = ['%define K0 1', '%define ADD(a,b) ((a)+(b))', '%macro pair 2', '  db %1, %2', '%%l: dw %%l - $$', '%endmacro', '%assign ctr 0'];
    for (let i = 0; i < 300; i++) {
      switch (rnd(6)) {
        case 0:
          out.push(`%define K${i} ADD(K${rnd(i) || 0}, ${rnd(100)})`);
          break;
        case 1:
          out.push(`  pair ${rnd(256)}, K${rnd(i) || 0}`);
          break;
        case 2:
          out.push(`%assign ctr ctr + ${rnd(9)}`, `  dd ctr`);
          break;
        case 3:
          out.push(`%if ctr % 2`, `  db 'odd'`, `%else`, `  db 'even'`, `%endif`);
          break;
        case 4:
          out.push(`%rep ${rnd(3)}`, `  dw K${rnd(i) || 0}`, `%endrep`);
          break;
        default:
          out.push(`  mov eax, K${rnd(i) || 0} ; comment`);
      }
    }
    const src = out.join('\n') + '\n';
    const dir = mkdtempSync(join(tmpdir(), 'pv-pp-'));
    const path = join(dir, 'gen.asm');
    writeFileSync(path, src);
    let nasm: string;
    try {
      nasm = execFileSync('nasm', ['-E', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const mine = preprocess(src, { file: 'gen.asm' });
    expect(mine.diagnostics).toEqual([]);
    expect(normalise(mine.lines.map((l) => l.text))).toEqual(normalise(nasm.split('\n')));
  });
});

// ---- Diagnostics ----------------------------------------------------------

function diags(src: string, opts: Partial<PreprocessOptions> = {}) {
  return preprocess(src, { file: 'main.asm', ...opts }).diagnostics;
}

describe('diagnostics', () => {
  it('missing include: at the file name, with the name', () => {
    expect(diags('nop\n  %include "nothere.inc"\nnop\n', { readFile: () => undefined })).toEqual([
      { severity: 'error', file: 'main.asm', line: 2, column: 12, length: 13, message: "unable to open include file 'nothere.inc'", sourceText: '  %include "nothere.inc"' },
    ]);
  });
  it('unknown directive: named, at the directive; not in a false branch', () => {
    expect(diags('nop\n   %foo bar\n%ifdef X\n%bar\n%endif\n')).toEqual([
      { severity: 'error', file: 'main.asm', line: 2, column: 4, length: 4, message: "unknown preprocessor directive '%foo'", sourceText: '   %foo bar' },
    ]);
  });
  it('runaway recursion of a %rmacro stops with one error, and the file goes on', () => {
    const r = preprocess('%rmacro foo 0\nfoo\n%endmacro\n  foo\ndb 1\n', { file: 'main.asm', maxMacroDepth: 64 });
    expect(r.diagnostics).toEqual([
      {
        severity: 'error',
        file: 'main.asm',
        line: 4,
        column: 3,
        length: 3,
        message: "interminable multiline macro recursion: 'foo' nested 64 levels deep",
        sourceText: '  foo',
      },
    ]);
    expect(r.lines.map((l) => l.text)).toEqual(['db 1']);
  });
  it('runaway recursion with the default limit (NASM: 10000 levels) terminates', () => {
    const r = preprocess('%rmacro a 0\nb\n%endmacro\n%rmacro b 0\na\n%endmacro\na\ndb 3\n', { file: 'main.asm' });
    expect(r.diagnostics.map((d) => [d.line, d.message])).toEqual([[7, "interminable multiline macro recursion: 'a' nested 10000 levels deep"]]);
    expect(r.lines.map((l) => l.text)).toEqual(['db 3']);
  });
  it('a single-line macro blow-up is cut off', () => {
    const defs = Array.from({ length: 40 }, (_, i) => `%define A${i} A${i + 1} A${i + 1}`).join('\n');
    const d = diags(`${defs}\nA0\n`);
    expect(d.map((x) => [x.line, x.message])).toEqual([[41, 'interminable macro recursion']]);
  });
  it('a macro does not recurse into itself (no error: NASM leaves the name as text)', () => {
    const r = preprocess('%macro foo 0\nfoo\n%endmacro\nfoo\n%define X X+1\nX\n', { file: 'main.asm' });
    expect(r.diagnostics).toEqual([]);
    expect(r.lines.map((l) => l.text)).toEqual(['foo', 'X+1']);
  });
  it('unterminated %if: at each open %if', () => {
    expect(diags('%if 1\nnop\n  %if 0\n')).toEqual([
      { severity: 'error', file: 'main.asm', line: 1, column: 1, length: 3, message: "expected '%endif' before end of file", sourceText: '%if 1' },
      { severity: 'error', file: 'main.asm', line: 3, column: 3, length: 3, message: "expected '%endif' before end of file", sourceText: '  %if 0' },
    ]);
  });
  it('%if left open in an included file is reported there', () => {
    const d = diags('%include "x.inc"\nnop\n', { readFile: (p) => (p === 'x.inc' ? 'db 1\n%ifdef Y\n' : undefined) });
    expect(d.map((x) => [x.file, x.line, x.column, x.message])).toEqual([['x.inc', 2, 1, "expected '%endif' before end of file"]]);
  });
  it('unterminated %macro and %rep: at the opening directive', () => {
    expect(diags('nop\n%macro foo 1\nnop\n')).toEqual([
      { severity: 'error', file: 'main.asm', line: 2, column: 1, length: 6, message: "end of file while still defining macro 'foo'", sourceText: '%macro foo 1' },
    ]);
    expect(diags('%rep 3\nnop\n')).toEqual([
      { severity: 'error', file: 'main.asm', line: 1, column: 1, length: 4, message: 'end of file while still in %rep', sourceText: '%rep 3' },
    ]);
  });
  it('%error and %warning: the quoted text or the expanded line', () => {
    expect(diags('nop\n%error "stop here"\n  %error plain text\n%warning careful\n%define W 5\n%error W is W\n')).toEqual([
      { severity: 'error', file: 'main.asm', line: 2, column: 1, length: 6, message: 'stop here', sourceText: '%error "stop here"' },
      { severity: 'error', file: 'main.asm', line: 3, column: 3, length: 6, message: 'plain text', sourceText: '  %error plain text' },
      { severity: 'warning', file: 'main.asm', line: 4, column: 1, length: 8, message: 'careful', sourceText: '%warning careful' },
      { severity: 'error', file: 'main.asm', line: 6, column: 1, length: 6, message: '5 is 5', sourceText: '%error W is W' },
    ]);
  });
  it('%error inside a macro: at the invocation, with the argument substituted', () => {
    expect(diags('%macro m 1\n%error bad %1\n%endmacro\n  m x\n')).toEqual([
      { severity: 'error', file: 'main.asm', line: 4, column: 3, length: 1, message: 'bad x', sourceText: '  m x' },
    ]);
  });
  it('%error in an included file: at that file and line', () => {
    const d = diags('%include "a.inc"\n', { includePaths: ['lib'], readFile: (p) => (p === 'lib/a.inc' ? 'db 1\n%error "in include"\n' : undefined) });
    expect(d.map((x) => [x.file, x.line, x.column, x.message])).toEqual([['lib/a.inc', 2, 1, 'in include']]);
  });
  it('%fatal stops preprocessing', () => {
    const r = preprocess('%fatal "boom"\n%error "not reached"\nnop\n', { file: 'main.asm' });
    expect(r.diagnostics.map((d) => d.message)).toEqual(['boom']);
    expect(r.lines).toEqual([]);
  });
  it('expressions: undefined symbol, division by zero, syntax, trailing garbage', () => {
    expect(diags('%if FOO + 1\n%endif\n%assign x 1/0\n%assign y (1+\n%assign z 1 2\n')).toEqual([
      { severity: 'error', file: 'main.asm', line: 1, column: 5, length: 3, message: "symbol 'FOO' not defined before use", sourceText: '%if FOO + 1' },
      { severity: 'error', file: 'main.asm', line: 3, column: 12, length: 1, message: 'division by zero', sourceText: '%assign x 1/0' },
      { severity: 'error', file: 'main.asm', line: 4, column: 13, length: 1, message: 'expression syntax error', sourceText: '%assign y (1+' },
      { severity: 'warning', file: 'main.asm', line: 5, column: 13, length: 1, message: 'trailing garbage after expression ignored', sourceText: '%assign z 1 2' },
    ]);
  });
  it('an %if that fails to evaluate skips both branches', () => {
    const r = preprocess('%if FOO\ndb 1\n%else\ndb 2\n%endif\ndb 3\n', { file: 'main.asm' });
    expect(r.lines.map((l) => l.text)).toEqual(['db 3']);
  });
  it('directive misuse matches nasm (one message per line, all reported in one run)', () => {
    const src = ['%endif', '%else', '%elif 1', '%endmacro', '%endrep', '%exitrep', '%exitmacro', '%rotate 1', '%define', '%undef', '%1', '%%x', '%pop'].join('\n');
    expect(diags(src).map((d) => [d.line, d.message])).toEqual([
      [1, "'%endif': no matching '%if'"],
      [2, "'%else': no matching '%if'"],
      [3, "'%elif': no matching '%if'"],
      [4, "'%endmacro': not defining a macro"],
      [5, "'%endrep': no matching '%rep'"],
      [6, "'%exitrep' not within '%rep' block"],
      [7, "'%exitmacro' not within '%macro' block"],
      [8, "'%rotate' invoked outside a macro call"],
      [9, "'%define' expects a macro identifier"],
      [10, "'%undef' expects a macro identifier"],
      [11, "'%1': not in a macro call"],
      [12, "'%%x': not in a macro call"],
      [13, "'%pop': context stack is empty"],
    ]);
  });
  it('%rep count limits: NASM’s 1000000, negative counts repeat nothing', () => {
    const r = preprocess('%rep 2000000\nnop\n%endrep\n%rep -1\nnop\n%endrep\ndb 1\n', { file: 'main.asm' });
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['error', 1, "'%rep' count 2000000 exceeds limit (currently 1000000)"],
      ['warning', 4, "negative '%rep' count: -1"],
    ]);
    expect(r.lines.map((l) => l.text)).toEqual(['db 1']);
  });
  it('recursive %include is cut off', () => {
    const d = diags('%include "self.asm"\n', { readFile: (p) => (p === 'self.asm' ? '%include "self.asm"\n' : undefined) });
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/nested more than 100 levels deep/);
  });
  it('an unterminated string is a warning, and the line still comes out', () => {
    const r = preprocess('%define X 1\ndb "abc, X\n', { file: 'main.asm' });
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.column, d.message])).toEqual([['warning', 2, 4, 'unterminated string']]);
    expect(r.lines.map((l) => l.text)).toEqual(['db "abc, X']);
  });
});

// ---- API ------------------------------------------------------------------

function texts(src: string, opts: Partial<PreprocessOptions> = {}): string[] {
  const r = preprocess(src, { file: 'main.asm', ...opts });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.lines.map((l) => l.text);
}

describe('preprocess() API', () => {
  it('plain lines keep their text and columns; comments and trailing blanks go', () => {
    const r = preprocess('  mov eax, 1   ; one\n\n\tret\n', { file: 'a.asm' });
    expect(r.lines).toEqual<SourceLine[]>([
      { text: '  mov eax, 1', file: 'a.asm', line: 1, source: '  mov eax, 1   ; one' },
      { text: '', file: 'a.asm', line: 2, source: '' },
      { text: '\tret', file: 'a.asm', line: 3, source: '\tret' },
    ]);
  });
  it('a line with a macro keeps the text around the expansion in place', () => {
    const r = preprocess('%define N 42\n  mov eax, N ; n\n', { file: 'a.asm' });
    expect(r.lines).toEqual([{ text: '  mov eax, 42', file: 'a.asm', line: 2, source: '  mov eax, N ; n' }]);
  });
  it('multi-line macro lines: reported at the invocation, with the body line that produced them', () => {
    const src = 'nop\n%macro two 1\n  push %1\n  pop %1\n%endmacro\nstart: two rax\n';
    const r = preprocess(src, { file: 'm.asm' });
    expect(r.lines).toEqual([
      { text: 'nop', file: 'm.asm', line: 1, source: 'nop' },
      { text: 'start:', file: 'm.asm', line: 6, source: 'start: two rax' },
      { text: '  push rax', file: 'm.asm', line: 6, source: 'start: two rax', macro: { name: 'two', file: 'm.asm', line: 3 } },
      { text: '  pop rax', file: 'm.asm', line: 6, source: 'start: two rax', macro: { name: 'two', file: 'm.asm', line: 4 } },
    ]);
  });
  it('nested macros: the outermost invocation, the innermost macro', () => {
    const src = '%macro inner 0\n  nop\n%endmacro\n%macro outer 0\n  inner\n%endmacro\n  outer\n';
    const r = preprocess(src, { file: 'm.asm' });
    expect(r.lines).toEqual([{ text: '  nop', file: 'm.asm', line: 7, source: '  outer', macro: { name: 'inner', file: 'm.asm', line: 2 } }]);
  });
  it('%rmacro recursion with a terminating %if, each level with its own argument', () => {
    const src = '%rmacro countdown 1\n%if %1 > 0\ndb %1\ncountdown %1 - 1\n%endif\n%endmacro\ncountdown 3\ndb "after"\n';
    expect(texts(src)).toEqual(['db 3', 'db 3 - 1', 'db 3 - 1 - 1', 'db "after"']);
  });
  it('%exitmacro leaves a %rep inside the macro cleanly', () => {
    const src = '%macro m 0\n%rep 3\ndb 1\n%exitmacro\n%endrep\ndb 2\n%endmacro\nm\ndb 3\n';
    expect(texts(src)).toEqual(['db 1', 'db 3']);
  });
  it('%rep lines keep their own file lines', () => {
    const r = preprocess('%rep 2\n  db 1\n%endrep\n', { file: 'r.asm' });
    expect(r.lines).toEqual([
      { text: '  db 1', file: 'r.asm', line: 2, source: '  db 1' },
      { text: '  db 1', file: 'r.asm', line: 2, source: '  db 1' },
    ]);
  });
  it('included lines carry the path the include was found at', () => {
    const files: Record<string, string> = { 'inc/x.inc': 'db 2\n' };
    const r = preprocess('db 1\n%include "x.inc"\ndb 3\n', { file: 'main.asm', includePaths: ['inc'], readFile: (p) => files[p] });
    expect(r.lines.map((l) => `${l.file}:${l.line}: ${l.text}`)).toEqual(['main.asm:1: db 1', 'inc/x.inc:1: db 2', 'main.asm:3: db 3']);
  });
  it('continuation lines are joined and reported at their first line', () => {
    const r = preprocess('mov eax, 1 \\\n  + 2\nnop\n', { file: 'c.asm' });
    expect(r.lines.map((l) => [l.line, l.text])).toEqual([
      [1, 'mov eax, 1   + 2'],
      [3, 'nop'],
    ]);
  });
  it('CRLF and CR line ends', () => {
    expect(texts('%define A 1\r\ndb A\r\nnop\rret')).toEqual(['db 1', 'nop', 'ret']);
  });
  it('-D defines: NAME=VALUE, NAME alone (empty), parameterised', () => {
    expect(texts('db A, B x\n%ifdef B\ndb F(3)\n%endif\n', { defines: { A: '7', B: '', 'F(x)': 'x*2' } })).toEqual(['db 7, x', 'db 3*2']);
  });
  it('includePaths are tried in order, after the name as written', () => {
    const files: Record<string, string> = { 'a/x.inc': 'db "a"\n', 'b/x.inc': 'db "b"\n', 'y.inc': 'db "cwd"\n', 'b/y.inc': 'db "b"\n' };
    const read = (p: string) => files[p];
    expect(texts('%include "x.inc"\n%include "y.inc"\n', { includePaths: ['a', 'b'], readFile: read })).toEqual(['db "a"', 'db "cwd"']);
    expect(texts('%include "x.inc"\n', { includePaths: ['b/', 'a'], readFile: read })).toEqual(['db "b"']);
  });
  it('the including file’s directory is not searched (NASM 2.16.01)', () => {
    const files: Record<string, string> = { 'src/main.asm': '%include "x.inc"\n', 'src/x.inc': 'db 1\n' };
    expect(diags(files['src/main.asm']!, { file: 'src/main.asm', readFile: (p) => files[p] }).map((d) => d.message)).toEqual([
      "unable to open include file 'x.inc'",
    ]);
  });
  it('resolveInclude: as written, then each -I directory joined with /', () => {
    const present = new Set(['x.bin', 'inc/y.bin', 'inc2/y.bin', 'abs/z.bin']);
    const read = (p: string) => (present.has(p) ? '' : undefined);
    expect(resolveInclude('x.bin', 'main.asm', ['inc'], read)).toBe('x.bin');
    expect(resolveInclude('y.bin', 'main.asm', ['nope', 'inc', 'inc2'], read)).toBe('inc/y.bin');
    expect(resolveInclude('z.bin', 'main.asm', ['abs/'], read)).toBe('abs/z.bin');
    expect(resolveInclude('w.bin', 'main.asm', ['inc'], read)).toBeUndefined();
  });
  it('equ constants on earlier lines are visible to %if and %assign (nasm assembles line by line)', () => {
    const files: Record<string, string> = { 'consts.inc': 'BASE equ 0x1000 ; a pure include\n' };
    const src = [
      '%include "consts.inc"',
      'NPT: equ BASE / 2',
      '%macro konst 2',
      '%1 equ %2',
      '%endmacro',
      'konst K, 3',
      '%if BASE > 0x10 && NPT == 0x800 && K == 3',
      'db 1',
      '%endif',
      '%assign Q BASE + 1',
      'dw Q',
    ].join('\n');
    expect(texts(src, { readFile: (p) => files[p] })).toEqual(['BASE equ 0x1000', 'NPT: equ BASE / 2', 'K equ 3', 'db 1', 'dw 4097']);
  });
  it('a symbol defined later, or not a constant, is an error in %if (as in nasm -f bin)', () => {
    const src = '%if LATER\n%endif\nLATER equ 5\nlbl: nop\nL2 equ lbl+1\n%if L2\n%endif\n';
    expect(diags(src).map((d) => [d.line, d.column, d.message])).toEqual([
      [1, 5, "symbol 'LATER' not defined before use"],
      [6, 5, "symbol 'L2' not defined before use"],
    ]);
  });
  it('__?BITS?__ follows bits directives in the text', () => {
    expect(texts('dd __?BITS?__\nbits 64\ndd __BITS__\n[bits 32]\ndd __?BITS?__\n')).toEqual(['dd 16', 'bits 64', 'dd 64', '[bits 32]', 'dd 32']);
  });
  it('%!NAME reads the environment', () => {
    process.env.PAGEVISOR_PP_TEST = 'from-env';
    expect(texts('db "%!PAGEVISOR_PP_TEST"\ndb %!PAGEVISOR_PP_TEST\n')).toEqual(['db "%!PAGEVISOR_PP_TEST"', 'db from-env']);
  });
  it('sane_empty_expansion pragma turns off the legacy empty-argument rules', () => {
    const src = '%macro m 1-2\ndb %0\n%endmacro\nm 1,\n%pragma preproc sane_empty_expansion true\nm 1,\n';
    const r = preprocess(src, { file: 'main.asm' });
    expect(r.lines.map((l) => l.text)).toEqual(['db 1', 'db 2']);
  });
});

// ---- Properties -----------------------------------------------------------

const FRAGMENTS = [
  '%define ', '%xdefine ', '%idefine ', '%undef ', '%assign ', '%macro ', '%rmacro ', '%endmacro', '%rep ', '%endrep', '%exitrep',
  '%if ', '%ifdef ', '%ifidn ', '%elif ', '%else', '%endif', '%include ', '%push ', '%pop', '%rotate ', '%error ', '%warning ',
  '%strlen ', '%substr ', '%defstr ', '%deftok ', '%exitmacro', '%1', '%0', '%00', '%%x', '%$y', '%{1:2}', '%[', '%+', '%,', '%?',
  '%??', '%', 'foo', 'X', 'N', 'f(', 'm', '(', ')', '{', '}', '[', ']', ',', ':', '"str', "'s'", '`\\n`', ';c', '\\', ' ', ' ',
  '\t', '\n', '\n', '\n', '0', '1', '2', '3', '0x10', '-', '+', '*', '/', '//', '<<', '==', '&&', '?', '$', '..@', '__LINE__', '__?FILE?__',
];

describe('properties', () => {
  it('random fragments never make preprocess() throw, and every diagnostic is well-formed', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 120 }), (parts) => {
        const src = parts.join('');
        const r = preprocess(src, {
          file: 'fuzz.asm',
          maxMacroDepth: 32,
          readFile: (p) => (p.includes('x') ? '%include "x"\nfoo\n' : undefined),
        });
        expect(Array.isArray(r.lines)).toBe(true);
        expect(Array.isArray(r.diagnostics)).toBe(true);
        for (const d of r.diagnostics) {
          expect(d.message).not.toMatch(/internal preprocessor error/);
          expect(d.line).toBeGreaterThanOrEqual(0);
          expect(d.column).toBeGreaterThanOrEqual(1);
        }
        for (const l of r.lines) expect(typeof l.text).toBe('string');
      }),
      { numRuns: 400, seed: 7 },
    );
  });
  it('random text (any characters) never makes preprocess() throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (src) => {
        const r = preprocess(src, { file: 'fuzz.asm', maxMacroDepth: 32, readFile: () => undefined });
        for (const d of r.diagnostics) expect(d.message).not.toMatch(/internal preprocessor error/);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
  it('a line without % or macro names comes out as its tokens (comment and trailing blanks dropped)', () => {
    const piece = fc.constantFrom('mov', 'eax', ',', ' ', '\t', '[', ']', '+', '8', '0x1f', 'label:', '.local', '"a;b"', "'x'", '; note', '$', '$$', 'e1', '1.5');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const line = parts.join('');
        const r = preprocess(line + '\n', { file: 'p.asm' });
        const viaTokens = detokenize(tokenize(line));
        expect(r.lines).toHaveLength(1);
        expect(r.lines[0]!.text).toBe(viaTokens.replace(/[ \t]+$/, ''));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

// ---- Speed ----------------------------------------------------------------

describe('speed', () => {
  it('a 100,000-line plain file is preprocessed quickly (generous bound; see the report for numbers)', () => {
    const body = ['        mov rax, [rbx + rcx*8 + 16]', '        add eax, 1 ; bump', 'L1:     jnz L1', '        db "x;y", 0', ''];
    const src = Array.from({ length: 100_000 }, (_, i) => body[i % body.length]).join('\n') + '\n';
    preprocess(src, { file: 'warm.asm' });
    const t0 = performance.now();
    const r = preprocess(src, { file: 'big.asm' });
    const ms = performance.now() - t0;
    expect(r.lines).toHaveLength(100_000);
    expect(r.lines[1]!.text).toBe('        add eax, 1');
    expect(ms).toBeLessThan(1000);
  });
});

