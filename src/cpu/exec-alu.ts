// Arithmetic and logic: add/or/adc/sbb/and/sub/xor/cmp/test, inc/dec/neg/not, mul/imul/div/idiv,
// shifts and rotates, bt/bts/btr/btc, bsf/bsr, cbw/cwde/cdqe, cwd/cdq/cqo. Generic over operand
// sizes 1, 2, 4, 8; values travel as (lo, hi) int32 halves, results masked to the size.

import type { Cpu } from './cpu.js';
import { Insn, Alu, Sh } from './insn.js';
import {
  LF_ADD, LF_ADC, LF_SUB, LF_SBB, LF_LOGIC, LF_INC, LF_DEC, LF_SHL, LF_SHR, LF_SAR, LF_NONE,
  getCF, getZF, materialize, signBit, PARITY, CF, OF, ZF, SF, PF, STATUS,
} from './flags.js';
import { CpuFault, VEC_DE } from './exceptions.js';
import { W, mulu64, muls64, mulsSmall, divu128, divs128 } from './muldiv.js';

const TWO32 = 4294967296;

export function maskOf(sz: number): number {
  return sz === 1 ? 0xff : sz === 2 ? 0xffff : -1;
}

function setLazy(c: Cpu, op: number, sz: number, dl: number, dh: number, sl: number, sh: number, rl: number, rh: number): void {
  c.lfOp = op; c.lfSz = sz; c.lfDLo = dl; c.lfDHi = dh; c.lfSLo = sl; c.lfSHi = sh; c.lfRLo = rl; c.lfRHi = rh;
}

/** dst OP src at size sz; sets the lazy flags; returns the result lo (hi in c.th), masked to sz. */
export function alu(c: Cpu, kind: number, sz: number, dl: number, dh: number, sl: number, sh: number): number {
  if (sz < 8) {
    const m = maskOf(sz);
    dl &= m; sl &= m; dh = 0; sh = 0;
    let r: number;
    switch (kind) {
      case Alu.ADD: r = (dl + sl) & m; setLazy(c, LF_ADD, sz, dl, 0, sl, 0, r, 0); break;
      case Alu.ADC: { const ci = getCF(c); r = (dl + sl + ci) & m; c.lfCin = ci; setLazy(c, LF_ADC, sz, dl, 0, sl, 0, r, 0); break; }
      case Alu.SUB: case Alu.CMP: r = (dl - sl) & m; setLazy(c, LF_SUB, sz, dl, 0, sl, 0, r, 0); break;
      case Alu.SBB: { const ci = getCF(c); r = (dl - sl - ci) & m; c.lfCin = ci; setLazy(c, LF_SBB, sz, dl, 0, sl, 0, r, 0); break; }
      case Alu.AND: case Alu.TEST: r = dl & sl; setLazy(c, LF_LOGIC, sz, dl, 0, sl, 0, r, 0); break;
      case Alu.OR: r = dl | sl; setLazy(c, LF_LOGIC, sz, dl, 0, sl, 0, r, 0); break;
      default: r = dl ^ sl; setLazy(c, LF_LOGIC, sz, dl, 0, sl, 0, r, 0); break;
    }
    c.th = 0;
    return r;
  }
  let rl: number, rh: number;
  switch (kind) {
    case Alu.ADD: { const s = (dl >>> 0) + (sl >>> 0); rl = s | 0; rh = (dh + sh + (s >= TWO32 ? 1 : 0)) | 0; setLazy(c, LF_ADD, 8, dl, dh, sl, sh, rl, rh); break; }
    case Alu.ADC: { const ci = getCF(c); const s = (dl >>> 0) + (sl >>> 0) + ci; rl = s | 0; rh = (dh + sh + (s >= TWO32 ? 1 : 0)) | 0; c.lfCin = ci; setLazy(c, LF_ADC, 8, dl, dh, sl, sh, rl, rh); break; }
    case Alu.SUB: case Alu.CMP: { const s = (dl >>> 0) - (sl >>> 0); rl = s | 0; rh = (dh - sh - (s < 0 ? 1 : 0)) | 0; setLazy(c, LF_SUB, 8, dl, dh, sl, sh, rl, rh); break; }
    case Alu.SBB: { const ci = getCF(c); const s = (dl >>> 0) - (sl >>> 0) - ci; rl = s | 0; rh = (dh - sh - (s < 0 ? 1 : 0)) | 0; c.lfCin = ci; setLazy(c, LF_SBB, 8, dl, dh, sl, sh, rl, rh); break; }
    case Alu.AND: case Alu.TEST: rl = dl & sl; rh = dh & sh; setLazy(c, LF_LOGIC, 8, dl, dh, sl, sh, rl, rh); break;
    case Alu.OR: rl = dl | sl; rh = dh | sh; setLazy(c, LF_LOGIC, 8, dl, dh, sl, sh, rl, rh); break;
    default: rl = dl ^ sl; rh = dh ^ sh; setLazy(c, LF_LOGIC, 8, dl, dh, sl, sh, rl, rh); break;
  }
  c.th = rh;
  return rl;
}

