// The assembler driver: labels, expressions, directives, passes, diagnostics.
// Byte expectations were produced by `nasm -f bin` (NASM 2.16.01) on the same
// source; the differential suite checks far more of them live.
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/assemble.js';
import { formatDiagnostic } from '../../src/asm/diagnostics.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const asm = (src: string, opts = {}) => assemble(`bits 64\norg 0x100000\n${src}\n`, { file: 't.asm', ...opts });
const bytesOf = (src: string) => {
  const r = asm(src);
  expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  return hex(r.bytes);
};
const errorsOf = (src: string) => asm(src).diagnostics.filter((d) => d.severity === 'error');

describe('labels and expressions', () => {
  it('resolves forward references to a fixed point like nasm', () => {
    // nasm: 8b4304 8b4304 83c004
    expect(bytesOf('mov eax, [rbx + fwd]\nadd eax, fwd\nfwd equ 4\nmov eax, [rbx + fwd]')).toBe('8b430483c0048b4304');
  });
  it('qualifies local labels by the previous global label, skipping ..@ labels', () => {
    const r = asm('a:\n.x: nop\nb:\n..@m: nop\n.x: nop\ndq a.x, b.x');
    expect(r.ok).toBe(true);
    expect(r.symbols.get('a.x')).toBe(0x100000n);
    expect(r.symbols.get('b.x')).toBe(0x100002n);
  });
  it('evaluates NASM operators as 64-bit integers', () => {
    expect(bytesOf('dq -1 >> 60, 7 // -2, -7 % 3, (1 << 63) / 3, ~0 ^ 0xff, 3 | 4 & 5')).toBe(
      '0f00000000000000fdffffffffffffff0000000000000000aaaaaaaaaaaaaa2a00ffffffffffffff0700000000000000',
    );
    expect(bytesOf('dq -7 %% 3, -7 // 2')).toBe('fffffffffffffffffdffffffffffffff');
  });
  it('rejects bit operations on addresses, as nasm does', () => {
    expect(errorsOf('x: dq x | 3')[0]!.message).toBe("`|' operator may only be applied to scalar values");
    expect(bytesOf('x: dq (x - $$) | 3')).toBe('0300000000000000');
  });
  it('knows $ and $$', () => {
    expect(bytesOf('nop\ndq $, $$, $-$$')).toBe('90010010000000000000001000000000000100000000000000');
  });
});

describe('instruction prefixes', () => {
  it('takes segment registers as prefix words, in any order with rep, as nasm does', () => {
    // nasm: 6448a5 65ac f364a4
    expect(bytesOf('fs movsq\ngs lodsb\nrep fs movsb')).toBe('6448a565acf364a4');
  });
  it('encodes far indirect branches and rejects far direct ones in 64-bit mode', () => {
    expect(bytesOf('jmp far [rax]\ncall far [rbx]')).toBe('48ff2848ff1b');
    expect(errorsOf('jmp far x\nx: nop')[0]!.message).toBe('instruction not supported in 64-bit mode');
  });
});

