// Single-line macros: %define tables and expansion, ported from NASM's
// expand_one_smacro()/expand_smacro()/paste_tokens(). Expansion is lazy (at
// use time), a macro never expands inside its own expansion (`in_progress`),
// and a macro body is processed right to left so that a macro name at its
// end can take its arguments from the rest of the line, as in NASM.

import { evaluate } from './pp-expr.js';
import {
  type Context,
  type PPState,
  type SMacro,
  type SMacroParam,
  mstrcmp,
  numTok,
  SPARM_EVAL,
  SPARM_GREEDY,
  SPARM_NOSTRIP,
  SPARM_STR,
} from './pp-state.js';
import { quote, textToBytes } from './pp-string.js';
import { SPACE, Tk, type Tok, tokenize } from './pp-token.js';

/** Expansions per line (NASM's --limit-macro-tokens is 10M; 1M keeps a runaway under a second). */
const MACRO_TOKENS_LIMIT = 1_000_000;
/** Nesting of single-line expansions; each level needs a distinct macro, and each costs JS stack. */
const SMACRO_LEVELS_LIMIT = 1000;

interface Node {
  t: Tok;
  next: Node | null;
}

function toList(toks: readonly Tok[]): Node {
  const head: Node = { t: SPACE, next: null };
  let p = head;
  for (const t of toks) p = p.next = { t, next: null };
  return head;
}

function fromList(head: Node): Tok[] {
  const out: Tok[] = [];
  for (let p = head.next; p; p = p.next) out.push(p.t);
  return out;
}

/** Join tokens with runs of whitespace as one space, as NASM's detoken() of its own tokens. */
export function detokenizeCollapsed(toks: readonly Tok[]): string {
  let s = '';
  let white = false;
  for (const t of toks) {
    if (t.type === Tk.WS) white = true;
    else {
      if (white && s.length > 0) s += ' ';
      white = false;
      s += t.text;
    }
  }
  return s;
}

// ---- Tables ---------------------------------------------------------------

export interface SMacroTemplate {
  nparam: number;
  params: SMacroParam[];
  greedy: boolean;
  alias?: boolean;
  magic?: () => Tok[];
}

function tableFor(st: PPState, name: string, tok?: Tok): { table: Map<string, SMacro[]>; name: string; ctx?: Context } | undefined {
  if (name.startsWith('%$')) {
    const c = st.getCtx(name, tok);
    if (!c) return undefined;
    return { table: c.ctx.smacros, name: c.rest, ctx: c.ctx };
  }
  return { table: st.smacros, name };
}

/**
 * Is `name` defined with a parameter count compatible with `nparam` (<= 0:
 * any)? `defn` is the macro with exactly that count (or any, for -1).
 * Aliases are followed unless `findAlias`.
 */
export function smacroDefined(
  st: PPState,
  table: Map<string, SMacro[]>,
  name: string,
  nparam: number,
  nocase: boolean,
  findAlias: boolean,
): { found: boolean; defn: SMacro | null } {
  for (let hops = 0; hops < 64; hops++) {
    const list = table.get(name.toLowerCase());
    let followed = false;
    if (list) {
      for (const m of list) {
        if (!mstrcmp(m.name, name, m.casesense && nocase)) continue;
        if (!(nparam <= 0 || m.nparam === 0 || nparam === m.nparam || (m.greedy && nparam >= m.nparam - 1))) continue;
        if (m.alias && !findAlias) {
          if (st.noAliases) continue;
          name = m.expansion[0]!.text;
          followed = true;
          break;
        }
        return { found: true, defn: nparam === m.nparam || nparam === -1 ? m : null };
      }
    }
    if (!followed) return { found: false, defn: null };
  }
  return { found: false, defn: null };
}

