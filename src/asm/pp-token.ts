// Preprocessor tokens, split the way NASM's preproc.c `tokenize()` splits a
// line: identifiers, numbers, strings, `%`-constructs, operators and
// whitespace. Comments (and whitespace before them) are dropped. Tokens are
// immutable and shared between lines; `col` is the 1-based column in the
// line the token was read from (0 when it was synthesised).

export enum Tk {
  WS,
  ID,
  PREPROC_ID, // %define, %foo
  MMACRO_PARAM, // %1 %-1 %+1 %0 %00 %{1:2}
  LOCAL_SYMBOL, // %%label
  LOCAL_MACRO, // %$name, %$$name
  ENVIRON, // %!NAME
  STRING,
  NUMBER,
  FLOAT,
  OTHER, // operators and punctuation
  PASTE, // %+
  COND_COMMA, // %,
  INDIRECT, // %[...] (text is the inside)
  PREPROC_Q, // %?
  PREPROC_QQ, // %??
  SMAC_PARAM, // parameter reference inside a %define body (`param` = index)
  XDEF_PARAM, // parameter name shielded from expansion during %xdefine
}

export interface Tok {
  readonly type: Tk;
  readonly text: string;
  readonly col: number;
  readonly param?: number;
}

export function tok(type: Tk, text: string, col = 0, param?: number): Tok {
  return param === undefined ? { type, text, col } : { type, text, col, param };
}

export const SPACE: Tok = { type: Tk.WS, text: ' ', col: 0 };

// Character classes of NASM's nctype.c (plus `?`, which NASM 2.15+ treats as
// an identifier character so that `__?FILE?__` is one name).
const ID = 1;
const IDSTART = 2;
const DIGIT = 4;
const SPACECH = 8;
const HEX = 16;
const NUMCH = 32;
const cls = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z]/.test(ch)) cls[c] |= ID | IDSTART;
  if (/[0-9]/.test(ch)) cls[c] |= ID | DIGIT;
  if (/[0-9A-Fa-f]/.test(ch)) cls[c] |= HEX;
  if (/[0-9A-Za-z_]/.test(ch)) cls[c] |= NUMCH;
}
for (const ch of '_.@?') cls[ch.charCodeAt(0)] |= ID | IDSTART;
for (const ch of '$#~') cls[ch.charCodeAt(0)] |= ID;
for (const ch of ' \t\v\f\r') cls[ch.charCodeAt(0)] |= SPACECH;

/** Characters >= 0x80 count as identifier characters (UTF-8 names), as in NASM. */
export function isIdChar(c: number): boolean {
  return c >= 128 ? true : (cls[c]! & ID) !== 0;
}
export function isIdStart(c: number): boolean {
  return c >= 128 ? true : (cls[c]! & IDSTART) !== 0;
}
export function isDigit(c: number): boolean {
  return c < 128 && (cls[c]! & DIGIT) !== 0;
}
function isXDigit(c: number): boolean {
  return c < 128 && (cls[c]! & HEX) !== 0;
}
export function isSpace(c: number): boolean {
  return c < 128 && (cls[c]! & SPACECH) !== 0;
}
function isNumChar(c: number): boolean {
  return c < 128 && (cls[c]! & NUMCH) !== 0;
}
function isQuote(c: number): boolean {
  return c === 0x27 || c === 0x22 || c === 0x60;
}

/**
 * Index of the closing quote of the string starting at `i`, or `s.length`
 * when it is unterminated. Backquoted strings honour backslash escapes
 * (NASM's nasm_skip_string()).
 */
export function skipString(s: string, i: number): number {
  const q = s.charCodeAt(i);
  let p = i + 1;
  const n = s.length;
  if (q !== 0x60) {
    while (p < n && s.charCodeAt(p) !== q) p++;
    return p;
  }
  while (p < n) {
    const c = s.charCodeAt(p);
    if (c === 0x60) return p;
    if (c === 0x5c) {
      p++;
      if (p < n && s.charCodeAt(p) === 0x5e) p++; // \^x control escape
    }
    p++;
  }
  return n;
}

/** Set by scanNumber: whether the number it just scanned is a float. */
let scannedFloat = false;

