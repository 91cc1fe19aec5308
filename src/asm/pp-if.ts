// The conditions of %if and %elif (NASM's if_condition()): %if expr,
// %ifdef, %ifidn(i), %ifmacro, %ifnum/%ifstr/%ifid/%iftoken/%ifempty,
// %ifctx, %ifenv, %ifusable/%ifusing, each with an %ifn... negation.

import { evaluate } from './pp-expr.js';
import { Cond, last, type PPState } from './pp-state.js';
import { expandSmacro, expandId, smacroDefined } from './pp-smacro.js';
import { unquote } from './pp-string.js';
import { isOp, skipWs, Tk, type Tok } from './pp-token.js';
import { readParamCount } from './pp-mmspec.js';

export const CONDITIONS = ['', 'ctx', 'def', 'defalias', 'empty', 'env', 'id', 'idn', 'idni', 'macro', 'num', 'str', 'token', 'usable', 'using'];

/** Packages of NASM's %use (recognised for %ifusable; none can be loaded here). */
const USE_PACKAGES = ['altreg', 'smartalign', 'fp', 'ifunc', 'masm'];

/** Split `ifnidn` / `elifdef` tails into the condition and its polarity. */
export function parseCondition(tail: string): { cond: string; negate: boolean } | undefined {
  if (CONDITIONS.includes(tail)) return { cond: tail, negate: false };
  if (tail.startsWith('n') && CONDITIONS.includes(tail.slice(1))) return { cond: tail.slice(1), negate: true };
  return undefined;
}

function bytesEqual(a: Uint8Array, b: Uint8Array, casesense: boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a[i]!;
    let y = b[i]!;
    if (!casesense) {
      if (x >= 0x41 && x <= 0x5a) x += 32;
      if (y >= 0x41 && y <= 0x5a) y += 32;
    }
    if (x !== y) return false;
  }
  return true;
}

function tokenBytes(t: Tok): Uint8Array {
  return t.type === Tk.STRING ? unquote(t.text).bytes : new TextEncoder().encode(t.text);
}

