// Expression evaluation, NASM style: 64-bit two's complement, and values
// kept as a linear form so that memory operands can be taken apart:
//   value = const + sum(reg * multiplier) + reloc * (section base)
// `reloc` counts label addresses (NASM: the value "has a segment"); a
// difference of two labels is a plain number again.

import type { Expr } from './ast.js';
import type { RegInfo } from './registers.js';
import { AsmError } from './diagnostics.js';
import { charConstant } from './numbers.js';

const MASK = (1n << 64n) - 1n;
export const u64 = (v: bigint) => v & MASK;
export const s64 = (v: bigint) => BigInt.asIntN(64, v);

export interface Value {
  /** The constant part, as an unsigned 64-bit value. */
  c: bigint;
  /** Register terms with their multipliers (memory operands only). */
  /** `hint`: the multiplier was written (`rax*1`), which makes it the index. */
  regs: { reg: RegInfo; mul: bigint; hint?: boolean }[] | null;
  /** Number of label addresses in the value (0: plain number, 1: an address). */
  reloc: number;
  /** A symbol in it has no value yet in this pass. */
  unknown: boolean;
  /** A symbol in it is defined further down the source (NASM: not a critical expression). */
  forward: boolean;
}

export interface SymbolValue {
  value: bigint;
  reloc: number;
  /** Index of the defining statement, for forward-reference checks. */
  defIndex: number;
  /** For a label: its offset from the section start (a plain number, cheap to compare). */
  off?: number;
}

export interface EvalContext {
  /** Looks a symbol up; undefined when it has no value (yet). */
  lookup(name: string): SymbolValue | undefined;
  /** Whether the symbol is defined anywhere in the program. */
  exists(name: string): boolean;
  /** `$` is start + offset. */
  offset: number;
  start: bigint;
  /** Index of the statement being evaluated. */
  index: number;
  /** Report undefined symbols as errors (the final pass). */
  final: boolean;
}

const scalar = (c: bigint): Value => ({ c: u64(c), regs: null, reloc: 0, unknown: false, forward: false });

function isScalar(v: Value): boolean {
  return v.reloc === 0 && (v.regs === null || v.regs.length === 0);
}

function mergeRegs(a: Value['regs'], b: Value['regs'], sign: bigint): Value['regs'] {
  if (!b || b.length === 0) return a;
  const out = a ? a.map((t) => ({ ...t })) : [];
  for (const t of b) {
    const same = out.find((o) => o.reg === t.reg);
    if (same) same.mul += sign * t.mul;
    else out.push({ ...t, mul: sign * t.mul });
  }
  return out.filter((t) => t.mul !== 0n);
}

