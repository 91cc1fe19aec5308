// Helpers for the hypervisor tests: assembling guests (pagevisor's own assembler; nasm only when the
// assembler rejects a file and nasm is installed), and the four modes every equivalence test runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assemble, type LineMapEntry } from '../../src/asm/assemble.js';
import { hasTool } from '../tools.js';
import type { CreateVmOptions } from '../../src/vmm/index.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

const cache = new Map<string, Uint8Array>();

/** Assembles a guest file with -D defines; the include path is the file's directory. */
export function assembleFile(path: string, defines: Record<string, string> = {}): Uint8Array {
  const key = path + JSON.stringify(defines);
  const hit = cache.get(key);
  if (hit) return hit;
  const r = assemble(readFileSync(path, 'utf8'), { file: path, includePaths: [dirname(path) + '/'], defines });
  let bytes: Uint8Array;
  if (r.ok) bytes = r.bytes;
  else if (hasTool('nasm')) {
    // The in-tree assembler is developed in parallel; the hypervisor tests need the guest's bytes.
    const dir = mkdtempSync(join(tmpdir(), 'pv-vmm-'));
    try {
      const defs = Object.entries(defines).map(([k, v]) => `-D${k}=${v}`);
      execFileSync('nasm', ['-f', 'bin', '-i', dirname(path) + '/', ...defs, path, '-o', join(dir, 'o.bin')]);
      bytes = new Uint8Array(readFileSync(join(dir, 'o.bin')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    throw new Error(`cannot assemble ${path}: ${r.diagnostics.slice(0, 3).map((d) => `${d.file}:${d.line}: ${d.message}`).join('; ')}`);
  }
  cache.set(key, bytes);
  return bytes;
}

/** Assembles a test snippet with pagevisor's assembler (bytes and line map). */
export function assembleSource(src: string, file = 'snippet.asm', defines: Record<string, string> = {}): { bytes: Uint8Array; lines: LineMapEntry[] } {
  const r = assemble(src, { file, defines });
  if (!r.ok) throw new Error(`test snippet does not assemble: ${r.diagnostics.slice(0, 3).map((d) => `${d.line}: ${d.message}`).join('; ')}`);
  return { bytes: r.bytes, lines: r.lines };
}

/** 64-bit little-endian qwords as bytes. */
export function qwords(values: (bigint | number)[]): Uint8Array {
  const b = new Uint8Array(values.length * 8);
  const dv = new DataView(b.buffer);
  values.forEach((v, i) => dv.setBigUint64(i * 8, BigInt(v) & 0xffffffffffffffffn, true));
  return b;
}

/** Reads qwords back. */
export function readQwords(bytes: Uint8Array): bigint[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: bigint[] = [];
  for (let i = 0; i + 8 <= bytes.length; i += 8) out.push(dv.getBigUint64(i, true));
  return out;
}

export interface ModeCase { name: string; opts: Pick<CreateVmOptions, 'mode' | 'shadowSync'> }

/** The four modes of the issue: native, EPT, shadow-lazy, shadow-wp. */
export const MODES: ModeCase[] = [
  { name: 'native', opts: { mode: 'native' } },
  { name: 'ept', opts: { mode: 'ept' } },
  { name: 'shadow-lazy', opts: { mode: 'shadow', shadowSync: 'lazy' } },
  { name: 'shadow-wp', opts: { mode: 'shadow', shadowSync: 'wp' } },
];