const writes = (kind: number) => kind !== Alu.CMP && kind !== Alu.TEST;

/** E op= G */
export function aluEG(c: Cpu, i: Insn): number {
  const sz = i.osz, k = i.sub;
  const sl = c.readG(i, sz), sh = c.th;
  const dl = writes(k) ? c.readEForWrite(i, sz) : c.readE(i, sz), dh = c.th;
  const rl = alu(c, k, sz, dl, dh, sl, sh);
  if (writes(k)) c.writeE(i, sz, rl, c.th, true);
  return 0;
}

/** G op= E */
export function aluGE(c: Cpu, i: Insn): number {
  const sz = i.osz, k = i.sub;
  const sl = c.readE(i, sz), sh = c.th;
  const dl = c.readG(i, sz), dh = c.th;
  const rl = alu(c, k, sz, dl, dh, sl, sh);
  if (writes(k)) c.writeG(i, sz, rl, c.th);
  return 0;
}

/** E op= imm */
export function aluEI(c: Cpu, i: Insn): number {
  const sz = i.osz, k = i.sub;
  const dl = writes(k) ? c.readEForWrite(i, sz) : c.readE(i, sz), dh = c.th;
  const rl = alu(c, k, sz, dl, dh, i.imm, i.immHi);
  if (writes(k)) c.writeE(i, sz, rl, c.th, true);
  return 0;
}

export function incDec(c: Cpu, i: Insn, dec: boolean): number {
  const sz = i.osz;
  const dl = c.readEForWrite(i, sz), dh = c.th;
  const cf = getCF(c);
  const rl = alu(c, dec ? Alu.SUB : Alu.ADD, sz, dl, dh, 1, 0);
  c.lfOp = dec ? LF_DEC : LF_INC;
  c.lfCin = cf;
  c.writeE(i, sz, rl, c.th, true);
  return 0;
}

export function neg(c: Cpu, i: Insn): number {
  const sz = i.osz;
  const sl = c.readEForWrite(i, sz), sh = c.th;
  const rl = alu(c, Alu.SUB, sz, 0, 0, sl, sh);
  c.writeE(i, sz, rl, c.th, true);
  return 0;
}

export function not(c: Cpu, i: Insn): number {
  const sz = i.osz;
  const l = c.readEForWrite(i, sz), h = c.th;
  c.writeE(i, sz, ~l & maskOf(sz), ~h, true);
  return 0;
}

// ---- multiply / divide (on 32-bit halves: muldiv.ts; no BigInt)

/** Flags after MUL/IMUL: CF = OF = `ov`; SF ZF PF from the low half (undefined by the SDM), AF cleared. */
function mulFlags(c: Cpu, sz: number, lo: number, hi: number, ov: boolean): void {
  // every status flag is set here: the lazy record need not be evaluated (flags keeps the others)
  let f = c.flags & ~STATUS;
  if (ov) f |= CF | OF;
  const m = sz === 8 ? (lo | hi) : lo & maskOf(sz);
  if (m === 0) f |= ZF;
  if (signBit(sz, lo, hi)) f |= SF;
  if (PARITY[lo & 0xff]) f |= PF;
  c.flags = f;
  c.lfOp = LF_NONE;
}

