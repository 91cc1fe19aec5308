// Loading a guest for the machine commands: a .asm file is assembled in
// memory (its diagnostics printed, as `pagevisor asm` prints them), anything
// else is taken as a flat binary image.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { assemble, type LineMapEntry } from '../asm/assemble.js';
import { formatDiagnostic } from '../asm/diagnostics.js';
import { SourceMap } from '../trace/source-map.js';
import { parseDefines } from './options.js';
import { fail } from './errors.js';

export interface Guest {
  file: string;
  image: Uint8Array;
  /** Present when the guest was assembled from source. */
  sourceMap?: SourceMap;
  /** The assembler's line map (for the hypervisor's exit records). */
  lines?: LineMapEntry[];
  symbols?: Map<string, bigint>;
}

export const IMAGE_BASE = 0x100000;

export function loadGuest(file: string, opts: { define?: string[]; include?: string[] }): Guest {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    fail(`cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (!/\.(asm|s|nasm|inc)$/i.test(file)) return { file, image: new Uint8Array(data) };
  const defines = parseDefines(opts.define ?? []);
  if (typeof defines === 'string') fail(defines);
  const r = assemble(data.toString('utf8'), { file, defines, includePaths: [...(opts.include ?? []), dirname(file) + '/'] });
  for (const d of r.diagnostics) console.error(formatDiagnostic(d));
  if (!r.ok) {
    const n = r.diagnostics.filter((d) => d.severity === 'error').length;
    console.error(`pagevisor: ${file} does not assemble (${n} error${n === 1 ? '' : 's'})`);
    process.exit(1);
  }
  if (r.origin !== BigInt(IMAGE_BASE)) {
    console.error(`pagevisor: warning: ${file} has origin 0x${r.origin.toString(16)}, but the image is loaded at 0x${IMAGE_BASE.toString(16)} (use org 0x100000)`);
  }
  return { file, image: r.bytes, sourceMap: new SourceMap(Number(r.origin), r.lines), lines: r.lines, symbols: r.symbols };
}
