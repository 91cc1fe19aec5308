// String instructions: movs, stos, lods, cmps, scas at 1/2/4/8 bytes, with rep / repe / repne.
// A rep instruction runs all its iterations in one call, updating RCX/RSI/RDI after each one, so a
// fault in the middle leaves the registers where the SDM says (the instruction restarts from there).

import type { Cpu } from './cpu.js';
import { Insn, Op, Rep, SEG_FS, SEG_GS } from './insn.js';
import { DF, getZF } from './flags.js';
import { alu } from './exec-alu.js';
import { Alu } from './insn.js';

const TWO32 = 4294967296;

/** Adds a signed step to register n (64-bit, or 32-bit zero-extended with a 0x67 prefix). */
function step(c: Cpu, n: number, d: number, asz: number): void {
  const R = c.R, k = n << 1;
  let lo = (R[k]! >>> 0) + d, hi = asz === 8 ? R[k + 1]! : 0;
  if (lo >= TWO32) { lo -= TWO32; if (asz === 8) hi = (hi + 1) | 0; }
  else if (lo < 0) { lo += TWO32; if (asz === 8) hi = (hi - 1) | 0; }
  R[k] = lo | 0; R[k + 1] = hi;
}

/** Linear address of [seg:reg n] for a string operand (FS/GS overrides add their base). */
function strAddr(c: Cpu, n: number, asz: number, seg: number): void {
  const R = c.R;
  let lo = R[n << 1]! >>> 0, hi = asz === 8 ? R[(n << 1) + 1]! : 0;
  if (seg === SEG_FS || seg === SEG_GS) {
    lo += (seg === SEG_FS ? c.fsBaseLo : c.gsBaseLo) >>> 0;
    hi += seg === SEG_FS ? c.fsBaseHi : c.gsBaseHi;
    if (lo >= TWO32) { lo -= TWO32; hi += 1; }
  }
  c.eaLo = lo; c.eaHi = hi | 0;
}

function countIsZero(c: Cpu, asz: number): boolean {
  return asz === 8 ? (c.R[2]! | c.R[3]!) === 0 : c.R[2]! === 0;
}

export function stringOp(c: Cpu, i: Insn): number {
  const sz = i.osz, asz = i.asz, op = i.gop;
  const d = (c.flags & DF) ? -sz : sz;
  const rep = i.rep !== Rep.NONE;
  const R = c.R;
  for (;;) {
    if (rep && countIsZero(c, asz)) break;
    switch (op) {
      case Op.MOVS: {
        strAddr(c, 6, asz, i.seg);
        const v = c.rd(sz, c.eaLo, c.eaHi), vh = c.th;
        strAddr(c, 7, asz, -1);
        c.wr(sz, c.eaLo, c.eaHi, v, vh);
        step(c, 6, d, asz); step(c, 7, d, asz);
        break;
      }
      case Op.STOS: {
        strAddr(c, 7, asz, -1);
        c.wr(sz, c.eaLo, c.eaHi, R[0]!, R[1]!);
        step(c, 7, d, asz);
        break;
      }
      case Op.LODS: {
        strAddr(c, 6, asz, i.seg);
        const v = c.rd(sz, c.eaLo, c.eaHi);
        c.writeReg(sz, 0, 1, v, c.th);
        step(c, 6, d, asz);
        break;
      }
      case Op.CMPS: {
        strAddr(c, 6, asz, i.seg);
        const a = c.rd(sz, c.eaLo, c.eaHi), ah = c.th;
        strAddr(c, 7, asz, -1);
        const b = c.rd(sz, c.eaLo, c.eaHi), bh = c.th;
        alu(c, Alu.CMP, sz, a, ah, b, bh);
        step(c, 6, d, asz); step(c, 7, d, asz);
        break;
      }
      default: { // SCAS
        strAddr(c, 7, asz, -1);
        const b = c.rd(sz, c.eaLo, c.eaHi), bh = c.th;
        const a = c.readReg(sz, 0, 1), ah = c.th;
        alu(c, Alu.CMP, sz, a, ah, b, bh);
        step(c, 7, d, asz);
        break;
      }
    }
    if (!rep) break;
    step(c, 1, -1, asz);
    if (op === Op.CMPS || op === Op.SCAS) {
      const zf = getZF(c);
      if (i.rep === Rep.REPE ? zf === 0 : zf === 1) break;
    }
  }
  return 0;
}
