// The instruction forms the encoder knows: one table, in the spirit of NASM's
// insns.dat, and in NASM's order, because the first form that matches wins
// (`add eax, 1` takes `eax,sbd` → 83 /0 ib before `eax,imm` → 05 id).
//
// One line per form:   mnemonic | operands | roles | code | flags
//   operands  r8..r64 registers, rm8..rm64 register or memory, m m8..m128
//             memory, al ax eax rax cl cx ecx rcx dx r32na (not eax) sreg
//             es cs ss ds fs gs creg, i i8..i64 immediates, sbw/sbd (fits a
//             sign-extended byte at word/dword size, sbw16 sbd32 sbd64 with a
//             size), udw sdw (fits an unsigned/signed dword), one (the value
//             1), moffs (bare [offset] for a0..a3); `|short` `|near` `|far`
//   roles     one letter per operand: r ModRM.reg or +r, m ModRM.rm, i j the
//             first and second immediate, - implicit; `r+m` is one operand in
//             both roles (imul r32, imm)
//   code      o16 o32 o64 (REX.W) o64nw (no REX.W even for 64-bit registers),
//             a32 a64, p66 pf3 (mandatory prefixes, placed before REX), hex
//             opcode bytes, xx+r (register in the low bits), xx+c (condition
//             code), /r /0../7, ib ib.s ib.u iw id id.s iq iwdq rel8 rel,
//             jmp8 (short form, taken only if the target is in reach)
//   flags     SM SM2 (operands share the size of the first sized one), SB SW
//             SD SQ SO SIZE ANYSIZE (size of unsized operands), AR0..AR2 (the
//             S flag applies to that operand only), SX (no size guessing),
//             LOCK (lockable), NOLONG (not in 64-bit mode: only its error),
//             OBSOLETE (assembles with a warning)

import {
  C_ACC,
  C_COUNT,
  C_CREG,
  C_DX,
  C_GPR,
  C_IMMEDIATE,
  C_MEMORY,
  C_MEM_OFFS,
  C_NOTACC,
  C_REGISTER,
  C_REGMEM,
  C_SBYTEDWORD,
  C_SBYTEWORD,
  C_SDWORD,
  C_SEG0,
  C_SREG,
  C_UDWORD,
  C_UNITY,
  S_128,
  S_16,
  S_32,
  S_64,
  S_8,
  S_80,
  S_ANY,
  S_FAR,
  S_NEAR,
  S_SHORT,
} from './enc-operand.js';

export const enum Imm {
  /** ib: a byte, any value in [-256, 255] accepted silently. */
  B = 1,
  /** ib.s: a byte sign-extended to the operation size. */
  BS,
  /** ib.u: an unsigned byte. */
  BU,
  W,
  D,
  /** id.s: a dword sign-extended to 64 bits. */
  DS,
  Q,
  /** iwdq: an address of the address size (moffs). */
  ADDR,
  REL8,
  REL32,
}

export interface Template {
  readonly mnemonic: string;
  readonly nops: number;
  readonly cls: readonly number[];
  readonly size: readonly number[];
  /** Size given to unsized operands by SB..SO/SIZE/ANYSIZE, or 0. */
  readonly fill: number;
  /** Operand the fill applies to (ARn), or -1 for all. */
  readonly fillArg: number;
  /** 0, or the number of leading operands sharing one size (SM: all, SM2: 2). */
  readonly sameSize: number;
  readonly sx: boolean;
  readonly lock: boolean;
  readonly nolong: boolean;
  readonly obsolete: boolean;
  // encoding
  readonly o16: boolean;
  readonly o32: boolean;
  readonly o64: boolean;
  /** o64nw: REX.W is never set. */
  readonly noW: boolean;
  readonly a32: boolean;
  readonly a64: boolean;
  /** Bytes emitted before REX (mandatory 66/f3). */
  readonly pre: readonly number[];
  readonly opcode: readonly number[];
  /** Operand whose register number goes into the last opcode byte, or -1. */
  readonly plusReg: number;
  /** 0 none, 1 `/r`, 2 `/digit`. */
  readonly modrm: 0 | 1 | 2;
  readonly digit: number;
  readonly regOp: number;
  readonly rmOp: number;
  readonly imms: readonly { readonly kind: Imm; readonly op: number }[];
  /** Short form of a jump that the optimiser may pick (NASM's jmp8/jcc8). */
  readonly jump8: boolean;
}

/** Condition-code suffixes and their numbers (Intel SDM Table B-1), aliases included. */
export const CONDITIONS: readonly (readonly [string, number])[] = [
  ['o', 0], ['no', 1], ['b', 2], ['c', 2], ['nae', 2], ['ae', 3], ['nb', 3], ['nc', 3],
  ['e', 4], ['z', 4], ['ne', 5], ['nz', 5], ['be', 6], ['na', 6], ['a', 7], ['nbe', 7],
  ['s', 8], ['ns', 9], ['p', 10], ['pe', 10], ['np', 11], ['po', 11],
  ['l', 12], ['nge', 12], ['ge', 13], ['nl', 13], ['le', 14], ['ng', 14], ['g', 15], ['nle', 15],
];

const h = (n: number) => n.toString(16).padStart(2, '0');

