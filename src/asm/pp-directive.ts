// Preprocessor directives (NASM's do_directive()). A directive is a
// %-word first on the line. While a macro or %rep body is being recorded,
// or inside a false %if branch, only the directives that nest or end those
// constructs are acted on; everything else is left to the caller.

import { evaluate } from './pp-expr.js';
import { parseCondition, ifCondition } from './pp-if.js';
import { findInclude } from './pp-include.js';
import { abortExpansion, expandMmacParams, finishInv } from './pp-mmacro.js';
import { parseMmacroSpec } from './pp-mmspec.js';
import {
  Cond,
  type Loc,
  type PPState,
  type RepInv,
  emitting,
  last,
  makeFrame,
  mstrcmp,
  numTok,
  splitLines,
} from './pp-state.js';
import {
  defineSmacro,
  detokenizeCollapsed,
  expandId,
  expandSmacro,
  markSmacParams,
  parseSmacroTemplate,
  undefSmacro,
} from './pp-smacro.js';
import { bytesToText, quote, textToBytes, unquote } from './pp-string.js';
import { isOp, skipWs, Tk, type Tok, tokenize } from './pp-token.js';

/** NASM's --limit-rep. */
const REP_LIMIT = 1_000_000;
/** Include nesting beyond this is taken as runaway recursion. */
const INCLUDE_DEPTH_LIMIT = 100;

type Op =
  | 'define' | 'xdefine' | 'defalias' | 'undef' | 'undefalias' | 'assign' | 'defstr' | 'deftok'
  | 'strlen' | 'strcat' | 'substr' | 'pathsearch' | 'macro' | 'rmacro' | 'endmacro' | 'exitmacro'
  | 'unmacro' | 'rotate' | 'rep' | 'endrep' | 'exitrep' | 'if' | 'elif' | 'else' | 'endif'
  | 'include' | 'depend' | 'use' | 'pragma' | 'line' | 'null' | 'clear' | 'aliases' | 'push'
  | 'pop' | 'repl' | 'error' | 'warning' | 'fatal' | 'arg' | 'local' | 'stacksize';

const PLAIN: Record<string, Op> = {
  undef: 'undef', undefalias: 'undefalias', endm: 'endmacro', endmacro: 'endmacro', exitmacro: 'exitmacro',
  rotate: 'rotate', rep: 'rep', endrep: 'endrep', exitrep: 'exitrep', else: 'else', endif: 'endif',
  include: 'include', depend: 'depend', use: 'use', pragma: 'pragma', line: 'line', null: 'null',
  clear: 'clear', aliases: 'aliases', push: 'push', pop: 'pop', repl: 'repl', error: 'error',
  warning: 'warning', fatal: 'fatal', arg: 'arg', local: 'local', stacksize: 'stacksize', unmacro: 'unmacro',
};
// Directives with a case-insensitive %i... twin.
const CASED: Op[] = ['define', 'xdefine', 'defalias', 'assign', 'defstr', 'deftok', 'strlen', 'strcat', 'substr', 'pathsearch', 'macro', 'rmacro'];

interface Directive {
  op: Op;
  casesense: boolean;
  cond?: { cond: string; negate: boolean };
}

function classify(name: string): Directive | undefined {
  if (PLAIN[name]) return { op: PLAIN[name]!, casesense: true };
  if (name === 'unimacro') return { op: 'unmacro', casesense: false };
  if ((CASED as string[]).includes(name)) return { op: name as Op, casesense: true };
  if (name.startsWith('i') && (CASED as string[]).includes(name.slice(1))) return { op: name.slice(1) as Op, casesense: false };
  for (const [prefix, op] of [['if', 'if'], ['elif', 'elif']] as const) {
    if (name.startsWith(prefix)) {
      const c = parseCondition(name.slice(prefix.length));
      if (c) return { op, casesense: true, cond: c };
    }
  }
  return undefined;
}

function isConditionOp(op: Op): boolean {
  return op === 'if' || op === 'elif' || op === 'else' || op === 'endif';
}

/** get_id(): the macro name after the directive, or undefined after reporting. */
function getId(st: PPState, toks: Tok[], dirIdx: number, dname: string): { toks: Tok[]; idx: number } | undefined {
  const i = skipWs(toks, dirIdx + 1);
  toks = expandId(st, toks, i);
  const t = toks[i];
  if (!t || (t.type !== Tk.ID && t.type !== Tk.LOCAL_MACRO)) {
    st.error(`'${dname}' expects a macro identifier`, t ?? toks[dirIdx]);
    return undefined;
  }
  return { toks, idx: i };
}

