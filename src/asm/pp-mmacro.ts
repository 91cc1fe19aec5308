// Multi-line macros: finding a call (NASM's is_mmacro/expand_mmacro),
// splitting its arguments, pushing the body on the frame's expansion stack,
// and substituting %1, %0, %00, %+1/%-1, %{1:3}, %%label, %?, %?? and
// %[...] in each body line as it is read (expand_mmac_params).

import {
  type Frame,
  type Inv,
  type Loc,
  type MacroInv,
  type MMacro,
  type PPState,
  type RawParam,
  mstrcmp,
  numTok,
} from './pp-state.js';
import { expandSmacro, MMAC_PASTE, pasteArray } from './pp-smacro.js';
import { isOp, skipWs, Tk, type Tok, tokenize } from './pp-token.js';

/** NASM's --limit-mmacros: expansions before returning to top level. */
const MMACROS_LIMIT = 100_000;

// Condition codes for %+1 / %-1, sorted for lookup, with their inverses.
const CONDITIONS = [
  'a', 'ae', 'b', 'be', 'c', 'cxz', 'e', 'ecxz', 'g', 'ge', 'l', 'le', 'na', 'nae', 'nb', 'nbe', 'nc',
  'ne', 'ng', 'nge', 'nl', 'nle', 'no', 'np', 'ns', 'nz', 'o', 'p', 'pe', 'po', 'rcxz', 's', 'z',
];
const INVERSE: Record<string, string | undefined> = {
  a: 'na', ae: 'nae', b: 'nb', be: 'nbe', c: 'nc', e: 'ne', g: 'ng', ge: 'nge', l: 'nl', le: 'nle',
  na: 'a', nae: 'ae', nb: 'b', nbe: 'be', nc: 'c', ne: 'e', ng: 'g', nge: 'ge', nl: 'l', nle: 'le',
  no: 'o', np: 'p', ns: 's', nz: 'z', o: 'no', p: 'np', pe: 'po', po: 'pe', s: 'ns', z: 'nz',
};

/**
 * Mark off the arguments of a call (count_mmac_params). `starts[i]` is
 * where argument i begins (null for an empty last one); `comma` is where to
 * cut the line to drop a trailing empty argument (-1: none).
 */
export function countMmacParams(st: PPState, toks: Tok[], from: number): { starts: (number | null)[]; comma: number } {
  const starts: (number | null)[] = [null];
  const len = toks.length;
  let comma = -1;
  let t = skipWs(toks, from);
  if (t >= len) return { starts, comma };
  for (;;) {
    starts.push(t < len ? t : null);
    if (t < len && isOp(toks[t], '{')) {
      let brace = 1;
      comma = -1;
      while (brace && ++t < len) {
        if (isOp(toks[t], '{')) brace++;
        else if (isOp(toks[t], '}')) brace--;
      }
      if (t < len) {
        t = skipWs(toks, t + 1);
        if (t < len && !isOp(toks[t], ',')) st.error('braces do not enclose all of macro parameter', toks[t]);
      } else st.error('expecting closing brace in macro parameter', toks[len - 1]);
    }
    let maybeComma = t + 1;
    while (t < len && !isOp(toks[t], ',')) {
      if (toks[t]!.type !== Tk.WS) comma = -1;
      maybeComma = t + 1;
      t++;
    }
    if (t >= len) break;
    comma = maybeComma;
    t = skipWs(toks, t + 1);
  }
  return { starts, comma };
}

interface Found {
  m: MMacro;
  params: (RawParam | null)[];
  nparam: number;
}

const BLOCKED = Symbol('blocked');

/** use_mmacro: recursion check, then defaults and greedy trimming. */
function useMmacro(st: PPState, m: MMacro, nparam: number, params: (RawParam | null)[]): Found | typeof BLOCKED {
  if (m.inProgress > m.maxDepth) {
    if (m.maxDepth > 0) st.warn(`reached maximum recursion depth of ${m.maxDepth}`);
    return BLOCKED;
  }
  params = params.slice();
  const ndefs = m.defaults.length;
  if (ndefs && nparam < m.min + ndefs) {
    const n = m.min + ndefs;
    for (let j = nparam + 1; j <= n; j++) params[j] = m.defaults[j - m.min - 1] ?? null;
    nparam = n;
  }
  if (m.plus && nparam > m.max) nparam = m.max;
  params.length = nparam + 1;
  return { m, params, nparam };
}

