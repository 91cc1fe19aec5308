// The instruction encoder on its own: Instruction objects built directly, the
// bytes compared with what `nasm -f bin` (2.16.01) produced for the same
// instruction at org 0x100000 (noted next to each case). The golden and
// differential suites check thousands more through the whole assembler.
import { describe, expect, it } from 'vitest';
import { PREFIX_NAMES, encode, isMnemonic } from '../../src/asm/encoder.js';
import { lookupRegister } from '../../src/asm/registers.js';
import type { EncodeContext, ImmOperand, Instruction, MemOperand, Operand, RegOperand } from '../../src/asm/types.js';

// ---- a tiny DSL -------------------------------------------------------------------------
const ORG = 0x100000n;
function reg(name: string, size?: RegOperand['size']): RegOperand {
  const r = lookupRegister(name);
  if (!r) throw new Error(`no register ${name}`);
  return size === undefined ? { kind: 'reg', reg: r } : { kind: 'reg', reg: r, size };
}
function imm(v: number | bigint, o: Partial<ImmOperand> = {}): ImmOperand {
  return { kind: 'imm', value: BigInt(v), strict: false, reloc: false, unknown: false, ...o };
}
/** A label address (relocatable), e.g. label(0x100010). */
const label = (v: number | bigint, o: Partial<ImmOperand> = {}) => imm(v, { reloc: true, ...o });
function mem(o: { base?: string; index?: string; scale?: 1 | 2 | 4 | 8; disp?: number | bigint } & Partial<Omit<MemOperand, 'base' | 'index' | 'disp'>> = {}): MemOperand {
  const { base, index, disp, ...rest } = o;
  return {
    kind: 'mem',
    base: base ? lookupRegister(base) : undefined,
    index: index ? lookupRegister(index) : undefined,
    scale: 1,
    disp: BigInt(disp ?? 0),
    hasDisp: disp !== undefined,
    rel: false,
    abs: false,
    reloc: false,
    unknown: false,
    ...rest,
  };
}
function insn(text: string, ...operands: Operand[]): Instruction {
  const words = text.split(' ');
  return { mnemonic: words.pop()!, prefixes: words, operands };
}
function run(text: string, operands: Operand[], ctx: Partial<EncodeContext> = {}) {
  return encode(insn(text, ...operands), { address: ORG, ...ctx });
}
/** The bytes as hex, or `!message` for an error. */
function hex(text: string, ...operands: Operand[]): string {
  const r = run(text, operands);
  return r.ok ? Buffer.from(r.bytes).toString('hex') : `!${r.message}`;
}
function warnings(text: string, ...operands: Operand[]): string[] {
  const r = run(text, operands);
  if (!r.ok) throw new Error(r.message);
  return r.warnings ?? [];
}

