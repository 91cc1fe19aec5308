// The head of a %macro / %unmacro line: `name min[-max|-*][+] [.nolist] [defaults...]`
// (NASM's parse_mmacro_spec()).

import type { MMacro, PPState, RawParam } from './pp-state.js';
import { countMmacParams } from './pp-mmacro.js';
import { expandId, expandSmacro } from './pp-smacro.js';
import { isOp, skipWs, Tk, type Tok } from './pp-token.js';
import { parseNumber } from './numbers.js';

const INT_MAX = 0x7fffffff;

/** A parameter count: a natural number up to INT_MAX. */
export function readParamCount(st: PPState, t: Tok): number {
  const v = parseNumber(t.text);
  if (v === undefined) {
    st.error(`unable to parse parameter count '${t.text}'`, t);
    return 0;
  }
  const s = BigInt.asIntN(64, v);
  if (s < 0n || s > BigInt(INT_MAX)) {
    st.error(`parameter count '${t.text}' is out of bounds [0; ${INT_MAX}]`, t);
    return 0;
  }
  return Number(s);
}

/**
 * Parse the specification after the directive token at `dirIdx`. Returns
 * undefined (after reporting) when there is no macro name.
 */
export function parseMmacroSpec(st: PPState, toks: Tok[], dirIdx: number, dname: string, casesense: boolean): MMacro | undefined {
  const i = skipWs(toks, dirIdx + 1);
  toks = expandId(st, toks, i);
  const nameTok = toks[i];
  if (!nameTok || nameTok.type !== Tk.ID) {
    st.error(`'${dname}' expects a macro name`, nameTok ?? toks[dirIdx]);
    return undefined;
  }
  const m: MMacro = {
    name: nameTok.text,
    casesense,
    min: 0,
    max: 0,
    plus: false,
    nolist: false,
    captureLabel: false,
    inProgress: 0,
    maxDepth: 0,
    defaults: [],
    body: [],
    file: st.cur.ofile,
    line: st.cur.oline,
  };
  const rest = expandSmacro(st, toks.slice(i + 1));
  let k = skipWs(rest, 0);
  const t = rest[k];
  if (t?.type !== Tk.NUMBER) st.error(`'${dname}' expects a parameter count`, t ?? nameTok);
  else m.min = m.max = readParamCount(st, t);
  if (k < rest.length) {
    if (isOp(rest[k + 1], '-')) {
      k += 2;
      const u = rest[k];
      if (isOp(u, '*')) m.max = INT_MAX;
      else if (u?.type !== Tk.NUMBER) st.error(`'${dname}' expects a parameter count after '-'`, u ?? rest[k - 1]);
      else {
        m.max = readParamCount(st, u);
        if (m.min > m.max) {
          st.error('minimum parameter count exceeds maximum', u);
          m.max = m.min;
        }
      }
    }
    if (isOp(rest[k + 1], '+')) {
      k++;
      m.plus = true;
    }
    const nl = rest[k + 1];
    if (nl?.type === Tk.ID && nl.text.toLowerCase() === '.nolist') {
      k++;
      m.nolist = true;
    }
    if (k + 1 < rest.length) {
      let dlist = rest.slice(k + 1);
      const counted = countMmacParams(st, dlist, 0);
      let starts = counted.starts;
      if (!st.saneEmptyExpansion && counted.comma >= 0) {
        dlist = dlist.slice(0, counted.comma);
        starts = starts.slice(0, -1);
        st.warn(`dropping trailing empty default parameter in definition of multi-line macro '${m.name}'`, nameTok);
      }
      m.defaults = starts.slice(1).map((s): RawParam => ({ toks: dlist, start: s ?? dlist.length }));
      if (m.defaults.length > m.max - m.min && !m.plus) st.warn(`too many default macro parameters in macro '${m.name}'`, nameTok);
    }
  }
  return m;
}