/** %define and friends. Returns the macro, or null when NASM refuses to define it. */
export function defineSmacro(st: PPState, mname: string, casesense: boolean, expansion: Tok[], tmpl?: SMacroTemplate, tok?: Tok): SMacro | null {
  const definingAlias = tmpl?.alias ?? false;
  const nparam = tmpl?.nparam ?? 0;
  for (let hops = 0; hops < 64; hops++) {
    const where = tableFor(st, mname, tok);
    if (!where) return null;
    const { found, defn } = smacroDefined(st, where.table, where.name, nparam, casesense, true);
    let smac: SMacro;
    // NASM 2.16 reports these conflicts but still adds the new definition
    // in front, where it shadows the older one.
    let fresh = !found;
    if (found && !defn) {
      st.error(`macro '${where.name}' defined both with and without parameters`, tok);
      fresh = true;
    } else if (defn && defn.casesense !== casesense && !defn.alias) {
      const how = (cs: boolean): string => (cs ? 'sensitive' : 'insensitive');
      st.warn(`case ${how(casesense)} definition of macro '${where.name}' will shadow ${how(defn.casesense)} macro '${defn.name}'`, tok);
      fresh = true;
    }
    if (fresh) {
      const key = where.name.toLowerCase();
      smac = { name: where.name, casesense, nparam: 0, params: [], greedy: false, expansion: [], alias: false, inProgress: false };
      const list = where.table.get(key);
      if (list) list.unshift(smac);
      else where.table.set(key, [smac]);
    } else if (!defn!.alias || st.noAliases || definingAlias) {
      smac = defn!;
    } else if (defn!.inProgress) {
      st.error('macro alias loop', tok);
      return null;
    } else {
      // Defining through an alias defines its target.
      mname = defn!.expansion[0]!.text;
      continue;
    }
    smac.name = where.name;
    smac.casesense = casesense;
    smac.expansion = expansion;
    smac.nparam = tmpl?.nparam ?? 0;
    smac.params = tmpl?.params ?? [];
    smac.greedy = tmpl?.greedy ?? false;
    smac.alias = definingAlias;
    smac.magic = tmpl?.magic;
    if (!where.ctx) st.refreshName(where.name);
    return smac;
  }
  st.error('macro alias loop', tok);
  return null;
}

export function undefSmacro(st: PPState, mname: string, undefAlias: boolean, tok?: Tok, depth = 0): void {
  const where = tableFor(st, mname, tok);
  if (!where) return;
  const key = where.name.toLowerCase();
  const list = where.table.get(key);
  if (!list) return;
  for (let i = 0; i < list.length; ) {
    const s = list[i]!;
    if (mstrcmp(s.name, where.name, s.casesense)) {
      if (s.alias && !undefAlias) {
        if (!st.noAliases) {
          if (s.inProgress || depth > 64) st.error('macro alias loop', tok);
          else {
            s.inProgress = true;
            undefSmacro(st, s.expansion[0]!.text, false, tok, depth + 1);
            s.inProgress = false;
          }
        }
      } else {
        list.splice(i, 1);
        continue;
      }
    }
    i++;
  }
  if (list.length === 0) where.table.delete(key);
  if (!where.ctx) st.refreshName(where.name);
}

/** Turn parameter names in a %define body into SMAC_PARAM (or XDEF_PARAM) tokens. */
export function markSmacParams(toks: Tok[], params: SMacroParam[], xdef: boolean): Tok[] {
  return toks.map((t) => {
    if (t.type !== Tk.ID && t.type !== Tk.XDEF_PARAM) return t;
    let idx = -1;
    for (let i = 0; i < params.length; i++) if (params[i]!.name === t.text) idx = i;
    if (idx < 0) return t;
    return xdef ? { type: Tk.XDEF_PARAM, text: t.text, col: t.col } : { type: Tk.SMAC_PARAM, text: t.text, col: t.col, param: idx };
  });
}

/**
 * Parse `(a, =b, &c, !d, e+)` right after a %define name. Returns the
 * template (null when there is no parameter list) and the index after it
 * and any whitespace. Whitespace before `(` means there are no parameters.
 */
