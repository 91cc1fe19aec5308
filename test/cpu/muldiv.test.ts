// The BigInt-free 128-bit multiply/divide helpers (src/cpu/muldiv.ts) against BigInt, with
// fast-check (random and edge values).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { W, mulu64, muls64, mulsSmall, divu128, divs128 } from '../../src/cpu/muldiv.js';

const M64 = (1n << 64n) - 1n;
const lo = (v: bigint) => Number(v & 0xffffffffn) | 0;
const hi = (v: bigint) => Number((v >> 32n) & 0xffffffffn) | 0;
const w128 = () => (BigInt(W[3]! >>> 0) << 96n) | (BigInt(W[2]! >>> 0) << 64n) | (BigInt(W[1]! >>> 0) << 32n) | BigInt(W[0]! >>> 0);
const q64 = () => (BigInt(W[1]! >>> 0) << 32n) | BigInt(W[0]! >>> 0);
const r64 = () => (BigInt(W[3]! >>> 0) << 32n) | BigInt(W[2]! >>> 0);
const edge = fc.constantFrom(0n, 1n, 2n, M64, M64 - 1n, 1n << 63n, (1n << 63n) - 1n, 0xffffffffn, 1n << 32n, 0x80000000n);
const u64 = fc.oneof(fc.bigInt({ min: 0n, max: M64 }), edge);

describe('muldiv helpers', () => {
  it('mulu64 / muls64 give the full 128-bit product', () => {
    fc.assert(fc.property(u64, u64, (a, b) => {
      mulu64(lo(a), hi(a), lo(b), hi(b));
      expect(w128()).toBe(a * b);
      muls64(lo(a), hi(a), lo(b), hi(b));
      expect(w128()).toBe(BigInt.asUintN(128, BigInt.asIntN(64, a) * BigInt.asIntN(64, b)));
    }), { numRuns: 3000 });
  });

  it('mulsSmall: exact low 64 bits for int32 products below 2^53, declines the others', () => {
    const i32 = fc.oneof(fc.integer(), fc.integer({ min: -(2 ** 26), max: 2 ** 26 }),
      fc.constantFrom(0, 1, -1, 7, -(2 ** 31), 2 ** 31 - 1, 2 ** 26, -(2 ** 26), 2 ** 27, 94906265, -94906266));
    fc.assert(fc.property(i32, i32, (a, b) => {
      const exact = BigInt(a) * BigInt(b);
      const small = exact < 1n << 53n && exact > -(1n << 53n);
      W.fill(0x5a5a5a5a);
      expect(mulsSmall(a, b)).toBe(small);
      if (small) expect(q64()).toBe(BigInt.asUintN(64, exact));
      else expect(W[0]).toBe(0x5a5a5a5a);
    }), { numRuns: 3000 });
  });

  it('divu128 / divs128 match BigInt division, #DE exactly when the SDM says', () => {
    fc.assert(fc.property(u64, u64, u64, (nh, nl, d) => {
      const n = (nh << 64n) | nl;
      const okU = divu128(lo(nl), hi(nl), lo(nh), hi(nh), lo(d), hi(d));
      const expectOkU = d !== 0n && n / d <= M64;
      expect(okU).toBe(expectOkU);
      if (okU) { expect(q64()).toBe(n / d); expect(r64()).toBe(n % d); }
      const sn = BigInt.asIntN(128, n), sd = BigInt.asIntN(64, d);
      const okS = divs128(lo(nl), hi(nl), lo(nh), hi(nh), lo(d), hi(d));
      const sq = sd === 0n ? 0n : sn / sd;
      const expectOkS = sd !== 0n && sq >= -(1n << 63n) && sq < 1n << 63n;
      expect(okS).toBe(expectOkS);
      if (okS) { expect(q64()).toBe(BigInt.asUintN(64, sq)); expect(r64()).toBe(BigInt.asUintN(64, sn % sd)); }
    }), { numRuns: 3000 });
  });

  it('small dividends (high half = sign extension) divide like BigInt', () => {
    fc.assert(fc.property(u64, u64, (nl, d) => {
      const sn = BigInt.asIntN(64, nl), sd = BigInt.asIntN(64, d);
      const nh = sn < 0n ? M64 : 0n;
      const ok = divs128(lo(nl), hi(nl), lo(nh), hi(nh), lo(d), hi(d));
      if (sd === 0n || (sn === -(1n << 63n) && sd === -1n)) expect(ok).toBe(false);
      else { expect(ok).toBe(true); expect(q64()).toBe(BigInt.asUintN(64, sn / sd)); }
    }), { numRuns: 2000 });
  });
});
