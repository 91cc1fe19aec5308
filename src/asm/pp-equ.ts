// `NAME equ expr` constants, seen by the preprocessor. NASM preprocesses and
// assembles one line at a time, so `%if DATA > 4` after `DATA equ 0x1000`
// works there: the assembler already knows DATA. Here the preprocessor runs
// first, so it notes the constant equ definitions of the lines it emits and
// lets its expressions use them. Only plain numeric definitions of global
// names are noted; anything involving `$`, labels or registers is left to
// the assembler (and an %if using it reports the symbol as undefined).

import { evaluate } from './pp-expr.js';
import type { Frame, PPState } from './pp-state.js';
import { isOp, skipWs, Tk, tokenize } from './pp-token.js';

const EQU = /equ/i;

/** Whether lines of this frame can define equ constants at all (one scan per file). */
export function frameHasEqu(f: Frame): boolean {
  if (f.hasEqu === undefined) f.hasEqu = EQU.test(f.text);
  return f.hasEqu;
}

/** Note `text` (an emitted line) if it defines a constant with equ. */
export function noteEqu(st: PPState, text: string): void {
  if (!EQU.test(text)) return;
  const toks = tokenize(text, 1);
  let i = skipWs(toks, 0);
  const name = toks[i];
  if (!name || name.type !== Tk.ID || name.text.startsWith('.') || name.text.startsWith('..@')) return;
  i++;
  if (toks[i]?.type === Tk.WS) i++;
  if (isOp(toks[i], ':')) i = skipWs(toks, i + 1);
  else if (toks[i - 1]?.type !== Tk.WS) return;
  const kw = toks[i];
  if (!kw || kw.type !== Tk.ID || kw.text.toLowerCase() !== 'equ') return;
  const r = evaluate(toks, i + 1, undefined, st.lookupSymbol);
  const sym = name.text.startsWith('$') ? name.text.slice(1) : name.text;
  if (r.ok && r.end >= toks.length) st.symbols.set(sym, r.value);
  else st.symbols.delete(sym);
}