describe('mnemonics and prefixes', () => {
  it('knows every mnemonic it encodes, condition aliases included', () => {
    for (const m of ['mov', 'movzx', 'movsxd', 'lea', 'xchg', 'push', 'popfq', 'bswap', 'imul', 'sar', 'btc', 'bsr', 'cqo', 'jmp', 'call', 'retf', 'loopnz', 'jrcxz', 'jecxz', 'movsq', 'scasb', 'hlt', 'invpcid', 'iretq', 'int1', 'icebp', 'vmcall', 'pause', 'mfence'])
      expect(isMnemonic(m), m).toBe(true);
    for (const cc of ['o', 'no', 'b', 'c', 'nae', 'ae', 'nb', 'nc', 'e', 'z', 'ne', 'nz', 'be', 'na', 'a', 'nbe', 's', 'ns', 'p', 'pe', 'np', 'po', 'l', 'nge', 'ge', 'nl', 'le', 'ng', 'g', 'nle'])
      for (const m of [`j${cc}`, `cmov${cc}`, `set${cc}`]) expect(isMnemonic(m), m).toBe(true);
    for (const w of ['rax', 'foo', 'jx', 'rep', 'byte', 'movs', 'MOV']) expect(isMnemonic(w), w).toBe(false);
  });
  it('lists the prefixes it accepts', () => {
    for (const p of ['rep', 'repe', 'repz', 'repne', 'repnz', 'lock', 'o16', 'o32', 'o64', 'a32', 'a64']) expect(PREFIX_NAMES.has(p), p).toBe(true);
  });
  it('puts prefixes in nasm order: rep, lock, segment, 66, 67', () => {
    expect(hex('lock add', mem({ base: 'eax', seg: lookupRegister('fs') }), reg('ax'))).toBe('f06466670100'); // lock add [fs:eax], ax
    expect(hex('lock rep add', mem({ base: 'rax' }), reg('eax'))).toBe('f3f00100');
    expect(hex('rep movsb')).toBe('f3a4');
    expect(hex('repne scasb')).toBe('f2ae');
    expect(hex('o16 movsb')).toBe('66a4');
    expect(hex('o64 movsb')).toBe('48a4');
    expect(hex('a32 lodsd')).toBe('67ad');
  });
  it('rejects conflicting prefixes and warns about repeated ones', () => {
    expect(hex('rep repne movsb')).toBe('!instruction has conflicting prefixes');
    expect(hex('o16 o32 movsb')).toBe('!instruction has conflicting prefixes');
    expect(warnings('lock lock add', mem({ base: 'rax' }), reg('eax'))).toContain('instruction has redundant prefixes');
  });
  it('warns about lock where nasm does', () => {
    expect(warnings('lock mov', reg('eax'), reg('ebx'))).toEqual(['instruction is not lockable']);
    expect(warnings('lock cmp', mem({ base: 'rax' }), reg('eax'))).toEqual(['instruction is not lockable']);
    expect(warnings('lock xchg', reg('eax'), mem({ base: 'rax' }))).toEqual(['instruction is not lockable']);
    expect(warnings('lock xadd', mem({ base: 'rax' }), reg('eax'))).toEqual([]);
  });
  it('applies o16/o32/o64 as nasm does, warning when they contradict the operands', () => {
    expect(hex('o16 push', reg('rax'))).toBe('6650');
    expect(hex('o64 push', reg('rax'))).toBe('50'); // push never takes REX.W
    expect(hex('o16 add', reg('eax'), reg('ebx'))).toBe('6601d8');
    expect(warnings('o16 add', reg('eax'), reg('ebx'))).toEqual(['invalid operand size prefix, must be o32']);
    expect(hex('o64 add', reg('eax'), reg('ebx'))).toBe('4801d8');
    expect(hex('o64 ret')).toBe('48c3');
  });
});