/** Sign-extends the low sz bytes of lo (sz 1, 2, 4) to int32. */
function sx32(v: number, sz: number): number {
  return sz === 1 ? (v << 24) >> 24 : sz === 2 ? (v << 16) >> 16 : v | 0;
}

/** mul / imul with one operand: rAX * E -> rDX:rAX (AX for bytes). */
export function mul(c: Cpu, i: Insn, signed: boolean): number {
  const sz = i.osz, R = c.R;
  const sl = c.readE(i, sz), sh = c.th;
  if (sz <= 2) {
    const m = maskOf(sz);
    const a = signed ? sx32(R[0]! & m, sz) : R[0]! & m, b = signed ? sx32(sl & m, sz) : sl & m;
    const p = a * b; // exact: at most 32 bits
    const lo = p & m, hi = (sz === 1 ? p >> 8 : p >> 16) & m;
    const ov = signed ? p !== sx32(lo, sz) : hi !== 0;
    if (sz === 1) c.writeReg(2, 0, 1, p & 0xffff, 0);
    else { c.writeReg(2, 0, 1, lo, 0); c.writeReg(2, 2, 1, hi, 0); }
    mulFlags(c, sz, lo, 0, ov);
    return 0;
  }
  const aLo = R[0]!, aHi = sz === 8 ? R[1]! : signed ? aLo >> 31 : 0;
  const bLo = sl, bHi = sz === 8 ? sh : signed ? sl >> 31 : 0;
  if (signed) muls64(aLo, aHi, bLo, bHi); else mulu64(aLo, aHi, bLo, bHi);
  let lo: number, hi: number, ov: boolean;
  if (sz === 4) {
    lo = W[0]!; hi = W[1]!;
    ov = signed ? hi !== lo >> 31 : hi !== 0;
    c.writeReg(4, 0, 1, lo, 0); c.writeReg(4, 2, 1, hi, 0);
    mulFlags(c, 4, lo, 0, ov);
  } else {
    lo = W[0]!; hi = W[1]!;
    const h0 = W[2]!, h1 = W[3]!;
    ov = signed ? !(h0 === hi >> 31 && h1 === hi >> 31) : (h0 | h1) !== 0;
    c.writeReg(8, 0, 1, lo, hi); c.writeReg(8, 2, 1, h0, h1);
    mulFlags(c, 8, lo, hi, ov);
  }
  return 0;
}

/** imul G, E (IMUL2) and imul G, E, imm (IMUL3): truncated signed product. */
export function imulN(c: Cpu, i: Insn, three: boolean): number {
  const sz = i.osz;
  let el = c.readE(i, sz);
  const eh = c.th;
  let bl: number, bh: number;
  if (three) { bl = i.imm; bh = i.immHi; } else { bl = c.readG(i, sz); bh = c.th; }
  if (sz < 8) { el = sx32(el, sz); bl = sx32(bl, sz); }
  const aLo = el, aHi = sz === 8 ? eh : el >> 31;
  const cLo = bl, cHi = sz === 8 ? bh : bl >> 31;
  if (sz === 8 && aHi === aLo >> 31 && cHi === cLo >> 31 && mulsSmall(aLo, cLo)) {
    // (the common case: both operands sign-extended 32-bit values, a product below 2^53)
    const lo = W[0]!, hi = W[1]!;
    c.writeG(i, 8, lo, hi);
    mulFlags(c, 8, lo, hi, false);
    return 0;
  }
  muls64(aLo, aHi, cLo, cHi);
  const lo = W[0]!, hi = W[1]!;
  let ov: boolean;
  if (sz === 8) ov = !(W[2] === hi >> 31 && W[3] === hi >> 31);
  else { const t = sx32(lo, sz); ov = t !== lo || hi !== t >> 31; }
  if (sz === 8) c.writeG(i, 8, lo, hi);
  else c.writeG(i, sz, lo & maskOf(sz), 0);
  mulFlags(c, sz, lo, sz === 8 ? hi : 0, ov);
  return 0;
}