/** The first string after the name, for %strlen and friends. */
function stringArg(st: PPState, rest: Tok[], dname: string, dtok: Tok): { tok: Tok; idx: number } | undefined {
  const i = skipWs(rest, 0);
  const t = rest[i];
  if (!t || t.type !== Tk.STRING) {
    st.error(`'${dname}' requires string as second parameter`, t ?? dtok);
    return undefined;
  }
  return { tok: t, idx: i };
}

function stringTok(bytes: Uint8Array, col: number): Tok {
  return { type: Tk.STRING, text: quote(bytes), col };
}

/** Evaluate an argument expression, reporting errors; undefined on failure. */
function evalArg(st: PPState, toks: Tok[], start: number, dname: string, garbageWarn: boolean, where: Tok): { value: bigint; end: number } | undefined {
  const r = evaluate(toks, start, (m, t) => st.warn(m, t), st.lookupSymbol);
  if (!r.ok) {
    if (r.nonConstant) st.error(`non-constant value given to '${dname}'`, r.tok ?? where);
    else st.error(r.message, r.tok ?? toks[toks.length - 1] ?? where);
    return undefined;
  }
  if (garbageWarn && r.end < toks.length) st.warn('trailing garbage after expression ignored', toks[r.end]);
  return { value: r.value, end: r.end };
}

function trailing(st: PPState, toks: Tok[], from: number, what: string): void {
  const i = skipWs(toks, from);
  if (i < toks.length) st.warn(`trailing garbage after ${what} ignored`, toks[i]);
}

/**
 * Act on the line if it is a directive. Returns true when the line was
 * consumed; false when it is ordinary text (or a directive to be recorded
 * into a definition or skipped by a false branch).
 */