export function parseSmacroTemplate(st: PPState, toks: Tok[], i: number): { tmpl: SMacroTemplate | null; next: number } {
  let tmpl: SMacroTemplate | null = null;
  const i0 = i;
  const t0 = toks[i];
  if (t0 && t0.type === Tk.OTHER && t0.text === '(') {
    const params: SMacroParam[] = [];
    let greedy = false;
    let name: string | null = null;
    let flags = 0;
    let err = false;
    let done = false;
    i++;
    while (!done) {
      const t = toks[i];
      if (!t) {
        st.error(name !== null || flags ? "')' expected to terminate macro template" : 'parameter identifier expected', toks[i - 1]);
        break;
      }
      let bad = false;
      if (t.type === Tk.ID) {
        if (name !== null) bad = true;
        else name = t.text;
      } else if (t.type === Tk.OTHER && t.text.length === 1) {
        switch (t.text) {
          case '=':
            flags |= SPARM_EVAL;
            break;
          case '&':
            flags |= SPARM_STR;
            break;
          case '!':
            flags |= SPARM_NOSTRIP;
            break;
          case '+':
            flags |= SPARM_GREEDY;
            greedy = true;
            break;
          case ',':
          case ')':
            if (t.text === ',' && greedy) st.error('greedy parameter must be last', t);
            params.push({ name: name ?? '', flags });
            name = null;
            flags = 0;
            done = t.text === ')';
            break;
          default:
            bad = true;
        }
      } else if (t.type !== Tk.WS) bad = true;
      if (bad && !err) {
        st.error(`garbage '${t.text}' in macro parameter list`, t);
        err = true;
      }
      i++;
    }
    // An unterminated list without a single complete parameter is no list.
    if (params.length === 0) return { tmpl: null, next: i0 };
    tmpl = { nparam: params.length, params, greedy };
  }
  while (i < toks.length && toks[i]!.type === Tk.WS) i++;
  return { tmpl, next: i };
}

// ---- Expansion ------------------------------------------------------------

function skipWhiteNode(n: Node | null): Node | null {
  while (n && n.t.type === Tk.WS) n = n.next;
  return n;
}

function lookup(st: PPState, t: Tok): { list: SMacro[] | undefined; name: string } | undefined {
  if (t.type === Tk.ID || t.type === Tk.PREPROC_ID) {
    if (!st.mayBeMacro(t.text)) return undefined;
    return { list: st.smacros.get(t.text.toLowerCase()), name: t.text };
  }
  if (t.type === Tk.LOCAL_MACRO) {
    const c = st.getCtx(t.text, t);
    if (!c) return undefined;
    return { list: c.ctx.smacros.get(c.rest.toLowerCase()), name: c.rest };
  }
  return undefined;
}

/**
 * Expand the macro call whose first token is `prev.next`, if it is one.
 * Returns the node after which scanning continues.
 */
function expandOne(st: PPState, prev: Node): { m: SMacro | null; last: Node } {
  const mstart = prev.next!;
  const dead = st.smacroDead;
  dead.total--;
  dead.levels--;
  try {
    const notAMacro = { m: null, last: mstart };
    if (dead.total < 0 || dead.levels < 0) {
      if (!dead.triggered) {
        st.error('interminable macro recursion', mstart.t);
        dead.triggered = true;
      }
      return notAMacro;
    }
    const found = lookup(st, mstart.t);
    if (!found || !found.list) return notAMacro;
    const { list, name: mname } = found;
    let idx = list.findIndex((m) => !(m.alias && st.noAliases) && mstrcmp(m.name, mname, m.casesense));
    if (idx < 0) return notAMacro;
    let m = list[idx]!;
    let tline: Node = mstart; // last token of the call
    let nparam = 0;
    if (m.nparam !== 0) {
      const open = skipWhiteNode(mstart.next);
      if (!open || open.t.type !== Tk.OTHER || open.t.text !== '(') return notAMacro; // like cpp: no call without (
      let paren = 1;
      let brackets = 0;
      nparam = 1;
      let u: Node | null = open;
      while (paren) {
        u = u!.next;
        if (!u) {
          st.error("macro call expects terminating ')'", mstart.t);
          return notAMacro;
        }
        if (u.t.type !== Tk.OTHER || u.t.text.length !== 1) continue;
        switch (u.t.text) {
          case ',':
            if (!brackets && paren === 1) nparam++;
            break;
          case '{':
            brackets++;
            break;
          case '}':
            if (brackets > 0) brackets--;
            break;
          case '(':
            if (!brackets) paren++;
            break;
          case ')':
            if (!brackets) paren--;
            break;
        }
      }
      for (;; idx++) {
        const c = list[idx];
        if (!c) {
          st.warn(`single-line macro '${mname}' exists, but not taking ${nparam} parameter${nparam === 1 ? '' : 's'}`, mstart.t);
          return notAMacro;
        }
        if (mstrcmp(c.name, mname, c.casesense) && (nparam === c.nparam || (c.greedy && nparam >= c.nparam - 1))) break;
      }
      m = list[idx]!;
      tline = open;
    }
    if (m.inProgress) return notAMacro;
    m.inProgress = true;
    try {
      let params: Tok[][] = [];
      if (nparam) {
        const r = extractParams(st, m, tline);
        params = r.params;
        tline = r.close;
      }
      return expandBody(st, prev, mstart, tline, m, params);
    } finally {
      m.inProgress = false;
    }
  } finally {
    dead.levels++;
  }
}

