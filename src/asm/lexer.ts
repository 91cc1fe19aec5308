// The assembler's lexer (chevrotain). One Lexer instance for the whole
// preprocessed text; words are lexed as `Word` and then re-typed by a table
// lookup into the reserved-word categories the parser matches on (register,
// size word, mnemonic, ...), which is far cheaper than hundreds of keyword
// patterns with longer_alt.

import { createToken, Lexer, type IToken, type TokenType, tokenMatcher } from 'chevrotain';
import { REGISTERS } from './registers.js';

export const Newline = createToken({ name: 'Newline', pattern: /\n/, line_breaks: true });
export const Whitespace = createToken({ name: 'Whitespace', pattern: /[ \t\r\f\v]+/, group: Lexer.SKIPPED });
export const Comment = createToken({ name: 'Comment', pattern: /;[^\n]*/, group: Lexer.SKIPPED });

// Categories of words. A `Word` token is re-typed to one of these after lexing.
export const Word = createToken({ name: 'Word', pattern: Lexer.NA });
export const Ident = createToken({ name: 'Ident', pattern: /(?:\.\.@|[A-Za-z_.?]|\$(?=[A-Za-z_.?@]))[A-Za-z0-9_.$#@~?]*/, categories: [Word] });
export const Register = createToken({ name: 'Register', pattern: Lexer.NA, categories: [Word] });
export const SizeWord = createToken({ name: 'SizeWord', pattern: Lexer.NA, categories: [Word] });
export const Strict = createToken({ name: 'Strict', pattern: Lexer.NA, categories: [Word] });
export const JumpKind = createToken({ name: 'JumpKind', pattern: Lexer.NA, categories: [Word] });
export const RelAbs = createToken({ name: 'RelAbs', pattern: Lexer.NA, categories: [Word] });
export const Mnemonic = createToken({ name: 'Mnemonic', pattern: Lexer.NA, categories: [Word] });
export const Prefix = createToken({ name: 'Prefix', pattern: Lexer.NA, categories: [Word] });
export const DataDir = createToken({ name: 'DataDir', pattern: Lexer.NA, categories: [Word] });
export const ResDir = createToken({ name: 'ResDir', pattern: Lexer.NA, categories: [Word] });
export const Times = createToken({ name: 'Times', pattern: Lexer.NA, categories: [Word] });
export const Equ = createToken({ name: 'Equ', pattern: Lexer.NA, categories: [Word] });
export const Directive = createToken({ name: 'Directive', pattern: Lexer.NA, categories: [Word] });

export const Number = createToken({ name: 'Number', pattern: /\$?[0-9][0-9A-Za-z_]*/ });
export const Str = createToken({ name: 'Str', pattern: /'[^'\n]*'|"[^"\n]*"|`(?:[^`\\\n]|\\.)*`/ });
export const DollarDollar = createToken({ name: 'DollarDollar', pattern: /\$\$/ });
export const Dollar = createToken({ name: 'Dollar', pattern: /\$/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const SlashSlash = createToken({ name: 'SlashSlash', pattern: /\/\// });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
export const PercentPercent = createToken({ name: 'PercentPercent', pattern: /%%/ });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });
export const Shl = createToken({ name: 'Shl', pattern: /<<<?/ });
export const Shr = createToken({ name: 'Shr', pattern: />>>?/ });
export const Amp = createToken({ name: 'Amp', pattern: /&/ });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/ });
export const Caret = createToken({ name: 'Caret', pattern: /\^/ });
export const Tilde = createToken({ name: 'Tilde', pattern: /~/ });
export const Bang = createToken({ name: 'Bang', pattern: /!/ });

export const allTokens: TokenType[] = [
  Newline, Whitespace, Comment, Str, Number, DollarDollar, Ident, Dollar,
  Comma, Colon, LBracket, RBracket, LParen, RParen, Plus, Minus, Star, SlashSlash, Slash,
  PercentPercent, Percent, Shl, Shr, Amp, Pipe, Caret, Tilde, Bang,
  Word, Register, SizeWord, Strict, JumpKind, RelAbs, Mnemonic, Prefix, DataDir, ResDir, Times, Equ, Directive,
];

export const lexer = new Lexer(allTokens, { positionTracking: 'onlyStart', ensureOptimizations: true });

const SIZE_WORDS: Record<string, number> = { byte: 1, word: 2, dword: 4, qword: 8, tword: 10, oword: 16 };
export function sizeWordBytes(image: string): number {
  return SIZE_WORDS[image.toLowerCase()]!;
}

export const DATA_SIZES: Record<string, number> = { db: 1, dw: 2, dd: 4, dq: 8 };
export const RES_SIZES: Record<string, number> = { resb: 1, resw: 2, resd: 4, resq: 8 };
export const DIRECTIVES = new Set(['bits', 'org', 'default', 'align', 'alignb', 'incbin', 'section', 'segment', 'use64', 'cpu', 'global', 'extern', 'sectalign']);

/** Reserved words and the category each is re-typed to. Mnemonics come from the encoder. */
export function buildWordTable(isMnemonic: (w: string) => boolean, prefixes: Iterable<string>): (lower: string) => TokenType | undefined {
  const table = new Map<string, TokenType>();
  for (const [name, r] of REGISTERS) if (r.cls !== 'rip') table.set(name, Register); // NASM has no `rip` register name
  for (const w of Object.keys(SIZE_WORDS)) table.set(w, SizeWord);
  table.set('strict', Strict);
  for (const w of ['short', 'near', 'far']) table.set(w, JumpKind);
  for (const w of ['rel', 'abs']) table.set(w, RelAbs);
  for (const w of prefixes) table.set(w, Prefix);
  for (const w of Object.keys(DATA_SIZES)) table.set(w, DataDir);
  for (const w of Object.keys(RES_SIZES)) table.set(w, ResDir);
  table.set('times', Times);
  table.set('equ', Equ);
  for (const w of DIRECTIVES) table.set(w, Directive);
  return (lower) => table.get(lower) ?? (isMnemonic(lower) ? Mnemonic : undefined);
}

/** Re-types Ident tokens that are reserved words. */
export function classify(tokens: IToken[], lookup: (lower: string) => TokenType | undefined): void {
  for (const t of tokens) {
    if (t.tokenType !== Ident) continue;
    const ty = lookup(t.image.toLowerCase());
    if (ty) {
      t.tokenType = ty;
      t.tokenTypeIdx = ty.tokenTypeIdx!;
    }
  }
}

export { tokenMatcher };