/** End of a numeric token starting at `i` (NASM's number scanning, floats included). */
function scanNumber(s: string, i: number): number {
  let p = i;
  let isHex = false;
  let isFloat = false;
  let hasE = false;
  if (s.charCodeAt(p) === 0x24) {
    p++;
    isHex = true;
  }
  for (;;) {
    const c = p < s.length ? s.charCodeAt(p) : 0;
    p++;
    const next = p < s.length ? s.charCodeAt(p) : 0;
    if (!isHex && (c === 0x65 || c === 0x45)) {
      hasE = true;
      if (next === 0x2b || next === 0x2d) {
        p++;
        isFloat = true;
      }
    } else if (c === 0x48 || c === 0x68 || c === 0x58 || c === 0x78) {
      isHex = true;
    } else if (c === 0x50 || c === 0x70) {
      isFloat = true;
      if (next === 0x2b || next === 0x2d) p++;
    } else if (c !== 0 && isNumChar(c)) {
      // digit or letter of a radix suffix
    } else if (c === 0x2e) {
      let r = p;
      while (r < s.length && s.charCodeAt(r) === 0x5f) r++;
      const rc = r < s.length ? s.charCodeAt(r) : 0;
      if (isDigit(rc) || (isHex && isXDigit(rc)) || (!isHex && (rc === 0x65 || rc === 0x45)) || rc === 0x70 || rc === 0x50) {
        p = r;
        isFloat = true;
      } else break;
    } else break;
  }
  scannedFloat = isFloat || (hasE && !isHex);
  return p - 1;
}

export type TokWarn = (message: string, col: number) => void;