describe('directives', () => {
  it('lays out db/dw/dd/dq with strings as nasm does', () => {
    expect(bytesOf('dw "abc"\ndd "abcde"\ndq "a"\ndb "x", 300')).toBe('61626300' + '6162636465000000' + '6100000000000000' + '782c');
  });
  it('repeats with times and aligns with NOPs or a fill', () => {
    expect(bytesOf('db 1\nalign 4\ndb 2\nalign 4, db 0xcc\ntimes 2 db 7')).toBe('01909090' + '02cccccc' + '0707');
  });
  it('pads the start when alignment exceeds org, like nasm', () => {
    const r = assemble('bits 64\norg 0x100003\ndb 1\nalign 16\ndb 2', { file: 't.asm' });
    expect(hex(r.bytes)).toBe('00'.repeat(13) + '01' + '90'.repeat(15) + '02');
  });
  it('reserves zeroed space with a warning', () => {
    const r = asm('resb 3\nresw 1');
    expect(hex(r.bytes)).toBe('0000000000');
    expect(r.diagnostics.some((d) => d.severity === 'warning' && /zeroing/.test(d.message))).toBe(true);
  });
  it('includes binary files with skip and length', () => {
    const files: Record<string, Uint8Array> = { 'blob.bin': Uint8Array.from([1, 2, 3, 4, 5]) };
    const r = asm('incbin "blob.bin"\nincbin "blob.bin", 1, 2', { readBinary: (p: string) => files[p.replace(/^.*\//, '')] });
    expect(hex(r.bytes)).toBe('01020304050203');
  });
  it('maps every byte range back to its source line', () => {
    const r = asm('nop\n\nmov eax, 1');
    expect(r.lines.map((l) => [l.offset, l.length, l.line, l.source])).toEqual([
      [0, 1, 3, 'nop'],
      [1, 5, 5, 'mov eax, 1'],
    ]);
  });
});

describe('diagnostics', () => {
  const one = (src: string) => {
    const errs = errorsOf(src);
    expect(errs.length).toBeGreaterThan(0);
    return errs[0]!;
  };
  it('names an unknown instruction with a caret under it', () => {
    const d = one('    mvo eax, 1');
    expect(d.message).toBe("unknown instruction or directive 'mvo'");
    expect([d.line, d.column]).toEqual([3, 5]);
    expect(formatDiagnostic(d)).toBe("t.asm:3:5: error: unknown instruction or directive 'mvo'\n        mvo eax, 1\n        ^~~");
  });
  it('reports operand combinations the instruction does not have, and missing sizes, as nasm words them', () => {
    expect(one('mov eax, rbx').message).toBe('invalid combination of opcode and operands');
    expect(one('mov [rax], 1').message).toBe('operation size not specified');
  });
  it('warns, like nasm, when an immediate or displacement does not fit', () => {
    const warn = (src: string) => asm(src).diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    expect(warn('add al, 300')).toContain('byte data exceeds bounds');
    expect(warn('push 0x80000000')).toContain('signed dword immediate exceeds bounds');
  });
  it('reports a short jump out of range at its operand', () => {
    const d = one('jmp short far_away\ntimes 200 nop\nfar_away: nop');
    expect(d.message).toBe('short jump is out of range');
    expect([d.line, d.column]).toEqual([3, 5]);
  });
  it('reports undefined and duplicate labels', () => {
    expect(one('jmp nowhere').message).toBe("symbol 'nowhere' not defined");
    expect(one('x: nop\nx: nop').message).toBe("label 'x' inconsistently redefined");
  });
  it('reports a times count that is negative or not constant', () => {
    expect(one('times -1 nop').message).toBe('TIMES value -1 is negative');
    expect(one('times n nop\nn equ 3').message).toBe('non-constant argument supplied to TIMES');
  });
  it('reports every error of a file in one run', () => {
    const errs = errorsOf('mvo eax, 1\nnop\njmp nowhere\nx: nop\nx: nop\ntimes -2 nop');
    expect(errs.map((e) => e.line)).toEqual([3, 5, 7, 8]);
  });
  it('reports a missing include file', () => {
    const d = one('%include "no-such-file.inc"');
    expect(d.message).toMatch(/unable to open include file 'no-such-file.inc'/);
  });
  it('stops runaway macro recursion', () => {
    const d = one('%rmacro m 0\nnop\nm\n%endmacro\nm');
    expect(d.message).toMatch(/recursion|too deep/);
  });
  it('never throws on nonsense', () => {
    for (const src of ['[[[', 'mov ,', 'db', 'times', ':::', 'x equ', '%if', 'mov eax, [rax+rbx+rcx]', 'dq 1/0', 'jmp short $+1000']) {
      expect(() => asm(src)).not.toThrow();
      expect(asm(src).ok).toBe(false);
    }
  });
});