describe('effective addresses', () => {
  const cases: [string, MemOperand, string][] = [
    ['[rax]', mem({ base: 'rax' }), '8b00'],
    ['[rbp] needs disp8 0', mem({ base: 'rbp' }), '8b4500'],
    ['[r13] needs disp8 0', mem({ base: 'r13' }), '418b4500'],
    ['[rsp] needs a SIB', mem({ base: 'rsp' }), '8b0424'],
    ['[r12] needs a SIB', mem({ base: 'r12' }), '418b0424'],
    ['[rax+0] drops the zero', mem({ base: 'rax', disp: 0 }), '8b00'],
    ['[rax+127] disp8', mem({ base: 'rax', disp: 127 }), '8b407f'],
    ['[rax+128] disp32', mem({ base: 'rax', disp: 128 }), '8b8080000000'],
    ['[rax-128] disp8', mem({ base: 'rax', disp: -128 }), '8b4080'],
    ['[rax-129] disp32', mem({ base: 'rax', disp: -129 }), '8b807fffffff'],
    ['[byte rax+4]', mem({ base: 'rax', disp: 4, dispSize: 1 }), '8b4004'],
    ['[dword rax+4]', mem({ base: 'rax', disp: 4, dispSize: 4 }), '8b8004000000'],
    ['[dword rax]', mem({ base: 'rax', dispSize: 4 }), '8b8000000000'],
    ['[rax+0x100000000]: nasm looks at the low 32 bits', mem({ base: 'rax', disp: 0x100000000n }), '8b00'],
    ['[rax*2] becomes [rax+rax]', mem({ index: 'rax', scale: 2 }), '8b0400'],
    ['[r12*2] becomes [r12+r12]', mem({ index: 'r12', scale: 2 }), '438b0424'],
    ['[rax*4+8] has no base: disp32', mem({ index: 'rax', scale: 4, disp: 8 }), '8b048508000000'],
    ['[rax+rsp] swaps rsp into the base', mem({ base: 'rax', index: 'rsp' }), '8b0404'],
    ['[rbx+rbx*8]', mem({ base: 'rbx', index: 'rbx', scale: 8 }), '8b04db'],
    ['[rbp+rax] needs disp8 0', mem({ base: 'rbp', index: 'rax' }), '8b440500'],
    ['[rax+r13]', mem({ base: 'rax', index: 'r13' }), '428b0428'],
    ['[0x1234] absolute: SIB with no base', mem({ disp: 0x1234 }), '8b042534120000'],
    ['[eax] with 67', mem({ base: 'eax' }), '678b00'],
    ['[ebx+ecx*2+0x10]', mem({ base: 'ebx', index: 'ecx', scale: 2, disp: 0x10 }), '678b444b10'],
    ['[fs:rax]', mem({ base: 'rax', seg: lookupRegister('fs') }), '648b00'],
    ['[gs:0x10]', mem({ disp: 0x10, seg: lookupRegister('gs') }), '658b042510000000'],
  ];
  it.each(cases)('mov eax, %s', (_d, m, want) => {
    expect(hex('mov', reg('eax'), m)).toBe(want);
  });
  it('extends r8..r15 with REX.R/X/B', () => {
    expect(hex('mov', reg('r8d'), mem({ base: 'r9', index: 'r10', scale: 4, disp: -8 }))).toBe('478b4491f8'); // mov r8d, [r9+r10*4-8]
    expect(hex('add', reg('r10'), reg('r11'))).toBe('4d01da');
  });
  it('takes disp32 for a label even when small, and for a value not yet known', () => {
    expect(hex('mov', reg('eax'), mem({ base: 'rax', disp: 0x100000, reloc: true }))).toBe('8b8000001000'); // x: mov eax, [rax+x]
    // First pass of `mov eax, [rbx+fwd]`: nasm sizes an unknown displacement as disp32.
    expect(hex('mov', reg('eax'), mem({ base: 'rbx', disp: 0, unknown: true }))).toBe('8b8300000000');
  });
  it('encodes [rel label] relative to the end of the instruction', () => {
    // x: mov eax, [rel x] at x = 0x100000 → 8b05faffffff
    expect(hex('mov', reg('eax'), mem({ disp: ORG, rel: true, reloc: true }))).toBe('8b05faffffff');
    // the immediate counts: mov dword [rel x], 5 with x 0x20 bytes ahead
    expect(hex('mov', mem({ size: 4, disp: ORG + 0x20n, rel: true, reloc: true }), imm(5))).toBe('c7051600000005000000');
  });
  it('keeps [rel number] absolute with nasm\'s warning, and a not-yet-known label absolute', () => {
    expect(hex('mov', reg('eax'), mem({ disp: 5, rel: true }))).toBe('8b042505000000');
    expect(warnings('mov', reg('eax'), mem({ disp: 5, rel: true }))).toEqual(['absolute address can not be RIP-relative']);
    expect(hex('mov', reg('eax'), mem({ disp: 0, rel: true, unknown: true }))).toBe('8b042500000000');
  });
  it('uses the moffs form only for [qword addr] (or a32)', () => {
    expect(hex('mov', reg('eax'), mem({ disp: 0x1234, dispSize: 8 }))).toBe('a13412000000000000');
    expect(hex('mov', mem({ disp: 0x1234, dispSize: 8 }), reg('rax'))).toBe('48a33412000000000000');
    expect(hex('a32 mov', reg('eax'), mem({ disp: 0x10 }))).toBe('67a110000000');
    expect(hex('mov', reg('al'), mem({ disp: 0x1234, abs: true }))).toBe('8a042534120000');
    expect(hex('mov', reg('ebx'), mem({ disp: 0x1234, dispSize: 8 }))).toBe('8b1c2534120000');
  });
  it('rejects what cannot be encoded', () => {
    expect(hex('mov', reg('eax'), mem({ index: 'rsp', scale: 2 }))).toBe('!invalid 64-bit effective address');
    expect(hex('mov', reg('eax'), mem({ base: 'rax', disp: 4, dispSize: 8 }))).toBe('!invalid 64-bit effective address');
    expect(hex('mov', reg('eax'), mem({ base: 'eax', index: 'rax' }))).toBe('!impossible combination of address sizes');
    expect(hex('a32 mov', reg('eax'), mem({ base: 'rax' }))).toBe('!impossible combination of address sizes');
    expect(run('mov', [reg('eax'), mem({ base: 'rsp', index: 'rsp' })])).toMatchObject({ ok: false, operand: 1 });
  });
  it('warns as nasm does about displacements and segments', () => {
    expect(warnings('mov', reg('eax'), mem({ base: 'rax', disp: 400, dispSize: 1 }))).toEqual(['byte data exceeds bounds']);
    expect(warnings('mov', reg('eax'), mem({ base: 'rax', disp: 0x80000000 }))).toEqual(['dword data exceeds bounds']);
    expect(warnings('mov', reg('eax'), mem({ disp: 0x10, dispSize: 1 }))).toEqual(['displacement size ignored on absolute address']);
    expect(warnings('mov', reg('eax'), mem({ base: 'rax', seg: lookupRegister('cs') }))).toEqual(['cs segment base generated, but will be ignored in 64-bit mode']);
  });
  it('honours relWritten and defaultRel', () => {
    expect(warnings('mov', reg('eax'), mem({ base: 'rax', disp: 5, rel: true, relWritten: true }))).toEqual(['indirect address displacements cannot be RIP-relative']);
    // default rel does not reach [fs:x] unless `rel` is written
    const fsx = { disp: ORG, reloc: true, rel: true, seg: lookupRegister('fs') };
    expect(hex('mov', reg('eax'), mem({ ...fsx, relWritten: false }))).toBe('648b042500001000');
    expect(hex('mov', reg('eax'), mem({ ...fsx, relWritten: true }))).toBe('648b05f9ffffff');
    // lea rax, x under default rel
    expect(Buffer.from((run('lea', [reg('rax'), label(ORG)], { defaultRel: true }) as { bytes: Uint8Array }).bytes).toString('hex')).toBe('488d05f9ffffff');
    expect(hex('lea', reg('rax'), imm(5))).toBe('488d042505000000');
  });
});