/** Split one line into tokens. `col0` is the column of `line[0]`. */
export function tokenize(line: string, col0 = 1, warn?: TokWarn): Tok[] {
  const out: Tok[] = [];
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    const col = i + col0;
    let p = i;
    if (c === 0x25 /* % */) {
      p++;
      const d = p < n ? line.charCodeAt(p) : 0;
      const d1 = p + 1 < n ? line.charCodeAt(p + 1) : 0;
      let start = i;
      let end = -1;
      if (d === 0x2b && !isDigit(d1)) {
        p++; // %+ paste
      } else if (isDigit(d) || ((d === 0x2d || d === 0x2b) && isDigit(d1))) {
        do p++;
        while (p < n && isDigit(line.charCodeAt(p)));
      } else if (d === 0x7b || d === 0x5b) {
        // %{...} groups a %-construct; %[...] is indirection
        const open = d;
        const close = d + 2;
        let lvl = 1;
        if (d === 0x7b) start++;
        p++;
        while (lvl) {
          const ch = p < n ? line.charCodeAt(p) : 0;
          if (ch === open) lvl++;
          else if (ch === close) lvl--;
          else if (isQuote(ch)) p = skipString(line, p);
          if (p >= n) {
            warn?.(`unterminated %${String.fromCharCode(open)} construct`, col);
            break;
          }
          p++;
        }
        end = lvl ? p : p - 1;
      } else if (d === 0x3f /* ? */) {
        p++;
        if (p < n && line.charCodeAt(p) === 0x3f) p++;
      } else if (d === 0x21 /* ! */) {
        p++;
        if (p < n && isIdChar(line.charCodeAt(p))) {
          do p++;
          while (p < n && isIdChar(line.charCodeAt(p)));
        } else if (p < n && isQuote(line.charCodeAt(p))) {
          p = skipString(line, p);
          if (p < n) p++;
          else warn?.('unterminated %! string', col);
        }
      } else if (d === 0x2c /* , */) {
        p++;
      } else if ((d && isIdChar(d)) || ((d === 0x25 || d === 0x24) && d1 && isIdChar(d1))) {
        do p++;
        while (p < n && isIdChar(line.charCodeAt(p)));
      } else if (d === 0x25) {
        p++; // %% operator
      }
      if (end < 0) end = p;
      // Classify on the text as written, after any %{ } grouping.
      let text = line.slice(start, end);
      if (start !== i) text = '%' + text.slice(1);
      let type: Tk;
      if (text.length < 2) type = Tk.OTHER;
      else {
        const c0 = text.charCodeAt(1);
        switch (c0) {
          case 0x2b: // +
            type = text.length === 2 ? Tk.PASTE : Tk.MMACRO_PARAM;
            break;
          case 0x2d: // -
            type = Tk.MMACRO_PARAM;
            break;
          case 0x3f: // ?
            type = text.length === 2 ? Tk.PREPROC_Q : text === '%??' ? Tk.PREPROC_QQ : Tk.PREPROC_ID;
            break;
          case 0x21: // !
            type = text.length === 2 ? Tk.OTHER : Tk.ENVIRON;
            break;
          case 0x25: // %
            type = text.length === 2 ? Tk.OTHER : Tk.LOCAL_SYMBOL;
            break;
          case 0x24: // $
            type = text.length === 2 ? Tk.OTHER : Tk.LOCAL_MACRO;
            break;
          case 0x5b: // [
            type = Tk.INDIRECT;
            text = text.slice(2);
            break;
          case 0x2c: // ,
            type = text.length === 2 ? Tk.COND_COMMA : Tk.PREPROC_ID;
            break;
          case 0x27:
          case 0x22:
          case 0x60:
            type = Tk.PREPROC_ID;
            break;
          case 0x3a: // :
            type = Tk.MMACRO_PARAM;
            break;
          default:
            if (isDigit(c0)) type = Tk.MMACRO_PARAM;
            else if (isIdChar(c0) || text.length > 2) type = Tk.PREPROC_ID;
            else type = Tk.OTHER;
        }
      }
      out.push({ type, text, col });
      i = p;
      continue;
    }
    if (isIdStart(c) || (c === 0x24 && i + 1 < n && isIdStart(line.charCodeAt(i + 1)))) {
      p++;
      while (p < n && isIdChar(line.charCodeAt(p))) p++;
      out.push({ type: Tk.ID, text: line.slice(i, p), col });
    } else if (isQuote(c)) {
      p = skipString(line, i);
      if (p < n) p++;
      else warn?.('unterminated string', col);
      out.push({ type: Tk.STRING, text: line.slice(i, p), col });
    } else if (c === 0x24 && i + 1 < n && line.charCodeAt(i + 1) === 0x24) {
      p += 2;
      out.push({ type: Tk.OTHER, text: '$$', col });
    } else if (c === 0x24 || isDigit(c)) {
      p = scanNumber(line, i);
      if (p === i + 1 && c === 0x24) out.push({ type: Tk.OTHER, text: '$', col });
      else out.push({ type: scannedFloat ? Tk.FLOAT : Tk.NUMBER, text: line.slice(i, p), col });
    } else if (isSpace(c)) {
      while (p < n && isSpace(line.charCodeAt(p))) p++;
      // Whitespace at the end of the line or before a comment goes with it.
      if (p >= n || line.charCodeAt(p) === 0x3b) break;
      out.push({ type: Tk.WS, text: line.slice(i, p), col });
    } else if (c === 0x3b /* ; */) {
      break;
    } else {
      p++;
      const nx = p < n ? line.charCodeAt(p) : 0;
      switch (c) {
        case 0x3e: // >
          if (nx === 0x3e) {
            p++;
            if (p < n && line.charCodeAt(p) === 0x3e) p++;
          } else if (nx === 0x3d) p++;
          break;
        case 0x3c: // <
          if (nx === 0x3c) {
            p++;
            if (p < n && line.charCodeAt(p) === 0x3c) p++;
          } else if (nx === 0x3d) {
            p++;
            if (p < n && line.charCodeAt(p) === 0x3e) p++;
          } else if (nx === 0x3e) p++;
          break;
        case 0x21: // !
          if (nx === 0x3d) p++;
          break;
        case 0x2f: // /
        case 0x3d: // =
        case 0x26: // &
        case 0x7c: // |
        case 0x5e: // ^
          if (nx === c) p++;
          break;
      }
      out.push({ type: Tk.OTHER, text: line.slice(i, p), col });
    }
    i = p;
  }
  return out;
}

/** Join tokens back into text. */
export function detokenize(toks: readonly Tok[]): string {
  let s = '';
  for (const t of toks) s += t.text;
  return s;
}

export function isWhite(t: Tok | undefined): boolean {
  return t !== undefined && t.type === Tk.WS;
}

/** A single-character operator token? */
export function isOp(t: Tok | undefined, ch: string): boolean {
  return t !== undefined && t.type === Tk.OTHER && t.text === ch;
}

