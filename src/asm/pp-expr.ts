// Critical expressions of %if, %assign, %rep, %rotate...: NASM's eval.c
// grammar on preprocessor tokens, with 64-bit two's complement arithmetic.
// An identifier left after macro expansion is a symbol: NASM preprocesses
// and assembles line by line, so a constant defined by an earlier `equ` is
// known (`lookup`); anything else is "symbol `x' not defined before use".
//
//   cexpr : rexp0 [ ? cexpr : cexpr ]
//   rexp0 : rexp1 { || rexp1 }       rexp1 : rexp2 { ^^ rexp2 }
//   rexp2 : rexp3 { && rexp3 }       rexp3 : expr0 { = == != <> < <= > >= <=> expr0 }
//   expr0 : expr1 { | expr1 }        expr1 : expr2 { ^ expr2 }
//   expr2 : expr3 { & expr3 }        expr3 : expr4 { << >> <<< >>> expr4 }
//   expr4 : expr5 { + - expr5 }      expr5 : expr6 { * / % // %% expr6 }
//   expr6 : - + ~ ! expr6 | ( cexpr ) | number | string

import { charConstant, parseNumber } from './numbers.js';
import { unquote } from './pp-string.js';
import { Tk, type Tok } from './pp-token.js';

export type EvalResult =
  | { ok: true; value: bigint; end: number }
  | { ok: false; message: string; tok?: Tok; nonConstant?: boolean };

export type EvalWarn = (message: string, tok?: Tok) => void;

/** Value of an assembler symbol known at this point, if any. */
export type SymbolLookup = (name: string) => bigint | undefined;

/** NASM's --limit-eval: primaries per expression. */
const MAX_TERMS = 8192;
/** Nesting guard (parentheses, unary operators) so an expression cannot exhaust the JS stack. */
const MAX_DEPTH = 256;

class Fail {
  constructor(
    public message: string,
    public tok?: Tok,
    public nonConstant = false,
  ) {}
}

const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);

class Parser {
  private i: number;
  private terms = 0;
  private depth = 0;

  constructor(
    private readonly toks: readonly Tok[],
    start: number,
    private readonly warn: EvalWarn | undefined,
    private readonly lookup: SymbolLookup | undefined,
  ) {
    this.i = start;
    this.skip();
  }

  get pos(): number {
    return this.i;
  }

  private skip(): void {
    while (this.i < this.toks.length && this.toks[this.i]!.type === Tk.WS) this.i++;
  }

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private next(): void {
    this.i++;
    this.skip();
  }

  /** Current token is the operator `op`? */
  private isOp(op: string): boolean {
    const t = this.toks[this.i];
    return t !== undefined && (t.type === Tk.OTHER || (op === '?' && t.type === Tk.ID)) && t.text === op;
  }

  private opIn(ops: readonly string[]): string | undefined {
    const t = this.toks[this.i];
    if (t === undefined || t.type !== Tk.OTHER) return undefined;
    return ops.includes(t.text) ? t.text : undefined;
  }

  cexpr(): bigint {
    const e = this.rexp0();
    if (!this.isOp('?')) return e;
    this.next();
    const f = this.cexpr();
    if (!this.isOp(':')) throw new Fail("'?' without matching ':'", this.peek());
    this.next();
    const g = this.cexpr();
    return e !== 0n ? f : g;
  }

  private rexp0(): bigint {
    let e = this.rexp1();
    while (this.isOp('||')) {
      this.next();
      const f = this.rexp1();
      e = e !== 0n || f !== 0n ? 1n : 0n;
    }
    return e;
  }

  private rexp1(): bigint {
    let e = this.rexp2();
    while (this.isOp('^^')) {
      this.next();
      const f = this.rexp2();
      e = (e === 0n) !== (f === 0n) ? 1n : 0n;
    }
    return e;
  }

  private rexp2(): bigint {
    let e = this.rexp3();
    while (this.isOp('&&')) {
      this.next();
      const f = this.rexp3();
      e = e !== 0n && f !== 0n ? 1n : 0n;
    }
    return e;
  }

  private rexp3(): bigint {
    let e = this.expr0();
    for (;;) {
      const op = this.opIn(['=', '==', '!=', '<>', '<', '<=', '>', '>=', '<=>']);
      if (op === undefined) return e;
      this.next();
      const f = this.expr0();
      // NASM compares through the wrapped difference, not the operands.
      const d = s64(e - f);
      switch (op) {
        case '=':
        case '==':
          e = d === 0n ? 1n : 0n;
          break;
        case '!=':
        case '<>':
          e = d !== 0n ? 1n : 0n;
          break;
        case '<':
          e = d < 0n ? 1n : 0n;
          break;
        case '<=':
          e = d <= 0n ? 1n : 0n;
          break;
        case '>':
          e = d > 0n ? 1n : 0n;
          break;
        case '>=':
          e = d >= 0n ? 1n : 0n;
          break;
        default:
          e = d < 0n ? -1n : d > 0n ? 1n : 0n;
      }
    }
  }