/** Split the arguments of a call whose `(` is `open`; returns them and the closing `)` node. */
function extractParams(st: PPState, m: SMacro, open: Node): { params: Tok[][]; close: Node } {
  const nparam = m.nparam;
  const params: Tok[][] = [[]];
  let i = 0;
  let flags = m.params[0]!.flags;
  let paren = 1;
  let brackets = 0;
  let white = 0;
  let bracketed = false;
  let cur: Node = open;
  while (paren) {
    cur = cur.next!;
    const t = cur.t;
    const ch = t.type === Tk.OTHER && t.text.length === 1 ? t.text : '';
    let skip = false;
    if (t.type === Tk.WS && !(flags & SPARM_NOSTRIP)) {
      if (brackets || params[i]!.length) white++;
      skip = true;
    }
    switch (ch) {
      case ',':
        if (!brackets && paren === 1 && !(flags & SPARM_GREEDY)) {
          i++;
          params[i] = [];
          bracketed = false;
          skip = true;
          flags = m.params[i]?.flags ?? 0;
        }
        break;
      case '{':
        if (!bracketed) {
          bracketed = params[i]!.length === 0 && !(flags & SPARM_NOSTRIP);
          skip = bracketed;
        }
        brackets++;
        break;
      case '}':
        if (brackets > 0 && !--brackets) skip = bracketed;
        break;
      case '(':
        if (!brackets) paren++;
        break;
      case ')':
        if (!brackets && !--paren) {
          skip = true;
          i++;
        }
        break;
    }
    if (!skip) {
      if (white) {
        params[i]!.push(SPACE);
        white = 0;
      }
      params[i]!.push(t);
    }
  }
  while (params.length < nparam) params.push([]);
  for (let k = 0; k < nparam; k++) {
    const f = m.params[k]!.flags;
    if (f & SPARM_EVAL) {
      const e = expandSmacroNoreset(st, params[k]!);
      const r = evaluate(e, 0, (msg, tk) => st.warn(msg, tk), st.lookupSymbol);
      params[k] = [];
      if (!r.ok) {
        if (r.nonConstant) st.error(`non-constant expression in parameter ${k} of macro '${m.name}'`, r.tok);
        else st.error(r.message, r.tok);
      } else if (r.end < e.length) st.error(`invalid expression in parameter ${k} of macro '${m.name}'`, e[r.end]);
      else params[k] = [numTok(r.value)];
    }
    if (f & SPARM_STR) {
      const qs = expandSmacroNoreset(st, params[k]!);
      params[k] = [{ type: Tk.STRING, text: quote(textToBytes(detokenizeCollapsed(qs))), col: 0 }];
    }
  }
  return { params, close: cur };
}

