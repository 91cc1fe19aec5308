// The opcode map: one table, read by the decoder (what to fetch, which handler runs) and by the
// disassembler (mnemonic and operand order). Operand specs use the Intel SDM's notation:
//   E  ModRM r/m (register or memory)      G  ModRM.reg register      M  ModRM r/m, memory only
//   R  ModRM r/m, register only            Z  register in the opcode's low 3 bits (+REX.B)
//   S  segment register in ModRM.reg       C  control register in ModRM.reg (+REX.R)
//   I  immediate    J  relative branch     O  moffs (64-bit absolute address)
//   X  ds:[rsi]     Y  es:[rdi]
//   fixed: AL, rAX (operand size), eAX (in/out: 8/16/32), CL, DX, 1
// Size letters: b 8, w 16, d 32, q 64, v operand size (16/32/64), z 16/32-bit immediate (sign-extended
// to v), s a sign-extended 8-bit immediate (shown at the operand size), n no size shown (lea, lgdt...).

import { Op, Alu, Sh } from './insn.js';

export const enum K { E, G, M, R, Z, S, C, I, J, O, X, Y, AL, RAX, EAX, CL, DX, ONE }
/** Size codes in an operand spec. */
export const enum Z { B = 1, W = 2, D = 4, Q = 8, V = 16, ZI = 17, SB = 18, N = 19 }

export interface OperandSpec { readonly k: K; readonly z: Z }

/** Entry flags. */
export const F_MODRM = 1;  // has a ModRM byte
export const F_D64 = 2;    // operand size defaults to 64 (push, pop, call/jmp near indirect...)
export const F_F64 = 4;    // operand size is always 64 (jcc, call rel, mov cr)
export const F_BYTE = 8;   // byte-sized operation (osz = 1)
export const F_LOCK = 16;  // LOCK is allowed (with a memory destination)
export const F_ENDS = 32;  // ends straight-line execution (branches, system instructions)
export const F_NOREXW = 64; // REX.W does not change the operand size (e.g. mov Sreg)
export const F_RONLY = 128; // ModRM.mod is ignored: r/m always names a register (mov to/from CR)

export interface Entry {
  readonly mn: string;
  readonly spec: readonly OperandSpec[];
  readonly op: number;
  readonly sub: number;
  readonly sub2: number;
  readonly flags: number;
}

const K_BY_NAME: Record<string, [K, Z]> = {
  AL: [K.AL, Z.B], rAX: [K.RAX, Z.V], eAX: [K.EAX, Z.V], CL: [K.CL, Z.B], DX: [K.DX, Z.W], 1: [K.ONE, Z.B],
};
const KIND: Record<string, K> = { E: K.E, G: K.G, M: K.M, R: K.R, Z: K.Z, S: K.S, C: K.C, I: K.I, J: K.J, O: K.O, X: K.X, Y: K.Y };
const SIZE: Record<string, Z> = { b: Z.B, w: Z.W, d: Z.D, q: Z.Q, v: Z.V, z: Z.ZI, s: Z.SB, n: Z.N };

const specCache = new Map<string, readonly OperandSpec[]>();
export function parseSpec(s: string): readonly OperandSpec[] {
  let r = specCache.get(s);
  if (r) return r;
  r = s === '' ? [] : s.split(',').map((t) => {
    const fixed = K_BY_NAME[t];
    if (fixed) return { k: fixed[0], z: fixed[1] };
    const k = KIND[t[0]!], z = SIZE[t.slice(1)];
    if (k === undefined || z === undefined) throw new Error(`bad operand spec ${t}`);
    return { k, z };
  });
  specCache.set(s, r);
  return r;
}

function e(mn: string, spec: string, op: number, flags = 0, sub = 0, sub2 = 0): Entry {
  const sp = parseSpec(spec);
  if (sp.some((o) => o.k === K.E || o.k === K.G || o.k === K.M || o.k === K.R || o.k === K.S || o.k === K.C)) flags |= F_MODRM;
  if (sp.some((o) => o.k === K.R)) flags |= F_RONLY;
  return { mn, spec: sp, op, sub, sub2, flags };
}

