// The grammar itself: chevrotain's validations (ambiguities, left recursion,
// unreachable alternatives) are skipped at run time for startup speed, so
// they run here.
import { describe, expect, it } from 'vitest';
import { LineParser } from '../../src/asm/parser.js';
import { lexer, classify, buildWordTable } from '../../src/asm/lexer.js';
import { isMnemonic, PREFIX_NAMES } from '../../src/asm/encoder.js';

describe('the line grammar', () => {
  it('passes chevrotain self-analysis with validations on', () => {
    expect(() => new LineParser({ validate: true })).not.toThrow();
  });
  it('parses labels, prefixes, size words, segment overrides and expressions', () => {
    const p = new LineParser();
    const lookup = buildWordTable(isMnemonic, PREFIX_NAMES);
    const parse = (text: string) => {
      const toks = lexer.tokenize(text).tokens;
      classify(toks, lookup);
      p.input = toks;
      const ast = p.line();
      expect(p.errors).toEqual([]);
      return ast;
    };
    const a = parse('x: rep movsb');
    expect(a.label).toMatchObject({ name: 'x', colon: true });
    expect(a.stmt).toMatchObject({ kind: 'insn', prefixes: ['rep'], mnemonic: 'movsb' });
    const b = parse('mov qword [fs:rel x + 8], -1');
    const mem = (b.stmt as { operands: { mem?: { seg?: { name: string }; relAbs?: string } ; size?: number }[] }).operands[0]!;
    expect(mem.size).toBe(8);
    expect(mem.mem?.seg?.name).toBe('fs');
    expect(mem.mem?.relAbs).toBe('rel');
    expect(parse('n equ (1 << 4) | 3').equ).toMatchObject({ k: 'bin', op: '|' });
    expect(parse('times 4 db 0').times).toMatchObject({ k: 'num', v: 4n });
  });
});
