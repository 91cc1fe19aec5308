// Every guest program in the repository (and the peer workloads in
// ../shared/workloads when present) assembles to the same bytes as nasm.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { assemble } from '../../src/asm/assemble.js';
import { formatDiagnostic } from '../../src/asm/diagnostics.js';
import { skipWithout } from '../tools.js';

const root = join(import.meta.dirname, '..', '..');
function asmFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return asmFiles(p);
    return f.endsWith('.asm') ? [p] : [];
  });
}
const files = [
  ...asmFiles(join(root, 'guests')),
  ...asmFiles(join(root, 'test', 'guests')),
  ...asmFiles(join(root, '..', 'shared', 'workloads')),
];
const skip = skipWithout('nasm');

describe.skipIf(skip)('guest programs assemble identically with nasm', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pv-guests-'));
  it('finds the guests', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(relative(root, file), () => {
      const out = join(tmp, 'g.bin');
      execFileSync('nasm', ['-f', 'bin', '-i', dirname(file) + '/', file, '-o', out], { stdio: 'pipe' });
      const expected = readFileSync(out);
      const r = assemble(readFileSync(file, 'utf8'), { file, includePaths: [dirname(file) + '/'] });
      expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
      expect(Buffer.from(r.bytes).equals(expected)).toBe(true);
    });
  }
});