describe('operand sizes and immediates', () => {
  it('shrinks immediates as nasm -Ox does', () => {
    expect(hex('add', reg('eax'), imm(1))).toBe('83c001');
    expect(hex('add', reg('eax'), imm(1000))).toBe('05e8030000');
    expect(hex('add', reg('ebx'), imm(1000))).toBe('81c3e8030000');
    expect(hex('add', reg('eax'), imm(5, { size: 4 }))).toBe('83c005');
    expect(hex('add', reg('eax'), imm(5, { size: 4, strict: true }))).toBe('0505000000');
    expect(hex('add', reg('ax'), imm(0xff80))).toBe('6683c080');
    expect(hex('add', mem({ base: 'rax' }), imm(5, { size: 1 }))).toBe('800005'); // add [rax], byte 5
  });
  it('keeps nasm\'s quirk: 0xffffffff counts as a signed byte for 64-bit operands', () => {
    expect(hex('add', reg('rax'), imm(0xffffffff))).toBe('4883c0ff');
    expect(warnings('add', reg('rax'), imm(0xffffffff))).toEqual(['signed dword value exceeds bounds']);
  });
  it('picks the smallest mov r64, imm unless the value is a label', () => {
    expect(hex('mov', reg('rax'), imm(5))).toBe('b805000000');
    expect(hex('mov', reg('r9'), imm(0x80000000))).toBe('41b900000080');
    expect(hex('mov', reg('rax'), imm(-1))).toBe('48c7c0ffffffff');
    expect(hex('mov', reg('rax'), imm(0x100000000n))).toBe('48b80000000001000000');
    expect(hex('mov', reg('rax'), imm(5, { size: 8, strict: true }))).toBe('48b80500000000000000');
    expect(hex('mov', reg('rax'), imm(5, { size: 4 }))).toBe('48c7c005000000');
    expect(hex('mov', reg('rax'), label(0x100000))).toBe('48b80000100000000000');
    expect(hex('mov', reg('eax'), label(0x100000))).toBe('b800001000');
    // A value not known yet is optimistic, as in nasm's first pass.
    expect(hex('mov', reg('rax'), imm(0, { unknown: true }))).toBe('b800000000');
  });
  it('takes negative values as negative bigints or as 2^64 - n', () => {
    expect(hex('add', reg('eax'), imm(-1))).toBe('83c0ff');
    expect(hex('add', reg('eax'), imm((1n << 64n) - 1n))).toBe('83c0ff');
    expect(hex('mov', reg('rax'), imm((1n << 64n) - 0x80000000n))).toBe('48c7c000000080');
  });
  it('shifts by one with d1, by cl with d3, by an imm8 with c1', () => {
    expect(hex('shl', reg('eax'), imm(1))).toBe('d1e0');
    expect(hex('shl', reg('eax'), imm(1, { size: 1 }))).toBe('c1e001');
    expect(hex('sar', reg('r9'), reg('cl'))).toBe('49d3f9');
    expect(hex('rol', mem({ base: 'rax', size: 2 }), imm(5))).toBe('66c10005');
  });
  it('pushes immediates as nasm does', () => {
    expect(hex('push', imm(5))).toBe('6a05');
    expect(hex('push', imm(1000))).toBe('68e8030000');
    expect(hex('push', imm(5, { size: 2 }))).toBe('666a05');
    expect(hex('push', imm(5, { size: 4, strict: true }))).toBe('6805000000');
    expect(hex('push', reg('fs'))).toBe('0fa0');
  });
  it('uses the accumulator and xchg short forms', () => {
    expect(hex('xchg', reg('rax'), reg('r8'))).toBe('4990');
    expect(hex('xchg', reg('eax'), reg('eax'))).toBe('87c0'); // 90 would be nop, which does not zero-extend
    expect(hex('xchg', reg('ax'), reg('ax'))).toBe('6690');
    expect(hex('test', reg('al'), imm(5))).toBe('a805');
    expect(hex('in', reg('al'), reg('dx'))).toBe('ec');
    expect(hex('out', imm(0x80), reg('eax'))).toBe('e780');
  });
  it('moves to and from control and segment registers', () => {
    expect(hex('mov', reg('cr3'), reg('r15'))).toBe('410f22df');
    expect(hex('mov', reg('rax'), reg('cr8'))).toBe('440f20c0');
    expect(hex('mov', reg('eax'), reg('ds'))).toBe('8cd8');
    expect(hex('mov', mem({ base: 'rax', size: 8 }), reg('ds'))).toBe('488c18');
    expect(hex('mov', reg('cr0'), reg('eax'))).toBe('!instruction not supported in 64-bit mode');
  });
  it('reports size problems with nasm\'s messages', () => {
    expect(hex('add', mem({ base: 'rax' }), imm(5))).toBe('!operation size not specified');
    expect(hex('mov', mem({ base: 'rax', size: 1 }), imm(5, { size: 2 }))).toBe('!mismatch in operand sizes');
    expect(hex('push', reg('eax'))).toBe('!instruction not supported in 64-bit mode');
    expect(hex('movzx', reg('rax'), reg('ebx'))).toBe('!invalid combination of opcode and operands');
    expect(hex('nop', mem({ base: 'rax' }))).toBe('!operation size not specified');
    expect(hex('movzx', reg('eax'), mem({ base: 'rax' }))).toBe('!operation size not specified');
  });
  it('guesses the size when only one fits', () => {
    expect(hex('movsxd', reg('rax'), mem({ base: 'rax' }))).toBe('486300');
    expect(hex('shl', reg('eax'), imm(5))).toBe('c1e005');
    expect(hex('invpcid', reg('rax'), mem({ base: 'rbx' }))).toBe('66480f388203');
  });
  it('warns about values out of range', () => {
    expect(warnings('add', reg('al'), imm(300))).toEqual(['byte data exceeds bounds']);
    expect(warnings('add', reg('al'), imm(-256))).toEqual([]);
    expect(warnings('mov', reg('ax'), imm(-65537))).toEqual(['word data exceeds bounds']);
    expect(warnings('int', imm(-1))).toEqual(['byte data exceeds bounds']);
    expect(warnings('add', mem({ base: 'rax', size: 8 }), imm(0x80000000))).toEqual(['signed dword immediate exceeds bounds', 'dword data exceeds bounds']);
    expect(warnings('add', reg('eax'), imm(200, { size: 1 }))).toEqual(['signed byte value exceeds bounds']);
    expect(warnings('mov', reg('al'), label(0x100000))).toEqual([]); // a label is truncated silently
  });
});