export function doDirective(st: PPState, toks: Tok[], loc: Loc): boolean {
  const di = skipWs(toks, 0);
  const dtok = toks[di];
  if (!dtok || dtok.type !== Tk.PREPROC_ID) return false;
  const dname = dtok.text;
  const d = classify(dname.slice(1).toLowerCase());
  const frame = st.frame;
  const top = last(frame.conds);
  const skipping = (top !== undefined && !emitting(top.state)) || (frame.mstk?.kind === 'rep' && frame.mstk.exited);
  if (skipping && !(d && isConditionOp(d.op))) return false;
  const def = st.defining;
  if (def) {
    const op = d?.op;
    const passes = op === 'macro' || op === 'rmacro' || op === 'endmacro' || (def.kind === 'rep' && (op === 'endrep' || op === 'rep'));
    if (!passes) return false;
    if (op === 'macro' || op === 'rmacro') {
      st.nestedMac++;
      return false;
    }
    if (st.nestedMac > 0 && op === 'endmacro') {
      st.nestedMac--;
      return false;
    }
    if (def.kind === 'rep') {
      if (op === 'rep') {
        st.nestedRep++;
        return false;
      }
      if (st.nestedRep > 0 && op === 'endrep') {
        st.nestedRep--;
        return false;
      }
    }
  }
  if (!d) {
    st.error(`unknown preprocessor directive '${dname}'`, dtok);
    return true;
  }
  const after = toks.slice(di + 1);
  const casesense = d.casesense;
  switch (d.op) {
    case 'if': {
      const state = top !== undefined && !emitting(top.state) ? Cond.NEVER : ifCondition(st, after, d.cond!.cond, d.cond!.negate, dname, dtok);
      frame.conds.push({ state, loc, tok: dtok });
      if (frame.mstk) frame.mstk.condcnt++;
      return true;
    }
    case 'elif': {
      if (!top) {
        st.error(`'${dname}': no matching '%if'`, dtok);
        return true;
      }
      switch (top.state) {
        case Cond.IF_TRUE:
          top.state = Cond.DONE;
          break;
        case Cond.ELSE_TRUE:
        case Cond.ELSE_FALSE:
          st.warn("'%elif' after '%else' ignored", dtok);
          top.state = Cond.NEVER;
          break;
        case Cond.IF_FALSE:
          // The line was not parameter-expanded while the branch was false.
          top.state = ifCondition(st, expandMmacParams(st, after), d.cond!.cond, d.cond!.negate, dname, dtok);
          break;
      }
      return true;
    }
    case 'else':
      if (skipWs(after, 0) < after.length) st.warn("trailing garbage after '%else' ignored", after[skipWs(after, 0)]);
      if (!top) {
        st.error("'%else': no matching '%if'", dtok);
        return true;
      }
      switch (top.state) {
        case Cond.IF_TRUE:
        case Cond.DONE:
          top.state = Cond.ELSE_FALSE;
          break;
        case Cond.IF_FALSE:
          top.state = Cond.ELSE_TRUE;
          break;
        case Cond.ELSE_TRUE:
        case Cond.ELSE_FALSE:
          st.warn("'%else' after '%else' ignored.", dtok);
          top.state = Cond.NEVER;
          break;
      }
      return true;
    case 'endif':
      if (skipWs(after, 0) < after.length) st.warn("trailing garbage after '%endif' ignored", after[skipWs(after, 0)]);
      if (!top) {
        st.error("'%endif': no matching '%if'", dtok);
        return true;
      }
      frame.conds.pop();
      if (frame.mstk) frame.mstk.condcnt--;
      return true;

    case 'macro':
    case 'rmacro': {
      const m = parseMmacroSpec(st, toks, di, dname, casesense);
      if (!m) return true;
      if (d.op === 'rmacro') m.maxDepth = st.options.maxMacroDepth;
      const existing = st.mmacros.get(m.name.toLowerCase()) ?? [];
      if (existing.some((x) => x.name === m.name && (x.min <= m.max || m.plus) && (m.min <= x.max || x.plus)))
        st.warn(`redefining multi-line macro '${m.name}'`, dtok);
      st.defining = { kind: 'macro', m, loc, tok: dtok };
      return true;
    }
    case 'endmacro': {
      if (!def || def.kind !== 'macro') {
        st.error(`'${dname}': not defining a macro`, dtok);
        return true;
      }
      const key = def.m.name.toLowerCase();
      const list = st.mmacros.get(key);
      if (list) list.unshift(def.m);
      else st.mmacros.set(key, [def.m]);
      st.refreshName(def.m.name);
      st.defining = null;
      return true;
    }
    case 'exitmacro': {
      let k = frame.expansion.length - 1;
      while (k >= 0 && frame.expansion[k]!.inv?.kind !== 'macro') k--;
      if (k < 0) {
        st.error("'%exitmacro' not within '%macro' block", dtok);
        return true;
      }
      // Skip the rest of the body; leave any %rep inside it properly.
      while (frame.expansion.length - 1 > k) {
        const e = frame.expansion.pop()!;
        if (e.inv) {
          for (let c = e.inv.condcnt; c > 0 && frame.conds.length; c--) frame.conds.pop();
          finishInv(st, frame, e.inv);
        }
      }
      const inv = frame.expansion[k]!.inv!;
      for (; inv.condcnt > 0 && frame.conds.length; inv.condcnt--) frame.conds.pop();
      return true;
    }
    case 'unmacro': {
      const spec = parseMmacroSpec(st, toks, di, dname, casesense);
      if (!spec) return true;
      const key = spec.name.toLowerCase();
      const list = st.mmacros.get(key);
      if (list) {
        const kept = list.filter(
          (m) => !(m.casesense === spec.casesense && mstrcmp(m.name, spec.name, spec.casesense) && m.min === spec.min && m.max === spec.max && m.plus === spec.plus),
        );
        if (kept.length) st.mmacros.set(key, kept);
        else st.mmacros.delete(key);
        for (const m of list) st.refreshName(m.name);
      }
      return true;
    }
    case 'rotate': {
      const i = skipWs(toks, di + 1);
      if (i >= toks.length) {
        st.error("'%rotate' missing rotate count", dtok);
        return true;
      }
      const e = expandSmacro(st, toks.slice(i));
      const r = evalArg(st, e, 0, '%rotate', true, dtok);
      if (!r) return true;
      const mac = frame.mmac;
      if (!mac) st.error("'%rotate' invoked outside a macro call", dtok);
      else if (mac.nparam === 0) st.error("'%rotate' invoked within macro without parameters", dtok);
      else {
        const n = BigInt(mac.nparam);
        mac.rotate = Number((((BigInt(mac.rotate) + r.value) % n) + n) % n);
      }
      return true;
    }
    case 'rep': {
      let i = skipWs(toks, di + 1);
      if (toks[i]?.type === Tk.ID && toks[i]!.text.toLowerCase() === '.nolist') i = skipWs(toks, i + 1);
      let count = 0;
      if (i < toks.length) {
        // Unlike NASM, a bad count still opens the block (with no
        // repetitions) so that its %endrep does not cascade into errors.
        const e = expandSmacro(st, toks.slice(i));
        const r = evalArg(st, e, 0, '%rep', true, dtok);
        if (r) {
          if (r.value > BigInt(REP_LIMIT)) st.error(`'%rep' count ${r.value} exceeds limit (currently ${REP_LIMIT})`, toks[i]);
          else if (r.value < 0n) st.warn(`negative '%rep' count: ${r.value}`, toks[i]);
          else count = Number(r.value);
        }
      } else st.error("'%rep' expects a repeat count", dtok);
      st.defining = { kind: 'rep', count, body: [], loc, tok: dtok };
      return true;
    }
    case 'endrep': {
      if (!def || def.kind !== 'rep') {
        st.error("'%endrep': no matching '%rep'", dtok);
        return true;
      }
      const inv: RepInv = {
        kind: 'rep',
        body: def.body,
        remaining: def.count,
        exited: false,
        condcnt: 0,
        savedMstk: frame.mstk,
        savedMmac: frame.mmac,
      };
      frame.expansion.push({ inv });
      frame.mstk = inv;
      st.defining = null;
      return true;
    }
    case 'exitrep': {
      let k = frame.expansion.length - 1;
      while (k >= 0 && frame.expansion[k]!.inv?.kind !== 'rep') k--;
      if (k < 0) st.error("'%exitrep' not within '%rep' block", dtok);
      else (frame.expansion[k]!.inv as RepInv).exited = true;
      return true;
    }

    case 'define':
    case 'xdefine':
    case 'defalias': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      const nameTok = g.toks[g.idx]!;
      const { tmpl, next } = parseSmacroTemplate(st, g.toks, g.idx + 1);
      let body = g.toks.slice(next);
      if (d.op === 'defalias') {
        const target = body[0];
        if (!target || (target.type !== Tk.ID && target.type !== Tk.LOCAL_MACRO)) {
          st.error(`'${dname}' expects a macro identifier to alias`, target ?? nameTok);
          return true;
        }
        trailing(st, body, 1, 'aliasing identifier');
        defineSmacro(st, nameTok.text, casesense, [target], { nparam: 0, params: [], greedy: false, alias: true }, nameTok);
        return true;
      }
      if (d.op === 'xdefine') {
        if (tmpl) body = markSmacParams(body, tmpl.params, true);
        body = expandSmacro(st, body);
      }
      if (tmpl) body = markSmacParams(body, tmpl.params, false);
      defineSmacro(st, nameTok.text, casesense, body, tmpl ?? undefined, nameTok);
      return true;
    }
    case 'undef':
    case 'undefalias': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      trailing(st, g.toks, g.idx + 1, 'macro name');
      undefSmacro(st, g.toks[g.idx]!.text, d.op === 'undefalias', g.toks[g.idx]);
      return true;
    }
    case 'assign': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      const e = expandSmacro(st, g.toks.slice(g.idx + 1));
      const r = evalArg(st, e, 0, dname, true, dtok);
      if (r) defineSmacro(st, g.toks[g.idx]!.text, casesense, [numTok(r.value)], undefined, g.toks[g.idx]);
      return true;
    }
    case 'defstr': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      const e = expandSmacro(st, g.toks.slice(g.idx + 1));
      defineSmacro(st, g.toks[g.idx]!.text, casesense, [stringTok(textToBytes(detokenizeCollapsed(e)), 0)], undefined, g.toks[g.idx]);
      return true;
    }
    case 'deftok': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      const e = expandSmacro(st, g.toks.slice(g.idx + 1));
      const s = stringArg(st, e, dname, dtok);
      if (!s) return true;
      defineSmacro(st, g.toks[g.idx]!.text, casesense, tokenize(bytesToText(unquote(s.tok.text).bytes), 0), undefined, g.toks[g.idx]);
      return true;
    }
    case 'pathsearch': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      const e = expandSmacro(st, g.toks.slice(g.idx + 1));
      const i = skipWs(e, 0);
      if (e[i]?.type !== Tk.STRING) {
        st.error(`'${dname}' expects a file name`, e[i] ?? dtok);
        return true;
      }
      trailing(st, e, i + 1, `'${dname}'`);
      const name = bytesToText(unquote(e[i]!.text).bytes);
      const found = findInclude(name, loc.ofile, st.options.includePaths, (p) => (st.options.readFile(p) !== undefined ? true : undefined));
      defineSmacro(st, g.toks[g.idx]!.text, casesense, [stringTok(textToBytes(found ? found.path : name), 0)], undefined, g.toks[g.idx]);
      return true;
    }
    case 'strlen': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      const e = expandSmacro(st, g.toks.slice(g.idx + 1));
      const s = stringArg(st, e, dname, dtok);
      if (s) defineSmacro(st, g.toks[g.idx]!.text, casesense, [numTok(unquote(s.tok.text).bytes.length)], undefined, g.toks[g.idx]);
      return true;
    }
    case 'strcat': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      const e = expandSmacro(st, g.toks.slice(g.idx + 1));
      const parts: Uint8Array[] = [];
      for (const t of e) {
        if (t.type === Tk.WS || isOp(t, ',')) continue;
        if (t.type !== Tk.STRING) {
          st.error(`non-string passed to '${dname}': ${t.text}`, t);
          return true;
        }
        parts.push(unquote(t.text).bytes);
      }
      const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) {
        all.set(p, o);
        o += p.length;
      }
      defineSmacro(st, g.toks[g.idx]!.text, casesense, [stringTok(all, 0)], undefined, g.toks[g.idx]);
      return true;
    }
    case 'substr': {
      const g = getId(st, toks, di, dname);
      if (!g) return true;
      const e = expandSmacro(st, g.toks.slice(g.idx + 1));
      const s = stringArg(st, e, dname, dtok);
      if (!s) return true;
      let i = skipWs(e, s.idx + 1);
      if (isOp(e[i], ',')) i++;
      const a = evalArg(st, e, i, dname, false, dtok);
      if (!a) return true;
      let count = 1n;
      const j = skipWs(e, a.end);
      if (j < e.length) {
        const b = evalArg(st, e, isOp(e[j], ',') ? j + 1 : j, dname, true, dtok);
        if (!b) return true;
        count = b.value;
      }
      const bytes = unquote(s.tok.text).bytes;
      const len = BigInt(bytes.length);
      let start = a.value - 1n;
      if (start < 0n) start = 0n;
      if (count < 0n) count = len + count + 1n - start;
      if (start + count > len) count = len - start;
      let out = new Uint8Array(0);
      if (len && count >= 0n && start < len) out = bytes.slice(Number(start), Number(start + count));
      defineSmacro(st, g.toks[g.idx]!.text, casesense, [stringTok(out, 0)], undefined, g.toks[g.idx]);
      return true;
    }

    case 'include': {
      const e = expandSmacro(st, after);
      const i = skipWs(e, 0);
      const ft = e[i];
      if (!ft || ft.type !== Tk.STRING) {
        st.error(`'${dname}' expects a file name`, ft ?? dtok);
        return true;
      }
      trailing(st, e, i + 1, `'${dname}'`);
      const u = unquote(ft.text);
      if (u.error) {
        st.error(u.error, ft);
        return true;
      }
      const name = bytesToText(u.bytes);
      if (st.frames.length >= INCLUDE_DEPTH_LIMIT) {
        st.error(`'%include' nested more than ${INCLUDE_DEPTH_LIMIT} levels deep (recursive include?) at '${name}'`, ft);
        return true;
      }
      const found = findInclude(name, loc.ofile, st.options.includePaths, (p) => {
        const cached = st.fileCache.get(p);
        if (cached) return cached;
        const text = st.options.readFile(p);
        if (text === undefined) return undefined;
        const file = { text, lines: splitLines(text) };
        st.fileCache.set(p, file);
        return file;
      });
      if (!found) {
        st.error(`unable to open include file '${name}'`, ft);
        return true;
      }
      st.frames.push(makeFrame(found.path, found.content.text, found.content.lines));
      return true;
    }
    case 'depend':
    case 'line':
    case 'null':
      return true;
    case 'use': {
      const e = expandSmacro(st, after);
      const i = skipWs(e, 0);
      st.error(e[i] ? `'%use' packages are not supported: '${e[i]!.text}'` : "'%use' expects a package name, got end of line", e[i] ?? dtok);
      return true;
    }
    case 'pragma': {
      const e = expandSmacro(st, after);
      const i = skipWs(e, 0);
      if (e[i]?.type === Tk.ID && e[i]!.text.toLowerCase() === 'preproc') {
        const j = skipWs(e, i + 1);
        if (e[j]?.type === Tk.ID && e[j]!.text.toLowerCase() === 'sane_empty_expansion') {
          st.saneEmptyExpansion = booleanOption(st, e, skipWs(e, j + 1), st.saneEmptyExpansion);
        }
      }
      // Other namespaces are assembler pragmas, which NASM ignores when unknown.
      return true;
    }
    case 'aliases':
      st.noAliases = !booleanOption(st, expandSmacro(st, after), 0, !st.noAliases);
      return true;
    case 'clear':
      doClear(st, expandSmacro(st, after), dname);
      return true;

    case 'push':
    case 'repl':
    case 'pop': {
      let i = skipWs(toks, di + 1);
      const t2 = expandId(st, toks, i);
      let name: string | null = null;
      if (i < t2.length) {
        const t = t2[i]!;
        if (t.type !== Tk.ID) {
          st.error(`'${dname}' expects a context identifier`, t);
          return true;
        }
        trailing(st, t2, i + 1, `'${dname}'`);
        name = t.text;
      }
      i = 0;
      if (d.op === 'push') {
        st.contexts.push({ name, number: st.unique++, smacros: new Map() });
        return true;
      }
      const ctx = last(st.contexts);
      if (!ctx) st.error(`'${dname}': context stack is empty`, dtok);
      else if (d.op === 'pop') {
        if (name !== null && (ctx.name === null || ctx.name.toLowerCase() !== name.toLowerCase()))
          st.error(`'${dname}' in wrong context: ${ctx.name ?? 'anonymous'}, expected ${name}`, dtok);
        else st.contexts.pop();
      } else ctx.name = name;
      return true;
    }
    case 'error':
    case 'warning':
    case 'fatal': {
      const e = expandSmacro(st, after);
      const i = skipWs(e, 0);
      let msg: string;
      if (e[i]?.type === Tk.STRING && skipWs(e, i + 1) >= e.length) msg = bytesToText(unquote(e[i]!.text).bytes);
      else msg = detokenizeCollapsed(e);
      if (d.op === 'warning') st.warn(msg, dtok);
      else st.error(msg, dtok);
      if (d.op === 'fatal') {
        st.fatal = true;
        abortExpansion(st, frame);
      }
      return true;
    }
    case 'stacksize': {
      const t = toks[skipWs(toks, di + 1)];
      const kind = t?.type === Tk.ID ? t.text.toLowerCase() : '';
      const modes: Record<string, PPState['stack']> = {
        flat: { size: 4, pointer: 'ebp', argOffset: 8, localOffset: 0 },
        flat64: { size: 8, pointer: 'rbp', argOffset: 16, localOffset: 0 },
        large: { size: 2, pointer: 'bp', argOffset: 4, localOffset: 0 },
        small: { size: 2, pointer: 'bp', argOffset: 6, localOffset: 0 },
      };
      if (!t || t.type !== Tk.ID) st.error(`'${dname}' missing size parameter`, t ?? dtok);
      else if (!modes[kind]) st.error(`'${dname}' invalid size type`, t);
      else st.stack = { ...modes[kind]! };
      return true;
    }
    case 'arg':
    case 'local':
      argOrLocal(st, toks, di, dname, d.op === 'local', loc);
      return true;
  }
}