  private expr0(): bigint {
    let e = this.expr1();
    while (this.isOp('|')) {
      this.next();
      e = s64(e | this.expr1());
    }
    return e;
  }

  private expr1(): bigint {
    let e = this.expr2();
    while (this.isOp('^')) {
      this.next();
      e = s64(e ^ this.expr2());
    }
    return e;
  }

  private expr2(): bigint {
    let e = this.expr3();
    while (this.isOp('&')) {
      this.next();
      e = s64(e & this.expr3());
    }
    return e;
  }

  private expr3(): bigint {
    let e = this.expr4();
    for (;;) {
      const op = this.opIn(['<<', '>>', '<<<', '>>>']);
      if (op === undefined) return e;
      this.next();
      // The count is taken modulo 64, as the x86 shift NASM compiles to does.
      const n = u64(this.expr4()) & 63n;
      if (op === '<<' || op === '<<<') e = s64(e << n);
      else if (op === '>>') e = s64(u64(e) >> n);
      else e = e >> n;
    }
  }

  private expr4(): bigint {
    let e = this.expr5();
    for (;;) {
      const op = this.opIn(['+', '-']);
      if (op === undefined) return e;
      this.next();
      const f = this.expr5();
      e = s64(op === '+' ? e + f : e - f);
    }
  }

  private expr5(): bigint {
    let e = this.expr6();
    for (;;) {
      const op = this.opIn(['*', '/', '%', '//', '%%']);
      if (op === undefined) return e;
      const opTok = this.peek();
      this.next();
      const f = this.expr6();
      if (op === '*') {
        e = s64(e * f);
        continue;
      }
      if (f === 0n) throw new Fail('division by zero', opTok);
      if (op === '/') e = s64(u64(e) / u64(f));
      else if (op === '%') e = s64(u64(e) % u64(f));
      else if (op === '//') e = s64(e / f);
      else e = s64(e % f);
    }
  }

  private expr6(): bigint {
    if (++this.terms > MAX_TERMS) throw new Fail('expression too long', this.peek());
    if (++this.depth > MAX_DEPTH) throw new Fail('expression too deeply nested', this.peek());
    try {
      return this.primary();
    } finally {
      this.depth--;
    }
  }

  private primary(): bigint {
    const t = this.peek();
    if (t === undefined) throw new Fail('expression syntax error');
    if (t.type === Tk.OTHER) {
      switch (t.text) {
        case '-':
          this.next();
          return s64(-this.expr6());
        case '+':
          this.next();
          return this.expr6();
        case '~':
          this.next();
          return s64(~this.expr6());
        case '!':
          this.next();
          return this.expr6() === 0n ? 1n : 0n;
        case '(': {
          this.next();
          const e = this.cexpr();
          if (!this.isOp(')')) throw new Fail("expecting ')'", this.peek());
          this.next();
          return e;
        }
        case '$':
        case '$$':
          throw new Fail(`'${t.text}' is not a constant`, t, true);
      }
      throw new Fail('expression syntax error', t);
    }
    if (t.type === Tk.NUMBER) {
      // %assign stores negative results as one token, "-3"; NASM's readnum takes the sign.
      const neg = t.text.startsWith('-');
      const v = parseNumber(neg ? t.text.slice(1) : t.text);
      if (v === undefined) throw new Fail(`invalid numeric constant '${t.text}'`, t);
      this.next();
      return s64(neg ? -v : v);
    }
    if (t.type === Tk.STRING) {
      // NASM 2.16.01's preprocessor keeps 4 bytes of a character constant.
      const u = unquote(t.text);
      if (u.error !== undefined) throw new Fail(u.error, t);
      if (u.bytes.length > 4) this.warn?.('character constant too long', t);
      this.next();
      return s64(charConstant(u.bytes.subarray(0, 4)));
    }
    if (t.type === Tk.ID && t.text !== '?') {
      const name = t.text.startsWith('$') ? t.text.slice(1) : t.text;
      const v = this.lookup?.(name);
      if (v === undefined) throw new Fail(`symbol '${name}' not defined before use`, t);
      this.next();
      return v;
    }
    throw new Fail('expression syntax error', t);
  }
}

/**
 * Evaluate the expression starting at `toks[start]`. On success `end` is the
 * index of the first token that is not part of it (a trailing `,` for
 * instance); the caller decides whether leftovers are garbage.
 */
export function evaluate(toks: readonly Tok[], start = 0, warn?: EvalWarn, lookup?: SymbolLookup): EvalResult {
  const p = new Parser(toks, start, warn, lookup);
  try {
    const value = p.cexpr();
    return { ok: true, value, end: p.pos };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, message: e.message, tok: e.tok, nonConstant: e.nonConstant };
    throw e;
  }
}
