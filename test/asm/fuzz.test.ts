// Property: whatever text it is given, the assembler returns an image or
// diagnostics, and never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assemble } from '../../src/asm/assemble.js';

const words = [
  'mov', 'add', 'jmp', 'jnz', 'lea', 'push', 'pop', 'call', 'ret', 'times', 'db', 'dq', 'resb', 'align', 'equ', 'org', 'bits',
  'default', 'rel', 'abs', 'byte', 'dword', 'qword', 'strict', 'short', 'near', 'rax', 'eax', 'al', 'ah', 'r8b', 'spl', 'cr3',
  'fs', 'rep', 'lock', 'x', '.y', 'x.y', '..@z', '$', '$$', '0', '1', '-1', '0x7f', '0ffh', '0b101', "'ab'", '"s"', '`\\n`',
  '[', ']', '(', ')', ',', ':', '+', '-', '*', '/', '//', '%', '%%', '<<', '>>', '&', '|', '^', '~', '!', ';c', '\n',
  '%define', '%macro', '%endmacro', '%rep', '%endrep', '%if', '%endif', '%include', '%assign', '%1', '%%l', 'incbin',
];

describe('assembler robustness', () => {
  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = assemble(text, { file: 'fuzz.asm', readFile: () => undefined, readBinary: () => undefined });
        expect(Array.isArray(r.diagnostics)).toBe(true);
        expect(r.ok || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
  it('never throws on random token sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), (toks) => {
        const text = 'bits 64\n' + toks.join(' ');
        const r = assemble(text, { file: 'fuzz.asm', readFile: () => undefined, readBinary: () => undefined });
        expect(r.ok || r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
