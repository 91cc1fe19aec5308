// Differential test: a random program (gen-random.ts, reproducible from a
// seed) assembled by `nasm -f bin` and by assemble() must give identical
// bytes. On a mismatch the report names the first line whose size differs
// (found through nasm's listing: that is where the two diverge even when
// later labels then move), or else the first line whose bytes differ, with
// both byte strings.
//
//   PV_DIFF_SEED=n PV_DIFF_COUNT=lines PV_DIFF_ROUNDS=k   vary the program
//   (soak: PV_DIFF_COUNT=20000 PV_DIFF_ROUNDS=50 npx vitest run test/asm/differential.test.ts)
//
// Skips with a message when nasm is missing, unless PAGEVISOR_REQUIRE_TOOLS=1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/assemble.js';
import { skipWithout } from '../tools.js';
import { generate } from './gen-random.js';

const SEED = Number(process.env.PV_DIFF_SEED ?? 20261124);
const COUNT = Number(process.env.PV_DIFF_COUNT ?? 3000);
const ROUNDS = Number(process.env.PV_DIFF_ROUNDS ?? 1);
const TIMEOUT = Math.max(60_000, COUNT * ROUNDS * 3);

const noNasm = skipWithout('nasm');
const dir = noNasm ? '' : mkdtempSync(join(tmpdir(), 'pv-diff-'));
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** nasm's bytes and, per source line, the offset of its first byte (from the listing). */
function nasm(source: string): { bytes: Buffer; offsets: Map<number, number> } | { error: string } {
  const src = join(dir, 'random.asm');
  writeFileSync(src, source);
  try {
    execFileSync('nasm', ['-f', 'bin', '-l', join(dir, 'random.lst'), '-o', join(dir, 'random.bin'), src], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    return { error: String((e as { stderr?: Buffer }).stderr ?? e) };
  }
  const offsets = new Map<number, number>();
  for (const l of readFileSync(join(dir, 'random.lst'), 'utf8').split('\n')) {
    const m = /^\s*(\d+) ([0-9A-F]{8}) /.exec(l);
    if (m && !offsets.has(Number(m[1]))) offsets.set(Number(m[1]), parseInt(m[2]!, 16));
  }
  return { bytes: readFileSync(join(dir, 'random.bin')), offsets };
}

/** Compares one random program; returns a report of the first difference, or ''. */
function compare(seed: number, origin: number): string {
  const g = generate(seed, COUNT, origin);
  const ref = nasm(g.source);
  if ('error' in ref) return `seed ${seed}: nasm rejected the generated program (a generator bug):\n${ref.error}`;
  const r = assemble(g.source, { file: 'random.asm' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const src = g.source.split('\n');
  if (errors.length) {
    return `seed ${seed}: assemble() rejected what nasm accepts:\n` + errors.slice(0, 10).map((d) => `  line ${d.line}: ${d.message}    | ${src[d.line - 1]}`).join('\n');
  }
  const mine = Buffer.from(r.bytes);
  if (mine.equals(ref.bytes)) return '';
  const hexAt = (b: Buffer, off: number, len: number) => b.subarray(off, off + len).toString('hex');
  const lines = r.lines.filter((l) => l.length > 0);
  for (let k = 1; k < lines.length; k++) {
    const here = lines[k]!;
    const prev = lines[k - 1]!;
    const theirs = ref.offsets.get(here.line);
    const theirsPrev = ref.offsets.get(prev.line);
    if (theirs !== undefined && theirsPrev !== undefined && theirs !== here.offset) {
      const theirBytes = hexAt(ref.bytes, theirsPrev, theirs - theirsPrev);
      const ours = hexAt(mine, prev.offset, prev.length);
      // A jump short in one and near in the other, after identical lines, is a
      // different pass history: an earlier line was sized differently in a pass.
      const history = /^(eb|7[0-9a-f])/.test(ours) !== /^(eb|7[0-9a-f])/.test(theirBytes)
        ? '\n  (short vs near after identical lines: compare the first-pass sizes of earlier lines with forward references)'
        : '';
      return `seed ${seed}, org 0x${origin.toString(16)}: first line whose size differs is line ${prev.line}: ${prev.source}\n` +
        `  nasm     ${theirBytes}\n  assemble ${ours}${history}`;
    }
  }
  let i = 0;
  while (i < mine.length && mine[i] === ref.bytes[i]) i++;
  const at = lines.find((l) => i >= l.offset && i < l.offset + l.length);
  if (!at) return `seed ${seed}: outputs differ at byte ${i} (nasm ${ref.bytes.length} bytes, assemble ${mine.length})`;
  return `seed ${seed}, org 0x${origin.toString(16)}: first line whose bytes differ is line ${at.line}: ${at.source}\n` +
    `  nasm     ${hexAt(ref.bytes, at.offset, at.length)}\n  assemble ${hexAt(mine, at.offset, at.length)}`;
}

describe.skipIf(noNasm)(`differential against nasm (${COUNT} random lines, seed ${SEED}${ROUNDS > 1 ? `, ${ROUNDS} rounds` : ''})`, () => {
  it('generates the same program from the same seed', () => {
    expect(generate(SEED, 200).source).toBe(generate(SEED, 200).source);
    expect(generate(SEED, 200).source).not.toBe(generate(SEED + 1, 200).source);
  });
  for (const origin of [0, 0x100000]) {
    it(
      `assembles to nasm's bytes at org 0x${origin.toString(16)}`,
      () => {
        const reports: string[] = [];
        for (let k = 0; k < ROUNDS; k++) {
          const report = compare(SEED + k, origin);
          if (report) reports.push(report);
        }
        expect(reports.join('\n\n')).toBe('');
      },
      TIMEOUT,
    );
  }
});
