// A listing in the shape of `nasm -l`: line number, address, up to nine
// bytes per row (a `-` when the bytes go on in the next row), the source.
//      4 00000014 48B888776655443322-     mov rax, 0x1122334455667788
//      4 0000001D 11

import type { Image } from './assemble.js';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');

/** `sourceLines` are the lines of the main file, listed in order with the bytes each produced. */
export function formatListing(image: Image, file: string, sourceLines: string[]): string {
  const byLine = new Map<number, Image['lines']>();
  const included: Image['lines'] = [];
  for (const e of image.lines) {
    if (e.file !== file) {
      included.push(e);
      continue;
    }
    let list = byLine.get(e.line);
    if (!list) byLine.set(e.line, (list = []));
    list.push(e);
  }
  const out: string[] = [];
  const num = (n: number) => String(n).padStart(6);
  const addr = (offset: number) => (offset >>> 0).toString(16).toUpperCase().padStart(8, '0');
  const rows = (lineNo: number, offset: number, bytes: Uint8Array, text: string, mark: string) => {
    if (bytes.length >= 4 && bytes.every((b) => b === bytes[0])) {
      // NASM folds a run of one byte value: 90<rep Fh>
      out.push(`${num(lineNo)} ${addr(offset)} ${`${hex(bytes.subarray(0, 1))}<rep ${bytes.length.toString(16).toUpperCase()}h>`.padEnd(19)} ${mark} ${text}`);
      return;
    }
    for (let i = 0; i < bytes.length; i += 9) {
      const chunk = bytes.subarray(i, i + 9);
      const more = i + 9 < bytes.length ? '-' : '';
      const field = (hex(chunk) + more).padEnd(19);
      out.push(i === 0 ? `${num(lineNo)} ${addr(offset)} ${field} ${mark} ${text}` : `${num(lineNo)} ${addr(offset + i)} ${field}`.trimEnd());
    }
  };
  sourceLines.forEach((text, i) => {
    const entries = byLine.get(i + 1);
    if (!entries || entries.length === 0) {
      out.push(`${num(i + 1)}${' '.repeat(34)}${text}`.trimEnd());
      return;
    }
    let first = true;
    for (const e of entries) {
      const bytes = image.bytes.subarray(e.offset, e.offset + e.length);
      rows(i + 1, e.offset, bytes, first ? text : e.source, first ? '   ' : '<1>');
      first = false;
    }
  });
  for (const e of included) rows(e.line, e.offset, image.bytes.subarray(e.offset, e.offset + e.length), e.source, '<1>');
  return out.join('\n') + '\n';
}