export function evaluate(e: Expr, ctx: EvalContext): Value {
  switch (e.k) {
    case 'num':
      return scalar(e.v);
    case 'str':
      return scalar(charConstant(e.bytes));
    case 'reg':
      return { c: 0n, regs: [{ reg: e.reg, mul: 1n }], reloc: 0, unknown: false, forward: false };
    case 'here':
      return { c: ctx.start + BigInt(ctx.offset), regs: null, reloc: 1, unknown: false, forward: false };
    case 'start':
      return { c: ctx.start, regs: null, reloc: 1, unknown: false, forward: false };
    case 'sym': {
      const s = ctx.lookup(e.name);
      if (!s) {
        if (ctx.final || !ctx.exists(e.name)) {
          if (ctx.final) throw new AsmError(`symbol '${e.name}' not defined`, e.at.col, e.at.len);
        }
        return { c: 0n, regs: null, reloc: 0, unknown: true, forward: true };
      }
      return { c: u64(s.value), regs: null, reloc: s.reloc, unknown: false, forward: s.defIndex > ctx.index };
    }
    case 'un': {
      const a = evaluate(e.a, ctx);
      if (e.op === '+') return a;
      if (e.op === '-') {
        return { c: u64(-a.c), regs: a.regs?.map((t) => ({ ...t, mul: -t.mul })) ?? null, reloc: -a.reloc, unknown: a.unknown, forward: a.forward };
      }
      if (!isScalar(a)) throw new AsmError(`\`${e.op}' operator may only be applied to scalar values`, e.at.col, e.at.len);
      const c = e.op === '~' ? ~a.c : a.c === 0n ? 1n : 0n;
      return { ...a, c: u64(c) };
    }
    case 'bin': {
      const a = evaluate(e.a, ctx);
      const b = evaluate(e.b, ctx);
      const unknown = a.unknown || b.unknown;
      const forward = a.forward || b.forward;
      if (e.op === '+' || e.op === '-') {
        const sign = e.op === '+' ? 1n : -1n;
        return {
          c: u64(a.c + sign * b.c),
          regs: mergeRegs(a.regs, b.regs, sign),
          reloc: a.reloc + Number(sign) * b.reloc,
          unknown,
          forward,
        };
      }
      if (e.op === '*') {
        // One side must be a plain number; a register times a number is an index.
        if (isScalar(b)) return scaleBy(a, b.c, unknown, forward, e);
        if (isScalar(a)) return scaleBy(b, a.c, unknown, forward, e);
        throw new AsmError('expression is not simple or relocatable', e.at.col, e.at.len);
      }
      if (!isScalar(a) || !isScalar(b)) {
        const what = e.op === '<<' || e.op === '>>' || e.op === '<<<' || e.op === '>>>' ? 'shift operator' : `\`${e.op}' operator`;
        throw new AsmError(`${what} may only be applied to scalar values`, e.at.col, e.at.len);
      }
      let c: bigint;
      switch (e.op) {
        case '/':
        case '%':
        case '//':
        case '%%':
          if (b.c === 0n) {
            if (unknown) return { c: 0n, regs: null, reloc: 0, unknown, forward };
            throw new AsmError('division by zero', e.b.at.col, e.b.at.len);
          }
          if (e.op === '/') c = a.c / b.c;
          else if (e.op === '%') c = a.c % b.c;
          else if (e.op === '//') c = s64(a.c) / s64(b.c);
          else c = s64(a.c) % s64(b.c);
          break;
        case '<<':
        case '<<<':
          c = b.c >= 64n ? 0n : a.c << b.c;
          break;
        case '>>':
          c = b.c >= 64n ? 0n : a.c >> b.c;
          break;
        case '>>>':
          c = b.c >= 64n ? (s64(a.c) < 0n ? -1n : 0n) : s64(a.c) >> b.c;
          break;
        case '&':
          c = a.c & b.c;
          break;
        case '|':
          c = a.c | b.c;
          break;
        case '^':
          c = a.c ^ b.c;
          break;
        default:
          throw new AsmError(`unknown operator '${e.op}'`, e.at.col, e.at.len);
      }
      return { c: u64(c), regs: null, reloc: 0, unknown, forward };
    }
  }
}

function scaleBy(v: Value, k: bigint, unknown: boolean, forward: boolean, e: Expr): Value {
  if (v.reloc !== 0 && k !== 1n) throw new AsmError('expression is not simple or relocatable', e.at.col, e.at.len);
  return {
    c: u64(v.c * k),
    regs: v.regs ? v.regs.map((t) => ({ reg: t.reg, mul: t.mul * s64(k), hint: true })).filter((t) => t.mul !== 0n) : null,
    reloc: v.reloc,
    unknown,
    forward,
  };
}

/** Whether an expression mentions any symbol or `$`/`$$` (its value can change between passes). */
export function isConstantExpr(e: Expr): boolean {
  switch (e.k) {
    case 'num':
    case 'str':
    case 'reg':
      return true;
    case 'sym':
    case 'here':
    case 'start':
      return false;
    case 'un':
      return isConstantExpr(e.a);
    case 'bin':
      return isConstantExpr(e.a) && isConstantExpr(e.b);
  }
}
