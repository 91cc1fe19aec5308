// NASM-compatible preprocessor: text in, expanded lines out, before the
// parser sees anything. The main loop is NASM's pp_tokline(): take the next
// line from the innermost pending expansion or from the current file,
// substitute %-parameters, act on directives, record macro bodies, skip
// false branches, expand single-line then multi-line macros, emit.
//
// A plain line (no `%`, no identifier that names a macro) is emitted as is
// without being tokenized: that is the common case and must stay cheap.
//
// Where this differs from NASM 2.16.01, on purpose:
// - errors do not stop the run (except %fatal), so all of them are reported;
//   a bad %rep count opens an empty block instead of cascading errors;
// - unterminated %if/%macro/%rep are reported at their opening line;
// - the expansions of a runaway %rmacro are dropped after the error, and
//   %rmacro recursion keeps each level's arguments (NASM 2.16 loses them);
// - `equ` constants of earlier lines are known to %if, as under `nasm -f bin`
//   (where the assembler runs line by line), not as under `nasm -E`;
// - NASM's standard macro package is not applied: `bits`, `org`, `section`,
//   `align`, `struc`... reach the assembler as written;
// - __?PASS?__, __?DATE?__/__?TIME?__ and %use packages are absent; %line
//   is accepted and ignored;
// - single-line expansion stops at 1M tokens per line (NASM: 10M).

import type { Diagnostic } from './diagnostics.js';
import { doDirective } from './pp-directive.js';
import { frameHasEqu, noteEqu } from './pp-equ.js';
import { readTextFile } from './pp-include.js';
import { abortExpansion, expandMmacParams, expandMmacro, finishInv } from './pp-mmacro.js';
import { defineSmacro, expandSmacro } from './pp-smacro.js';
import { type Frame, type Inv, type Loc, PPState, emitting, last, makeFrame, numTok } from './pp-state.js';
import { quote, textToBytes } from './pp-string.js';
import { codeEnd, isSpace, quickScan, Tk, type Tok, tokenize } from './pp-token.js';

export { resolveInclude, findInclude, joinIncludePath, type ResolvedInclude } from './pp-include.js';

export interface SourceLine {
  /** The line after preprocessing (macros expanded, comments and trailing blanks removed). */
  text: string;
  /** File of the line; for macro expansions, of the outermost invocation. */
  file: string;
  /** 1-based line in `file`. */
  line: number;
  /** Original text of that line (for listings and error carets). */
  source: string;
  /** For lines produced by a multi-line macro: the macro and where this body line was written. */
  macro?: { name: string; file: string; line: number };
}

export interface PreprocessOptions {
  /** Name used in diagnostics, e.g. "guests/hello.asm". */
  file: string;
  /** -D NAME[=VALUE]; an empty value defines NAME as empty, as NASM's -DNAME. */
  defines?: Record<string, string>;
  /** -I DIR, searched in order after the name as written (see resolveInclude). */
  includePaths?: string[];
  /** Default: UTF-8 from disk, undefined when missing. */
  readFile?: (path: string) => string | undefined;
  /** Multi-line macro nesting limit (NASM's --limit-macro-levels, default 10000). */
  maxMacroDepth?: number;
}

export interface PreprocessResult {
  lines: SourceLine[];
  diagnostics: Diagnostic[];
}

/** Lines produced by expansions before giving up on a runaway %rep nest. */
const EXPANDED_LINES_LIMIT = 4_000_000;

