// 64-bit mode instruction decoder: legacy prefixes, REX, opcode maps, ModRM/SIB, RIP-relative,
// displacements and immediates. Fills an Insn (see insn.ts) from bytes; what each opcode means
// comes from tables.ts.

import { Insn, Op, BASE_RIP, SEG_FS, SEG_GS, SEG_ES, SEG_CS, SEG_SS, SEG_DS, Rep, NO_SPEC } from './insn.js';
import {
  MAP1, MAP2, MAP_0F01_REG, MAP_0FAE_REG, INVPCID, PAUSE, UD, K, Z,
  F_MODRM, F_D64, F_F64, F_BYTE, F_LOCK, F_ENDS, F_NOREXW, F_RONLY, type Entry, type Slot, parseSpec,
} from './tables.js';

/** Architectural maximum instruction length. */
export const MAX_INSN_LEN = 15;

const NOP_ENTRY: Entry = { mn: 'nop', spec: NO_SPEC, op: Op.NOP, sub: 0, sub2: 0, flags: 0 };
const XCHG_AX: Entry = { mn: 'xchg', spec: parseSpec('Zv,rAX'), op: Op.XCHG, sub: 0, sub2: 0, flags: 0 };

/** Result of decode() when the bytes ran out before the instruction ended. */
export const DECODE_TRUNCATED = 0;

/**
 * Decodes the instruction starting at buf[pos]; bytes up to (not including) buf[end] are available.
 * Returns its length (> 0), or DECODE_TRUNCATED when more bytes are needed. Undecodable bytes give
 * ins.op = Op.UD (with ins.len covering the bytes examined). The caller owns `ins` (a fresh object
 * or one to refill).
 */