export function skipWs(toks: readonly Tok[], i: number): number {
  while (i < toks.length && toks[i]!.type === Tk.WS) i++;
  return i;
}

/**
 * End of the code part of a line with no `%` and no macro name: before its
 * comment, without trailing blanks; -1 for an unterminated string.
 */
export function codeEnd(line: string): number {
  const n = line.length;
  let end = n;
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x3b) {
      end = i;
      break;
    }
    if (c === 0x27 || c === 0x22 || c === 0x60) {
      i = skipString(line, i);
      if (i >= n) return -1;
    }
  }
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  return end;
}

// What quickScan does on each ASCII character.
const Q_SKIP = 0;
const Q_ID = 1;
const Q_NUM = 2;
const Q_STR = 3;
const Q_PCT = 4;
const Q_SEMI = 5;
const Q_DOLLAR = 6;
const qact = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (cls[c]! & IDSTART) qact[c] = Q_ID;
  else if (cls[c]! & DIGIT) qact[c] = Q_NUM;
}
qact[0x27] = qact[0x22] = qact[0x60] = Q_STR;
qact[0x25] = Q_PCT;
qact[0x3b] = Q_SEMI;
qact[0x24] = Q_DOLLAR;

/**
 * The fast path: decide whether a line can pass through untouched. Returns
 * -1 when the line contains a `%`, an unterminated string, or an identifier
 * that names a macro (`names` exact, `ciNames` lowercased); otherwise the
 * length of the line without its comment and trailing blanks.
 */
export function quickScan(line: string, names: NameSet, ciNames: NameSet): number {
  const n = line.length;
  const ci = ciNames.size > 0;
  let i = 0;
  let end = n;
  scan: while (i < n) {
    const c = line.charCodeAt(i);
    switch (c < 128 ? qact[c] : Q_ID) {
      case Q_SKIP:
        i++;
        continue;
      case Q_ID: {
        const s = i;
        i++;
        for (; i < n; i++) {
          const d = line.charCodeAt(i);
          if (d < 128 && (cls[d]! & ID) === 0) break;
        }
        // Only build the string when a macro name of that shape exists.
        if (names.mayHave(c, i - s) && names.has(line.slice(s, i))) return -1;
        if (ci && ciNames.mayHave(c >= 0x41 && c <= 0x5a ? c + 32 : c, i - s) && ciNames.has(line.slice(s, i).toLowerCase())) return -1;
        continue;
      }
      case Q_NUM:
        i = scanNumber(line, i);
        continue;
      case Q_STR:
        i = skipString(line, i);
        if (i >= n) return -1;
        i++;
        continue;
      case Q_PCT:
        return -1;
      case Q_SEMI:
        end = i;
        break scan;
      default: {
        // `$name` never expands; `$1f` is a number, `$` and `$$` are operators
        const d = i + 1 < n ? line.charCodeAt(i + 1) : 0;
        if (d && isIdStart(d)) {
          i += 2;
          while (i < n && isIdChar(line.charCodeAt(i))) i++;
        } else if (d === 0x24) i += 2;
        else i = Math.max(scanNumber(line, i), i + 1);
      }
    }
  }
  while (end > 0 && isSpace(line.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * A set of macro names with a cheap pre-check on (first character, length),
 * so that scanning a plain line rarely has to slice out an identifier.
 * Case-folded sets store lowercase names and are probed with a lowercased c.
 */
export class NameSet {
  private readonly set = new Set<string>();
  private readonly shape = new Uint16Array(128 * 64);

  get size(): number {
    return this.set.size;
  }

  private key(c: number, len: number): number {
    return ((c < 128 ? c : 0) << 6) | (len < 63 ? len : 63);
  }

  mayHave(c: number, len: number): boolean {
    return this.shape[this.key(c, len)] !== 0;
  }

  has(name: string): boolean {
    return this.set.has(name);
  }

  values(): IterableIterator<string> {
    return this.set.values();
  }

  add(name: string): void {
    if (this.set.has(name)) return;
    this.set.add(name);
    this.shape[this.key(name.charCodeAt(0), name.length)]++;
  }

  delete(name: string): void {
    if (!this.set.delete(name)) return;
    this.shape[this.key(name.charCodeAt(0), name.length)]--;
  }
}