const SIZES: Record<string, number> = { byte: 1, word: 2, dword: 4, qword: 8, tword: 10, oword: 16, yword: 32 };

/**
 * TASM-style %arg a:word, b:dword (and %local): each name becomes a
 * %define of a frame-pointer offset, as NASM's PP_ARG/PP_LOCAL do.
 */
function argOrLocal(st: PPState, toks: Tok[], di: number, dname: string, local: boolean, loc: Loc): void {
  const stk = st.stack;
  let offset = local ? stk.localOffset : stk.argOffset;
  let i = di;
  do {
    i = skipWs(toks, i + 1);
    const name = toks[i];
    if (!name || name.type !== Tk.ID) {
      st.error(`'${dname}' missing argument parameter`, name ?? toks[di]);
      return;
    }
    if (!isOp(toks[i + 1], ':')) {
      st.error(`syntax error processing '${dname}' directive`, toks[i + 1] ?? name);
      return;
    }
    const type = toks[i + 2];
    if (!type || type.type !== Tk.ID) {
      st.error(`'${dname}' missing size type parameter`, type ?? name);
      return;
    }
    const expanded = expandSmacro(st, [type]);
    let size = SIZES[(expanded[0]?.text ?? '').toLowerCase()] ?? 0;
    if (!size) {
      st.error(`invalid size type for '${dname}' missing directive`, type);
      return;
    }
    size = Math.ceil(size / stk.size) * stk.size;
    const define = (text: string): void => {
      doDirective(st, tokenize(text, 0), loc);
    };
    if (local) {
      offset += size;
      define(`%define ${name.text} (${stk.pointer}-${offset})`);
      define(`%assign %$localsize %$localsize+${size}`);
    } else {
      define(`%define ${name.text} (${stk.pointer}+${offset})`);
      offset += size;
    }
    i = skipWs(toks, i + 3);
  } while (isOp(toks[i], ','));
  if (local) stk.localOffset = offset;
  else stk.argOffset = offset;
}