/** A primary or 0F-map slot: an entry, a ModRM.reg-indexed group of 8, or undefined (#UD). */
export type Slot = Entry | (Entry | undefined)[] | undefined;

export const MAP1: Slot[] = new Array(256).fill(undefined);
export const MAP2: Slot[] = new Array(256).fill(undefined);
/** 0F 01 with mod == 3, by the whole ModRM byte. */
export const MAP_0F01_REG = new Map<number, Entry>();
/** 0F AE with mod == 3, by ModRM.reg. */
export const MAP_0FAE_REG: (Entry | undefined)[] = new Array(8).fill(undefined);

const ALU_NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
export const CC_NAMES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const SHIFT_NAMES = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'shl', 'sar'];

// --- one-byte opcodes ---
for (let k = 0; k < 8; k++) {
  const b = k * 8, mn = ALU_NAMES[k]!, lk = k === Alu.CMP ? 0 : F_LOCK;
  MAP1[b] = e(mn, 'Eb,Gb', Op.ALU_EG, F_BYTE | lk, k);
  MAP1[b + 1] = e(mn, 'Ev,Gv', Op.ALU_EG, lk, k);
  MAP1[b + 2] = e(mn, 'Gb,Eb', Op.ALU_GE, F_BYTE, k);
  MAP1[b + 3] = e(mn, 'Gv,Ev', Op.ALU_GE, 0, k);
  MAP1[b + 4] = e(mn, 'AL,Ib', Op.ALU_EI, F_BYTE, k);
  MAP1[b + 5] = e(mn, 'rAX,Iz', Op.ALU_EI, 0, k);
}
for (let r = 0; r < 8; r++) {
  MAP1[0x50 + r] = e('push', 'Zv', Op.PUSH_R, F_D64);
  MAP1[0x58 + r] = e('pop', 'Zv', Op.POP_R, F_D64);
  MAP1[0x90 + r] = e('xchg', 'Zv,rAX', Op.XCHG);
  MAP1[0xb0 + r] = e('mov', 'Zb,Ib', Op.MOV_EI, F_BYTE);
  MAP1[0xb8 + r] = e('mov', 'Zv,Iv', Op.MOV_EI);
}
MAP1[0x63] = e('movsxd', 'Gv,Ed', Op.MOVSXD);
MAP1[0x68] = e('push', 'Iz', Op.PUSH_I, F_D64);
MAP1[0x69] = e('imul', 'Gv,Ev,Iz', Op.IMUL3);
MAP1[0x6a] = e('push', 'Is', Op.PUSH_I, F_D64);
MAP1[0x6b] = e('imul', 'Gv,Ev,Is', Op.IMUL3);
for (let c = 0; c < 16; c++) {
  MAP1[0x70 + c] = e('j' + CC_NAMES[c], 'Jb', Op.JCC, F_F64 | F_ENDS, c);
  MAP2[0x80 + c] = e('j' + CC_NAMES[c], 'Jz', Op.JCC, F_F64 | F_ENDS, c);
  MAP2[0x40 + c] = e('cmov' + CC_NAMES[c], 'Gv,Ev', Op.CMOV, 0, c);
  MAP2[0x90 + c] = e('set' + CC_NAMES[c], 'Eb', Op.SETCC, F_BYTE, c);
}
const grp1 = (spec: string, fl: number) => ALU_NAMES.map((mn, k) => e(mn, spec, Op.ALU_EI, fl | (k === Alu.CMP ? 0 : F_LOCK), k));
MAP1[0x80] = grp1('Eb,Ib', F_BYTE);
MAP1[0x81] = grp1('Ev,Iz', 0);
MAP1[0x83] = grp1('Ev,Is', 0);
MAP1[0x84] = e('test', 'Eb,Gb', Op.ALU_EG, F_BYTE, Alu.TEST);
MAP1[0x85] = e('test', 'Ev,Gv', Op.ALU_EG, 0, Alu.TEST);
MAP1[0x86] = e('xchg', 'Eb,Gb', Op.XCHG, F_BYTE | F_LOCK);
MAP1[0x87] = e('xchg', 'Ev,Gv', Op.XCHG, F_LOCK);
MAP1[0x88] = e('mov', 'Eb,Gb', Op.MOV_EG, F_BYTE);
MAP1[0x89] = e('mov', 'Ev,Gv', Op.MOV_EG);
MAP1[0x8a] = e('mov', 'Gb,Eb', Op.MOV_GE, F_BYTE);
MAP1[0x8b] = e('mov', 'Gv,Ev', Op.MOV_GE);
MAP1[0x8c] = e('mov', 'Ev,Sw', Op.MOV_E_SEG);
MAP1[0x8d] = e('lea', 'Gv,Mn', Op.LEA);
MAP1[0x8e] = e('mov', 'Sw,Ev', Op.MOV_SEG_E, F_NOREXW); // objdump shows the register at 32 bits
MAP1[0x8f] = [e('pop', 'Ev', Op.POP_E, F_D64)];
MAP1[0x98] = e('cbw', '', Op.CONV_A);   // cbw / cwde / cdqe by operand size
MAP1[0x99] = e('cwd', '', Op.CONV_D);   // cwd / cdq / cqo
MAP1[0x9c] = e('pushf', '', Op.PUSHF, F_D64);
MAP1[0x9d] = e('popf', '', Op.POPF, F_D64 | F_ENDS);
MAP1[0xa0] = e('movabs', 'AL,Ob', Op.MOV_GE, F_BYTE);
MAP1[0xa1] = e('movabs', 'rAX,Ov', Op.MOV_GE);
MAP1[0xa2] = e('movabs', 'Ob,AL', Op.MOV_EG, F_BYTE);
MAP1[0xa3] = e('movabs', 'Ov,rAX', Op.MOV_EG);
MAP1[0xa4] = e('movs', 'Yb,Xb', Op.MOVS, F_BYTE);
MAP1[0xa5] = e('movs', 'Yv,Xv', Op.MOVS);
MAP1[0xa6] = e('cmps', 'Xb,Yb', Op.CMPS, F_BYTE);
MAP1[0xa7] = e('cmps', 'Xv,Yv', Op.CMPS);
MAP1[0xa8] = e('test', 'AL,Ib', Op.ALU_EI, F_BYTE, Alu.TEST);
MAP1[0xa9] = e('test', 'rAX,Iz', Op.ALU_EI, 0, Alu.TEST);
MAP1[0xaa] = e('stos', 'Yb,AL', Op.STOS, F_BYTE);
MAP1[0xab] = e('stos', 'Yv,rAX', Op.STOS);
MAP1[0xac] = e('lods', 'AL,Xb', Op.LODS, F_BYTE);
MAP1[0xad] = e('lods', 'rAX,Xv', Op.LODS);
MAP1[0xae] = e('scas', 'AL,Yb', Op.SCAS, F_BYTE);
MAP1[0xaf] = e('scas', 'rAX,Yv', Op.SCAS);
const grp2 = (spec: string, fl: number, cnt: number) => SHIFT_NAMES.map((mn, k) => e(mn, spec, Op.SHIFT, fl, k, cnt));
MAP1[0xc0] = grp2('Eb,Ib', F_BYTE, 1);
MAP1[0xc1] = grp2('Ev,Ib', 0, 1);
MAP1[0xd0] = grp2('Eb,1', F_BYTE, 0);
MAP1[0xd1] = grp2('Ev,1', 0, 0);
MAP1[0xd2] = grp2('Eb,CL', F_BYTE, 2);
MAP1[0xd3] = grp2('Ev,CL', 0, 2);
MAP1[0xc2] = e('ret', 'Iw', Op.RET, F_D64 | F_ENDS);
MAP1[0xc3] = e('ret', '', Op.RET, F_D64 | F_ENDS);
MAP1[0xc6] = [e('mov', 'Eb,Ib', Op.MOV_EI, F_BYTE)];
MAP1[0xc7] = [e('mov', 'Ev,Iz', Op.MOV_EI)];
MAP1[0xc9] = e('leave', '', Op.LEAVE, F_D64);
MAP1[0xcc] = e('int3', '', Op.INT3, F_ENDS);
MAP1[0xcd] = e('int', 'Ib', Op.INT, F_ENDS);
MAP1[0xcf] = e('iret', '', Op.IRETQ, F_ENDS);
MAP1[0xe0] = e('loopne', 'Jb', Op.LOOP, F_F64 | F_ENDS, 0);
MAP1[0xe1] = e('loope', 'Jb', Op.LOOP, F_F64 | F_ENDS, 1);
MAP1[0xe2] = e('loop', 'Jb', Op.LOOP, F_F64 | F_ENDS, 2);
MAP1[0xe3] = e('jrcxz', 'Jb', Op.LOOP, F_F64 | F_ENDS, 3);
MAP1[0xe4] = e('in', 'AL,Ib', Op.IN, F_BYTE | F_ENDS, 0);
MAP1[0xe5] = e('in', 'eAX,Ib', Op.IN, F_ENDS, 0);
MAP1[0xe6] = e('out', 'Ib,AL', Op.OUT, F_BYTE | F_ENDS, 0);
MAP1[0xe7] = e('out', 'Ib,eAX', Op.OUT, F_ENDS, 0);
MAP1[0xec] = e('in', 'AL,DX', Op.IN, F_BYTE | F_ENDS, 1);
MAP1[0xed] = e('in', 'eAX,DX', Op.IN, F_ENDS, 1);
MAP1[0xee] = e('out', 'DX,AL', Op.OUT, F_BYTE | F_ENDS, 1);
MAP1[0xef] = e('out', 'DX,eAX', Op.OUT, F_ENDS, 1);
MAP1[0xe8] = e('call', 'Jz', Op.CALL_REL, F_F64 | F_ENDS);
MAP1[0xe9] = e('jmp', 'Jz', Op.JMP_REL, F_F64 | F_ENDS);
MAP1[0xeb] = e('jmp', 'Jb', Op.JMP_REL, F_F64 | F_ENDS);
MAP1[0xf4] = e('hlt', '', Op.HLT, F_ENDS);
MAP1[0xf5] = e('cmc', '', Op.CMC);
MAP1[0xf6] = [
  e('test', 'Eb,Ib', Op.ALU_EI, F_BYTE, Alu.TEST), e('test', 'Eb,Ib', Op.ALU_EI, F_BYTE, Alu.TEST),
  e('not', 'Eb', Op.NOT, F_BYTE | F_LOCK), e('neg', 'Eb', Op.NEG, F_BYTE | F_LOCK),
  e('mul', 'Eb', Op.MUL, F_BYTE), e('imul', 'Eb', Op.IMUL1, F_BYTE),
  e('div', 'Eb', Op.DIV, F_BYTE), e('idiv', 'Eb', Op.IDIV, F_BYTE),
];
MAP1[0xf7] = [
  e('test', 'Ev,Iz', Op.ALU_EI, 0, Alu.TEST), e('test', 'Ev,Iz', Op.ALU_EI, 0, Alu.TEST),
  e('not', 'Ev', Op.NOT, F_LOCK), e('neg', 'Ev', Op.NEG, F_LOCK),
  e('mul', 'Ev', Op.MUL), e('imul', 'Ev', Op.IMUL1), e('div', 'Ev', Op.DIV), e('idiv', 'Ev', Op.IDIV),
];
MAP1[0xf8] = e('clc', '', Op.CLC);
MAP1[0xf9] = e('stc', '', Op.STC);
MAP1[0xfa] = e('cli', '', Op.CLI);
MAP1[0xfb] = e('sti', '', Op.STI, F_ENDS);
MAP1[0xfc] = e('cld', '', Op.CLD);
MAP1[0xfd] = e('std', '', Op.STD);
MAP1[0xfe] = [e('inc', 'Eb', Op.INC, F_BYTE | F_LOCK), e('dec', 'Eb', Op.DEC, F_BYTE | F_LOCK)];
MAP1[0xff] = [
  e('inc', 'Ev', Op.INC, F_LOCK), e('dec', 'Ev', Op.DEC, F_LOCK),
  e('call', 'Eq', Op.CALL_E, F_F64 | F_ENDS), undefined,
  e('jmp', 'Eq', Op.JMP_E, F_F64 | F_ENDS), undefined,
  e('push', 'Ev', Op.PUSH_E, F_D64), undefined,
];