/** div / idiv: rDX:rAX / E -> quotient rAX, remainder rDX (AX / E -> AL, AH for bytes); #DE on 0 or overflow. */
export function div(c: Cpu, i: Insn, signed: boolean): number {
  const sz = i.osz, R = c.R;
  const sl = c.readE(i, sz), sh = c.th;
  if (sz <= 2) {
    const m = maskOf(sz), bits = sz * 8;
    const d = signed ? sx32(sl & m, sz) : sl & m;
    if (d === 0) throw new CpuFault(VEC_DE);
    // dividend: AX (bytes) or DX:AX (words), at most 32 bits: exact in a double
    let n = sz === 1 ? R[0]! & 0xffff : ((R[4]! & 0xffff) * 65536 + (R[0]! & 0xffff));
    if (signed) n = sz === 1 ? (n << 16) >> 16 : n | 0;
    const q = Math.trunc(n / d), r = n - q * d;
    if (signed ? q < -(2 ** (bits - 1)) || q >= 2 ** (bits - 1) : q >= 2 ** bits) throw new CpuFault(VEC_DE);
    if (sz === 1) c.writeReg(2, 0, 1, ((r & 0xff) << 8) | (q & 0xff), 0);
    else { c.writeReg(2, 0, 1, q & 0xffff, 0); c.writeReg(2, 2, 1, r & 0xffff, 0); }
    return 0;
  }
  let ok: boolean;
  if (sz === 4) {
    const a = R[0]!, d = R[4]!;
    ok = signed ? divs128(a, d, d >> 31, d >> 31, sl, sl >> 31) : divu128(a, d, 0, 0, sl, 0);
    // the quotient must fit in 32 bits
    if (ok && (signed ? W[1] !== W[0]! >> 31 : W[1] !== 0)) ok = false;
    if (!ok) throw new CpuFault(VEC_DE);
    c.writeReg(4, 0, 1, W[0]!, 0); c.writeReg(4, 2, 1, W[2]!, 0);
    return 0;
  }
  const aLo = R[0]!, aHi = R[1]!, dLo = R[4]!, dHi = R[5]!;
  ok = signed ? divs128(aLo, aHi, dLo, dHi, sl, sh) : divu128(aLo, aHi, dLo, dHi, sl, sh);
  if (!ok) throw new CpuFault(VEC_DE);
  c.writeReg(8, 0, 1, W[0]!, W[1]!); c.writeReg(8, 2, 1, W[2]!, W[3]!);
  return 0; // flags undefined: left unchanged
}

// ---- shifts and rotates

function shiftCount(c: Cpu, i: Insn): number {
  const raw = i.sub2 === 0 ? 1 : i.sub2 === 1 ? i.imm : c.R[2]! & 0xff;
  return raw & (i.osz === 8 ? 63 : 31);
}

// 64-bit shift results (module scratch: no allocation)
let oLo = 0, oHi = 0;
/** (lo, hi) shifted left by k (0..63) into oLo/oHi. */
function shl64(lo: number, hi: number, k: number): void {
  if (k === 0) { oLo = lo; oHi = hi; } else if (k < 32) { oLo = lo << k; oHi = (hi << k) | (lo >>> (32 - k)); } else { oLo = 0; oHi = lo << (k - 32); }
}
function shr64(lo: number, hi: number, k: number, arith: boolean): void {
  if (k === 0) { oLo = lo; oHi = hi; }
  else if (k < 32) { oLo = (lo >>> k) | (hi << (32 - k)); oHi = arith ? hi >> k : hi >>> k; }
  else { oLo = arith ? hi >> (k - 32) : hi >>> (k - 32); oHi = arith ? hi >> 31 : 0; }
}