export function preprocess(source: string, options: PreprocessOptions): PreprocessResult {
  const st = new PPState(
    {
      includePaths: options.includePaths ?? [],
      readFile: options.readFile ?? readTextFile,
      maxMacroDepth: Math.max(1, options.maxMacroDepth ?? 10_000),
    },
    options.file,
  );
  try {
    predefine(st, options.file);
    for (const [name, value] of Object.entries(options.defines ?? {})) commandLineDefine(st, name, value);
    st.frames.push(makeFrame(options.file, source));
    run(st);
    if (st.defining && !st.fatal) {
      const d = st.defining;
      st.error(d.kind === 'macro' ? `end of file while still defining macro '${d.m.name}'` : 'end of file while still in %rep', d.tok, d.loc);
    }
  } catch (e) {
    // Defensive: user input must never make preprocess() throw.
    st.error(`internal preprocessor error: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { lines: st.lines, diagnostics: st.diagnostics };
}

function run(st: PPState): void {
  while (st.frames.length > 0 && !st.fatal) {
    const f = st.frame;
    const top = f.expansion.length > 0 ? f.expansion[f.expansion.length - 1] : undefined;
    if (top !== undefined && top.inv !== undefined) {
      endOfExpansion(st, f, top.inv);
      continue;
    }
    let toks: Tok[];
    let loc: Loc;
    if (top !== undefined) {
      f.expansion.pop();
      toks = top.toks!;
      loc = top.loc!;
      if (++st.expandedLines > EXPANDED_LINES_LIMIT) {
        st.error(`too many lines from macro and %rep expansion (limit ${EXPANDED_LINES_LIMIT})`, undefined, loc);
        abortExpansion(st, f);
        st.fatal = true;
        continue;
      }
    } else {
      if (!st.defining) plainLines(st, f);
      if (f.pos >= f.lines.length) {
        endOfFile(st);
        continue;
      }
      const lineNo = f.pos + 1;
      let text = f.lines[f.pos++]!;
      // A backslash at the end of a line continues it.
      while (text.endsWith('\\') && f.pos < f.lines.length) text = text.slice(0, -1) + f.lines[f.pos++]!;
      if (!st.defining) {
        if (isEmitting(f)) {
          const end = quickScan(text, st.names, st.ciNames);
          if (end >= 0) {
            // a continued line that turned out plain
            const out = end === text.length ? text : text.slice(0, end);
            trackBits(st, out);
            if (frameHasEqu(f)) noteEqu(st, out);
            st.lines.push({ text: out, file: f.file, line: lineNo, source: text });
            continue;
          }
        } else if (!startsWithPercent(text)) continue; // false branch: only directives matter
      }
      loc = { file: f.file, line: lineNo, source: text, col: 0, len: 0, direct: true, ofile: f.file, oline: lineNo };
      st.cur = loc;
      toks = tokenize(text, 1, (msg, col) => st.warn(msg, { type: Tk.OTHER, text: '', col }));
    }
    st.cur = loc;
    try {
      processLine(st, f, toks, loc);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      // JS stack exhausted by a pathological expansion: report it like a runaway macro.
      st.error('interminable macro recursion (expansion too deep)', undefined, loc);
      abortExpansion(st, f);
    }
  }
}

/**
 * The fast path: emit the run of plain lines at the current position of
 * the file untouched, without tokenizing them. Stops at the first line that
 * needs the preprocessor (a `%`, a macro name, a continuation).
 */
function plainLines(st: PPState, f: Frame): void {
  if (f.conds.length > 0 && !emitting(f.conds[f.conds.length - 1]!.state)) return;
  if (f.pure === undefined) f.pure = isPure(st, f.text);
  if (f.pure) return pureLines(st, f);
  const lines = f.lines;
  const out = st.lines;
  const file = f.file;
  const names = st.names;
  const ciNames = st.ciNames;
  const probes = st.probes;
  const equ = frameHasEqu(f);
  let pos = f.pos;
  while (pos < lines.length) {
    const text = lines[pos]!;
    if (text.charCodeAt(text.length - 1) === 0x5c) break;
    // Few macro names: native substring probes prove most lines plain.
    let end = -1;
    if (probes !== null) {
      let hit = false;
      for (let k = 0; k < probes.length; k++) if (text.indexOf(probes[k]!) >= 0) hit = true;
      if (!hit) end = isSpace(text.charCodeAt(text.length - 1)) || text.indexOf(';') >= 0 ? codeEnd(text) : text.length;
    }
    if (end < 0) end = quickScan(text, names, ciNames);
    if (end < 0) break;
    const code = end === text.length ? text : text.slice(0, end);
    trackBits(st, code);
    if (equ) noteEqu(st, code);
    pos++;
    out.push({ text: code, file, line: pos, source: text });
  }
  f.pos = pos;
}

/**
 * A file without `%` cannot define macros or use %-constructs, so if no
 * current macro name occurs in it either, none of its lines can expand.
 * Names containing `__` (all the predefined ones) are probed as `__`.
 */
function isPure(st: PPState, text: string): boolean {
  const probes = st.probes;
  if (probes === null) return false;
  for (const p of probes) if (text.includes(p)) return false;
  return true;
}

/** plainLines for a pure file: only comments and trailing blanks to strip. */
function pureLines(st: PPState, f: Frame): void {
  const lines = f.lines;
  const out = st.lines;
  const file = f.file;
  const equ = frameHasEqu(f);
  let pos = f.pos;
  while (pos < lines.length) {
    const text = lines[pos]!;
    const lastc = text.charCodeAt(text.length - 1);
    if (lastc === 0x5c) break; // continuation: the general path joins it
    let code = text;
    if (isSpace(lastc) || text.indexOf(';') >= 0) {
      const end = codeEnd(text);
      if (end < 0) break; // unterminated string: the general path warns
      if (end !== text.length) code = text.slice(0, end);
    }
    trackBits(st, code);
    if (equ) noteEqu(st, code);
    pos++;
    out.push({ text: code, file, line: pos, source: text });
  }
  f.pos = pos;
}

function startsWithPercent(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return c === 0x25;
  }
  return false;
}

function isEmitting(f: Frame): boolean {
  const c = last(f.conds);
  return c === undefined || emitting(c.state);
}

function processLine(st: PPState, f: Frame, toks: Tok[], loc: Loc): void {
  const repDone = f.mstk?.kind === 'rep' && f.mstk.exited;
  // %1, %%label etc. are substituted before directives see the line (so
  // `%define x %1` works), except in bodies being recorded or skipped.
  if (!st.defining && isEmitting(f) && !repDone) toks = expandMmacParams(st, toks);
  if (doDirective(st, toks, loc)) return;
  const def = st.defining;
  if (def) {
    if (def.kind === 'macro') {
      def.m.body.push({ toks, file: loc.ofile, line: loc.oline });
      if (toks.some((t) => t.text === '%00')) def.m.captureLabel = true;
    } else def.body.push({ toks, loc });
    return;
  }
  if (!isEmitting(f) || repDone) return;
  toks = expandSmacro(st, toks);
  if (!expandMmacro(st, toks, loc)) emit(st, toks, loc);
}

function emit(st: PPState, toks: Tok[], loc: Loc): void {
  let text = '';
  for (const t of toks) {
    if (t.type === Tk.LOCAL_MACRO) {
      const c = st.getCtx(t.text, t);
      text += c ? `..@${c.ctx.number}.${c.rest}` : t.text;
    } else if (t.type === Tk.ENVIRON) {
      text += environ(st, t);
    } else text += t.text;
  }
  text = text.trimEnd();
  trackBits(st, text);
  noteEqu(st, text);
  const line: SourceLine = { text, file: loc.file, line: loc.line, source: loc.source };
  if (loc.macro) line.macro = loc.macro;
  st.lines.push(line);
}

/** %!NAME: the environment variable's value (empty, with a warning, when unset). */
function environ(st: PPState, t: Tok): string {
  let name = t.text.slice(2);
  if (/^['"`]/.test(name)) name = name.slice(1, -1);
  const v = typeof process !== 'undefined' ? process.env[name] : undefined;
  if (v === undefined) {
    st.warn(`nonexistent environment variable '${name}'`, t);
    return '';
  }
  return v;
}