// --- two-byte opcodes (0F xx) ---
MAP2[0x01] = [
  e('sgdt', 'Mn', Op.SGDT), e('sidt', 'Mn', Op.SIDT), e('lgdt', 'Mn', Op.LGDT, F_ENDS), e('lidt', 'Mn', Op.LIDT, F_ENDS),
  undefined, undefined, undefined, e('invlpg', 'Mb', Op.INVLPG, F_ENDS),
];
MAP_0F01_REG.set(0xc1, e('vmcall', '', Op.VMCALL, F_ENDS));
MAP2[0x0b] = e('ud2', '', Op.UD2, F_ENDS);
MAP2[0x1f] = [e('nop', 'Ev', Op.NOP)];
MAP2[0x20] = e('mov', 'Rq,Cq', Op.MOV_R_CR, F_F64 | F_ENDS);
MAP2[0x22] = e('mov', 'Cq,Rq', Op.MOV_CR_R, F_F64 | F_ENDS);
MAP2[0x30] = e('wrmsr', '', Op.WRMSR, F_ENDS);
MAP2[0x31] = e('rdtsc', '', Op.RDTSC);
MAP2[0x32] = e('rdmsr', '', Op.RDMSR, F_ENDS);
MAP2[0xa2] = e('cpuid', '', Op.CPUID, F_ENDS);
MAP2[0xa3] = e('bt', 'Ev,Gv', Op.BT, 0, 0);
MAP2[0xab] = e('bts', 'Ev,Gv', Op.BT, F_LOCK, 1);
MAP2[0xb3] = e('btr', 'Ev,Gv', Op.BT, F_LOCK, 2);
MAP2[0xbb] = e('btc', 'Ev,Gv', Op.BT, F_LOCK, 3);
MAP2[0xba] = [undefined, undefined, undefined, undefined,
  e('bt', 'Ev,Ib', Op.BT, 0, 0, 1), e('bts', 'Ev,Ib', Op.BT, F_LOCK, 1, 1),
  e('btr', 'Ev,Ib', Op.BT, F_LOCK, 2, 1), e('btc', 'Ev,Ib', Op.BT, F_LOCK, 3, 1)];