function findInList(st: PPState, list: MMacro[], k: number, name: string, nparam: number, params: (RawParam | null)[]): Found | typeof BLOCKED | null {
  for (; k < list.length; k++) {
    const m = list[k]!;
    if (!mstrcmp(m.name, name, m.casesense)) continue;
    if (m.min <= nparam && (m.plus || nparam <= m.max)) return useMmacro(st, m, nparam, params);
  }
  return null;
}

/** Is toks[nameIdx] a call of a multi-line macro with a fitting parameter count? */
function isMmacro(st: PPState, toks: Tok[], nameIdx: number): (Found & { line: Tok[] }) | null {
  const finding = toks[nameIdx]!.text;
  if (!st.mayBeMacro(finding)) return null;
  const list = st.mmacros.get(finding.toLowerCase());
  if (!list) return null;
  const k = list.findIndex((m) => mstrcmp(m.name, finding, m.casesense) && (m.inProgress !== 1 || m.maxDepth > 0));
  if (k < 0) return null;
  const emptyArgs = nameIdx + 1 >= toks.length;
  const { starts, comma } = countMmacParams(st, toks, nameIdx + 1);
  const rawN = starts.length - 1;
  const raw = (line: Tok[]): (RawParam | null)[] => starts.map((s) => (s === null || s >= line.length ? null : { toks: line, start: s }));
  let line = toks;
  let params = raw(line);
  let nparam = rawN;
  let found = findInList(st, list, k, finding, nparam, params);
  if (found === BLOCKED) return null;
  if (!st.saneEmptyExpansion) {
    // NASM < 2.15 compatibility for empty arguments (see NASM's is_mmacro).
    if (!found) {
      if (rawN === 0 && !emptyArgs) {
        const r = findInList(st, list, k, finding, 1, [null, null]);
        if (r === BLOCKED) return null;
        // A lone blank argument matches a one-parameter macro, but %0 stays 0.
        if (r) found = { ...r, nparam: 0 };
      } else if (rawN > 1 && comma >= 0) {
        const cut = toks.slice(0, comma);
        const r = findInList(st, list, k, finding, rawN - 1, raw(cut));
        if (r === BLOCKED) return null;
        if (r) {
          found = r;
          line = cut;
        }
      }
    } else if (comma >= 0) {
      line = toks.slice(0, comma);
      const fixed = found.params.map((p) => (p && p.toks === toks ? (p.start < line.length ? { toks: line, start: p.start } : null) : p));
      const f = found.m;
      if (rawN > f.min && rawN <= f.min + f.defaults.length) {
        fixed[rawN] = f.defaults[rawN - f.min - 1] ?? null;
        found = { ...found, params: fixed };
      } else if (rawN > f.max && f.plus) {
        found = { ...found, params: fixed };
      } else {
        fixed[rawN] = null;
        found = { ...found, params: fixed.slice(0, rawN), nparam: rawN - 1 };
      }
    }
    if (found) {
      if (rawN < found.m.min || (rawN > found.m.max && !found.m.plus))
        st.warn(`improperly calling multi-line macro '${found.m.name}' with ${rawN} parameters`, toks[nameIdx]);
      else if (comma >= 0) st.warn(`dropping trailing empty parameter in call to multi-line macro '${found.m.name}'`, toks[nameIdx]);
    }
  }
  if (found) return { ...found, line };
  st.warn(`multi-line macro '${finding}' exists, but not taking ${nparam} parameter${nparam === 1 ? '' : 's'}`, toks[nameIdx]);
  return null;
}

/** Strip whitespace and one level of braces from each argument. */
function fixParams(m: MMacro, raw: (RawParam | null)[], nparam: number): Tok[][] {
  const out: Tok[][] = [[]];
  let i = 1;
  for (; i < raw.length; i++) {
    const p = raw[i];
    if (!p) break;
    const toks = p.toks;
    let t = skipWs(toks, p.start);
    let brace = 0;
    let braced = false;
    let comma = !m.plus || i < nparam;
    if (isOp(toks[t], '{')) {
      t++;
      brace = 1;
      braced = true;
      comma = false;
    }
    const arg: Tok[] = [];
    let white: Tok[] = [];
    for (; t < toks.length; t++) {
      const tk = toks[t]!;
      if (tk.type === Tk.WS) {
        white.push(tk);
        continue;
      }
      if (tk.type === Tk.OTHER && tk.text.length === 1) {
        if (tk.text === ',' && comma && !brace) break;
        if (tk.text === '{') brace++;
        else if (tk.text === '}') {
          brace--;
          if (braced && !brace) {
            arg.push(...white);
            break;
          }
        }
      }
      arg.push(...white, tk);
      white = [];
    }
    out.push(arg);
  }
  for (; i <= nparam; i++) out.push([]);
  return out;
}