const BITS_RE = /^\s*(?:\[\s*bits\s+(\w+)\s*\]|bits\s+(\w+)|use(16|32|64)\b)/i;

/** __?BITS?__ follows the BITS directives the assembler will see. */
function trackBits(st: PPState, text: string): void {
  let i = 0;
  let c = text.charCodeAt(0);
  while (c === 0x20 || c === 0x09) c = text.charCodeAt(++i);
  c |= 0x20; // b, u, [ in either case
  if (c !== 0x62 && c !== 0x75 && c !== 0x7b) return;
  const m = BITS_RE.exec(text);
  if (!m) return;
  const v = Number(m[1] ?? m[2] ?? m[3]);
  if (v === 16 || v === 32 || v === 64) st.bits = v;
}

function endOfExpansion(st: PPState, f: Frame, inv: Inv): void {
  if (inv.kind === 'rep' && !inv.exited && inv.remaining > 0) {
    inv.remaining--;
    for (let k = inv.body.length - 1; k >= 0; k--) f.expansion.push(inv.body[k]!);
    return;
  }
  const def = st.defining;
  if (def && def.kind === 'rep' && inv.kind === 'macro') {
    st.error(`'%rep' without '%endrep' within expansion of macro '${inv.m.name}'`, def.tok, def.loc);
    st.defining = null;
    st.nestedRep = 0;
  }
  f.expansion.pop();
  finishInv(st, f, inv);
}