export function decode(buf: Uint8Array, pos: number, end: number, ins: Insn): number {
  const start = pos;
  let p66 = false, p67 = false, rep = 0, lock = false, seg = -1, rex = 0;
  let b = 0;
  // prefixes
  for (;;) {
    if (pos >= end) return DECODE_TRUNCATED;
    if (pos - start >= MAX_INSN_LEN) return finishUd(ins, buf, start, pos);
    b = buf[pos++]!;
    if ((b & 0xf0) === 0x40) { rex = b; continue; }
    switch (b) {
      case 0x66: p66 = true; rex = 0; continue;
      case 0x67: p67 = true; rex = 0; continue;
      case 0xf2: rep = Rep.REPNE; rex = 0; continue;
      case 0xf3: rep = Rep.REPE; rex = 0; continue;
      case 0xf0: lock = true; rex = 0; continue;
      case 0x26: seg = seg < SEG_FS ? SEG_ES : seg; rex = 0; continue;
      case 0x2e: seg = seg < SEG_FS ? SEG_CS : seg; rex = 0; continue;
      case 0x36: seg = seg < SEG_FS ? SEG_SS : seg; rex = 0; continue;
      case 0x3e: seg = seg < SEG_FS ? SEG_DS : seg; rex = 0; continue;
      case 0x64: seg = SEG_FS; rex = 0; continue;
      case 0x65: seg = SEG_GS; rex = 0; continue;
    }
    break;
  }
  // NB: a REX followed by a legacy prefix is ignored (reset above); REX must immediately precede the opcode.
  const rexW = (rex & 8) !== 0, rexR = (rex & 4) << 1, rexX = (rex & 2) << 2, rexB = (rex & 1) << 3;

  let slot: Slot;
  let opc = b;
  let twoByte = false;
  if (b === 0x0f) {
    if (pos >= end) return DECODE_TRUNCATED;
    opc = buf[pos++]!;
    twoByte = true;
    if (opc === 0x38) {
      if (pos >= end) return DECODE_TRUNCATED;
      const o3 = buf[pos++]!;
      slot = o3 === 0x82 && p66 ? INVPCID : undefined;
      p66 = false; // mandatory prefix, not an operand-size override
    } else slot = MAP2[opc];
  } else slot = MAP1[opc];

  let modrm = -1;
  let entry: Entry | undefined;
  if (Array.isArray(slot) || (slot !== undefined && (slot.flags & F_MODRM) !== 0) || (twoByte && (opc === 0x01 || opc === 0xae))) {
    if (pos >= end) return DECODE_TRUNCATED;
    modrm = buf[pos++]!;
    const mod = modrm >> 6, regf = (modrm >> 3) & 7;
    if (twoByte && opc === 0x01 && mod === 3) entry = MAP_0F01_REG.get(modrm);
    else if (twoByte && opc === 0xae) entry = mod === 3 ? MAP_0FAE_REG[regf] : undefined;
    else if (Array.isArray(slot)) entry = slot[regf];
    else entry = slot as Entry | undefined;
  } else {
    entry = slot as Entry | undefined;
  }
  if (!twoByte && opc >= 0x90 && opc <= 0x97 && !rexB && (opc === 0x90)) entry = rep === Rep.REPE ? PAUSE : p66 ? XCHG_AX : NOP_ENTRY;
  if (entry === undefined) return finishUd(ins, buf, start, pos);

  const fl = entry.flags;
  let osz: number;
  if (fl & F_BYTE) osz = 1;
  else if (fl & F_F64) osz = 8;
  else if (fl & F_D64) osz = p66 ? 2 : 8;
  else if (fl & F_NOREXW) osz = p66 ? 2 : 4;
  else osz = rexW ? 8 : p66 ? 2 : 4;
  // iretq: the only form NASM emits for 64-bit is REX.W CF; plain CF is iretd.
  ins.op = entry.op; ins.gop = entry.op; ins.sub = entry.sub; ins.sub2 = entry.sub2;
  ins.osz = osz; ins.asz = p67 ? 4 : 8;
  ins.mod3 = true; ins.reg = 0; ins.rm = 0; ins.base = -1; ins.index = -1; ins.scale = 0;
  ins.disp = 0; ins.dispHi = 0; ins.dispSize = 0; ins.seg = seg; ins.imm = 0; ins.immHi = 0;
  ins.rep = rep; ins.lock = lock; ins.rex = rex; ins.p66 = p66; ins.rel = 0;
  ins.mn = entry.mn; ins.spec = entry.spec; ins.ends = (fl & F_ENDS) !== 0;

  if (modrm >= 0) {
    const mod = modrm >> 6;
    ins.reg = ((modrm >> 3) & 7) | rexR;
    if (mod === 3 || (fl & F_RONLY)) {
      ins.rm = (modrm & 7) | rexB;
    } else {
      ins.mod3 = false;
      const rmf = modrm & 7;
      if (rmf === 4) {
        if (pos >= end) return DECODE_TRUNCATED;
        const sib = buf[pos++]!;
        const ss = sib >> 6, idx = ((sib >> 3) & 7) | rexX, bs = sib & 7;
        ins.scale = ss;
        ins.index = idx === 4 ? -1 : idx;
        if (bs === 5 && mod === 0) { ins.base = -1; ins.dispSize = 4; }
        else ins.base = bs | rexB;
      } else if (rmf === 5 && mod === 0) {
        ins.base = BASE_RIP; ins.dispSize = 4;
      } else ins.base = rmf | rexB;
      if (mod === 1) ins.dispSize = 1;
      else if (mod === 2) ins.dispSize = 4;
      if (ins.dispSize === 1) {
        if (pos >= end) return DECODE_TRUNCATED;
        ins.disp = (buf[pos++]! << 24) >> 24;
      } else if (ins.dispSize === 4) {
        if (pos + 4 > end) return DECODE_TRUNCATED;
        ins.disp = buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24);
        pos += 4;
      }
    }
  }

  // operands that need more than ModRM
  const spec = entry.spec;
  for (let i = 0; i < spec.length; i++) {
    const o = spec[i]!;
    switch (o.k) {
      case K.M: if (ins.mod3) return finishUd(ins, buf, start, pos); break;
      case K.Z: ins.reg = (opc & 7) | rexB; break;
      case K.AL: case K.RAX: case K.EAX:
        // accumulator as the E operand of ALU/TEST/XCHG/MOV forms
        if (i === 0 || entry.op === Op.XCHG) { ins.rm = 0; ins.mod3 = true; }
        else ins.reg = 0;
        break;
      case K.I: {
        const n = o.z === Z.B || o.z === Z.SB ? 1 : o.z === Z.W ? 2 : o.z === Z.ZI ? (osz === 2 ? 2 : 4) : o.z === Z.V ? osz : 4;
        if (pos + n > end) return DECODE_TRUNCATED;
        let lo = 0, hi = 0;
        if (n === 1) { lo = buf[pos]!; if (o.z === Z.SB) lo = (lo << 24) >> 24; }
        else if (n === 2) { lo = buf[pos]! | (buf[pos + 1]! << 8); if (o.z === Z.ZI) lo = (lo << 16) >> 16; }
        else if (n === 4) lo = buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24);
        else {
          lo = buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24);
          hi = buf[pos + 4]! | (buf[pos + 5]! << 8) | (buf[pos + 6]! << 16) | (buf[pos + 7]! << 24);
        }
        if (n < 8 && o.z !== Z.B && o.z !== Z.W) hi = lo >> 31; // sign-extended forms
        ins.imm = lo; ins.immHi = hi;
        pos += n;
        break;
      }
      case K.J: {
        const n = o.z === Z.B ? 1 : 4;
        if (pos + n > end) return DECODE_TRUNCATED;
        ins.rel = n === 1 ? (buf[pos]! << 24) >> 24 : buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24);
        pos += n;
        break;
      }
      case K.O: {
        const n = p67 ? 4 : 8;
        if (pos + n > end) return DECODE_TRUNCATED;
        ins.mod3 = false; ins.base = -1; ins.index = -1; ins.dispSize = 8;
        ins.disp = buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24);
        ins.dispHi = n === 8 ? buf[pos + 4]! | (buf[pos + 5]! << 8) | (buf[pos + 6]! << 16) | (buf[pos + 7]! << 24) : 0;
        if (n === 4) ins.dispSize = 4;
        if (i === 0) ins.rm = 0; else ins.reg = 0;
        pos += n;
        break;
      }
      case K.S: {
        const sr = (modrm >> 3) & 7;
        if (sr > 5 || (entry.op === Op.MOV_SEG_E && sr === SEG_CS)) return finishUd(ins, buf, start, pos);
        ins.reg = sr;
        break;
      }
      case K.C: {
        const cr = ins.reg;
        if (cr !== 0 && cr !== 2 && cr !== 3 && cr !== 4 && cr !== 8) return finishUd(ins, buf, start, pos);
        break;
      }
      default: break;
    }
  }
  // xchg/mov imm forms with the register in the opcode operate on that register as "E".
  if (entry.op === Op.MOV_EI && spec[0]!.k === K.Z) { ins.rm = ins.reg; ins.mod3 = true; }
  if (entry.op === Op.XCHG && spec[0]!.k === K.Z) { ins.rm = 0; ins.mod3 = true; }
  // iretq needs REX.W (plain CF is the 32-bit iretd, which this machine does not model)
  if (entry.op === Op.IRETQ) { if (!rexW) return finishUd(ins, buf, start, pos); ins.mn = 'iretq'; }
  if (entry.op === Op.CONV_A) ins.mn = osz === 2 ? 'cbw' : osz === 4 ? 'cwde' : 'cdqe';
  if (entry.op === Op.CONV_D) ins.mn = osz === 2 ? 'cwd' : osz === 4 ? 'cdq' : 'cqo';
  // LOCK: only with a memory destination on the instructions that allow it
  if (lock && (!(fl & F_LOCK) || ins.mod3)) return finishUd(ins, buf, start, pos);
  if (pos - start > MAX_INSN_LEN) return finishUd(ins, buf, start, pos);
  ins.len = pos - start;
  ins.bytes = buf.slice(start, pos);
  return ins.len;
}

function finishUd(ins: Insn, buf: Uint8Array, start: number, pos: number): number {
  ins.op = Op.UD; ins.gop = Op.UD; ins.mn = UD.mn; ins.spec = UD.spec; ins.ends = true;
  ins.len = Math.max(1, pos - start);
  ins.bytes = buf.slice(start, start + ins.len);
  ins.mod3 = true; ins.rep = 0; ins.lock = false;
  return ins.len;
}