function source(): string[] {
  const T: string[] = [];
  const add = (...l: string[]) => T.push(...l);

  // ---- data movement --------------------------------------------------------
  add(
    'mov | m,sreg | mr | 8c /r | SW',
    'mov | r16,sreg | mr | o16 8c /r |',
    'mov | r32,sreg | mr | o32 8c /r |',
    'mov | r64,sreg | mr | o64nw 8c /r |',
    'mov | rm64,sreg | mr | o64 8c /r |',
    'mov | sreg,m | rm | 8e /r | SW',
    'mov | sreg,r16 | rm | 8e /r |',
    'mov | sreg,r32 | rm | 8e /r |',
    'mov | sreg,r64 | rm | o64nw 8e /r |',
    'mov | sreg,r16 | rm | o16 8e /r |',
    'mov | sreg,r32 | rm | o32 8e /r |',
    'mov | sreg,rm64 | rm | o64 8e /r |',
    'mov | al,moffs | -i | a0 iwdq | SM',
    'mov | ax,moffs | -i | o16 a1 iwdq | SM',
    'mov | eax,moffs | -i | o32 a1 iwdq | SM',
    'mov | rax,moffs | -i | o64 a1 iwdq | SM',
    'mov | moffs,al | i- | a2 iwdq | SM',
    'mov | moffs,ax | i- | o16 a3 iwdq | SM',
    'mov | moffs,eax | i- | o32 a3 iwdq | SM',
    'mov | moffs,rax | i- | o64 a3 iwdq | SM',
    'mov | r32,creg | mr | 0f 20 /r | NOLONG',
    'mov | r64,creg | mr | o64nw 0f 20 /r |',
    'mov | creg,r32 | rm | 0f 22 /r | NOLONG',
    'mov | creg,r64 | rm | o64nw 0f 22 /r |',
  );
  const rr = (m: string, mr: number, rm: number, lock: string) => {
    const sm = 'SM';
    add(
      `${m} | m,r8 | mr | ${h(mr)} /r | ${sm}${lock}`,
      `${m} | r8,r8 | mr | ${h(mr)} /r |`,
      `${m} | m,r16 | mr | o16 ${h(mr + 1)} /r | ${sm}${lock}`,
      `${m} | r16,r16 | mr | o16 ${h(mr + 1)} /r |`,
      `${m} | m,r32 | mr | o32 ${h(mr + 1)} /r | ${sm}${lock}`,
      `${m} | r32,r32 | mr | o32 ${h(mr + 1)} /r |`,
      `${m} | m,r64 | mr | o64 ${h(mr + 1)} /r | ${sm}${lock}`,
      `${m} | r64,r64 | mr | o64 ${h(mr + 1)} /r |`,
      `${m} | r8,m | rm | ${h(rm)} /r | SM`,
      `${m} | r8,r8 | rm | ${h(rm)} /r |`,
      `${m} | r16,m | rm | o16 ${h(rm + 1)} /r | SM`,
      `${m} | r16,r16 | rm | o16 ${h(rm + 1)} /r |`,
      `${m} | r32,m | rm | o32 ${h(rm + 1)} /r | SM`,
      `${m} | r32,r32 | rm | o32 ${h(rm + 1)} /r |`,
      `${m} | r64,m | rm | o64 ${h(rm + 1)} /r | SM`,
      `${m} | r64,r64 | rm | o64 ${h(rm + 1)} /r |`,
    );
  };
  rr('mov', 0x88, 0x8a, '');
  add(
    'mov | r8,i | ri | b0+r ib | SM',
    'mov | r16,i | ri | o16 b8+r iw | SM',
    'mov | r32,i | ri | o32 b8+r id | SM',
    // NASM shrinks mov r64, imm: b8+r id when it fits 32 bits unsigned, c7 /0 id when signed.
    'mov | r64,udw | ri | o64nw b8+r id | SM',
    'mov | r64,sdw | mi | o64 c7 /0 id.s | SM',
    'mov | r64,i | ri | o64 b8+r iq | SM',
    'mov | rm8,i | mi | c6 /0 ib | SM',
    'mov | rm16,i | mi | o16 c7 /0 iw | SM',
    'mov | rm32,i | mi | o32 c7 /0 id | SM',
    'mov | rm64,i | mi | o64 c7 /0 id.s | SM',
    'mov | rm64,i32 | mi | o64 c7 /0 id.s |',
    'mov | m,i8 | mi | c6 /0 ib | SM',
    'mov | m,i16 | mi | o16 c7 /0 iw | SM',
    'mov | m,i32 | mi | o32 c7 /0 id | SM',
  );
  for (const [m, b, w] of [['movsx', 0xbe, 0xbf], ['movzx', 0xb6, 0xb7]] as const) {
    add(
      `${m} | r16,m | rm | o16 0f ${h(b)} /r | SB`,
      `${m} | r16,r8 | rm | o16 0f ${h(b)} /r |`,
      `${m} | r32,rm8 | rm | o32 0f ${h(b)} /r |`,
      `${m} | r32,rm16 | rm | o32 0f ${h(w)} /r |`,
      `${m} | r64,rm8 | rm | o64 0f ${h(b)} /r |`,
      `${m} | r64,rm16 | rm | o64 0f ${h(w)} /r |`,
    );
  }
  add('movsxd | r64,rm32 | rm | o64 63 /r |', 'movsx | r64,rm32 | rm | o64 63 /r |');
  add('lea | r16,m | rm | o16 8d /r | ANYSIZE', 'lea | r32,m | rm | o32 8d /r | ANYSIZE', 'lea | r64,m | rm | o64 8d /r | ANYSIZE');
  // `lea reg, imm` takes the immediate as an absolute address.
  add('lea | r16,i | rm | o16 8d /r | ANYSIZE', 'lea | r32,i | rm | o32 8d /r | ANYSIZE', 'lea | r64,i | rm | o64 8d /r | ANYSIZE');
  add(
    'xchg | ax,r16 | -r | o16 90+r |',
    'xchg | eax,r32na | -r | o32 90+r |',
    'xchg | rax,r64 | -r | o64 90+r |',
    'xchg | r16,ax | r- | o16 90+r |',
    'xchg | r32na,eax | r- | o32 90+r |',
    'xchg | r64,rax | r- | o64 90+r |',
    // 90 is nop in 64-bit mode, where xchg eax, eax must zero-extend: 87 c0.
    'xchg | eax,eax | -- | o32 90 | NOLONG',
    'xchg | r8,m | rm | 86 /r | SM LOCK',
    'xchg | r8,r8 | rm | 86 /r |',
    'xchg | r16,m | rm | o16 87 /r | SM LOCK',
    'xchg | r16,r16 | rm | o16 87 /r |',
    'xchg | r32,m | rm | o32 87 /r | SM LOCK',
    'xchg | r32,r32 | rm | o32 87 /r |',
    'xchg | r64,m | rm | o64 87 /r | SM LOCK',
    'xchg | r64,r64 | rm | o64 87 /r |',
    'xchg | m,r8 | mr | 86 /r | SM LOCK',
    'xchg | r8,r8 | mr | 86 /r |',
    'xchg | m,r16 | mr | o16 87 /r | SM LOCK',
    'xchg | r16,r16 | mr | o16 87 /r |',
    'xchg | m,r32 | mr | o32 87 /r | SM LOCK',
    'xchg | r32,r32 | mr | o32 87 /r |',
    'xchg | m,r64 | mr | o64 87 /r | SM LOCK',
    'xchg | r64,r64 | mr | o64 87 /r |',
  );
  for (const [m, op] of [['cmpxchg', 0xb0], ['xadd', 0xc0]] as const) {
    add(
      `${m} | m,r8 | mr | 0f ${h(op)} /r | SM LOCK`,
      `${m} | r8,r8 | mr | 0f ${h(op)} /r |`,
      `${m} | m,r16 | mr | o16 0f ${h(op + 1)} /r | SM LOCK`,
      `${m} | r16,r16 | mr | o16 0f ${h(op + 1)} /r |`,
      `${m} | m,r32 | mr | o32 0f ${h(op + 1)} /r | SM LOCK`,
      `${m} | r32,r32 | mr | o32 0f ${h(op + 1)} /r |`,
      `${m} | m,r64 | mr | o64 0f ${h(op + 1)} /r | SM LOCK`,
      `${m} | r64,r64 | mr | o64 0f ${h(op + 1)} /r |`,
    );
  }
  add(
    'push | r16 | r | o16 50+r |',
    'push | r32 | r | o32 50+r | NOLONG',
    'push | r64 | r | o64nw 50+r |',
    'push | rm16 | m | o16 ff /6 |',
    'push | rm32 | m | o32 ff /6 | NOLONG',
    'push | rm64 | m | o64nw ff /6 |',
    'push | es | - | 06 | NOLONG',
    'push | cs | - | 0e | NOLONG',
    'push | ss | - | 16 | NOLONG',
    'push | ds | - | 1e | NOLONG',
    'push | fs | - | 0f a0 |',
    'push | gs | - | 0f a8 |',
    'push | i8 | i | 6a ib.s |',
    'push | sbw16 | i | o16 6a ib.s | AR0 SIZE',
    'push | i16 | i | o16 68 iw | AR0 SIZE',
    'push | sbd32 | i | o32 6a ib.s | NOLONG AR0 SIZE',
    'push | i32 | i | o32 68 id | NOLONG AR0 SIZE',
    'push | sbd32 | i | o32 6a ib.s | NOLONG SD',
    'push | i32 | i | o32 68 id | NOLONG SD',
    'push | sbd64 | i | o64nw 6a ib.s | AR0 SIZE',
    'push | i64 | i | o64nw 68 id.s | AR0 SIZE',
    'push | sbd32 | i | o64nw 6a ib.s | AR0 SIZE',
    'push | i32 | i | o64nw 68 id.s | AR0 SIZE',
    'pop | r16 | r | o16 58+r |',
    'pop | r32 | r | o32 58+r | NOLONG',
    'pop | r64 | r | o64nw 58+r |',
    'pop | rm16 | m | o16 8f /0 |',
    'pop | rm32 | m | o32 8f /0 | NOLONG',
    'pop | rm64 | m | o64nw 8f /0 |',
    'pop | es | - | 07 | NOLONG',
    'pop | cs | - | 0f | OBSOLETE',
    'pop | ss | - | 17 | NOLONG',
    'pop | ds | - | 1f | NOLONG',
    'pop | fs | - | 0f a1 |',
    'pop | gs | - | 0f a9 |',
  );
  for (const [m, op] of [['push', 0x9c], ['pop', 0x9d]] as const) {
    add(`${m}f |  |  | ${h(op)} |`, `${m}fd |  |  | o32 ${h(op)} | NOLONG`, `${m}fq |  |  | o32 ${h(op)} |`, `${m}fw |  |  | o16 ${h(op)} |`);
  }
  add('bswap | r32 | r | o32 0f c8+r |', 'bswap | r64 | r | o64 0f c8+r |');
  for (const [cc, n] of CONDITIONS) {
    add(
      `cmov${cc} | r16,m | rm | o16 0f ${h(0x40 + n)} /r | SM`,
      `cmov${cc} | r16,r16 | rm | o16 0f ${h(0x40 + n)} /r |`,
      `cmov${cc} | r32,m | rm | o32 0f ${h(0x40 + n)} /r | SM`,
      `cmov${cc} | r32,r32 | rm | o32 0f ${h(0x40 + n)} /r |`,
      `cmov${cc} | r64,m | rm | o64 0f ${h(0x40 + n)} /r | SM`,
      `cmov${cc} | r64,r64 | rm | o64 0f ${h(0x40 + n)} /r |`,
      `set${cc} | m | m | 0f ${h(0x90 + n)} /0 | SB`,
      `set${cc} | r8 | m | 0f ${h(0x90 + n)} /0 |`,
    );
  }

  // ---- arithmetic and logic -----------------------------------------------------
  const ARITH = [['add', 0], ['or', 1], ['adc', 2], ['sbb', 3], ['and', 4], ['sub', 5], ['xor', 6], ['cmp', 7]] as const;
  for (const [m, d] of ARITH) {
    const b = d * 8;
    const L = m === 'cmp' ? '' : ' LOCK';
    rr(m, b, b + 2, L);
    add(
      `${m} | rm16,i8 | mi | o16 83 /${d} ib.s |${L}`,
      `${m} | rm32,i8 | mi | o32 83 /${d} ib.s |${L}`,
      `${m} | rm64,i8 | mi | o64 83 /${d} ib.s |${L}`,
      `${m} | al,i | -i | ${h(b + 4)} ib | SM`,
      `${m} | ax,sbw | mi | o16 83 /${d} ib.s | SM`,
      `${m} | ax,i | -i | o16 ${h(b + 5)} iw | SM`,
      `${m} | eax,sbd | mi | o32 83 /${d} ib.s | SM`,
      `${m} | eax,i | -i | o32 ${h(b + 5)} id | SM`,
      `${m} | rax,sbd | mi | o64 83 /${d} ib.s | SM`,
      `${m} | rax,i | -i | o64 ${h(b + 5)} id.s | SM`,
      `${m} | rm8,i | mi | 80 /${d} ib | SM${L}`,
      `${m} | rm16,sbw | mi | o16 83 /${d} ib.s | SM${L}`,
      `${m} | rm16,i | mi | o16 81 /${d} iw | SM${L}`,
      `${m} | rm32,sbd | mi | o32 83 /${d} ib.s | SM${L}`,
      `${m} | rm32,i | mi | o32 81 /${d} id | SM${L}`,
      `${m} | rm64,sbd | mi | o64 83 /${d} ib.s | SM${L}`,
      `${m} | rm64,i | mi | o64 81 /${d} id.s | SM${L}`,
      `${m} | m,i8 | mi | 80 /${d} ib | SM${L}`,
      `${m} | m,sbw16 | mi | o16 83 /${d} ib.s | SM${L}`,
      `${m} | m,i16 | mi | o16 81 /${d} iw | SM${L}`,
      `${m} | m,sbd32 | mi | o32 83 /${d} ib.s | SM${L}`,
      `${m} | m,i32 | mi | o32 81 /${d} id | SM${L}`,
      `${m} | rm8,i | mi | 82 /${d} ib | SM NOLONG${L}`,
    );
  }
  add(
    'test | m,r8 | mr | 84 /r | SM',
    'test | r8,r8 | mr | 84 /r |',
    'test | m,r16 | mr | o16 85 /r | SM',
    'test | r16,r16 | mr | o16 85 /r |',
    'test | m,r32 | mr | o32 85 /r | SM',
    'test | r32,r32 | mr | o32 85 /r |',
    'test | m,r64 | mr | o64 85 /r | SM',
    'test | r64,r64 | mr | o64 85 /r |',
    'test | r8,m | rm | 84 /r | SM',
    'test | r16,m | rm | o16 85 /r | SM',
    'test | r32,m | rm | o32 85 /r | SM',
    'test | r64,m | rm | o64 85 /r | SM',
    'test | al,i | -i | a8 ib | SM',
    'test | ax,i | -i | o16 a9 iw | SM',
    'test | eax,i | -i | o32 a9 id | SM',
    'test | rax,i | -i | o64 a9 id.s | SM',
    'test | rm8,i | mi | f6 /0 ib | SM',
    'test | rm16,i | mi | o16 f7 /0 iw | SM',
    'test | rm32,i | mi | o32 f7 /0 id | SM',
    'test | rm64,i | mi | o64 f7 /0 id.s | SM',
    'test | m,i8 | mi | f6 /0 ib | SM',
    'test | m,i16 | mi | o16 f7 /0 iw | SM',
    'test | m,i32 | mi | o32 f7 /0 id | SM',
  );
  for (const [m, d] of [['inc', 0], ['dec', 1]] as const) {
    add(
      `${m} | r16 | r | o16 ${h(0x40 + 8 * d)}+r | NOLONG`,
      `${m} | r32 | r | o32 ${h(0x40 + 8 * d)}+r | NOLONG`,
      `${m} | rm8 | m | fe /${d} | LOCK`,
      `${m} | rm16 | m | o16 ff /${d} | LOCK`,
      `${m} | rm32 | m | o32 ff /${d} | LOCK`,
      `${m} | rm64 | m | o64 ff /${d} | LOCK`,
    );
  }
  for (const [m, d, L] of [['not', 2, ' LOCK'], ['neg', 3, ' LOCK'], ['mul', 4, ''], ['imul', 5, ''], ['div', 6, ''], ['idiv', 7, '']] as const) {
    add(
      `${m} | rm8 | m | f6 /${d} |${L}`,
      `${m} | rm16 | m | o16 f7 /${d} |${L}`,
      `${m} | rm32 | m | o32 f7 /${d} |${L}`,
      `${m} | rm64 | m | o64 f7 /${d} |${L}`,
    );
  }
  for (const [r, o] of [['r16', 'o16'], ['r32', 'o32'], ['r64', 'o64']] as const) {
    add(`imul | ${r},m | rm | ${o} 0f af /r | SM`, `imul | ${r},${r} | rm | ${o} 0f af /r |`);
  }
  for (const [r, o, sb, imm, ims, wide] of [
    ['r16', 'o16', 'sbw', 'i16', 'iw', 'iw'],
    ['r32', 'o32', 'sbd', 'i32', 'id', 'id'],
    ['r64', 'o64', 'sbd', 'i32', 'id', 'id.s'],
  ] as const) {
    add(
      `imul | ${r},m,i8 | rmi | ${o} 6b /r ib.s | SM2`,
      `imul | ${r},m,${sb} | rmi | ${o} 6b /r ib.s | SM`,
      `imul | ${r},m,${imm} | rmi | ${o} 69 /r ${ims} | ${r === 'r64' ? 'SM2' : 'SM'}`,
      `imul | ${r},m,i | rmi | ${o} 69 /r ${wide} | SM`,
      `imul | ${r},${r},i8 | rmi | ${o} 6b /r ib.s |`,
      `imul | ${r},${r},${sb} | rmi | ${o} 6b /r ib.s | SM`,
      `imul | ${r},${r},${imm} | rmi | ${o} 69 /r ${ims} |`,
      `imul | ${r},${r},i | rmi | ${o} 69 /r ${wide} | SM`,
    );
  }
  for (const [r, o, sb, imm, ims, wide] of [
    ['r16', 'o16', 'sbw', 'i16', 'iw', 'iw'],
    ['r32', 'o32', 'sbd', 'i32', 'id', 'id'],
    ['r64', 'o64', 'sbd', 'i32', 'id.s', 'id.s'],
  ] as const) {
    add(
      `imul | ${r},i8 | r+mi | ${o} 6b /r ib.s |`,
      `imul | ${r},${sb} | r+mi | ${o} 6b /r ib.s | SM`,
      `imul | ${r},${imm} | r+mi | ${o} 69 /r ${ims} |`,
      `imul | ${r},i | r+mi | ${o} 69 /r ${wide} | SM`,
    );
  }
  add('cbw |  |  | o16 98 |', 'cwde |  |  | o32 98 |', 'cdqe |  |  | o64 98 |', 'cwd |  |  | o16 99 |', 'cdq |  |  | o32 99 |', 'cqo |  |  | o64 99 |');

  // ---- shifts, rotates, bits ---------------------------------------------------------
  for (const [m, d] of [['rol', 0], ['ror', 1], ['rcl', 2], ['rcr', 3], ['shl', 4], ['sal', 4], ['shr', 5], ['sar', 7]] as const) {
    add(
      `${m} | rm8,one | m- | d0 /${d} |`,
      `${m} | rm8,cl | m- | d2 /${d} |`,
      `${m} | rm8,i8 | mi | c0 /${d} ib.u |`,
      `${m} | rm16,one | m- | o16 d1 /${d} |`,
      `${m} | rm16,cl | m- | o16 d3 /${d} |`,
      `${m} | rm16,i8 | mi | o16 c1 /${d} ib.u |`,
      `${m} | rm32,one | m- | o32 d1 /${d} |`,
      `${m} | rm32,cl | m- | o32 d3 /${d} |`,
      `${m} | rm32,i8 | mi | o32 c1 /${d} ib.u |`,
      `${m} | rm64,one | m- | o64 d1 /${d} |`,
      `${m} | rm64,cl | m- | o64 d3 /${d} |`,
      `${m} | rm64,i8 | mi | o64 c1 /${d} ib.u |`,
    );
  }
  for (const [m, ib, cl] of [['shld', 0xa4, 0xa5], ['shrd', 0xac, 0xad]] as const) {
    for (const [r, o] of [['r16', 'o16'], ['r32', 'o32'], ['r64', 'o64']] as const) {
      add(`${m} | m,${r},i | mri | ${o} 0f ${h(ib)} /r ib.u | SM2 SB AR2`, `${m} | ${r},${r},i | mri | ${o} 0f ${h(ib)} /r ib.u | SM2 SB AR2`);
    }
    for (const [r, o] of [['r16', 'o16'], ['r32', 'o32'], ['r64', 'o64']] as const) {
      add(`${m} | m,${r},cl | mr- | ${o} 0f ${h(cl)} /r | SM`, `${m} | ${r},${r},cl | mr- | ${o} 0f ${h(cl)} /r |`);
    }
  }
  for (const [m, rop, d, L] of [['bt', 0xa3, 4, ''], ['bts', 0xab, 5, ' LOCK'], ['btr', 0xb3, 6, ' LOCK'], ['btc', 0xbb, 7, ' LOCK']] as const) {
    add(
      `${m} | m,r16 | mr | o16 0f ${h(rop)} /r | SM${L}`,
      `${m} | r16,r16 | mr | o16 0f ${h(rop)} /r |`,
      `${m} | m,r32 | mr | o32 0f ${h(rop)} /r | SM${L}`,
      `${m} | r32,r32 | mr | o32 0f ${h(rop)} /r |`,
      `${m} | m,r64 | mr | o64 0f ${h(rop)} /r | SM${L}`,
      `${m} | r64,r64 | mr | o64 0f ${h(rop)} /r |`,
      `${m} | rm16,i8 | mi | o16 0f ba /${d} ib.u |${L}`,
      `${m} | rm32,i8 | mi | o32 0f ba /${d} ib.u |${L}`,
      `${m} | rm64,i8 | mi | o64 0f ba /${d} ib.u |${L}`,
    );
  }
  for (const [m, op] of [['bsf', 0xbc], ['bsr', 0xbd]] as const) {
    add(
      `${m} | r16,m | rm | o16 0f ${h(op)} /r | SM`,
      `${m} | r16,r16 | rm | o16 0f ${h(op)} /r |`,
      `${m} | r32,m | rm | o32 0f ${h(op)} /r | SM`,
      `${m} | r32,r32 | rm | o32 0f ${h(op)} /r |`,
      `${m} | r64,m | rm | o64 0f ${h(op)} /r | SM`,
      `${m} | r64,r64 | rm | o64 0f ${h(op)} /r |`,
    );
  }

  // ---- control transfer -----------------------------------------------------------
  add(
    'jmp | i|short | i | eb rel8 |',
    'jmp | i | i | jmp8 eb rel8 |',
    'jmp | i | i | e9 rel |',
    'jmp | i|near | i | e9 rel |',
    'jmp | i|far | i | ea | NOLONG',
    'jmp | i16 | i | o16 e9 rel | NOLONG',
    'jmp | i16|near | i | o16 e9 rel | NOLONG',
    'jmp | i16|far | i | ea | NOLONG',
    'jmp | i32 | i | o32 e9 rel | NOLONG',
    'jmp | i32|near | i | o32 e9 rel | NOLONG',
    'jmp | i32|far | i | ea | NOLONG',
    'jmp | i64 | i | o64nw e9 rel |',
    'jmp | i64|near | i | o64nw e9 rel |',
    'jmp | m|far | m | ff /5 | NOLONG',
    'jmp | m|far | m | o64 ff /5 |',
    'jmp | m16|far | m | o16 ff /5 |',
    'jmp | m32|far | m | o32 ff /5 |',
    'jmp | m64|far | m | o64 ff /5 |',
    'jmp | m|near | m | ff /4 |',
    'jmp | rm16|near | m | o16 ff /4 | NOLONG',
    'jmp | rm32|near | m | o32 ff /4 | NOLONG',
    'jmp | rm64|near | m | o64nw ff /4 |',
    'jmp | m | m | ff /4 |',
    'jmp | rm16 | m | o16 ff /4 | NOLONG',
    'jmp | rm32 | m | o32 ff /4 | NOLONG',
    'jmp | rm64 | m | o64nw ff /4 |',
    'call | i | i | e8 rel |',
    'call | i|near | i | e8 rel |',
    'call | i|far | i | 9a | NOLONG',
    'call | i16 | i | o16 e8 rel | NOLONG',
    'call | i16|near | i | o16 e8 rel | NOLONG',
    'call | i16|far | i | 9a | NOLONG',
    'call | i32 | i | o32 e8 rel | NOLONG',
    'call | i32|near | i | o32 e8 rel | NOLONG',
    'call | i32|far | i | 9a | NOLONG',
    'call | i64 | i | o64nw e8 rel |',
    'call | i64|near | i | o64nw e8 rel |',
    'call | m|far | m | ff /3 | NOLONG',
    'call | m|far | m | o64 ff /3 |',
    'call | m16|far | m | o16 ff /3 |',
    'call | m32|far | m | o32 ff /3 |',
    'call | m64|far | m | o64 ff /3 |',
    'call | m|near | m | ff /2 |',
    'call | rm16|near | m | o16 ff /2 | NOLONG',
    'call | rm32|near | m | o32 ff /2 | NOLONG',
    'call | rm64|near | m | o64nw ff /2 |',
    'call | m | m | ff /2 |',
    'call | rm16 | m | o16 ff /2 | NOLONG',
    'call | rm32 | m | o32 ff /2 | NOLONG',
    'call | rm64 | m | o64nw ff /2 |',
  );
  for (const [cc, n] of CONDITIONS) {
    const j = `j${cc}`;
    add(
      `${j} | i|near | i | 0f ${h(0x80 + n)} rel |`,
      `${j} | i16|near | i | o16 0f ${h(0x80 + n)} rel | NOLONG`,
      `${j} | i32|near | i | o32 0f ${h(0x80 + n)} rel | NOLONG`,
      `${j} | i64|near | i | o64nw 0f ${h(0x80 + n)} rel |`,
      `${j} | i|short | i | ${h(0x70 + n)} rel8 |`,
      `${j} | i | i | jmp8 ${h(0x70 + n)} rel8 |`,
      `${j} | i | i | 0f ${h(0x80 + n)} rel |`,
    );
  }
  for (const [m, op] of [['loop', 0xe2], ['loope', 0xe1], ['loopz', 0xe1], ['loopne', 0xe0], ['loopnz', 0xe0]] as const) {
    add(
      `${m} | i | i | ${h(op)} rel8 |`,
      `${m} | i,cx | i- | ${h(op)} rel8 | NOLONG`,
      `${m} | i,ecx | i- | a32 ${h(op)} rel8 |`,
      `${m} | i,rcx | i- | a64 ${h(op)} rel8 |`,
    );
  }
  add('jcxz | i | i | e3 rel8 | NOLONG', 'jecxz | i | i | a32 e3 rel8 |', 'jrcxz | i | i | o64nw a64 e3 rel8 |');
  // NASM quirk kept: `retw imm` has no 66 prefix (`retnw imm` has).
  for (const [m, o, oi] of [['ret', '', ''], ['retn', '', ''], ['retq', 'o64nw ', 'o64nw '], ['retnq', 'o64nw ', 'o64nw '], ['retw', 'o16 ', ''], ['retnw', 'o16 ', 'o16 ']] as const) {
    add(`${m} |  |  | ${o}c3 |`, `${m} | i | i | ${oi}c2 iw | SW`);
  }
  for (const [m, o] of [['retf', ''], ['retfq', 'o64 '], ['retfd', 'o32 '], ['retfw', 'o16 ']] as const) {
    add(`${m} |  |  | ${o}cb |`, `${m} | i | i | ${o}ca iw | SW`);
  }
  add('retd |  |  | o32 c3 | NOLONG', 'retnd |  |  | o32 c3 | NOLONG');
  add('enter | i,i | ij | c8 iw ib.u |', 'leave |  |  | c9 |');
  add('int | i | i | cd ib.u | SB', 'int1 |  |  | f1 |', 'int01 |  |  | f1 |', 'icebp |  |  | f1 |', 'int3 |  |  | cc |', 'int03 |  |  | cc |', 'into |  |  | ce | NOLONG');
  add('iret |  |  | cf |', 'iretd |  |  | o32 cf |', 'iretq |  |  | o64 cf |', 'iretw |  |  | o16 cf |');

  // ---- strings ------------------------------------------------------------------------
  for (const [m, b] of [['movs', 0xa4], ['cmps', 0xa6], ['stos', 0xaa], ['lods', 0xac], ['scas', 0xae]] as const) {
    add(`${m}b |  |  | ${h(b)} |`, `${m}w |  |  | o16 ${h(b + 1)} |`, `${m}d |  |  | o32 ${h(b + 1)} |`, `${m}q |  |  | o64 ${h(b + 1)} |`);
  }
  add('insb |  |  | 6c |', 'insw |  |  | o16 6d |', 'insd |  |  | o32 6d |', 'outsb |  |  | 6e |', 'outsw |  |  | o16 6f |', 'outsd |  |  | o32 6f |');

  // ---- ports, flags, system ------------------------------------------------------------
  add(
    'in | al,i | -i | e4 ib.u | SB',
    'in | ax,i | -i | o16 e5 ib.u | SB',
    'in | eax,i | -i | o32 e5 ib.u | SB',
    'in | al,dx | -- | ec |',
    'in | ax,dx | -- | o16 ed |',
    'in | eax,dx | -- | o32 ed |',
    'out | i,al | i- | e6 ib.u | SB',
    'out | i,ax | i- | o16 e7 ib.u | SB',
    'out | i,eax | i- | o32 e7 ib.u | SB',
    'out | dx,al | -- | ee |',
    'out | dx,ax | -- | o16 ef |',
    'out | dx,eax | -- | o32 ef |',
  );
  const plain: [string, string][] = [
    ['hlt', 'f4'], ['cli', 'fa'], ['sti', 'fb'], ['clc', 'f8'], ['stc', 'f9'], ['cmc', 'f5'], ['cld', 'fc'], ['std', 'fd'],
    ['lahf', '9f'], ['sahf', '9e'], ['xlatb', 'd7'], ['xlat', 'd7'], ['cpuid', '0f a2'], ['rdtsc', '0f 31'], ['rdtscp', '0f 01 f9'],
    ['rdmsr', '0f 32'], ['wrmsr', '0f 30'], ['rdpmc', '0f 33'], ['ud2', '0f 0b'], ['ud2a', '0f 0b'], ['clts', '0f 06'],
    ['invd', '0f 08'], ['wbinvd', '0f 09'], ['syscall', '0f 05'], ['sysret', '0f 07'], ['swapgs', '0f 01 f8'],
    ['vmcall', '0f 01 c1'], ['vmlaunch', '0f 01 c2'], ['vmresume', '0f 01 c3'], ['vmxoff', '0f 01 c4'],
    ['lfence', '0f ae e8'], ['mfence', '0f ae f0'], ['sfence', '0f ae f8'], ['pause', 'pf3 90'],
  ];
  for (const [m, code] of plain) add(`${m} |  |  | ${code} |`);
  add('nop |  |  | 90 |', 'nop | rm16 | m | o16 0f 1f /0 |', 'nop | rm32 | m | o32 0f 1f /0 |', 'nop | rm64 | m | o64 0f 1f /0 |');
  for (const [m, d] of [['sgdt', 0], ['sidt', 1], ['lgdt', 2], ['lidt', 3], ['invlpg', 7]] as const) add(`${m} | m | m | 0f 01 /${d} |`);
  for (const [m, d] of [['lldt', 2], ['ltr', 3]] as const) add(`${m} | m | m | 0f 00 /${d} |`, `${m} | m16 | m | 0f 00 /${d} |`, `${m} | r16 | m | 0f 00 /${d} |`);
  for (const [m, d] of [['sldt', 0], ['str', 1]] as const) {
    add(`${m} | m | m | 0f 00 /${d} |`, `${m} | m16 | m | 0f 00 /${d} |`, `${m} | r16 | m | o16 0f 00 /${d} |`, `${m} | r32 | m | o32 0f 00 /${d} |`);
    // sldt r64 needs no REX.W (it zero-extends anyway); str r64 keeps it.
    if (m === 'sldt') add(`${m} | r64 | m | o64nw 0f 00 /${d} |`);
    add(`${m} | r64 | m | o64 0f 00 /${d} |`);
  }
  add('invpcid | r32,m128 | rm | p66 0f 38 82 /r | NOLONG', 'invpcid | r64,m128 | rm | p66 0f 38 82 /r |');
  return T;
}

