// Intel-syntax disassembly of a decoded instruction, in objdump's dialect (`objdump -d -M intel`):
// `QWORD PTR [rax+rbx*1+0x8]`, `ds:0x1000` for an absolute address, `movabs` for 64-bit immediates
// and moffs, `rep stos QWORD PTR es:[rdi],rax`, branch targets as absolute addresses and a
// `# 0x...` comment with the target of a RIP-relative operand.
// Deliberate differences from objdump: a REX prefix the instruction ignores is not shown (objdump
// prints `rex.W nop`, `rex.W invpcid`); undecodable bytes are `(bad)`.

import { gprName } from '../asm/registers.js';
import { Insn, Op, Rep, BASE_RIP } from './insn.js';
import { decode } from './decode.js';
import { K, Z, type OperandSpec } from './tables.js';

const SEG_NAMES = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];
const PTR: Record<number, string> = { 1: 'BYTE PTR ', 2: 'WORD PTR ', 4: 'DWORD PTR ', 8: 'QWORD PTR ' };
const M64 = (1n << 64n) - 1n;
/** The `# target` comment of a RIP-relative operand, printed after all operands. */
let comment = '';

function hex(v: bigint): string {
  return '0x' + v.toString(16);
}

function u64(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function opSize(ins: Insn, z: Z): number {
  switch (z) {
    case Z.B: return 1;
    case Z.W: return 2;
    case Z.D: return 4;
    case Z.Q: return 8;
    case Z.N: return 0;
    default: return ins.osz;
  }
}

function reg(size: number, num: number, ins: Insn): string {
  return gprName(size as 1 | 2 | 4 | 8, num, ins.rex !== 0);
}

function memText(ins: Insn, size: number, next: bigint): string {
  let s = size ? PTR[size] ?? '' : '';
  const seg = ins.seg >= 0 ? SEG_NAMES[ins.seg] + ':' : '';
  const an = ins.asz === 4 ? 4 : 8;
  if (ins.base === -1 && ins.index === -1) {
    // absolute address (SIB without base and index, or moffs)
    const v = ins.dispSize === 8 ? u64(ins.disp, ins.dispHi) : BigInt.asUintN(an * 8, BigInt(ins.disp));
    return s + (seg || 'ds:') + hex(v);
  }
  let inner = '';
  if (ins.base === BASE_RIP) inner = ins.asz === 4 ? 'eip' : 'rip';
  else if (ins.base >= 0) inner = gprName(an as 4 | 8, ins.base, true);
  if (ins.index >= 0) inner += (inner ? '+' : '') + gprName(an as 4 | 8, ins.index, true) + '*' + (1 << ins.scale);
  if (ins.dispSize > 0) {
    const d = ins.disp;
    inner += d < 0 ? '-' + hex(BigInt(-d)) : '+' + hex(BigInt(d));
  }
  s += seg + '[' + inner + ']';
  if (ins.base === BASE_RIP) comment = ' # ' + hex((next + BigInt(ins.disp)) & (ins.asz === 4 ? 0xffffffffn : M64));
  return s;
}

function operand(ins: Insn, o: OperandSpec, next: bigint): string {
  const size = opSize(ins, o.z);
  switch (o.k) {
    case K.E:
    case K.M:
      if (ins.mod3) return reg(size || ins.osz, ins.rm, ins);
      if (ins.gop === Op.MOV_SEG_E || ins.gop === Op.MOV_E_SEG) return memText(ins, 2, next);
      return memText(ins, size, next);
    case K.R: return reg(8, ins.rm, ins);
    case K.G: return reg(size, ins.reg, ins);
    case K.Z: return reg(size, ins.reg, ins);
    case K.S: return SEG_NAMES[ins.reg]!;
    case K.C: return 'cr' + ins.reg;
    case K.AL: return 'al';
    case K.CL: return 'cl';
    case K.DX: return 'dx';
    case K.ONE: return '1';
    case K.RAX: case K.EAX: return reg(ins.osz, 0, ins);
    case K.O: return memText(ins, 0, next);
    case K.X: case K.Y: {
      const r = ins.asz === 4 ? (o.k === K.X ? 'esi' : 'edi') : (o.k === K.X ? 'rsi' : 'rdi');
      const seg = o.k === K.Y ? 'es' : ins.seg >= 0 ? SEG_NAMES[ins.seg]! : 'ds';
      return PTR[size] + seg + ':[' + r + ']';
    }
    case K.I: {
      let bits: number;
      if (o.z === Z.B) bits = 8;
      else if (o.z === Z.W) bits = 16;
      else bits = ins.osz * 8;
      return hex(BigInt.asUintN(bits, u64(ins.imm, ins.immHi)));
    }
    case K.J: return hex((next + BigInt(ins.rel)) & M64);
  }
}

/** Intel-syntax text of `ins`, which starts at linear address `addr` (for branch targets and RIP-relative comments). */
export function disasm(ins: Insn, addr: bigint | number = 0n): string {
  if (ins.op === Op.UD && ins.gop === Op.UD) return '(bad)';
  const next = (BigInt(addr) + BigInt(ins.len)) & M64;
  let mn = ins.mn;
  let pre = '';
  if (ins.lock) pre = 'lock ';
  const g = ins.gop;
  if (g === Op.MOVS || g === Op.STOS || g === Op.LODS) { if (ins.rep) pre += 'rep '; }
  else if (g === Op.CMPS || g === Op.SCAS) { if (ins.rep === Rep.REPE) pre += 'repz '; else if (ins.rep === Rep.REPNE) pre += 'repnz '; }
  if (g === Op.MOV_EI && ins.spec[0]!.k === K.Z && ins.osz === 8) mn = 'movabs';
  if (g === Op.PUSH_I && ins.osz === 2) mn = 'pushw';
  if (g === Op.LOOP && ins.sub === 3 && ins.asz === 4) mn = 'jecxz';
  comment = '';
  const ops = ins.spec.map((o) => operand(ins, o, next));
  return pre + mn + (ops.length ? ' ' + ops.join(',') : '') + comment;
}

export interface DisasmLine { offset: number; len: number; bytes: Uint8Array; text: string }

/** Disassembles a byte buffer loaded at `base` (a listing; undecodable bytes come out one at a time as `(bad)`). */
export function disasmBuffer(buf: Uint8Array, base: bigint | number = 0n): DisasmLine[] {
  const out: DisasmLine[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const ins = new Insn();
    let n = decode(buf, pos, buf.length, ins);
    if (n === 0 || ins.op === Op.UD) n = 1;
    out.push({ offset: pos, len: n, bytes: buf.slice(pos, pos + n), text: ins.op === Op.UD || n !== ins.len ? '(bad)' : disasm(ins, BigInt(base) + BigInt(pos)) });
    pos += n;
  }
  return out;
}