/** Splice the body of `m` in place of the call mstart..tline. */
function expandBody(st: PPState, prev: Node, mstart: Node, tline: Node, m: SMacro, params: Tok[][]): { m: SMacro; last: Node } {
  const body = m.magic ? m.magic() : m.expansion;
  const tafter = tline.next;
  const col = mstart.t.col;
  let rest: Node | null = tafter;
  let condComma = false;

  const add = (t: Tok, fromBody: boolean): void => {
    let head: Node | null;
    switch (t.type) {
      case Tk.PREPROC_Q:
        head = { t: { type: mstart.t.type, text: mstart.t.text, col }, next: rest };
        break;
      case Tk.PREPROC_QQ: {
        let text = m.name;
        if (mstart.t.type === Tk.LOCAL_MACRO) {
          const pre = /^%\$+/.exec(mstart.t.text);
          text = (pre ? pre[0] : '') + text;
        }
        head = { t: { type: mstart.t.type, text, col }, next: rest };
        break;
      }
      case Tk.COND_COMMA:
        if (!condComma) return;
        head = { t: { type: Tk.OTHER, text: ',', col }, next: rest };
        break;
      case Tk.ID:
      case Tk.PREPROC_ID:
      case Tk.LOCAL_MACRO: {
        const holder: Node = { t: SPACE, next: { t: fromBody && t.col !== col ? { type: t.type, text: t.text, col } : t, next: rest } };
        expandOne(st, holder);
        head = holder.next;
        break;
      }
      default:
        head = { t: fromBody && t.col !== col && t.type !== Tk.WS ? { type: t.type, text: t.text, col } : t, next: rest };
    }
    for (let p = head; !condComma && p && p !== rest; p = p.next) condComma = p.t.type !== Tk.WS;
    rest = head;
  };

  for (let k = body.length - 1; k >= 0; k--) {
    const t = body[k]!;
    if (t.type === Tk.SMAC_PARAM) {
      condComma = false;
      const p = params[t.param!] ?? [];
      for (let j = p.length - 1; j >= 0; j--) add(p[j]!, false);
    } else add(t, true);
  }
  prev.next = rest;
  let last: Node = prev;
  for (let p = prev.next; p && p !== tafter; p = p.next) last = p;
  return { m, last };
}

interface Match {
  head: ReadonlySet<Tk>;
  tail: ReadonlySet<Tk>;
}

const SMACRO_PASTE: Match[] = [
  {
    head: new Set([Tk.ID, Tk.LOCAL_MACRO, Tk.ENVIRON, Tk.PREPROC_ID]),
    tail: new Set([Tk.ID, Tk.LOCAL_MACRO, Tk.ENVIRON, Tk.PREPROC_ID, Tk.NUMBER]),
  },
];

export const MMAC_PASTE: Match[] = [
  { head: new Set([Tk.ID, Tk.FLOAT]), tail: new Set([Tk.ID, Tk.NUMBER, Tk.FLOAT, Tk.OTHER]) },
  { head: new Set([Tk.NUMBER]), tail: new Set([Tk.NUMBER]) },
];

function nodesOf(toks: Tok[], col: number): { first: Node; last: Node } {
  if (toks.length === 0) toks = [SPACE];
  const first: Node = { t: { ...toks[0]!, col }, next: null };
  let last = first;
  for (let i = 1; i < toks.length; i++) last = last.next = { t: { ...toks[i]!, col }, next: null };
  return { first, last };
}

/**
 * Join tokens: explicitly around %+, and implicitly runs of adjacent tokens
 * that the match table allows (an identifier produced by an expansion next
 * to another one becomes one identifier). Returns whether anything was pasted.
 */
