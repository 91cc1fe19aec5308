// The assembler's parser: one chevrotain EmbeddedActionsParser, reused for
// every line (`parser.input = tokens` resets it). Each line is parsed on its
// own, so a mistake costs only its line and every error of a file is reported.

import { EmbeddedActionsParser, type IToken, type TokenType, EOF } from 'chevrotain';
import * as T from './lexer.js';
import type { Expr, LineAst, OperandAst, Span, Statement } from './ast.js';
import { lookupRegister } from './registers.js';
import { decodeString, parseNumber } from './numbers.js';
import type { OpSize } from './types.js';

const span = (t: IToken): Span => ({ col: t.startColumn ?? 1, len: t.image.length });
const join = (a: Span, b: Span): Span => ({ col: a.col, len: Math.max(a.len, b.col + b.len - a.col) });
const identName = (image: string) => (image.startsWith('$') ? image.slice(1) : image);

export class LineParser extends EmbeddedActionsParser {
  /** Problems found while building the AST (bad numbers, strings) that are not grammar errors. */
  semanticErrors: { message: string; at: Span }[] = [];

  /**
   * Grammar validation costs ~100 ms of every run's startup; the test suite
   * builds the parser once with it on (test/asm/parser.test.ts).
   */
  constructor(opts: { validate?: boolean } = {}) {
    super(T.allTokens, { recoveryEnabled: false, maxLookahead: 2, skipValidations: !opts.validate });
    this.performSelfAnalysis();
  }