describe('byte registers and REX', () => {
  it('needs REX for spl..dil and forbids it with ah..bh', () => {
    expect(hex('mov', reg('spl'), imm(5))).toBe('40b405');
    expect(hex('mov', reg('sil'), mem({ base: 'rax' }))).toBe('408a30');
    expect(hex('mov', reg('ah'), reg('al'))).toBe('88c4');
    expect(hex('movzx', reg('eax'), reg('ah'))).toBe('0fb6c4');
    expect(hex('mov', reg('ah'), reg('sil'))).toBe('!cannot use high byte register in rex instruction');
    expect(hex('mov', reg('ah'), mem({ base: 'r8' }))).toBe('!cannot use high byte register in rex instruction');
    expect(hex('movzx', reg('rax'), reg('ah'))).toBe('!cannot use high byte register in rex instruction');
  });
  it('ignores a register size word that disagrees, with a warning', () => {
    expect(hex('mov', reg('eax', 2), imm(5))).toBe('b805000000');
    expect(warnings('mov', reg('eax', 2), imm(5))).toEqual(['invalid register size specification ignored']);
  });
});

describe('branches', () => {
  const at = (d: number | bigint, o: Partial<ImmOperand> = {}) => label(ORG + BigInt(d), o);
  it('takes the short form when the label is within reach of its end', () => {
    expect(hex('jmp', at(0x81))).toBe('eb7f'); // x: jmp x+0x81
    expect(hex('jmp', at(0x82))).toBe('e97d000000');
    expect(hex('jmp', at(-0x7e))).toBe('eb80');
    expect(hex('jmp', at(-0x80))).toBe('e97bffffff');
    expect(hex('jz', at(0x81))).toBe('747f');
    expect(hex('jz', at(0x82))).toBe('0f847c000000');
  });
  it('is optimistic about a label not yet known, as nasm\'s first pass', () => {
    expect(hex('jmp', imm(0, { unknown: true })).slice(0, 2)).toBe('eb');
    expect(hex('jnz', imm(0, { unknown: true })).slice(0, 2)).toBe('75');
    expect(hex('jmp', imm(0, { unknown: true, strict: true })).slice(0, 2)).toBe('e9');
  });
  it('goes near for an absolute number, strict, near or a qword target', () => {
    expect(hex('jmp', imm(0x100005))).toBe('e900000000'); // jmp 0x100005
    expect(hex('call', imm(1234))).toBe('e8cd04f0ff');
    expect(hex('jmp', at(0))).toBe('ebfe');
    expect(hex('jmp', at(0, { strict: true }))).toBe('e9fbffffff');
    expect(hex('jmp', at(0, { jump: 'near' }))).toBe('e9fbffffff');
    expect(hex('jz', at(0, { strict: true }))).toBe('0f84faffffff');
    expect(hex('jmp', at(0, { size: 8 }))).toBe('e9fbffffff');
  });
  it('honours short and reports what does not reach', () => {
    expect(hex('jz', at(0, { jump: 'short', strict: true }))).toBe('74fe');
    expect(hex('jmp', at(0x100, { jump: 'short' }))).toBe('!short jump is out of range');
    expect(hex('loop', at(0x82))).toBe('!short jump is out of range');
    expect(hex('jmp', imm(0x100505, { jump: 'short' }))).toBe('eb03'); // an absolute target wraps silently
    expect(run('jmp', [at(0x100, { jump: 'short' })])).toMatchObject({ ok: false, operand: 0 });
  });
  it('rejects the sizes and modifiers nasm rejects', () => {
    expect(hex('call', at(0, { jump: 'short' }))).toBe('!mismatch in operand sizes');
    expect(hex('loop', at(0, { jump: 'near' }))).toBe('!mismatch in operand sizes');
    expect(hex('jmp', at(0, { size: 4 }))).toBe('!instruction not supported in 64-bit mode');
    expect(hex('jz', at(0, { size: 8 }))).toBe('!mismatch in operand sizes');
    expect(hex('jcxz', at(0))).toBe('!instruction not supported in 64-bit mode');
  });
  it('encodes loops, jrcxz and jecxz', () => {
    expect(hex('loop', at(0))).toBe('e2fe');
    expect(hex('loop', at(0), reg('ecx'))).toBe('67e2fd');
    expect(hex('loopnz', at(0))).toBe('e0fe');
    expect(hex('jrcxz', at(0))).toBe('e3fe');
    expect(hex('jecxz', at(0))).toBe('67e3fd');
  });
  it('jumps and calls indirectly through registers and memory', () => {
    expect(hex('jmp', reg('r8'))).toBe('41ffe0');
    expect(hex('call', reg('rax'))).toBe('ffd0');
    expect(hex('call', reg('eax'))).toBe('!instruction not supported in 64-bit mode');
    expect(hex('jmp', mem({ base: 'rax' }))).toBe('ff20');
    expect(hex('jmp', mem({ base: 'rax', size: 4 }))).toBe('!instruction not supported in 64-bit mode');
    expect(hex('call', mem({ size: 8, disp: ORG, rel: true, reloc: true }))).toBe('ff15faffffff'); // x: call qword [rel x]
  });
  it('returns and interrupts', () => {
    expect(hex('ret')).toBe('c3');
    expect(hex('ret', imm(5))).toBe('c20500');
    expect(hex('retw', imm(5))).toBe('c20500'); // nasm emits no 66 here
    expect(hex('retfq', imm(5))).toBe('48ca0500');
    expect(hex('iretq')).toBe('48cf');
    expect(hex('int', imm(0x80))).toBe('cd80');
    expect(hex('int3')).toBe('cc');
    expect(hex('icebp')).toBe('f1');
  });
});