MAP2[0xaf] = e('imul', 'Gv,Ev', Op.IMUL2);
MAP2[0xb6] = e('movzx', 'Gv,Eb', Op.MOVZX, 0, 1);
MAP2[0xb7] = e('movzx', 'Gv,Ew', Op.MOVZX, 0, 2);
MAP2[0xbe] = e('movsx', 'Gv,Eb', Op.MOVSX, 0, 1);
MAP2[0xbf] = e('movsx', 'Gv,Ew', Op.MOVSX, 0, 2);
MAP2[0xbc] = e('bsf', 'Gv,Ev', Op.BSF);
MAP2[0xbd] = e('bsr', 'Gv,Ev', Op.BSR);
for (let r = 0; r < 8; r++) MAP2[0xc8 + r] = e('bswap', 'Zv', Op.BSWAP);
MAP_0FAE_REG[5] = e('lfence', '', Op.NOP);
MAP_0FAE_REG[6] = e('mfence', '', Op.NOP);
MAP_0FAE_REG[7] = e('sfence', '', Op.NOP);

/** 66 0F 38 82: invpcid Gq, M (128-bit descriptor). */
export const INVPCID = e('invpcid', 'Gq,Mn', Op.INVPCID, F_F64 | F_ENDS);
/** F3 90 */
export const PAUSE = e('pause', '', Op.NOP);
export const UD = e('(bad)', '', Op.UD, F_ENDS);

export { Alu, Sh };