function endOfFile(st: PPState): void {
  const f = st.frames.pop()!;
  for (const c of f.conds) st.error("expected '%endif' before end of file", c.tok, c.loc);
}

/** -D NAME[=VALUE], as NASM's pp_pre_define: `%define NAME VALUE`. */
function commandLineDefine(st: PPState, name: string, value: string): void {
  const text = `%define ${name} ${value}`;
  const loc: Loc = { file: '<command line>', line: 0, source: `-D${name}${value === '' ? '' : `=${value}`}`, col: 0, len: 0, direct: false, ofile: st.cur.ofile, oline: 0 };
  st.cur = loc;
  if (st.frames.length === 0) st.frames.push(makeFrame('<command line>', ''));
  const toks = tokenize(text, 1);
  if (!doDirective(st, toks, loc)) st.error(`bad -D definition '${name}'`, undefined, loc);
  st.frames.pop();
}

/** NASM 2.16.01's predefined single-line macros that do not depend on assembly state. */
function predefine(st: PPState, file: string): void {
  st.frames.push(makeFrame(file, ''));
  const def = (name: string, body: string): void => {
    defineSmacro(st, name, true, tokenize(body, 0));
  };
  def('__?NASM_MAJOR?__', '2');
  def('__?NASM_MINOR?__', '16');
  def('__?NASM_SUBMINOR?__', '1');
  def('__?NASM_PATCHLEVEL?__', '0');
  def('__?NASM_VERSION_ID?__', '002100100h');
  def('__?NASM_VER?__', '"2.16.01"');
  def('__?OUTPUT_FORMAT?__', 'bin');
  const magic = (name: string, f: () => Tok[]): void => {
    defineSmacro(st, name, true, [], { nparam: 0, params: [], greedy: false, magic: f });
  };
  magic('__?FILE?__', () => [{ type: Tk.STRING, text: quote(textToBytes(st.cur.ofile)), col: 0 }]);
  magic('__?LINE?__', () => [numTok(st.cur.oline)]);
  magic('__?BITS?__', () => [numTok(st.bits)]);
  // The pre-2.15 spellings are aliases of the __?NAME?__ forms.
  for (const n of ['NASM_MAJOR', 'NASM_MINOR', 'NASM_SUBMINOR', 'NASM_PATCHLEVEL', 'NASM_VERSION_ID', 'NASM_VER', 'OUTPUT_FORMAT', 'FILE', 'LINE', 'BITS']) {
    defineSmacro(st, `__${n}__`, true, [{ type: Tk.ID, text: `__?${n}?__`, col: 0 }], { nparam: 0, params: [], greedy: false, alias: true });
  }
  st.frames.pop();
}
