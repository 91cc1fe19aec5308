// Preprocessor state shared by the pp-* modules, shaped like NASM's
// preproc.c: an include stack (Frame ~ Include) whose frames carry a stack
// of pending expansion lines and the %if stack; single-line macros (SMacro)
// and multi-line macros (MMacro) in case-folded tables; the macro or %rep
// being defined; the %push context stack.

import type { Diagnostic } from './diagnostics.js';
import type { SourceLine } from './preprocess.js';
import { NameSet, Tk, type Tok } from './pp-token.js';

/** Where a line is reported, and where its text was written. */
export interface Loc {
  /** Reported position: the file line, or for expansions the outermost invocation. */
  file: string;
  line: number;
  source: string;
  /** Caret for errors on tokens whose columns are not columns of `source` (0: none). */
  col: number;
  len: number;
  /** True when the line's tokens were read from `source`, so their columns are valid. */
  direct: boolean;
  /** Where the text was written (__?FILE?__ and __?LINE?__ follow this, as in NASM). */
  ofile: string;
  oline: number;
  macro?: { name: string; file: string; line: number };
}

// %define parameter flags: %define f(=a, &b, !c, d+)
export const SPARM_EVAL = 1;
export const SPARM_STR = 2;
export const SPARM_NOSTRIP = 4;
export const SPARM_GREEDY = 8;

export interface SMacroParam {
  name: string;
  flags: number;
}

export interface SMacro {
  name: string;
  casesense: boolean;
  nparam: number;
  params: SMacroParam[];
  greedy: boolean;
  /** Body in source order; parameter references are Tk.SMAC_PARAM tokens. */
  expansion: Tok[];
  /** Computed body (__?LINE?__, __?FILE?__). */
  magic?: () => Tok[];
  alias: boolean;
  inProgress: boolean;
}

/** A macro argument before brace stripping: tokens from `start` in `toks`. */
export interface RawParam {
  toks: Tok[];
  start: number;
}

export interface BodyLine {
  toks: Tok[];
  file: string;
  line: number;
}

export interface MMacro {
  name: string;
  casesense: boolean;
  min: number;
  max: number;
  plus: boolean;
  nolist: boolean;
  /** Body uses %00, so a leading label becomes a parameter. */
  captureLabel: boolean;
  /** Active expansions of this macro. */
  inProgress: number;
  /** Allowed recursion (0 for %macro, the level limit for %rmacro). */
  maxDepth: number;
  defaults: RawParam[];
  body: BodyLine[];
  file: string;
  line: number;
}

export interface MacroInv {
  kind: 'macro';
  m: MMacro;
  /** params[0] is the captured label (%00); params[1..nparam] the arguments. */
  params: Tok[][];
  nparam: number;
  rotate: number;
  unique: number;
  iname: string;
  condcnt: number;
  savedMstk: Inv | null;
  savedMmac: MacroInv | null;
  /** Where the invocation is reported. */
  anchor: Loc;
}

export interface RepInv {
  kind: 'rep';
  body: { toks: Tok[]; loc: Loc }[];
  remaining: number;
  exited: boolean;
  condcnt: number;
  savedMstk: Inv | null;
  savedMmac: MacroInv | null;
}

export type Inv = MacroInv | RepInv;

/** A pending line of an expansion, or the marker that ends an expansion. */
export type Entry = { toks: Tok[]; loc: Loc; inv?: undefined } | { inv: Inv; toks?: undefined; loc?: undefined };

export enum Cond {
  IF_TRUE,
  IF_FALSE,
  ELSE_TRUE,
  ELSE_FALSE,
  DONE,
  NEVER,
}

export interface CondEntry {
  state: Cond;
  loc: Loc;
  tok: Tok;
}

export interface Frame {
  file: string;
  /** The whole file, for the whole-file fast-path check. */
  text: string;
  /** No `%` and no macro name anywhere in `text` (computed on first read). */
  pure?: boolean;
  /** `text` mentions equ somewhere, so emitted lines are checked for definitions. */
  hasEqu?: boolean;
  lines: string[];
  /** Index of the next physical line. */
  pos: number;
  conds: CondEntry[];
  expansion: Entry[];
  mstk: Inv | null;
  mmac: MacroInv | null;
}

export interface MacroDef {
  kind: 'macro';
  m: MMacro;
  loc: Loc;
  tok: Tok;
}

export interface RepDef {
  kind: 'rep';
  count: number;
  body: { toks: Tok[]; loc: Loc }[];
  loc: Loc;
  tok: Tok;
}

export interface Context {
  name: string | null;
  number: number;
  smacros: Map<string, SMacro[]>;
}

export interface Deadman {
  total: number;
  levels: number;
  triggered: boolean;
}

/** Last element; avoids reading index -1, which V8 handles on a slow path. */
export function last<T>(a: readonly T[]): T | undefined {
  return a.length > 0 ? a[a.length - 1] : undefined;
}

export function emitting(s: Cond): boolean {
  return s === Cond.IF_TRUE || s === Cond.ELSE_TRUE;
}

export function mstrcmp(a: string, b: string, casesense: boolean): boolean {
  return casesense ? a === b : a.toLowerCase() === b.toLowerCase();
}