/** %pragma/%aliases flags: yes/no, true/false, on/off, an expression, or nothing (true). */
function booleanOption(st: PPState, toks: Tok[], i: number, dflt: boolean): boolean {
  i = skipWs(toks, i);
  const t = toks[i];
  if (!t) return true;
  if (t.type === Tk.ID) {
    const k = ['no', 'yes', 'false', 'true', 'off', 'on'].indexOf(t.text.toLowerCase());
    if (k >= 0) return (k & 1) === 1;
  }
  const r = evaluate(toks, i, (m, x) => st.warn(m, x), st.lookupSymbol);
  if (!r.ok) {
    st.error(r.nonConstant ? 'boolean flag expression must be a constant' : r.message, r.tok ?? t);
    return dflt;
  }
  if (r.end < toks.length) st.warn('trailing garbage after expression ignored', toks[r.end]);
  return r.value !== 0n;
}

/** %clear [global|context] [define|defalias|alldefine|macro|all]... */
function doClear(st: PPState, toks: Tok[], dname: string): void {
  const clear = (what: { define: boolean; alias: boolean; mmacro: boolean }, context: boolean): void => {
    const tables = context ? st.contexts.map((c) => c.smacros) : [st.smacros];
    for (const table of tables) {
      if (!what.define && !what.alias) break;
      for (const [key, list] of [...table]) {
        const kept = list.filter((s) => !(s.alias ? what.alias : what.define));
        if (kept.length) table.set(key, kept);
        else table.delete(key);
        if (!context) for (const s of list) st.refreshName(s.name);
      }
    }
    if (what.mmacro && !context) {
      const names = [...st.mmacros.values()].flat().map((m) => m.name);
      st.mmacros.clear();
      for (const n of names) st.refreshName(n);
    }
  };
  let i = skipWs(toks, 0);
  if (i >= toks.length) {
    clear({ define: true, alias: false, mmacro: true }, false);
    return;
  }
  let context = false;
  for (; i < toks.length && toks[i]!.type === Tk.ID; i = skipWs(toks, i + 1)) {
    const w = toks[i]!.text.toLowerCase();
    if (w === 'all') clear({ define: true, alias: true, mmacro: true }, context);
    else if (w === 'define' || w === 'def' || w === 'smacro') clear({ define: true, alias: false, mmacro: false }, context);
    else if (w === 'defalias' || w === 'alias' || w === 'salias') clear({ define: false, alias: true, mmacro: false }, context);
    else if (w === 'alldef' || w === 'alldefine') clear({ define: true, alias: true, mmacro: false }, context);
    else if (w === 'macro' || w === 'mmacro') clear({ define: false, alias: false, mmacro: true }, context);
    else if (w === 'context' || w === 'ctx') context = true;
    else if (w === 'global') context = false;
    else if (!['nothing', 'none', 'ignore'].includes(w)) {
      st.error(`invalid option to ${dname}: ${toks[i]!.text}`, toks[i]);
      return;
    }
  }
  if (i < toks.length) st.warn(`trailing garbage after '${dname}' ignored`, toks[i]);
}