  public line = this.RULE('line', (): LineAst => {
    const out: LineAst = { label: undefined, equ: undefined, times: undefined, stmt: undefined };
    this.OPTION(() => {
      const t = this.CONSUME(T.Ident);
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Equ);
            out.equ = this.SUBRULE(this.expr);
            this.ACTION(() => (out.label = { name: identName(t.image), at: span(t), colon: false }));
          },
        },
        {
          ALT: () => {
            const c = this.OPTION1(() => this.CONSUME(T.Colon));
            this.ACTION(() => (out.label = { name: identName(t.image), at: span(t), colon: c !== undefined }));
          },
        },
      ]);
    });
    this.OPTION2(() => {
      this.CONSUME(T.Times);
      out.times = this.SUBRULE1(this.expr);
    });
    this.OPTION3(() => {
      out.stmt = this.SUBRULE(this.statement);
    });
    return out;
  });

  public statement = this.RULE('statement', (): Statement => {
    return this.OR([
      { ALT: () => this.SUBRULE(this.instruction) },
      { ALT: () => this.SUBRULE(this.data) },
      { ALT: () => this.SUBRULE(this.reserve) },
      { ALT: () => this.SUBRULE(this.directive) },
    ]);
  });

  private instruction = this.RULE('instruction', (): Statement => {
    const prefixes: string[] = [];
    let first: IToken | undefined;
    this.MANY(() => {
      const p = this.OR1([
        { ALT: () => this.CONSUME(T.Prefix) },
        // A segment register as a prefix word: `fs movsq`.
        { GATE: () => /^[c-gs]s$/i.test(this.LA(1).image), ALT: () => this.CONSUME(T.Register) },
      ]);
      this.ACTION(() => {
        first ??= p;
        prefixes.push(p.image.toLowerCase());
      });
    });
    const operands: OperandAst[] = [];
    let mnemonic = '';
    let at: Span = { col: 1, len: 0 };
    this.OR([
      {
        ALT: () => {
          const m = this.CONSUME(T.Mnemonic);
          this.OPTION(() => {
            operands.push(this.SUBRULE(this.operand));
            this.MANY1(() => {
              this.CONSUME(T.Comma);
              operands.push(this.SUBRULE1(this.operand));
            });
          });
          this.ACTION(() => {
            mnemonic = m.image.toLowerCase();
            at = span(first ?? m);
          });
        },
      },
      {
        // A prefix alone on its line (`lock`, `rep`): NASM emits just the prefix byte.
        GATE: () => prefixes.length > 0,
        ALT: () => {
          this.ACTION(() => {
            mnemonic = '';
            at = span(first!);
          });
        },
      },
    ]);
    return { kind: 'insn', prefixes, mnemonic, operands, at };
  });

  private data = this.RULE('data', (): Statement => {
    const d = this.CONSUME(T.DataDir);
    const items: Expr[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => items.push(this.SUBRULE(this.expr)) });
    return this.ACTION(() => ({ kind: 'data', unit: T.DATA_SIZES[d.image.toLowerCase()]!, items, at: span(d) }) as Statement);
  });

  private reserve = this.RULE('reserve', (): Statement => {
    const d = this.CONSUME(T.ResDir);
    const count = this.SUBRULE(this.expr);
    return this.ACTION(() => ({ kind: 'res', unit: T.RES_SIZES[d.image.toLowerCase()]!, count, at: span(d) }) as Statement);
  });

  private directive = this.RULE('directive', (): Statement => {
    const d = this.CONSUME(T.Directive);
    const name = this.ACTION(() => d.image.toLowerCase());
    const at = this.ACTION(() => span(d));
    return this.OR([
      {
        GATE: () => name === 'bits' || name === 'org',
        ALT: () => {
          const value = this.SUBRULE(this.expr);
          return { kind: name as 'bits' | 'org', value, at };
        },
      },
      {
        GATE: () => name === 'default',
        ALT: () => {
          const m = this.CONSUME(T.RelAbs);
          return this.ACTION(() => ({ kind: 'default', mode: m.image.toLowerCase() as 'rel' | 'abs', at }) as Statement);
        },
      },
      {
        GATE: () => name === 'align' || name === 'alignb',
        ALT: () => {
          const boundary = this.SUBRULE1(this.expr);
          let fill: Statement | undefined;
          this.OPTION(() => {
            this.CONSUME(T.Comma);
            fill = this.SUBRULE(this.statement);
          });
          return { kind: 'align', boundary, fill, bss: name === 'alignb', at };
        },
      },
      {
        GATE: () => name === 'incbin',
        ALT: () => {
          const f = this.CONSUME(T.Str);
          let skip: Expr | undefined;
          let len: Expr | undefined;
          this.OPTION1(() => {
            this.CONSUME1(T.Comma);
            skip = this.SUBRULE2(this.expr);
            this.OPTION2(() => {
              this.CONSUME2(T.Comma);
              len = this.SUBRULE3(this.expr);
            });
          });
          return this.ACTION(() => ({ kind: 'incbin', file: f.image.slice(1, -1), skip, len, at }) as Statement);
        },
      },
      {
        // section/segment/global/cpu/use64...: accepted and ignored in a flat binary.
        ALT: () => {
          this.MANY(() => this.CONSUME(T.Word));
          return { kind: 'ignored', at } as Statement;
        },
      },
    ]);
  });

  public operand = this.RULE('operand', (): OperandAst => {
    const op: OperandAst = { at: { col: 1, len: 0 }, size: undefined, strict: false, jump: undefined, mem: undefined, expr: undefined };
    let first: IToken | undefined;
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const s = this.CONSUME(T.SizeWord);
            this.ACTION(() => {
              first ??= s;
              op.size = T.sizeWordBytes(s.image) as OpSize;
            });
          },
        },
        {
          ALT: () => {
            const s = this.CONSUME(T.Strict);
            this.ACTION(() => {
              first ??= s;
              op.strict = true;
            });
          },
        },
        {
          ALT: () => {
            const j = this.CONSUME(T.JumpKind);
            this.ACTION(() => {
              first ??= j;
              op.jump = j.image.toLowerCase() as 'short' | 'near' | 'far';
            });
          },
        },
      ]);
    });
    this.OR1([
      {
        ALT: () => {
          const lb = this.CONSUME(T.LBracket);
          const mem: NonNullable<OperandAst['mem']> = { expr: undefined as unknown as Expr };
          this.MANY1(() => {
            this.OR2([
              {
                ALT: () => {
                  const s = this.CONSUME1(T.SizeWord);
                  this.ACTION(() => (mem.dispSize = T.sizeWordBytes(s.image) as 1 | 4 | 8));
                },
              },
              {
                ALT: () => {
                  const r = this.CONSUME(T.RelAbs);
                  this.ACTION(() => (mem.relAbs = r.image.toLowerCase() as 'rel' | 'abs'));
                },
              },
              {
                // A segment override, in any order with the words above: [fs:rel x], [rel fs:x].
                ALT: () => {
                  const r = this.CONSUME(T.Register);
                  this.CONSUME(T.Colon);
                  this.ACTION(() => (mem.seg = lookupRegister(r.image)));
                },
              },
            ]);
          });
          mem.expr = this.SUBRULE(this.expr);
          const rb = this.CONSUME(T.RBracket);
          this.ACTION(() => {
            op.mem = mem;
            op.at = join(span(first ?? lb), span(rb));
          });
        },
      },
      {
        ALT: () => {
          const e = this.SUBRULE1(this.expr);
          this.ACTION(() => {
            op.expr = e;
            op.at = first ? join(span(first), e.at) : e.at;
          });
        },
      },
    ]);
    return op;
  });

  // Expressions, NASM precedence from lowest: | ^ & << >> + - * / % // %% unary.
  private binaryLevel(name: string, ops: TokenType[], next: () => Expr) {
    const alts = ops.map((t) => ({ ALT: () => this.CONSUME(t) }));
    return this.RULE(name, (): Expr => {
      let left = this.SUBRULE(next);
      this.MANY(() => {
        const op = this.OR(alts);
        const right = this.SUBRULE1(next);
        this.ACTION(() => {
          left = { k: 'bin', op: op.image, a: left, b: right, at: join(left.at, right.at) };
        });
      });
      return left;
    });
  }

  public expr: () => Expr = this.RULE('expr', (): Expr => this.SUBRULE(this.orExpr));
  private unary: () => Expr = this.RULE('unary', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const op = this.OR1([
            { ALT: () => this.CONSUME(T.Minus) },
            { ALT: () => this.CONSUME(T.Plus) },
            { ALT: () => this.CONSUME(T.Tilde) },
            { ALT: () => this.CONSUME(T.Bang) },
          ]);
          const a = this.SUBRULE(this.unary);
          return this.ACTION(() => ({ k: 'un', op: op.image, a, at: join(span(op), a.at) }) as Expr);
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });
  private mulExpr = this.binaryLevel('mulExpr', [T.Star, T.SlashSlash, T.Slash, T.PercentPercent, T.Percent], this.unary);
  private addExpr = this.binaryLevel('addExpr', [T.Plus, T.Minus], this.mulExpr);
  private shiftExpr = this.binaryLevel('shiftExpr', [T.Shl, T.Shr], this.addExpr);
  private andExpr = this.binaryLevel('andExpr', [T.Amp], this.shiftExpr);
  private xorExpr = this.binaryLevel('xorExpr', [T.Caret], this.andExpr);
  private orExpr = this.binaryLevel('orExpr', [T.Pipe], this.xorExpr);

  private primary = this.RULE('primary', (): Expr => {
    return this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.Number);
          return this.ACTION(() => {
            const v = parseNumber(t.image);
            if (v === undefined) this.semanticErrors.push({ message: `invalid number '${t.image}'`, at: span(t) });
            return { k: 'num', v: v ?? 0n, at: span(t) } as Expr;
          });
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.Str);
          return this.ACTION(() => {
            const b = decodeString(t.image);
            if (typeof b === 'string') {
              this.semanticErrors.push({ message: b, at: span(t) });
              return { k: 'num', v: 0n, at: span(t) } as Expr;
            }
            return { k: 'str', bytes: b, at: span(t) } as Expr;
          });
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.Register);
          return this.ACTION(() => ({ k: 'reg', reg: lookupRegister(t.image)!, at: span(t) }) as Expr);
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.Ident);
          return this.ACTION(() => ({ k: 'sym', name: identName(t.image), at: span(t) }) as Expr);
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.Dollar);
          return this.ACTION(() => ({ k: 'here', at: span(t) }) as Expr);
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.DollarDollar);
          return this.ACTION(() => ({ k: 'start', at: span(t) }) as Expr);
        },
      },
      {
        ALT: () => {
          const l = this.CONSUME(T.LParen);
          const e = this.SUBRULE(this.expr);
          const r = this.CONSUME(T.RParen);
          return this.ACTION(() => ({ ...e, at: join(span(l), span(r)) }) as Expr);
        },
      },
    ]);
  });
}

export { EOF };