function pasteTokens(head: Node, matches: readonly Match[], explicit: boolean): boolean {
  let pasted = false;
  let tok = head.next;
  let prevNext: Node = head;
  let prevNonspace: Node | null = head;
  if (tok && (tok.t.type === Tk.WS || tok.t.type === Tk.PASTE)) prevNonspace = null;
  while (tok && tok.next) {
    let next: Node | null = tok.next;
    let didPaste = false;
    if (tok.t.type === Tk.WS) {
      while (next && next.t.type === Tk.WS) next = next.next;
      tok.next = next;
    } else if (tok.t.type === Tk.PASTE) {
      if (explicit) {
        if (!prevNonspace) {
          // Nothing to paste onto: NASM 2.16 drops the %+ silently.
          prevNext.next = next;
          tok = next;
          continue;
        }
        didPaste = true;
        prevNext = prevNonspace;
        const left = prevNonspace.next!;
        let right = left.next;
        while (right && right.t.type === Tk.WS) right = right.next;
        right = right!.next; // the %+ itself
        while (right && right.t.type === Tk.WS) right = right.next;
        if (!right) {
          prevNonspace.next = null;
          pasted = true;
          break;
        }
        const { first, last } = nodesOf(tokenize(left.t.text + right.t.text, 1), left.t.col);
        prevNonspace.next = first;
        last.next = right.next;
        tok = first;
        next = first;
      }
    } else {
      const mt = matches.find((x) => x.head.has(tok!.t.type));
      if (mt) {
        let u: Node | null = next;
        let text = tok.t.text;
        while (u && mt.tail.has(u.t.type)) {
          text += u.t.text;
          u = u.next;
        }
        if (u !== next) {
          const { first, last } = nodesOf(tokenize(text, 1), tok.t.col);
          prevNext.next = first;
          last.next = u;
          prevNext = prevNonspace = last;
          didPaste = true;
          next = u;
        }
      }
    }
    if (didPaste) pasted = true;
    else {
      prevNext = tok;
      if (next && next.t.type !== Tk.WS && next.t.type !== Tk.PASTE) prevNonspace = prevNext;
    }
    tok = next;
  }
  return pasted;
}

/** Expand all single-line macros of a line (NASM's expand_smacro). */
export function expandSmacro(st: PPState, toks: Tok[]): Tok[] {
  st.smacroDead = { total: MACRO_TOKENS_LIMIT, levels: Math.min(SMACRO_LEVELS_LIMIT, st.options.maxMacroDepth), triggered: false };
  return expandSmacroNoreset(st, toks);
}

/**
 * Nothing to expand or paste: no name that may be a macro, no %+, and no
 * two adjacent tokens that the paste pass would join.
 */
function inert(st: PPState, toks: readonly Tok[]): boolean {
  const paste = SMACRO_PASTE[0]!;
  let prev: Tok | undefined;
  for (const t of toks) {
    switch (t.type) {
      case Tk.ID:
      case Tk.PREPROC_ID:
        if (st.mayBeMacro(t.text)) return false;
        break;
      case Tk.LOCAL_MACRO:
      case Tk.PASTE:
      case Tk.PREPROC_Q:
      case Tk.PREPROC_QQ:
      case Tk.COND_COMMA:
        return false;
    }
    if (prev && paste.head.has(prev.type) && paste.tail.has(t.type)) return false;
    prev = t;
  }
  return true;
}

export function expandSmacroNoreset(st: PPState, toks: Tok[]): Tok[] {
  if (toks.length === 0 || inert(st, toks)) return toks;
  const head = toList(toks);
  let expanded = true; // first pass always counts, so %+ gets processed
  for (;;) {
    let prev: Node = head;
    while (prev.next) {
      const r = expandOne(st, prev);
      if (r.m) expanded = true;
      prev = r.last;
    }
    if (!expanded) break;
    if (!pasteTokens(head, SMACRO_PASTE, true)) break;
    expanded = false;
  }
  return fromList(head);
}

/** Run implicit pasting over a token array (used after %-parameter substitution). */
export function pasteArray(toks: Tok[], matches: readonly Match[]): Tok[] {
  const head = toList(toks);
  pasteTokens(head, matches, false);
  return fromList(head);
}

/**
 * A name made of several adjacent parts (`foo%1`, `_%$x`) is expanded and
 * pasted before a directive takes it; a single token is left alone.
 */
export function expandId(st: PPState, toks: Tok[], i: number): Tok[] {
  if (i >= toks.length || i + 1 >= toks.length) return toks;
  let j = i;
  const ok = (t: Tok | undefined): boolean =>
    t !== undefined && (t.type === Tk.ID || t.type === Tk.PREPROC_ID || t.type === Tk.LOCAL_MACRO || t.type === Tk.NUMBER);
  while (ok(toks[j + 1])) j++;
  if (j === i) return toks;
  const mid = expandSmacro(st, toks.slice(i, j + 1));
  return [...toks.slice(0, i), ...mid, ...toks.slice(j + 1)];
}