// ---- compiling the table ------------------------------------------------------------

const OPERANDS: Record<string, [number, number]> = (() => {
  const R = C_REGISTER | C_REGMEM | C_GPR;
  const t: Record<string, [number, number]> = {
    m: [C_MEMORY, 0],
    moffs: [C_MEMORY | C_MEM_OFFS, 0],
    i: [C_IMMEDIATE, 0],
    sbw: [C_IMMEDIATE | C_SBYTEWORD, 0],
    sbw16: [C_IMMEDIATE | C_SBYTEWORD, S_16],
    sbd: [C_IMMEDIATE | C_SBYTEDWORD, 0],
    sbd32: [C_IMMEDIATE | C_SBYTEDWORD, S_32],
    sbd64: [C_IMMEDIATE | C_SBYTEDWORD, S_64],
    udw: [C_IMMEDIATE | C_UDWORD, 0],
    sdw: [C_IMMEDIATE | C_SDWORD, 0],
    one: [C_IMMEDIATE | C_UNITY, 0],
    al: [R | C_ACC, S_8],
    ax: [R | C_ACC, S_16],
    eax: [R | C_ACC, S_32],
    rax: [R | C_ACC, S_64],
    cl: [R | C_NOTACC | C_COUNT, S_8],
    cx: [R | C_NOTACC | C_COUNT, S_16],
    ecx: [R | C_NOTACC | C_COUNT, S_32],
    rcx: [R | C_NOTACC | C_COUNT, S_64],
    dx: [R | C_NOTACC | C_DX, S_16],
    r32na: [R | C_NOTACC, S_32],
    sreg: [C_REGISTER | C_SREG, S_16],
    creg: [C_REGISTER | C_CREG, 0],
  };
  const sizes: [string, number][] = [['8', S_8], ['16', S_16], ['32', S_32], ['64', S_64], ['80', S_80], ['128', S_128]];
  for (const [n, s] of sizes) {
    t[`r${n}`] = [R, s];
    t[`rm${n}`] = [C_REGMEM | C_GPR, s];
    t[`m${n}`] = [C_MEMORY, s];
    t[`i${n}`] = [C_IMMEDIATE, s];
  }
  ['es', 'cs', 'ss', 'ds', 'fs', 'gs'].forEach((n, k) => (t[n] = [C_REGISTER | C_SREG | (C_SEG0 << k), S_16]));
  return t;
})();