describe('system instructions and multi-byte nops', () => {
  it('encodes them', () => {
    expect(hex('nop', reg('eax'))).toBe('0f1fc0');
    expect(hex('nop', mem({ base: 'rax', index: 'rax', size: 2 }))).toBe('660f1f0400');
    expect(hex('invlpg', mem({ base: 'rax' }))).toBe('0f0138');
    expect(hex('lgdt', mem({ base: 'rax' }))).toBe('0f0110');
    expect(hex('invpcid', reg('r8'), mem({ base: 'r9', disp: 8 }))).toBe('664d0f38824108');
    expect(hex('pause')).toBe('f390');
    expect(hex('vmcall')).toBe('0f01c1');
    expect(hex('mfence')).toBe('0faef0');
    expect(hex('pushfq')).toBe('9c');
    expect(hex('pushfw')).toBe('669c');
    expect(hex('cdqe')).toBe('4898');
    expect(hex('sldt', reg('rax'))).toBe('0f00c0');
    expect(hex('str', reg('rax'))).toBe('480f00c8');
  });
});

describe('purity', () => {
  it('returns the same bytes for the same input and leaves the input alone', () => {
    const ops = [mem({ base: 'r12', index: 'r13', scale: 8, disp: -0x81, size: 8 }), imm(0x12345678)];
    const frozen = insn('lock add', ...ops.map((o) => Object.freeze({ ...o })));
    Object.freeze(frozen.operands);
    Object.freeze(frozen.prefixes);
    const a = encode(frozen, { address: ORG });
    encode(insn('jmp', imm(0, { unknown: true })), { address: 5n }); // something else in between
    const b = encode(frozen, { address: ORG });
    expect(a).toEqual(b);
    expect(a.ok && Buffer.from(a.bytes).toString('hex')).toBe('f04b8184ec7fffffff78563412');
  });
  it('never throws for user mistakes', () => {
    const bad: Instruction[] = [
      insn('mov'),
      insn('mov', reg('rax'), reg('rax'), reg('rax'), reg('rax')),
      insn('nosuch', reg('rax')),
      insn('mov', reg('rip'), imm(1)),
      insn('mov', reg('eax'), mem({ base: 'rip' })),
      insn('rep lock bogus mov', reg('eax'), reg('eax')),
      insn('mov', reg('eax'), mem({ base: 'al' })),
      insn('mov', reg('eax'), mem({ base: 'ds' })),
    ];
    for (const i of bad) expect(() => encode(i, { address: 0n })).not.toThrow();
    for (const i of bad) expect(encode(i, { address: 0n }).ok).toBe(false);
  });
});
