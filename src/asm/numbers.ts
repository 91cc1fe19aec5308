// NASM numeric constants: 123, 0x1f, 1fh, $1f (hex), 0b101, 101b, 0o17, 17q,
// 17o, 0d99, 99d, with `_` separators; and character constants 'ab', "ab",
// `ab\n` packed little-endian.

/** Parse a numeric literal; returns undefined when `text` is not one. */
export function parseNumber(text: string): bigint | undefined {
  let t = text.replace(/_/g, '').toLowerCase();
  if (t.length === 0 || !/^[0-9$]/.test(t)) return undefined;
  let radix = 10;
  if (t.startsWith('$')) {
    radix = 16;
    t = t.slice(1);
    if (!/^[0-9]/.test(t)) return undefined; // `$abc` would be a symbol
  } else if (/^0[xh]/.test(t)) {
    radix = 16;
    t = t.slice(2);
  } else if (/^0[by]/.test(t)) {
    radix = 2;
    t = t.slice(2);
  } else if (/^0[oq]/.test(t)) {
    radix = 8;
    t = t.slice(2);
  } else if (/^0[dt]/.test(t)) {
    radix = 10;
    t = t.slice(2);
  } else if (/[hx]$/.test(t)) {
    radix = 16;
    t = t.slice(0, -1);
  } else if (/[qo]$/.test(t)) {
    radix = 8;
    t = t.slice(0, -1);
  } else if (/[by]$/.test(t)) {
    radix = 2;
    t = t.slice(0, -1);
  } else if (/[dt]$/.test(t)) {
    radix = 10;
    t = t.slice(0, -1);
  }
  if (t.length === 0) return undefined;
  const digits = radix === 16 ? /^[0-9a-f]+$/ : radix === 8 ? /^[0-7]+$/ : radix === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(t)) return undefined;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  return BigInt.asUintN(64, BigInt(prefix + t));
}

/** Decode the body of a quoted string (quotes included) into bytes. Backquotes take C escapes. */
export function decodeString(quoted: string): Uint8Array | string {
  const q = quoted[0];
  const body = quoted.slice(1, -1);
  if (q !== '`') return new TextEncoder().encode(body);
  const out: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out.push(...enc.encode(c));
      continue;
    }
    const n = body[++i];
    if (n === undefined) return 'backslash at end of string';
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, a: 7, b: 8, f: 12, v: 11, e: 27, '\\': 92, "'": 39, '"': 34, '`': 96, '?': 63 };
    if (n === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(body.slice(i + 1));
      if (!m) return 'bad \\x escape';
      out.push(parseInt(m[0], 16));
      i += m[0].length;
    } else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i))!;
      out.push(parseInt(m[0], 8) & 0xff);
      i += m[0].length - 1;
    } else if (n === 'u' || n === 'U') {
      const len = n === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return `bad \\${n} escape`;
      out.push(...enc.encode(String.fromCodePoint(parseInt(hex, 16))));
      i += len;
    } else if (n in simple) {
      out.push(simple[n]!);
    } else {
      out.push(...enc.encode(n));
    }
  }
  return Uint8Array.from(out);
}

/** A character constant as a number: bytes little-endian, at most 8. */
export function charConstant(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = Math.min(bytes.length, 8) - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}
