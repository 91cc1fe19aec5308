// Operand classes for template matching, in the spirit of NASM's opflags: an
// operand written in the source gets a set of class bits and a set of size
// bits; a template operand matches when its class bits are a subset of the
// operand's (`rm32` accepts both `eax` and `[rax]`) and its size agrees.

import type { Operand } from './types.js';

// ---- class bits -----------------------------------------------------------
/** A register of any kind. */
export const C_REGISTER = 1 << 0;
/** An immediate (also a branch target). */
export const C_IMMEDIATE = 1 << 1;
/** A memory reference `[...]`. */
export const C_MEMORY = 1 << 2;
/** Can be encoded in ModRM.rm: general registers and memory. */
export const C_REGMEM = 1 << 3;
/** General-purpose register class (memory has it too: it can stand for one). */
export const C_GPR = 1 << 4;
/** Segment register es..gs. */
export const C_SREG = 1 << 5;
/** Control register cr0..cr8. */
export const C_CREG = 1 << 6;
/** al, ax, eax, rax. */
export const C_ACC = 1 << 7;
/** Any general register other than the accumulator (NASM's reg32na). */
export const C_NOTACC = 1 << 8;
/** cl, cx, ecx, rcx. */
export const C_COUNT = 1 << 9;
/** dx (the port register), and edx/rdx which differ only in size. */
export const C_DX = 1 << 10;
/** ah ch dh bh: unencodable with a REX prefix. */
export const C_HIGH = 1 << 11;
/** One bit per segment register, es cs ss ds fs gs, for push/pop fs etc. */
export const C_SEG0 = 1 << 12; // ..1<<17
/** A bare `[offset]` that may use the moffs form of mov (a0..a3). */
export const C_MEM_OFFS = 1 << 18;
/** The immediate is 1 (shift-by-one forms). */
export const C_UNITY = 1 << 19;
/** Fits a sign-extended byte when the operation is 16-bit. */
export const C_SBYTEWORD = 1 << 20;
/** Fits a sign-extended byte when the operation is 32/64-bit. */
export const C_SBYTEDWORD = 1 << 21;
/** Fits an unsigned dword (mov r64, imm → mov r32, imm32). */
export const C_UDWORD = 1 << 22;
/** Fits a sign-extended dword (mov r64, imm → c7 /0 id). */
export const C_SDWORD = 1 << 23;

// ---- size bits --------------------------------------------------------------
// Like NASM, `short`/`near`/`far` travel with the size: a template must name
// them to accept them, and an operand carrying one a template lacks is a size
// mismatch (`call short x`, `loop near x`).
export const S_8 = 1 << 0;
export const S_16 = 1 << 1;
export const S_32 = 1 << 2;
export const S_64 = 1 << 3;
export const S_80 = 1 << 4;
export const S_128 = 1 << 5;
export const S_FAR = 1 << 6;
export const S_NEAR = 1 << 7;
export const S_SHORT = 1 << 8;
/** Every data size (NASM's ANYSIZE template flag fills unsized operands with it). */
export const S_ANY = S_8 | S_16 | S_32 | S_64 | S_80 | S_128;

export function sizeBits(bytes: number | undefined): number {
  switch (bytes) {
    case 1:
      return S_8;
    case 2:
      return S_16;
    case 4:
      return S_32;
    case 8:
      return S_64;
    case 10:
      return S_80;
    case 16:
      return S_128;
    default:
      return 0;
  }
}

const SIZE_NAMES = ['byte', 'word', 'dword', 'qword', 'tword', 'oword'];
export function sizeName(bits: number): string {
  for (let i = 0; i < SIZE_NAMES.length; i++) if (bits & (1 << i)) return SIZE_NAMES[i]!;
  return '';
}

const U64 = (1n << 64n) - 1n;
const WRAP = 1n << 64n;
const SAFE = 1n << 52n;

