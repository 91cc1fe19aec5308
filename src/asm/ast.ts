// The parsed form of one source line.

import type { RegInfo } from './registers.js';
import type { OpSize } from './types.js';

/** Position of a token in the preprocessed line: 1-based column and length. */
export interface Span {
  col: number;
  len: number;
}

export type Expr =
  | { k: 'num'; v: bigint; at: Span }
  | { k: 'sym'; name: string; at: Span }
  | { k: 'reg'; reg: RegInfo; at: Span }
  | { k: 'here'; at: Span } // $
  | { k: 'start'; at: Span } // $$
  | { k: 'str'; bytes: Uint8Array; at: Span }
  | { k: 'un'; op: string; a: Expr; at: Span }
  | { k: 'bin'; op: string; a: Expr; b: Expr; at: Span };

export interface OperandAst {
  at: Span;
  /** Size word before the operand (`dword [x]`, `byte 5`). */
  size?: OpSize;
  strict: boolean;
  jump?: 'short' | 'near' | 'far';
  mem?: {
    dispSize?: 1 | 4 | 8;
    relAbs?: 'rel' | 'abs';
    seg?: RegInfo;
    expr: Expr;
  };
  expr?: Expr;
}

export type Statement =
  | { kind: 'insn'; prefixes: string[]; mnemonic: string; operands: OperandAst[]; at: Span }
  /** A prefix alone on a line (`rep` then the instruction on the next line is not NASM; `lock` alone emits the byte). */
  | { kind: 'data'; unit: number; items: Expr[]; at: Span }
  | { kind: 'res'; unit: number; count: Expr; at: Span }
  | { kind: 'incbin'; file: string; skip?: Expr; len?: Expr; at: Span }
  | { kind: 'align'; boundary: Expr; fill?: Statement; bss: boolean; at: Span }
  | { kind: 'bits'; value: Expr; at: Span }
  | { kind: 'org'; value: Expr; at: Span }
  | { kind: 'default'; mode: 'rel' | 'abs'; at: Span }
  | { kind: 'ignored'; at: Span };

export interface LineAst {
  label?: { name: string; at: Span; colon: boolean };
  equ?: Expr;
  times?: Expr;
  stmt?: Statement;
}
