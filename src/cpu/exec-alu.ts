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

// ---- multiply / divide (BigInt for the 64-bit forms: not a hot path)

function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Flags after MUL/IMUL: CF = OF = `ov`; SF ZF PF from the low half (undefined by the SDM), AF cleared. */
function mulFlags(c: Cpu, sz: number, lo: number, hi: number, ov: boolean): void {
  materialize(c);
  let f = c.flags & ~STATUS;
  if (ov) f |= CF | OF;
  const m = sz === 8 ? (lo | hi) : lo & maskOf(sz);
  if (m === 0) f |= ZF;
  if (signBit(sz, lo, hi)) f |= SF;
  if (PARITY[lo & 0xff]) f |= PF;
  c.flags = f;
  c.lfOp = LF_NONE;
}

function regBySize(c: Cpu, sz: number, num: number): bigint {
  const lo = c.readReg(sz, num, 1), hi = c.th;
  return sz === 8 ? toBig(lo, hi) : BigInt(sz === 4 ? lo >>> 0 : lo);
}

function writeBig(c: Cpu, sz: number, num: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  c.writeReg(sz, num, 1, Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0);
}

function sxBig(v: bigint, sz: number): bigint { return BigInt.asIntN(sz * 8, v); }

export function mul(c: Cpu, i: Insn, signed: boolean): number {
  const sz = i.osz, bits = sz * 8;
  const sl = c.readE(i, sz), sh = c.th;
  let a = sz === 1 ? BigInt(c.R[0]! & 0xff) : regBySize(c, sz, 0);
  let b = sz === 8 ? toBig(sl, sh) : BigInt(sz === 4 ? sl >>> 0 : sl);
  if (signed) { a = sxBig(a, sz); b = sxBig(b, sz); }
  const p = a * b;
  const lo = BigInt.asUintN(bits, p), hi = BigInt.asUintN(bits, p >> BigInt(bits));
  const ov = signed ? sxBig(lo, sz) !== p : hi !== 0n;
  if (sz === 1) c.writeReg(2, 0, 1, Number(BigInt.asUintN(16, p)), 0);
  else { writeBig(c, sz, 0, lo); writeBig(c, sz, 2, hi); }
  const l32 = Number(lo & 0xffffffffn) | 0, h32 = Number(lo >> 32n) | 0;
  mulFlags(c, sz, l32, h32, ov);
  return 0;
}

/** imul G, E (IMUL2) and imul G, E, imm (IMUL3): truncated signed product. */
export function imulN(c: Cpu, i: Insn, three: boolean): number {
  const sz = i.osz;
  const el = c.readE(i, sz), eh = c.th;
  const a = sxBig(sz === 8 ? toBig(el, eh) : BigInt(el >>> 0), sz);
  const b = three ? sxBig(toBig(i.imm, i.immHi), sz) : sxBig(regBySize(c, sz, i.reg), sz);
  const p = a * b;
  const r = BigInt.asUintN(sz * 8, p);
  const ov = sxBig(r, sz) !== p;
  writeBig(c, sz, i.reg, r);
  mulFlags(c, sz, Number(r & 0xffffffffn) | 0, Number(r >> 32n) | 0, ov);
  return 0;
}

export function div(c: Cpu, i: Insn, signed: boolean): number {
  const sz = i.osz, bits = BigInt(sz * 8);
  const sl = c.readE(i, sz), sh = c.th;
  let d = sz === 8 ? toBig(sl, sh) : BigInt(sz === 4 ? sl >>> 0 : sl);
  if (d === 0n) throw new CpuFault(VEC_DE);
  let n: bigint;
  if (sz === 1) n = BigInt(c.R[0]! & 0xffff);
  else n = (regBySize(c, sz, 2) << bits) | regBySize(c, sz, 0);
  if (signed) { n = BigInt.asIntN(sz * 16, n); d = sxBig(d, sz); }
  const q = n / d, r = n % d; // BigInt division truncates toward zero, like IDIV
  if (signed ? sxBig(q, sz) !== q : q >> bits !== 0n) throw new CpuFault(VEC_DE);
  if (sz === 1) {
    const v = (Number(BigInt.asUintN(8, r)) << 8) | Number(BigInt.asUintN(8, q));
    c.writeReg(2, 0, 1, v, 0);
  } else { writeBig(c, sz, 0, q); writeBig(c, sz, 2, r); }
  return 0; // flags undefined: left unchanged
}

