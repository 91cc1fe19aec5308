// Strings as the preprocessor sees them: quoted token text <-> bytes.
// Quoting follows NASM's nasm_quote(): '...' when possible, then "...",
// else `...` with C escapes, so %defstr/%strcat output matches nasm -E.

import { decodeString } from './numbers.js';
import { skipString } from './pp-token.js';

export interface Unquoted {
  bytes: Uint8Array;
  /** Set when a backquoted escape was malformed. */
  error?: string;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8');

/** Bytes of a quoted string token (an unterminated one is read to its end). */
export function unquote(text: string): Unquoted {
  let q = text;
  if (q.length < 2 || skipString(q, 0) >= q.length) q += q[0]; // unterminated
  const r = decodeString(q);
  if (typeof r === 'string') return { bytes: enc.encode(q.slice(1, -1)), error: r };
  return { bytes: r };
}

/** Text for messages and file names. */
export function bytesToText(bytes: Uint8Array): string {
  return dec.decode(bytes);
}

export function textToBytes(s: string): Uint8Array {
  return enc.encode(s);
}

const ESC: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 27: 'e' };

/** Quote bytes the way NASM does. */
export function quote(bytes: Uint8Array): string {
  let sq = true;
  let dq = true;
  for (const c of bytes) {
    if (c === 0x27) sq = false;
    else if (c === 0x22) dq = false;
    else if (c < 0x20 || c > 0x7e) sq = dq = false;
  }
  if (sq || dq) {
    const qc = sq ? "'" : '"';
    let s = qc;
    for (const c of bytes) s += String.fromCharCode(c);
    return s + qc;
  }
  let s = '`';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x60 || c === 0x5c) s += '\\' + String.fromCharCode(c);
    else if (ESC[c] !== undefined) s += '\\' + ESC[c];
    else if (c < 0x20 || c > 0x7e) {
      // Octal, as short as possible unless a digit follows
      const next = i + 1 < bytes.length ? bytes[i + 1]! : 0;
      const full = next >= 0x30 && next <= 0x37;
      s += '\\';
      if (full || c > 0o77) s += String.fromCharCode(0x30 + (c >> 6));
      if (full || c > 0o7) s += String.fromCharCode(0x30 + ((c >> 3) & 7));
      s += String.fromCharCode(0x30 + (c & 7));
    } else s += String.fromCharCode(c);
  }
  return s + '`';
}
