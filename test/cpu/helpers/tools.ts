// External tools for the CPU tests (nasm, objdump): present or not, and how to run them.
// A test that needs a missing tool is skipped visibly, unless PAGEVISOR_REQUIRE_TOOLS=1, when it fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cache = new Map<string, boolean>();
export function haveTool(name: string): boolean {
  let v = cache.get(name);
  if (v === undefined) {
    try { execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }); v = true; } catch { v = false; }
    cache.set(name, v);
  }
  return v;
}

export const REQUIRE_TOOLS = process.env.PAGEVISOR_REQUIRE_TOOLS === '1';

/** True when the tools are there; false (test should skip) when not; throws when they are required. */
export function toolsAvailable(...names: string[]): boolean {
  const missing = names.filter((n) => !haveTool(n));
  if (missing.length === 0) return true;
  if (REQUIRE_TOOLS) throw new Error(`PAGEVISOR_REQUIRE_TOOLS=1 but missing: ${missing.join(', ')}`);
  return false;
}

/** Assembles NASM source (`bits 64` is NOT added) to flat binary. Throws with nasm's messages on error. */
export function nasm(source: string, args: string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'pv-nasm-'));
  try {
    const src = join(dir, 'in.asm'), out = join(dir, 'out.bin');
    writeFileSync(src, source);
    execFileSync('nasm', ['-f', 'bin', ...args, src, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function nasmFile(path: string, args: string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'pv-nasm-'));
  try {
    const out = join(dir, 'out.bin');
    execFileSync('nasm', ['-f', 'bin', ...args, path, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** objdump -M intel of a flat 64-bit binary: [offset, text] per instruction. */
export function objdump(bin: Uint8Array): { offset: number; bytes: string; text: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'pv-objdump-'));
  try {
    const f = join(dir, 'x.bin');
    writeFileSync(f, bin);
    const out = execFileSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-M', 'intel', '--insn-width=16', f], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const r: { offset: number; bytes: string; text: string }[] = [];
    for (const line of out.split('\n')) {
      const m = /^ *([0-9a-f]+):\t([^\t]*)\t(.*)$/.exec(line);
      if (m) r.push({ offset: parseInt(m[1]!, 16), bytes: m[2]!.trim(), text: m[3]! });
    }
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whitespace-normalised objdump text, with the deliberate differences of src/cpu/disasm.ts removed. */
export function normObjdump(t: string): string {
  return t.replace(/\s+/g, ' ').trim().replace(/^rex\.[WRXB]+ /, '');
}
