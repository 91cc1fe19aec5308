// RFLAGS and lazily evaluated status flags.
//
// An arithmetic instruction does not compute CF PF AF ZF SF OF; it records what it did (lfOp), at
// which size (lfSz), its operands (lfD = destination before, lfS = source) and its result (lfR),
// masked to the operand size (hi halves 0 below 64 bits). A flag is computed from that record only
// when something reads it (jcc, setcc, adc, pushfq, an exception...). LF_NONE means the status
// flags are materialised in `flags` (RFLAGS as a number).

/** RFLAGS bits. */
export const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, IF = 0x200, DF = 0x400, OF = 0x800;
export const STATUS = CF | PF | AF | ZF | SF | OF;
/** Bits POPFQ may change at CPL 0 (ID AC NT IOPL OF DF IF TF SF ZF AF PF CF); RF is cleared, VM VIF VIP unchanged. */
export const POPF_MASK = 0x244fd5 | 0x3000 | 0x4000;
/** Bits IRETQ loads at CPL 0: the POPF bits and RF. */
export const IRET_MASK = POPF_MASK | 0x10000;
/** Bit 1 of RFLAGS is always 1. */
export const RFLAGS_FIXED = 0x2;

/** Lazy flag kinds (`lfOp`). */
export const LF_NONE = 0, LF_ADD = 1, LF_ADC = 2, LF_SUB = 3, LF_SBB = 4, LF_LOGIC = 5, LF_INC = 6, LF_DEC = 7,
  LF_SHL = 8, LF_SHR = 9, LF_SAR = 10;

/** The lazy-flags record; the Cpu class carries these fields. */
export interface FlagState {
  flags: number;
  lfOp: number; lfSz: number;
  lfDLo: number; lfDHi: number; lfSLo: number; lfSHi: number; lfRLo: number; lfRHi: number;
  /** ADC/SBB: carry in; INC/DEC: the CF they preserve; shifts: unused. */
  lfCin: number;
}

/** PARITY[b] = PF for a low result byte b (1 when the number of set bits is even). */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) { let p = 1; for (let b = i; b; b >>= 1) p ^= b & 1; PARITY[i] = p; }

/** Bit (8*sz - 1) of (lo, hi): the sign of a sz-byte value. */
export function signBit(sz: number, lo: number, hi: number): number {
  return sz === 8 ? hi >>> 31 : sz === 4 ? lo >>> 31 : sz === 2 ? (lo >>> 15) & 1 : (lo >>> 7) & 1;
}

/** Unsigned a < b for sz-byte values already masked to their size. */
function ltu(sz: number, al: number, ah: number, bl: number, bh: number): boolean {
  if (sz === 8 && ah !== bh) return (ah >>> 0) < (bh >>> 0);
  return (al >>> 0) < (bl >>> 0);
}

function bitAt(lo: number, hi: number, k: number): number {
  return k < 32 ? (lo >>> k) & 1 : (hi >>> (k - 32)) & 1;
}

export function getCF(s: FlagState): number {
  switch (s.lfOp) {
    case LF_NONE: return s.flags & CF;
    case LF_ADD: return ltu(s.lfSz, s.lfRLo, s.lfRHi, s.lfDLo, s.lfDHi) ? 1 : 0;
    case LF_ADC: return ltu(s.lfSz, s.lfRLo, s.lfRHi, s.lfDLo, s.lfDHi) || (s.lfCin !== 0 && s.lfRLo === s.lfDLo && s.lfRHi === s.lfDHi) ? 1 : 0;
    case LF_SUB: return ltu(s.lfSz, s.lfDLo, s.lfDHi, s.lfSLo, s.lfSHi) ? 1 : 0;
    case LF_SBB: return ltu(s.lfSz, s.lfDLo, s.lfDHi, s.lfSLo, s.lfSHi) || (s.lfCin !== 0 && s.lfDLo === s.lfSLo && s.lfDHi === s.lfSHi) ? 1 : 0;
    case LF_LOGIC: return 0;
    case LF_INC: case LF_DEC: return s.lfCin;
    case LF_SHL: { const k = s.lfSz * 8 - s.lfSLo; return k < 0 ? 0 : bitAt(s.lfDLo, s.lfDHi, k); }
    case LF_SHR: { const k = s.lfSLo - 1; return k >= s.lfSz * 8 ? 0 : bitAt(s.lfDLo, s.lfDHi, k); }
    case LF_SAR: { const k = Math.min(s.lfSLo - 1, s.lfSz * 8 - 1); return bitAt(s.lfDLo, s.lfDHi, k); }
  }
  return 0;
}