/** immClass for a value exact in a double (|x| < 2^52), with the same unsigned 64-bit reading. */
function smallImmClass(x: number, strict: boolean): number {
  let c = x === 1 ? C_UNITY : 0;
  if (strict) return c;
  if ((x + 128) >>> 0 <= 255) c |= C_SBYTEDWORD; // (uint32)(n + 128) <= 255
  if (((x + 128) & 0xffff) <= 255) c |= C_SBYTEWORD;
  if (x >= 0 && x <= 0xffffffff) c |= C_UDWORD;
  if (x >= -0x80000000 && x <= 0x7fffffff) c |= C_SDWORD;
  return c;
}

/**
 * Class bits of an immediate, as NASM's parser sets them: the "fits" flags only
 * for a plain number (not a label address) and never under `strict`; a value
 * not yet known gets all of them, so the first pass picks the short forms.
 */
export function immClass(value: bigint, reloc: boolean, unknown: boolean, strict: boolean): number {
  let c = C_IMMEDIATE;
  if (unknown) {
    if (!strict) c |= C_UNITY | C_SBYTEWORD | C_SBYTEDWORD | C_UDWORD | C_SDWORD;
    return c;
  }
  if (reloc) return c;
  if (value > -SAFE && value < SAFE) return c | smallImmClass(Number(value), strict);
  if (value >= WRAP - SAFE && value < WRAP) return c | smallImmClass(Number(value - WRAP), strict);
  const n = value & U64;
  if (n === 1n) c |= C_UNITY;
  if (strict) return c;
  // NASM's tests in unsigned 64-bit arithmetic, wrap-arounds included:
  // (uint32)(n+128) <= 255 accepts 0xffffffff as a "signed byte" too.
  if (((n + 128n) & 0xffffffffn) <= 255n) c |= C_SBYTEDWORD;
  if (((n + 128n) & 0xffffn) <= 255n) c |= C_SBYTEWORD;
  if (n <= 0xffffffffn) c |= C_UDWORD;
  if (((n + 0x80000000n) & U64) <= 0xffffffffn) c |= C_SDWORD;
  return c;
}

/** Writes the class and size bits of `op` into cls[i] and size[i]; returns a warning, if any. */
export function classify(op: Operand, i: number, cls: Int32Array, size: Int32Array): string | undefined {
  switch (op.kind) {
    case 'reg': {
      const r = op.reg;
      let warn: string | undefined;
      if (op.size !== undefined && op.size !== r.size && r.cls === 'gpr') warn = 'invalid register size specification ignored';
      if (r.cls === 'gpr') {
        let c = C_REGISTER | C_REGMEM | C_GPR;
        if (r.high8) c |= C_HIGH | C_NOTACC;
        else {
          if (r.num === 0) c |= C_ACC;
          else c |= C_NOTACC;
          if (r.num === 1) c |= C_COUNT;
          if (r.num === 2) c |= C_DX;
        }
        cls[i] = c;
        size[i] = sizeBits(r.size);
      } else if (r.cls === 'seg') {
        cls[i] = C_REGISTER | C_SREG | (C_SEG0 << r.num);
        size[i] = S_16;
      } else if (r.cls === 'cr') {
        cls[i] = C_REGISTER | C_CREG;
        size[i] = 0;
      } else {
        // rip is not an operand NASM knows.
        cls[i] = 0;
        size[i] = 0;
      }
      return warn;
    }
    case 'imm': {
      cls[i] = immClass(op.value, op.reloc, op.unknown, op.strict);
      size[i] = sizeBits(op.size) | jumpBits(op.jump);
      return undefined;
    }
    case 'mem': {
      cls[i] = C_MEMORY | C_REGMEM | C_GPR;
      size[i] = sizeBits(op.size) | jumpBits(op.jump);
      return undefined;
    }
  }
}

/** `short`/`near`/`far` as size bits. */
function jumpBits(jump: 'short' | 'near' | 'far' | undefined): number {
  return jump === 'short' ? S_SHORT : jump === 'near' ? S_NEAR : jump === 'far' ? S_FAR : 0;
}