// ---- shifts and rotates

function shiftCount(c: Cpu, i: Insn): number {
  const raw = i.sub2 === 0 ? 1 : i.sub2 === 1 ? i.imm : c.R[2]! & 0xff;
  return raw & (i.osz === 8 ? 63 : 31);
}

/** (lo, hi) shifted left by k (0..63). */
function shl64(lo: number, hi: number, k: number): [number, number] {
  if (k === 0) return [lo, hi];
  if (k < 32) return [lo << k, (hi << k) | (lo >>> (32 - k))];
  return [0, lo << (k - 32)];
}
function shr64(lo: number, hi: number, k: number, arith: boolean): [number, number] {
  if (k === 0) return [lo, hi];
  if (k < 32) return [(lo >>> k) | (hi << (32 - k)), arith ? hi >> k : hi >>> k];
  return [arith ? hi >> (k - 32) : hi >>> (k - 32), arith ? hi >> 31 : 0];
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
      [rl, rh] = k === Sh.SHR ? shr64(dl, dh, cnt, false) : k === Sh.SAR ? shr64(dl, dh, cnt, true) : shl64(dl, dh, cnt);
      rl |= 0; rh |= 0;
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
  const msb = (l: number, h: number) => signBit(sz, l, h);
  if (k === Sh.ROL || k === Sh.ROR) {
    const t = cnt % bits;
    for (let n = 0; n < t; n++) {
      if (k === Sh.ROL) { const top = msb(lo, hi); [lo, hi] = shl64(lo, hi, 1); lo |= top; }
      else { const bot = lo & 1; [lo, hi] = shr64(lo, hi, 1, false); if (sz === 8) hi |= bot << 31; else lo |= bot << (bits - 1); }
      if (sz < 8) { lo &= m; hi = 0; }
    }
    lo |= 0; hi |= 0;
    if (k === Sh.ROL) { cf = lo & 1; of = msb(lo, hi) ^ cf; }
    else { cf = msb(lo, hi); of = cf ^ (sz === 8 ? (hi >>> 30) & 1 : (lo >>> (bits - 2)) & 1); }
  } else {
    const t = sz === 1 ? cnt % 9 : sz === 2 ? cnt % 17 : cnt;
    if (k === Sh.RCR) of = msb(lo, hi) ^ cf; else of = 0;
    for (let n = 0; n < t; n++) {
      if (k === Sh.RCL) { const top = msb(lo, hi); [lo, hi] = shl64(lo, hi, 1); lo |= cf; cf = top; }
      else { const bot = lo & 1; [lo, hi] = shr64(lo, hi, 1, false); if (sz === 8) hi |= cf << 31; else lo |= cf << (bits - 1); cf = bot; }
      if (sz < 8) { lo &= m; hi = 0; }
    }
    lo |= 0; hi |= 0;
    if (k === Sh.RCL) of = msb(lo, hi) ^ cf;
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
      return btMem(c, i, sz, k, lo, hi, off);
    }
  }
  if (!i.mod3) { c.ea(i); return btMem(c, i, sz, k, c.eaLo, c.eaHi, off); }
  const lo = c.readReg(sz, i.rm, i.rex), hi = c.th;
  const [nl, nh, bit] = btOp(lo, hi, off, k);
  if (k !== 0) c.writeReg(sz, i.rm, i.rex, nl, nh);
  btFlags(c, bit);
  return 0;
}

function btMem(c: Cpu, i: Insn, sz: number, k: number, lo: number, hi: number, off: number): number {
  if (k !== 0) c.probeWrite(lo, hi, sz);
  const vl = c.rd(sz, lo, hi), vh = c.th;
  const [nl, nh, bit] = btOp(vl, vh, off, k);
  if (k !== 0) c.wr(sz, lo, hi, nl, nh);
  btFlags(c, bit);
  return 0;
}

function btOp(lo: number, hi: number, off: number, k: number): [number, number, number] {
  const inHi = off >= 32, sh = off & 31;
  const w = inHi ? hi : lo;
  const bit = (w >>> sh) & 1;
  let nw = w;
  if (k === 1) nw = w | (1 << sh); else if (k === 2) nw = w & ~(1 << sh); else if (k === 3) nw = w ^ (1 << sh);
  return inHi ? [lo, nw, bit] : [nw, hi, bit];
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