export function getZF(s: FlagState): number {
  return s.lfOp === LF_NONE ? (s.flags >> 6) & 1 : (s.lfRLo | s.lfRHi) === 0 ? 1 : 0;
}

export function getSF(s: FlagState): number {
  return s.lfOp === LF_NONE ? (s.flags >> 7) & 1 : signBit(s.lfSz, s.lfRLo, s.lfRHi);
}

export function getPF(s: FlagState): number {
  return s.lfOp === LF_NONE ? (s.flags >> 2) & 1 : PARITY[s.lfRLo & 0xff]!;
}

export function getAF(s: FlagState): number {
  switch (s.lfOp) {
    case LF_NONE: return (s.flags >> 4) & 1;
    case LF_ADD: case LF_ADC: case LF_SUB: case LF_SBB: case LF_INC: case LF_DEC:
      return ((s.lfDLo ^ s.lfSLo ^ s.lfRLo) >> 4) & 1;
  }
  return 0; // logic: undefined, hardware clears it; shifts: undefined
}

export function getOF(s: FlagState): number {
  const sz = s.lfSz;
  switch (s.lfOp) {
    case LF_NONE: return (s.flags >> 11) & 1;
    case LF_ADD: case LF_ADC: case LF_INC:
      return signBit(sz, (s.lfDLo ^ s.lfRLo) & (s.lfSLo ^ s.lfRLo), (s.lfDHi ^ s.lfRHi) & (s.lfSHi ^ s.lfRHi));
    case LF_SUB: case LF_SBB: case LF_DEC:
      return signBit(sz, (s.lfDLo ^ s.lfSLo) & (s.lfDLo ^ s.lfRLo), (s.lfDHi ^ s.lfSHi) & (s.lfDHi ^ s.lfRHi));
    case LF_SHL: return signBit(sz, s.lfRLo, s.lfRHi) ^ getCF(s); // defined for a count of 1
    case LF_SHR: return signBit(sz, s.lfDLo, s.lfDHi);           // defined for a count of 1
  }
  return 0; // logic, sar
}

/** RFLAGS as a number (status flags evaluated). */
export function getRflags(s: FlagState): number {
  if (s.lfOp === LF_NONE) return s.flags;
  return (s.flags & ~STATUS) | getCF(s) | (getPF(s) << 2) | (getAF(s) << 4) | (getZF(s) << 6) | (getSF(s) << 7) | (getOF(s) << 11);
}

/** Evaluates the status flags into `flags` (LF_NONE afterwards). */
export function materialize(s: FlagState): void {
  if (s.lfOp !== LF_NONE) { s.flags = getRflags(s); s.lfOp = LF_NONE; }
}

/** Sets the status flags from `v` (other bits untouched). */
export function setStatus(s: FlagState, v: number): void {
  s.flags = (s.flags & ~STATUS) | (v & STATUS);
  s.lfOp = LF_NONE;
}

/** Condition code cc (0..15, the low nibble of jcc/setcc/cmovcc) evaluated. */
export function cond(s: FlagState, cc: number): boolean {
  let r: number;
  switch (cc >> 1) {
    case 0: r = getOF(s); break;
    case 1: r = getCF(s); break;
    case 2: r = getZF(s); break;
    case 3: r = getCF(s) | getZF(s); break;
    case 4: r = getSF(s); break;
    case 5: r = getPF(s); break;
    case 6: r = getSF(s) ^ getOF(s); break;
    default: r = getZF(s) | (getSF(s) ^ getOF(s)); break;
  }
  return (r ^ (cc & 1)) !== 0;
}