export function shift(c: Cpu, i: Insn): number {
  const sz = i.osz, bits = sz * 8;
  const cnt = shiftCount(c, i);
  const dl0 = c.readEForWrite(i, sz), dh0 = c.th;
  if (cnt === 0) { // flags unchanged; a 32-bit register destination is still written (zero-extended)
    if (sz === 4 && i.mod3) c.R[(i.rm << 1) + 1] = 0;
    return 0;
  }
  const m = maskOf(sz);
  const dl = sz < 8 ? dl0 & m : dl0, dh = sz < 8 ? 0 : dh0;
  let rl: number, rh = 0;
  const k = i.sub;
  if (k === Sh.SHL || k === Sh.SAL || k === Sh.SHR || k === Sh.SAR) {
    if (sz === 8) {
      if (k === Sh.SHR) shr64(dl, dh, cnt, false); else if (k === Sh.SAR) shr64(dl, dh, cnt, true); else shl64(dl, dh, cnt);
      rl = oLo | 0; rh = oHi | 0;
    } else if (k === Sh.SHR) rl = (dl >>> cnt) & m;
    else if (k === Sh.SAR) rl = ((dl << (32 - bits)) >> (32 - bits) >> Math.min(cnt, 31)) & m;
    else rl = cnt >= 32 ? 0 : (dl << cnt) & m;
    setLazy(c, k === Sh.SHR ? LF_SHR : k === Sh.SAR ? LF_SAR : LF_SHL, sz, dl, dh, cnt, 0, rl, rh);
    c.writeE(i, sz, rl, rh, true);
    return 0;
  }
  // rotates: only CF and OF change
  materialize(c);
  let cf = c.flags & CF, of: number;
  let lo = dl, hi = dh;
  if (k === Sh.ROL || k === Sh.ROR) {
    const t = cnt % bits;
    for (let n = 0; n < t; n++) {
      if (k === Sh.ROL) { const top = signBit(sz, lo, hi); shl64(lo, hi, 1); lo = oLo | top; hi = oHi; }
      else { const bot = lo & 1; shr64(lo, hi, 1, false); lo = oLo; hi = oHi; if (sz === 8) hi |= bot << 31; else lo |= bot << (bits - 1); }
      if (sz < 8) { lo &= m; hi = 0; }
    }
    lo |= 0; hi |= 0;
    if (k === Sh.ROL) { cf = lo & 1; of = signBit(sz, lo, hi) ^ cf; }
    else { cf = signBit(sz, lo, hi); of = cf ^ (sz === 8 ? (hi >>> 30) & 1 : (lo >>> (bits - 2)) & 1); }
  } else {
    const t = sz === 1 ? cnt % 9 : sz === 2 ? cnt % 17 : cnt;
    if (k === Sh.RCR) of = signBit(sz, lo, hi) ^ cf; else of = 0;
    for (let n = 0; n < t; n++) {
      if (k === Sh.RCL) { const top = signBit(sz, lo, hi); shl64(lo, hi, 1); lo = oLo | cf; hi = oHi; cf = top; }
      else { const bot = lo & 1; shr64(lo, hi, 1, false); lo = oLo; hi = oHi; if (sz === 8) hi |= cf << 31; else lo |= cf << (bits - 1); cf = bot; }
      if (sz < 8) { lo &= m; hi = 0; }
    }
    lo |= 0; hi |= 0;
    if (k === Sh.RCL) of = signBit(sz, lo, hi) ^ cf;
  }
  c.flags = (c.flags & ~(CF | OF)) | cf | (of << 11);
  c.writeE(i, sz, lo, hi, true);
  return 0;
}

// ---- bit tests

