// The command outputs quoted in README.md and docs/*.md are what the CLI prints today (host timings
// aside): scripts/doc-outputs.mjs runs each documented command and compares. After a deliberate change
// of an output: `npm run build && node scripts/doc-outputs.mjs --update` (excerpts by hand).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

it('every documented command prints what the docs quote', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/doc-outputs.mjs')], { cwd: ROOT, encoding: 'utf8' });
  const m = /(\d+) documented commands checked, (\d+) differ/.exec(r.stdout);
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(Number(m?.[1])).toBeGreaterThanOrEqual(16);
  expect(m?.[2]).toBe('0');
}, 60_000);