/** Where diagnostics and output for lines of an expansion started on `loc` go. */
export function anchorOf(loc: Loc, nameTok: Tok): Loc {
  return loc.direct ? { ...loc, col: nameTok.col, len: nameTok.text.length, direct: false } : loc;
}

/**
 * If the line calls a multi-line macro (possibly after a label), push the
 * expansion on the current frame and return true.
 */
export function expandMmacro(st: PPState, toks: Tok[], loc: Loc): boolean {
  let i = skipWs(toks, 0);
  const first = toks[i];
  if (!first || (first.type !== Tk.ID && first.type !== Tk.LOCAL_MACRO)) return false;
  let found = isMmacro(st, toks, i);
  let label: Tok[] | null = null;
  let labelTok: Tok | null = null;
  let dontPrepend = false;
  if (!found) {
    // Maybe a label, then the macro: `lbl: mymacro 1, 2`
    labelTok = first;
    let last = i;
    let t = i + 1;
    if (toks[t]?.type === Tk.WS) last = t++;
    if (isOp(toks[t], ':')) {
      dontPrepend = true;
      last = t++;
      if (toks[t]?.type === Tk.WS) last = t++;
    }
    if (toks[t]?.type !== Tk.ID) return false;
    found = isMmacro(st, toks, t);
    if (!found) return false;
    label = toks.slice(0, last + 1);
    i = t;
  }
  const nameTok = toks[i]!;
  const { m } = found;
  const dead = st.mmacroDead;
  if (dead.total >= MMACROS_LIMIT || dead.levels >= st.options.maxMacroDepth) {
    if (!dead.triggered) {
      st.error(`interminable multiline macro recursion: '${m.name}' nested ${dead.levels} levels deep`, nameTok);
      dead.triggered = true;
    }
    abortExpansion(st, st.frame);
    return true;
  }
  dead.total++;
  dead.levels++;

  const params = fixParams(m, found.params, found.nparam);
  const frame = st.frame;
  const anchor = anchorOf(loc, nameTok);
  const inv: MacroInv = {
    kind: 'macro',
    m,
    params,
    nparam: found.nparam,
    rotate: 0,
    unique: st.unique++,
    iname: nameTok.text,
    condcnt: 0,
    savedMstk: frame.mstk,
    savedMmac: frame.mmac,
    anchor,
  };
  frame.expansion.push({ inv });
  m.inProgress++;
  frame.mstk = frame.mmac = inv;
  for (let k = m.body.length - 1; k >= 0; k--) {
    const b = m.body[k]!;
    frame.expansion.push({
      toks: b.toks,
      loc: {
        file: anchor.file,
        line: anchor.line,
        source: anchor.source,
        col: anchor.col,
        len: anchor.len,
        direct: false,
        ofile: b.file,
        oline: b.line,
        macro: { name: m.name, file: b.file, line: b.line },
      },
    });
  }
  if (label) {
    if (m.captureLabel) params[0] = [labelTok!];
    else {
      // `lbl mymacro` becomes a line `lbl:` (NASM writes `lbl :`; same tokens)
      let end = label.length;
      while (end > 0 && label[end - 1]!.type === Tk.WS) end--;
      frame.expansion.push({ toks: dontPrepend ? label : [...label.slice(0, end), { type: Tk.OTHER, text: ':', col: 0 }], loc });
    }
  }
  return true;
}

/** Leave an expansion (its end marker was reached, or it is being abandoned). */
export function finishInv(st: PPState, frame: Frame, inv: Inv): void {
  frame.mstk = inv.savedMstk;
  frame.mmac = inv.savedMmac;
  if (inv.kind === 'macro') {
    inv.m.inProgress--;
    if (--st.mmacroDead.levels <= 0) st.mmacroDead = { total: 0, levels: 0, triggered: false };
  }
}

/** Drop everything pending in the frame's expansions (runaway recursion). */
export function abortExpansion(st: PPState, frame: Frame): void {
  while (frame.expansion.length) {
    const e = frame.expansion.pop()!;
    if (!e.inv) continue;
    if (e.inv.kind === 'rep') e.inv.exited = true;
    for (let c = e.inv.condcnt; c > 0 && frame.conds.length; c--) frame.conds.pop();
    finishInv(st, frame, e.inv);
  }
  st.mmacroDead = { total: 0, levels: 0, triggered: false };
}

function rotated(mac: MacroInv, n: number): number {
  if (n >= 1 && n - 1 < mac.nparam) return ((n - 1 + mac.rotate) % mac.nparam) + 1;
  return n;
}