/** Evaluate the condition in `args` (the tokens after the directive). */
export function ifCondition(st: PPState, args: Tok[], cond: string, negate: boolean, dname: string, dtok: Tok): Cond {
  const result = (j: boolean): Cond => (j !== negate ? Cond.IF_TRUE : Cond.IF_FALSE);
  switch (cond) {
    case 'ctx': {
      let j = false;
      for (let i = skipWs(args, 0); i < args.length; i = skipWs(args, i + 1)) {
        const t = args[i]!;
        if (t.type !== Tk.ID) {
          st.error(`'${dname}' expects context identifiers`, t);
          return Cond.NEVER;
        }
        const top = last(st.contexts);
        if (top && top.name !== null && top.name.toLowerCase() === t.text.toLowerCase()) j = true;
      }
      return result(j);
    }
    case 'def':
    case 'defalias': {
      const alias = cond === 'defalias';
      let j = false;
      for (let i = skipWs(args, 0); i < args.length; i = skipWs(args, i + 1)) {
        const t = args[i]!;
        if (t.type !== Tk.ID && t.type !== Tk.LOCAL_MACRO) {
          st.error(`'${dname}' expects macro identifiers`, t);
          return Cond.NEVER;
        }
        let table = st.smacros;
        let name = t.text;
        if (t.type === Tk.LOCAL_MACRO) {
          const c = st.getCtx(t.text, t);
          if (!c) continue;
          table = c.ctx.smacros;
          name = c.rest;
        }
        const r = smacroDefined(st, table, name, -1, true, alias);
        if (r.found && r.defn && r.defn.alias === alias) {
          j = true;
          break;
        }
      }
      return result(j);
    }
    case 'env': {
      const toks = expandSmacro(st, args);
      let j = false;
      for (let i = skipWs(toks, 0); i < toks.length; i = skipWs(toks, i + 1)) {
        const t = toks[i]!;
        let name: string;
        if (t.type === Tk.ID) name = t.text;
        else if (t.type === Tk.STRING) name = new TextDecoder().decode(unquote(t.text).bytes);
        else if (t.type === Tk.ENVIRON) name = t.text.slice(2).replace(/^(['"`])(.*)\1$/, '$2');
        else {
          st.error(`'${dname}' expects environment variable names`, t);
          return Cond.NEVER;
        }
        if (typeof process !== 'undefined' && process.env[name] !== undefined) j = true;
      }
      return result(j);
    }
    case 'idn':
    case 'idni': {
      // Token-by-token comparison; strings compare by value. Like NASM,
      // whitespace just before the comma makes the comparison fail.
      const casesense = cond === 'idn';
      const toks = expandSmacro(st, args);
      let tt = 0;
      while (tt < toks.length && !isOp(toks[tt], ',')) tt++;
      if (tt >= toks.length) {
        st.error(`'${dname}' expects two comma-separated arguments`, dtok);
        return Cond.NEVER;
      }
      tt++;
      let t = 0;
      let j = true;
      while (t < toks.length && !isOp(toks[t], ',') && tt < toks.length) {
        if (isOp(toks[tt], ',')) {
          st.error(`'${dname}': more than one comma on line`, toks[tt]);
          return Cond.NEVER;
        }
        const a = toks[t]!;
        const b = toks[tt]!;
        if (a.type === Tk.WS) {
          t++;
          continue;
        }
        if (b.type === Tk.WS) {
          tt++;
          continue;
        }
        if (a.type !== b.type || !bytesEqual(tokenBytes(a), tokenBytes(b), casesense)) {
          j = false;
          break;
        }
        t++;
        tt++;
      }
      if (!isOp(toks[t], ',') || tt < toks.length) j = false;
      return result(j);
    }
    case 'macro': {
      let toks = args;
      const i = skipWs(toks, 0);
      toks = expandId(st, toks, i);
      const nameTok = toks[i];
      if (!nameTok || nameTok.type !== Tk.ID) {
        st.error(`'${dname}' expects a macro name`, nameTok ?? dtok);
        return Cond.NEVER;
      }
      let min = 0;
      let max = 0x7fffffff;
      let plus = false;
      const rest = expandSmacro(st, toks.slice(i + 1));
      let k = skipWs(rest, 0);
      if (k < rest.length) {
        if (rest[k]!.type !== Tk.NUMBER) st.error(`'${dname}' expects a parameter count or nothing`, rest[k]);
        else min = max = readParamCount(st, rest[k]!);
        if (isOp(rest[k + 1], '-')) {
          k += 2;
          if (isOp(rest[k], '*')) max = 0x7fffffff;
          else if (rest[k]?.type !== Tk.NUMBER) st.error(`'${dname}' expects a parameter count after '-'`, rest[k] ?? dtok);
          else {
            max = readParamCount(st, rest[k]!);
            if (min > max) {
              st.error('minimum parameter count exceeds maximum', rest[k]);
              max = min;
            }
          }
        }
        if (isOp(rest[k + 1], '+')) {
          k++;
          plus = true;
        }
        if (k + 1 < rest.length) st.warn("trailing garbage after '%ifmacro' ignored", rest[k + 1]);
      }
      const list = st.mmacros.get(nameTok.text.toLowerCase()) ?? [];
      const j = list.some((m) => m.name === nameTok.text && (m.min <= max || plus) && (min <= m.max || m.plus));
      return result(j);
    }
    case 'id':
    case 'num':
    case 'str': {
      const need = cond === 'id' ? Tk.ID : cond === 'num' ? Tk.NUMBER : Tk.STRING;
      const toks = expandSmacro(st, args);
      let t = 0;
      while (t < toks.length && (toks[t]!.type === Tk.WS || (need === Tk.NUMBER && (isOp(toks[t], '-') || isOp(toks[t], '+'))))) t++;
      return result(toks[t]?.type === need);
    }
    case 'token': {
      const toks = expandSmacro(st, args);
      const t = skipWs(toks, 0);
      return result(t < toks.length && skipWs(toks, t + 1) >= toks.length);
    }
    case 'empty': {
      const toks = expandSmacro(st, args);
      return result(skipWs(toks, 0) >= toks.length);
    }
    case 'usable':
    case 'using': {
      const toks = expandSmacro(st, args);
      const t = skipWs(toks, 0);
      const p = toks[t];
      if (!p) {
        st.error(`'${dname}' expects a package name, got end of line`, dtok);
        return Cond.NEVER;
      }
      if (p.type !== Tk.ID && p.type !== Tk.STRING) {
        st.error(`'${dname}' expects a package name, got '${p.text}'`, p);
        return Cond.NEVER;
      }
      const name = p.type === Tk.STRING ? new TextDecoder().decode(unquote(p.text).bytes) : p.text;
      if (skipWs(toks, t + 1) < toks.length) st.warn(`trailing garbage after '${dname}' ignored`, toks[skipWs(toks, t + 1)]);
      return result(cond === 'usable' && USE_PACKAGES.includes(name.toLowerCase()));
    }
    default: {
      // plain %if
      const toks = expandSmacro(st, args);
      const r = evaluate(toks, 0, (m, t) => st.warn(m, t), st.lookupSymbol);
      if (!r.ok) {
        if (r.nonConstant) st.error(`non-constant value given to '${dname}'`, r.tok);
        else st.error(r.message, r.tok ?? toks[toks.length - 1] ?? dtok);
        return Cond.NEVER;
      }
      if (r.end < toks.length) st.warn('trailing garbage after expression ignored', toks[r.end]);
      return result(r.value !== 0n);
    }
  }
}