export class PPState {
  readonly lines: SourceLine[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly frames: Frame[] = [];
  readonly smacros = new Map<string, SMacro[]>();
  readonly mmacros = new Map<string, MMacro[]>();
  /** Names that may expand on a plain line: exact (case-sensitive macros) and lowercased. */
  readonly names = new NameSet();
  readonly ciNames = new NameSet();
  readonly contexts: Context[] = [];
  defining: MacroDef | RepDef | null = null;
  nestedMac = 0;
  nestedRep = 0;
  /** Source of ..@N. numbers for %%labels and %push contexts. */
  unique = 0;
  smacroDead: Deadman = { total: 0, levels: 0, triggered: false };
  mmacroDead: Deadman = { total: 0, levels: 0, triggered: false };
  saneEmptyExpansion = false;
  /** %stacksize state for %arg and %local (NASM starts as `flat`). */
  stack = { size: 4, pointer: 'ebp', argOffset: 8, localOffset: 0 };
  noAliases = false;
  fatal = false;
  /** Lines produced by expansions so far (runaway %rep guard). */
  expandedLines = 0;
  /** Constants defined by `equ` on lines already emitted, for %if (see pp-equ.ts). */
  readonly symbols = new Map<string, bigint>();
  readonly lookupSymbol = (name: string): bigint | undefined => this.symbols.get(name);
  /** BITS in effect, tracked from emitted `bits`/`useNN` lines for __?BITS?__. */
  bits = 16;
  readonly fileCache = new Map<string, { text: string; lines: string[] }>();
  /** The line being processed, for diagnostics. */
  cur: Loc;

  constructor(
    readonly options: {
      includePaths: string[];
      readFile: (path: string) => string | undefined;
      maxMacroDepth: number;
    },
    file: string,
  ) {
    this.cur = { file, line: 0, source: '', col: 0, len: 0, direct: false, ofile: file, oline: 0 };
  }

  get frame(): Frame {
    return last(this.frames)!;
  }

  report(severity: 'error' | 'warning', message: string, tok?: Tok, loc: Loc = this.cur): void {
    let column: number;
    let length: number;
    if (tok !== undefined && loc.direct && tok.col > 0) {
      column = tok.col;
      length = tok.text.length;
    } else if (loc.col > 0) {
      column = loc.col;
      length = loc.len;
    } else {
      const m = /\S/.exec(loc.source);
      column = m ? m.index + 1 : 1;
      length = 0;
    }
    const d: Diagnostic = { severity, file: loc.file, line: loc.line, column, message, sourceText: loc.source };
    if (length > 0) d.length = length;
    this.diagnostics.push(d);
  }

  error(message: string, tok?: Tok, loc?: Loc): void {
    this.report('error', message, tok, loc);
  }

  warn(message: string, tok?: Tok, loc?: Loc): void {
    this.report('warning', message, tok, loc);
  }

  /** Could `name` (an identifier on a line) be the name of a global macro? */
  mayBeMacro(name: string): boolean {
    const c = name.charCodeAt(0);
    if (this.names.mayHave(c, name.length) && this.names.has(name)) return true;
    return this.ciNames.size > 0 && this.ciNames.mayHave(c >= 0x41 && c <= 0x5a ? c + 32 : c, name.length) && this.ciNames.has(name.toLowerCase());
  }

  /** Keep the fast-path name sets in step with the macro tables after a change to `name`. */
  refreshName(name: string): void {
    const key = name.toLowerCase();
    let exact = false;
    let folded = false;
    const scan = (m: { name: string; casesense: boolean }): void => {
      if (!m.casesense) folded = true;
      else if (m.name === name) exact = true;
    };
    this.smacros.get(key)?.forEach(scan);
    this.mmacros.get(key)?.forEach(scan);
    if (exact) this.names.add(name);
    else this.names.delete(name);
    if (folded) this.ciNames.add(key);
    else this.ciNames.delete(key);
    this.probeCache = undefined;
  }

  private probeCache: string[] | null | undefined;

  /**
   * Substrings whose absence (with that of `%`) proves a line plain: each
   * macro name, or `__` for the names containing it (the predefined ones).
   * Null when there are too many names, or case-folded ones, for this to pay.
   */
  get probes(): string[] | null {
    if (this.probeCache !== undefined) return this.probeCache;
    const set = new Set<string>(['%']);
    for (const n of this.names.values()) set.add(n.includes('__') ? '__' : n);
    this.probeCache = this.ciNames.size > 0 || set.size > 8 ? null : [...set];
    return this.probeCache;
  }

  /**
   * The context a %$name refers to, and the name without its %$ prefix.
   * Reports NASM's errors when the stack is too shallow.
   */
  getCtx(name: string, tok?: Tok): { ctx: Context; rest: string } | undefined {
    if (!name.startsWith('%$')) return undefined;
    if (this.contexts.length === 0) {
      this.error(`'${name}': context stack is empty`, tok);
      return undefined;
    }
    let i = 2;
    let depth = 0;
    while (name[i] === '$') {
      i++;
      depth++;
    }
    if (depth >= this.contexts.length) {
      const n = this.contexts.length;
      this.error(`'${name}': context stack is only ${n} level${n === 1 ? '' : 's'} deep`, tok);
      return undefined;
    }
    return { ctx: this.contexts[this.contexts.length - 1 - depth]!, rest: name.slice(i) };
  }
}

/** Split a file into physical lines (LF, CRLF or CR); a final newline ends the last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.includes('\r') ? text.split(/\r\n|\n|\r/) : text.split('\n');
  // A final newline ends the last line, unless it is escaped by a backslash.
  if (lines.length > 1 && lines[lines.length - 1] === '' && !lines[lines.length - 2]!.endsWith('\\')) lines.pop();
  return lines;
}

export function makeFrame(file: string, text: string, lines: string[] = splitLines(text)): Frame {
  return { file, text, lines, pos: 0, conds: [], expansion: [], mstk: null, mmac: null };
}

export function numTok(v: bigint | number, col = 0): Tok {
  return { type: Tk.NUMBER, text: BigInt.asIntN(64, BigInt(v)).toString(), col };
}
