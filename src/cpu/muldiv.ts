// 64x64 -> 128-bit multiplication and 128/64-bit division on 32-bit halves (no BigInt, no
// allocation): results land in the module's W array (W[0] = bits 31:0 ... W[3] = bits 127:96;
// for division: W[0], W[1] quotient, W[2], W[3] remainder).

export const W = new Int32Array(4);
const TWO32 = 4294967296;

/** Unsigned 32x32 -> 64: low word in W[0], high word in W[1]. */
function mulu32(a: number, b: number): void {
  a >>>= 0; b >>>= 0;
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  W[0] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
  W[1] = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
}

/** Unsigned (aHi:aLo) * (bHi:bLo) -> 128 bits in W[0..3]. */
export function mulu64(aLo: number, aHi: number, bLo: number, bHi: number): void {
  mulu32(aLo, bLo); const l00 = W[0]! >>> 0, h00 = W[1]! >>> 0;
  mulu32(aLo, bHi); const l01 = W[0]! >>> 0, h01 = W[1]! >>> 0;
  mulu32(aHi, bLo); const l10 = W[0]! >>> 0, h10 = W[1]! >>> 0;
  mulu32(aHi, bHi); const l11 = W[0]! >>> 0, h11 = W[1]! >>> 0;
  const s1 = h00 + l01 + l10;
  const c1 = Math.floor(s1 / TWO32);
  const s2 = h01 + h10 + l11 + c1;
  const c2 = Math.floor(s2 / TWO32);
  W[0] = l00;
  W[1] = s1 - c1 * TWO32;
  W[2] = s2 - c2 * TWO32;
  W[3] = h11 + c2;
}

/**
 * Signed product of two int32 values when its magnitude is below 2^53 (then the double product is
 * exact, and it fits 64 bits signed): bits 63:0 in W[0..1], true. Otherwise false, W untouched.
 */
export function mulsSmall(a: number, b: number): boolean {
  const p = a * b;
  if (!(p < 9007199254740992 && p > -9007199254740992)) return false;
  const h = Math.floor(p / TWO32);
  W[0] = p - h * TWO32; W[1] = h;
  return true;
}

/** Signed 64x64 -> 128 bits in W[0..3]. */
export function muls64(aLo: number, aHi: number, bLo: number, bHi: number): void {
  mulu64(aLo, aHi, bLo, bHi);
  // signed high half = unsigned high half - (a < 0 ? b : 0) - (b < 0 ? a : 0)
  let hl = W[2]! >>> 0, hh = W[3]! >>> 0;
  if (aHi < 0) { const t = hl - (bLo >>> 0); hl = t < 0 ? t + TWO32 : t; hh = (hh - (bHi >>> 0) - (t < 0 ? 1 : 0)) >>> 0; }
  if (bHi < 0) { const t = hl - (aLo >>> 0); hl = t < 0 ? t + TWO32 : t; hh = (hh - (aHi >>> 0) - (t < 0 ? 1 : 0)) >>> 0; }
  W[2] = hl; W[3] = hh;
}

/** Unsigned 64x64 compare of (aHi:aLo) >= (bHi:bLo). */
function geu(aLo: number, aHi: number, bLo: number, bHi: number): boolean {
  return aHi >>> 0 !== bHi >>> 0 ? aHi >>> 0 > bHi >>> 0 : aLo >>> 0 >= bLo >>> 0;
}

/**
 * Unsigned 128/64 division: (nHH:nHL:nLH:nLL) / (dHi:dLo). Returns false when the quotient does not
 * fit in 64 bits or the divisor is 0 (#DE); else quotient in W[0..1], remainder in W[2..3].
 */
export function divu128(nLL: number, nLH: number, nHL: number, nHH: number, dLo: number, dHi: number): boolean {
  if ((dLo | dHi) === 0) return false;
  if (geu(nHL, nHH, dLo, dHi)) return false; // quotient >= 2^64
  // restoring division: the remainder starts as the high 64 bits; shift in the low 64 bits one at a time
  let rLo = nHL >>> 0, rHi = nHH >>> 0;
  let qLo = 0, qHi = 0;
  const dl = dLo >>> 0, dh = dHi >>> 0;
  for (let k = 63; k >= 0; k--) {
    const bit = k >= 32 ? (nLH >>> (k - 32)) & 1 : (nLL >>> k) & 1;
    const top = rHi >>> 31; // the 65th bit after the shift
    rHi = ((rHi << 1) | (rLo >>> 31)) >>> 0;
    rLo = ((rLo << 1) | bit) >>> 0;
    if (top || rHi > dh || (rHi === dh && rLo >= dl)) {
      const t = rLo - dl;
      rLo = t < 0 ? t + TWO32 : t;
      rHi = (rHi - dh - (t < 0 ? 1 : 0)) >>> 0;
      if (k >= 32) qHi |= 1 << (k - 32); else qLo |= 1 << k;
    }
  }
  W[0] = qLo; W[1] = qHi; W[2] = rLo; W[3] = rHi;
  return true;
}

function neg64(lo: number, hi: number): void {
  const l = (~lo + 1) | 0;
  W[0] = l; W[1] = (~hi + (l === 0 ? 1 : 0)) | 0;
}

/**
 * Signed 128/64 division (IDIV): truncates toward zero, remainder has the dividend's sign. Returns
 * false on #DE (divisor 0 or quotient outside [-2^63, 2^63)).
 */
export function divs128(nLL: number, nLH: number, nHL: number, nHH: number, dLo: number, dHi: number): boolean {
  const nNeg = nHH < 0, dNeg = dHi < 0;
  // |n| (128-bit two's complement negate)
  if (nNeg) {
    nLL = ~nLL; nLH = ~nLH; nHL = ~nHL; nHH = ~nHH;
    let t = (nLL >>> 0) + 1; nLL = t | 0;
    if (t >= TWO32) { t = (nLH >>> 0) + 1; nLH = t | 0; if (t >= TWO32) { t = (nHL >>> 0) + 1; nHL = t | 0; if (t >= TWO32) nHH = (nHH + 1) | 0; } }
  }
  if (dNeg) { neg64(dLo, dHi); dLo = W[0]!; dHi = W[1]!; }
  if (!divu128(nLL, nLH, nHL, nHH, dLo, dHi)) return false;
  let qLo = W[0]!, qHi = W[1]!, rLo = W[2]!, rHi = W[3]!;
  const qNeg = nNeg !== dNeg;
  // range: |q| <= 2^63 - 1, or exactly 2^63 when negative
  if (qHi >>> 0 > 0x80000000 || (qHi >>> 0 === 0x80000000 && (qLo !== 0 || !qNeg))) return false;
  if (qNeg) { neg64(qLo, qHi); qLo = W[0]!; qHi = W[1]!; }
  if (nNeg) { neg64(rLo, rHi); rLo = W[0]!; rHi = W[1]!; }
  W[0] = qLo; W[1] = qHi; W[2] = rLo; W[3] = rHi;
  return true;
}