/** The condition code a parameter holds, or undefined. */
function condCode(arg: Tok[] | undefined): string | undefined {
  if (!arg) return undefined;
  const real = arg.filter((t) => t.type !== Tk.WS);
  if (real.length !== 1 || real[0]!.type !== Tk.ID) return undefined;
  const cc = real[0]!.text.toLowerCase();
  return CONDITIONS.includes(cc) ? cc : undefined;
}

function paramRange(st: PPState, mac: MacroInv, t: Tok): Tok[] | null {
  const body = t.text.slice(1);
  const colon = body.indexOf(':');
  const fst0 = parseInt(body.slice(0, colon), 10) || 0;
  const lst0 = parseInt(body.slice(colon + 1), 10) || 0;
  const n = mac.nparam;
  if (!fst0 || !lst0 || fst0 > n || fst0 < -n || lst0 > n || lst0 < -n) {
    st.error(`'%{${body}}': macro parameters out of range`, t);
    return null;
  }
  const fst = (fst0 < 0 ? fst0 + n + 1 : fst0) - 1;
  const lst = (lst0 < 0 ? lst0 + n + 1 : lst0) - 1;
  const out: Tok[] = [];
  const step = fst <= lst ? 1 : -1;
  for (let i = fst; ; i += step) {
    if (i !== fst) out.push({ type: Tk.OTHER, text: ',', col: t.col });
    out.push(...(mac.params[((i + mac.rotate) % n) + 1] ?? []));
    if (i === lst) break;
  }
  return out;
}

/**
 * Substitute macro-local things in a line about to be processed: %n, %0,
 * %00, %+n/%-n, %{a:b}, %%label, %?, %??, and %[...] indirection.
 */
export function expandMmacParams(st: PPState, toks: Tok[]): Tok[] {
  let changed = false;
  const mac = st.frame.mmac;
  const out: Tok[] = [];
  for (const t of toks) {
    switch (t.type) {
      case Tk.LOCAL_SYMBOL:
        changed = true;
        if (!mac) st.error(`'${t.text}': not in a macro call`, t);
        else out.push({ type: Tk.ID, text: `..@${mac.unique}.${t.text.slice(2)}`, col: t.col });
        continue;
      case Tk.MMACRO_PARAM: {
        changed = true;
        if (!mac) {
          st.error(`'${t.text}': not in a macro call`, t);
          continue;
        }
        const text = t.text;
        if (text.includes(':')) {
          const r = paramRange(st, mac, t);
          if (r) out.push(...r);
          continue;
        }
        const c1 = text[1]!;
        if (c1 === '-' || c1 === '+') {
          const digits = text.slice(2);
          if (!/^\d+$/.test(digits)) {
            st.error(`invalid macro parameter: '${text}'`, t);
            continue;
          }
          const n = parseInt(digits, 10);
          const arg = n && n <= mac.nparam ? mac.params[rotated(mac, n)] : undefined;
          let cc = condCode(arg);
          if (cc === undefined) {
            st.error(`macro parameter '${text}' is not a condition code`, t);
            continue;
          }
          if (c1 === '-') {
            const inv = INVERSE[cc];
            if (inv === undefined) {
              st.error(`condition code '${cc}' is not invertible`, t);
              continue;
            }
            cc = inv;
          }
          out.push({ type: Tk.ID, text: cc, col: t.col });
          continue;
        }
        if (text === '%0') {
          out.push(numTok(mac.nparam, t.col));
          continue;
        }
        if (!/^%\d+$/.test(text) || (text[1] === '0' && text !== '%00')) {
          st.error(`invalid macro parameter: '${text}'`, t);
          continue;
        }
        const n = parseInt(text.slice(1), 10);
        if (n <= mac.nparam) {
          const arg = mac.params[n === 0 ? 0 : rotated(mac, n)];
          if (arg) out.push(...arg);
        }
        continue;
      }
      case Tk.PREPROC_Q:
        if (mac) {
          changed = true;
          out.push({ type: Tk.ID, text: mac.iname, col: t.col });
          continue;
        }
        break;
      case Tk.PREPROC_QQ:
        if (mac) {
          changed = true;
          out.push({ type: Tk.ID, text: mac.m.name, col: t.col });
          continue;
        }
        break;
      case Tk.INDIRECT: {
        changed = true;
        const inner = tokenize(t.text, 0).map((x) => ({ ...x, col: t.col }));
        out.push(...expandSmacro(st, expandMmacParams(st, inner)));
        continue;
      }
    }
    out.push(t);
  }
  return changed ? pasteArray(out, MMAC_PASTE) : toks;
}
