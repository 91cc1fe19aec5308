// Control transfer: jcc, jmp, call, ret, loop/loope/loopne/jrcxz, int3, int n, iretq.
// Handlers return 1 when they set RIP (the loop re-fetches from c.ripLo/ripHi).

import type { Cpu } from './cpu.js';
import { Insn } from './insn.js';
import { cond, getZF, IRET_MASK, RFLAGS_FIXED, LF_NONE } from './flags.js';
import { VEC_BP } from './exceptions.js';

function relJump(c: Cpu, i: Insn): number {
  c.ripPlus(i.rel);
  c.jumpTo(c.eaLo, c.eaHi);
  return 1;
}

export function jcc(c: Cpu, i: Insn): number {
  return cond(c, i.sub) ? relJump(c, i) : 0;
}

export function jmpRel(c: Cpu, i: Insn): number {
  return relJump(c, i);
}

export function jmpE(c: Cpu, i: Insn): number {
  const lo = c.readE(i, 8);
  c.jumpTo(lo, c.th);
  return 1;
}

export function callRel(c: Cpu, i: Insn): number {
  c.ripPlus(i.rel);
  const tlo = c.eaLo, thi = c.eaHi;
  const rlo = c.ripLo, rhi = c.ripHi;
  c.jumpTo(tlo, thi); // checks the target before anything is pushed
  c.ripLo = rlo; c.ripHi = rhi;
  c.push64(rlo, rhi);
  c.ripLo = tlo >>> 0; c.ripHi = thi;
  return 1;
}

export function callE(c: Cpu, i: Insn): number {
  const tlo = c.readE(i, 8), thi = c.th;
  const rlo = c.ripLo, rhi = c.ripHi;
  c.jumpTo(tlo, thi);
  c.ripLo = rlo; c.ripHi = rhi;
  c.push64(rlo, rhi);
  c.ripLo = tlo >>> 0; c.ripHi = thi;
  return 1;
}

/** ret / ret imm16: the return address is checked before RSP changes. */
export function ret(c: Cpu, i: Insn): number {
  const R = c.R;
  const spl = R[8]!, sph = R[9]!;
  const lo = c.pop64(), hi = c.th;
  try {
    c.jumpTo(lo, hi);
  } catch (e) {
    R[8] = spl; R[9] = sph;
    throw e;
  }
  if (i.imm !== 0) {
    let sl = (R[8]! >>> 0) + (i.imm & 0xffff), sh = R[9]!;
    if (sl >= 4294967296) { sl -= 4294967296; sh = (sh + 1) | 0; }
    R[8] = sl | 0; R[9] = sh;
  }
  return 1;
}

/** loopne (0), loope (1), loop (2), jrcxz (3); the count register is ECX with a 0x67 prefix. */
export function loop(c: Cpu, i: Insn): number {
  const R = c.R;
  let lo = R[2]!, hi = i.asz === 8 ? R[3]! : 0;
  if (i.sub === 3) return (lo | hi) === 0 ? relJump(c, i) : 0;
  // decrement the count
  if (lo === 0) hi = (hi - 1) | 0;
  lo = (lo - 1) | 0;
  if (i.asz === 8) { R[2] = lo; R[3] = hi; } else { R[2] = lo; R[3] = 0; hi = 0; }
  let take = (lo | hi) !== 0;
  if (i.sub === 0) take = take && getZF(c) === 0;
  else if (i.sub === 1) take = take && getZF(c) === 1;
  return take ? relJump(c, i) : 0;
}

export function int3(c: Cpu): number {
  c.deliver(VEC_BP, false, 0);
  return 1;
}

export function intN(c: Cpu, i: Insn): number {
  c.deliver(i.imm & 0xff, false, 0);
  return 1;
}

/** iretq: pops RIP, CS, RFLAGS, RSP, SS (64-bit mode always pops SS:RSP). */
export function iretq(c: Cpu): number {
  const R = c.R;
  const spl = R[8]!, sph = R[9]!;
  try {
    const rl = c.pop64(), rh = c.th;
    const cs = c.pop64();
    const fl = c.pop64();
    const sl = c.pop64(), sh = c.th;
    const ss = c.pop64();
    c.jumpTo(rl, rh);
    c.seg[1] = cs & 0xffff;
    c.seg[2] = ss & 0xffff;
    c.flags = ((c.flags & ~IRET_MASK) | (fl & IRET_MASK) | RFLAGS_FIXED) >>> 0;
    c.lfOp = LF_NONE;
    R[8] = sl; R[9] = sh;
  } catch (e) {
    R[8] = spl; R[9] = sph;
    throw e;
  }
  return 1;
}