const FILL: Record<string, number> = { SB: S_8, SW: S_16, SD: S_32, SQ: S_64, SO: S_128, SIZE: S_64, ANYSIZE: S_ANY };
const IMMS: Record<string, Imm> = {
  ib: Imm.B, 'ib.s': Imm.BS, 'ib.u': Imm.BU, iw: Imm.W, id: Imm.D, 'id.s': Imm.DS, iq: Imm.Q, iwdq: Imm.ADDR, rel8: Imm.REL8, rel: Imm.REL32,
};

function compile(line: string): Template {
  const f = line.split('|').map((s) => s.trim());
  // operands may contain `|short`: re-join the operand field
  const [mnemonic, ...rest] = f;
  const flags = rest.pop()!;
  const code = rest.pop()!;
  const roles = rest.pop()!;
  const opsText = rest.join('|');
  const bad = (why: string) => new Error(`enc-table: ${why} in "${line}"`);

  const cls: number[] = [];
  const size: number[] = [];
  if (opsText !== '') {
    for (const o of opsText.split(',')) {
      const [base, ...mods] = o.split('|');
      const d = OPERANDS[base!];
      if (!d) throw bad(`unknown operand ${base}`);
      let s = d[1];
      for (const m of mods) s |= m === 'short' ? S_SHORT : m === 'near' ? S_NEAR : m === 'far' ? S_FAR : 0;
      cls.push(d[0]);
      size.push(s);
    }
  }
  // roles: one entry per operand, `r+m` shares one operand
  let regOp = -1;
  let rmOp = -1;
  const immOps: number[] = [];
  let k = -1;
  for (let p = 0; p < roles.length; p++) {
    const ch = roles[p]!;
    if (ch === '+') {
      p++;
    } else k++;
    const r = roles[p]!;
    if (r === 'r') regOp = k;
    else if (r === 'm') rmOp = k;
    else if (r === 'i') immOps[0] = k;
    else if (r === 'j') immOps[1] = k;
  }
  if (roles !== '' && k + 1 !== cls.length) throw bad('roles do not match operands');

  let o16 = false, o32 = false, o64 = false, noW = false, a32 = false, a64 = false, jump8 = false;
  const pre: number[] = [];
  const opcode: number[] = [];
  let plusReg = -1;
  let modrm: 0 | 1 | 2 = 0;
  let digit = 0;
  const imms: { kind: Imm; op: number }[] = [];
  for (const tok of code.split(/\s+/)) {
    if (tok === 'o16') o16 = true;
    else if (tok === 'o32') o32 = true;
    else if (tok === 'o64') o64 = true;
    else if (tok === 'o64nw') noW = true;
    else if (tok === 'a32') a32 = true;
    else if (tok === 'a64') a64 = true;
    else if (tok === 'jmp8') jump8 = true;
    else if (tok === 'p66') pre.push(0x66);
    else if (tok === 'pf3') pre.push(0xf3);
    else if (tok === '/r') modrm = 1;
    else if (/^\/[0-7]$/.test(tok)) {
      modrm = 2;
      digit = Number(tok[1]);
    } else if (tok in IMMS) {
      const kind = IMMS[tok]!;
      const op = immOps[imms.length];
      if (op === undefined) throw bad(`no operand for ${tok}`);
      imms.push({ kind, op });
    } else if (/^[0-9a-f]{2}\+r$/.test(tok)) {
      opcode.push(parseInt(tok, 16));
      plusReg = regOp;
    } else if (/^[0-9a-f]{2}$/.test(tok)) opcode.push(parseInt(tok, 16));
    else throw bad(`unknown code ${tok}`);
  }
  if (modrm === 1 && (regOp < 0 || rmOp < 0)) throw bad('/r needs r and m roles');
  if (modrm === 2 && rmOp < 0) throw bad('/digit needs an m role');

  let fill = 0;
  let fillArg = -1;
  let sameSize = 0;
  let sx = false, lock = false, nolong = false, obsolete = false;
  for (const fl of flags.split(/\s+/)) {
    if (fl === '') continue;
    if (fl in FILL) fill = FILL[fl]!;
    else if (/^AR[0-2]$/.test(fl)) fillArg = Number(fl[2]);
    else if (fl === 'SM') sameSize = cls.length;
    else if (fl === 'SM2') sameSize = 2;
    else if (fl === 'SX') sx = true;
    else if (fl === 'LOCK') lock = true;
    else if (fl === 'NOLONG') nolong = true;
    else if (fl === 'OBSOLETE') obsolete = true;
    else throw bad(`unknown flag ${fl}`);
  }
  return {
    mnemonic: mnemonic!, nops: cls.length, cls, size, fill, fillArg, sameSize, sx, lock, nolong, obsolete,
    o16, o32, o64, noW, a32, a64, pre, opcode, plusReg, modrm, digit, regOp, rmOp, imms, jump8,
  };
}

/** Forms by mnemonic, in match order. */
export const FORMS: ReadonlyMap<string, readonly Template[]> = (() => {
  const m = new Map<string, Template[]>();
  for (const line of source()) {
    const t = compile(line);
    let list = m.get(t.mnemonic);
    if (!list) m.set(t.mnemonic, (list = []));
    list.push(t);
  }
  return m;
})();