export function bt(c: Cpu, i: Insn): number {
  const sz = i.osz, bits = sz * 8, k = i.sub; // 0 bt, 1 bts, 2 btr, 3 btc
  let off: number;
  if (i.sub2 === 1) off = i.imm & (bits - 1);
  else {
    const ol = c.readG(i, sz), oh = c.th;
    if (i.mod3) off = ol & (bits - 1);
    else {
      // register bit offset into memory: signed, may address outside the operand
      c.ea(i);
      const signedOff = sz === 8 ? oh * TWO32 + (ol >>> 0) : sz === 4 ? ol : (ol << 16) >> 16;
      const unit = Math.floor(signedOff / bits);
      off = signedOff - unit * bits;
      let lo = c.eaLo + unit * sz, hi = c.eaHi;
      const carry = Math.floor(lo / TWO32);
      lo -= carry * TWO32; hi = (hi + carry) | 0;
      return btMem(c, sz, k, lo, hi, off);
    }
  }
  if (!i.mod3) { c.ea(i); return btMem(c, sz, k, c.eaLo, c.eaHi, off); }
  const lo = c.readReg(sz, i.rm, i.rex), hi = c.th;
  const bit = btOp(lo, hi, off, k);
  if (k !== 0) c.writeReg(sz, i.rm, i.rex, oLo, oHi);
  btFlags(c, bit);
  return 0;
}

function btMem(c: Cpu, sz: number, k: number, lo: number, hi: number, off: number): number {
  if (k !== 0) c.probeWrite(lo, hi, sz);
  const vl = c.rd(sz, lo, hi), vh = c.th;
  const bit = btOp(vl, vh, off, k);
  if (k !== 0) c.wr(sz, lo, hi, oLo, oHi);
  btFlags(c, bit);
  return 0;
}

/** Tests bit `off` of (lo, hi) and applies bt (0) / bts (1) / btr (2) / btc (3): new value in oLo/oHi; returns the bit. */
function btOp(lo: number, hi: number, off: number, k: number): number {
  const inHi = off >= 32, sh = off & 31;
  const w = inHi ? hi : lo;
  const bit = (w >>> sh) & 1;
  let nw = w;
  if (k === 1) nw = w | (1 << sh); else if (k === 2) nw = w & ~(1 << sh); else if (k === 3) nw = w ^ (1 << sh);
  if (inHi) { oLo = lo; oHi = nw; } else { oLo = nw; oHi = hi; }
  return bit;
}

function btFlags(c: Cpu, bit: number): void {
  materialize(c);
  c.flags = (c.flags & ~CF) | bit; // ZF unaffected; OF SF AF PF undefined (left unchanged)
}

export function bsfBsr(c: Cpu, i: Insn, reverse: boolean): number {
  const sz = i.osz;
  const lo = c.readE(i, sz), hi = c.th;
  materialize(c);
  const l = sz < 4 ? lo & maskOf(sz) : lo, h = sz === 8 ? hi : 0;
  if (l === 0 && h === 0) { c.flags |= ZF; return 0; } // destination unchanged
  c.flags &= ~ZF;
  let idx: number;
  if (!reverse) idx = l !== 0 ? 31 - Math.clz32(l & -l) : 32 + 31 - Math.clz32(h & -h);
  else idx = h !== 0 ? 63 - Math.clz32(h) : 31 - Math.clz32(l);
  c.writeG(i, sz, idx, 0);
  return 0;
}

/** cbw / cwde / cdqe */
export function convA(c: Cpu, i: Insn): number {
  const R = c.R;
  if (i.osz === 2) c.writeReg(2, 0, 1, ((R[0]! << 24) >> 24) & 0xffff, 0);
  else if (i.osz === 4) c.writeReg(4, 0, 1, (R[0]! << 16) >> 16, 0);
  else R[1] = R[0]! >> 31;
  return 0;
}

/** cwd / cdq / cqo */
export function convD(c: Cpu, i: Insn): number {
  const R = c.R;
  if (i.osz === 2) c.writeReg(2, 2, 1, (R[0]! << 16) >> 31, 0);
  else if (i.osz === 4) c.writeReg(4, 2, 1, R[0]! >> 31, 0);
  else { const s = R[1]! >> 31; R[4] = s; R[5] = s; }
  return 0;
}

export { getZF };
