// Data movement: mov (incl. imm64, moffs, segment registers), movzx/movsx/movsxd, lea, xchg,
// push/pop (registers, immediates, memory, RFLAGS), leave, cmovcc, setcc, bswap.

import type { Cpu } from './cpu.js';
import { Insn, SEG_SS } from './insn.js';
import { cond, getRflags, POPF_MASK, RFLAGS_FIXED, LF_NONE } from './flags.js';
import { maskOf } from './exec-alu.js';

export function movEG(c: Cpu, i: Insn): number {
  const sz = i.osz;
  const l = c.readG(i, sz);
  c.writeE(i, sz, l, c.th);
  return 0;
}

export function movGE(c: Cpu, i: Insn): number {
  const sz = i.osz;
  const l = c.readE(i, sz);
  c.writeG(i, sz, l, c.th);
  return 0;
}

export function movEI(c: Cpu, i: Insn): number {
  c.writeE(i, i.osz, i.imm, i.immHi);
  return 0;
}

/** movzx (sub = source size 1/2) */
export function movzx(c: Cpu, i: Insn): number {
  const v = c.readE(i, i.sub);
  c.writeG(i, i.osz, v, 0);
  return 0;
}

/** movsx (sub = source size 1/2) */
export function movsx(c: Cpu, i: Insn): number {
  const v = c.readE(i, i.sub);
  const s = i.sub === 1 ? (v << 24) >> 24 : (v << 16) >> 16;
  c.writeG(i, i.osz, s & maskOf(i.osz), s >> 31);
  return 0;
}

export function movsxd(c: Cpu, i: Insn): number {
  const v = c.readE(i, 4);
  if (i.osz === 8) c.writeG(i, 8, v, v >> 31);
  else c.writeG(i, i.osz, v & maskOf(i.osz), 0);
  return 0;
}

export function lea(c: Cpu, i: Insn): number {
  c.ea(i, false); // the effective address: no segment base
  c.writeG(i, i.osz, c.eaLo | 0, c.eaHi);
  return 0;
}

export function xchg(c: Cpu, i: Insn): number {
  const sz = i.osz;
  const gl = c.readG(i, sz), gh = c.th;
  const el = c.readEForWrite(i, sz), eh = c.th;
  c.writeE(i, sz, gl, gh, true);
  c.writeG(i, sz, el, eh);
  return 0;
}

/** mov r/m, Sreg: a register destination gets the selector zero-extended (16 bits with 0x66); memory gets 16 bits. */
export function movESeg(c: Cpu, i: Insn): number {
  const v = c.seg[i.reg]!;
  if (i.mod3) c.writeReg(i.osz === 2 ? 2 : 4, i.rm, i.rex, v, 0);
  else c.writeE(i, 2, v, 0);
  return 0;
}

/**
 * mov Sreg, r/m. Only the selector is kept: this machine has no segment descriptors to load (in
 * 64-bit mode DS/ES/SS bases are 0; FS/GS bases come from the FS_BASE/GS_BASE MSRs and are left as they are).
 */
export function movSegE(c: Cpu, i: Insn): number {
  const v = c.readE(i, 2) & 0xffff;
  c.seg[i.reg] = v;
  return i.reg === SEG_SS ? 0 : 0;
}

export function pushR(c: Cpu, i: Insn): number {
  const R = c.R;
  if (i.osz === 8) c.push64(R[i.reg << 1]!, R[(i.reg << 1) + 1]!);
  else c.push16(R[i.reg << 1]! & 0xffff);
  return 0;
}

export function popR(c: Cpu, i: Insn): number {
  if (i.osz === 8) { const v = c.pop64(); c.writeReg(8, i.reg, 1, v, c.th); }
  else { const v = c.pop16(); c.writeReg(2, i.reg, 1, v, 0); }
  return 0;
}

export function pushI(c: Cpu, i: Insn): number {
  if (i.osz === 8) c.push64(i.imm, i.immHi); else c.push16(i.imm & 0xffff);
  return 0;
}

export function pushE(c: Cpu, i: Insn): number {
  const v = c.readE(i, i.osz);
  if (i.osz === 8) c.push64(v, c.th); else c.push16(v);
  return 0;
}

/** pop r/m: RSP is incremented before the destination address is computed (SDM); restored if the write faults. */
export function popE(c: Cpu, i: Insn): number {
  const R = c.R, spl = R[8]!, sph = R[9]!;
  const v = i.osz === 8 ? c.pop64() : c.pop16(), vh = c.th;
  try {
    c.writeE(i, i.osz, v, vh);
  } catch (e) {
    R[8] = spl; R[9] = sph;
    throw e;
  }
  return 0;
}

export function pushf(c: Cpu, i: Insn): number {
  const f = getRflags(c) & ~0x30000; // VM and RF are not pushed
  if (i.osz === 8) c.push64(f, 0); else c.push16(f & 0xffff);
  return 0;
}

export function popf(c: Cpu, i: Insn): number {
  const v = i.osz === 8 ? c.pop64() : c.pop16();
  const mask = i.osz === 8 ? POPF_MASK : POPF_MASK & 0xffff;
  c.flags = ((getRflags(c) & ~mask & ~0x10000) | (v & mask) | RFLAGS_FIXED) >>> 0;
  c.lfOp = LF_NONE;
  return 1; // IF/TF may have changed
}

export function leave(c: Cpu, i: Insn): number {
  const R = c.R;
  const spl = R[8]!, sph = R[9]!;
  R[8] = R[10]!; R[9] = R[11]!;
  try {
    if (i.osz === 8) { const v = c.pop64(); R[10] = v; R[11] = c.th; }
    else { const v = c.pop16(); c.writeReg(2, 5, 1, v, 0); }
  } catch (e) {
    R[8] = spl; R[9] = sph;
    throw e;
  }
  return 0;
}

/** cmovcc: the source is read (and may fault) whatever the condition; a 32-bit destination is always zero-extended. */
export function cmov(c: Cpu, i: Insn): number {
  const sz = i.osz;
  const v = c.readE(i, sz), vh = c.th;
  if (cond(c, i.sub)) c.writeG(i, sz, v, vh);
  else if (sz === 4) c.R[(i.reg << 1) + 1] = 0;
  return 0;
}

export function setcc(c: Cpu, i: Insn): number {
  c.writeE(i, 1, cond(c, i.sub) ? 1 : 0, 0);
  return 0;
}

function bswap32(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

export function bswap(c: Cpu, i: Insn): number {
  const R = c.R, k = i.reg << 1;
  if (i.osz === 8) { const lo = R[k]!, hi = R[k + 1]!; R[k] = bswap32(hi); R[k + 1] = bswap32(lo); }
  else if (i.osz === 4) { R[k] = bswap32(R[k]!); R[k + 1] = 0; }
  else R[k] = R[k]! & ~0xffff; // BSWAP r16 is undefined; Intel processors clear the register's low word
  return 0;
}
