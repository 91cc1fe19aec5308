// The golden corpus: every line of golden/forms.asm assembled on its own
// (after `bits 64` / `org 0x100000`) must give the bytes NASM 2.16.01 gave, or
// fail with NASM's first error, and warn where NASM warns. The expectations in
// golden/forms.expected.json were recorded by scripts/gen-golden.mjs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/assemble.js';

interface Golden {
  line: number;
  text: string;
  hex?: string;
  errors?: string[];
  warnings?: string[];
}

const corpus: Golden[] = JSON.parse(readFileSync(new URL('./golden/forms.expected.json', import.meta.url), 'utf8'));
const source = readFileSync(new URL('./golden/forms.asm', import.meta.url), 'utf8').split('\n');

/**
 * Lines where the difference lies in the parser, not the encoder. Each runs as
 * an expected failure below: when the front end is fixed it starts passing,
 * vitest reports it, and the entry should go.
 */
const FRONT_END_GAPS = new Map<string, string>([]);

interface Outcome {
  hex: string;
  errors: string[];
  warnings: string[];
}

function assembleLine(text: string): Outcome {
  const r = assemble(`bits 64\norg 0x100000\n${text}\n`, { file: 'golden.asm' });
  const uniq = (sev: string) => [...new Set(r.diagnostics.filter((d) => d.severity === sev).map((d) => d.message))];
  return { hex: Buffer.from(r.bytes).toString('hex'), errors: uniq('error'), warnings: uniq('warning') };
}

/** Why `g` does not come out as NASM made it, or undefined. */
function byteDifference(g: Golden, o: Outcome): string | undefined {
  if (g.errors) {
    if (o.errors[0] !== g.errors[0]) return `${g.text}: nasm error "${g.errors[0]}", got ${o.errors.length ? `"${o.errors[0]}"` : o.hex}`;
    return undefined;
  }
  if (o.errors.length) return `${g.text}: nasm ${g.hex}, got error "${o.errors[0]}"`;
  if (o.hex !== g.hex) return `${g.text}: nasm ${g.hex}, got ${o.hex}`;
  return undefined;
}

describe('golden corpus (recorded from nasm 2.16.01)', () => {
  it('is the recording of forms.asm as it stands', () => {
    expect(corpus.length).toBeGreaterThan(3000);
    const stale = corpus.filter((g) => source[g.line - 1]?.trim() !== g.text).map((g) => `line ${g.line}: ${g.text}`);
    expect(stale, 'forms.asm changed: re-run node scripts/gen-golden.mjs').toEqual([]);
    const recorded = corpus.length;
    const written = source.filter((l) => l.trim() !== '' && !l.trim().startsWith(';')).length;
    expect(recorded).toBe(written);
  });

  const outcomes = new Map<Golden, Outcome>();
  const outcome = (g: Golden) => {
    let o = outcomes.get(g);
    if (!o) outcomes.set(g, (o = assembleLine(g.text)));
    return o;
  };

  it('assembles every line to nasm\'s bytes, or rejects it with nasm\'s error', () => {
    const bad: string[] = [];
    for (const g of corpus) {
      if (FRONT_END_GAPS.has(g.text)) continue;
      const d = byteDifference(g, outcome(g));
      if (d) bad.push(d);
    }
    expect(bad).toEqual([]);
  });

  it('warns exactly where nasm warns', () => {
    const bad: string[] = [];
    for (const g of corpus) {
      if (g.errors || FRONT_END_GAPS.has(g.text)) continue;
      const got = outcome(g).warnings.slice().sort();
      const want = (g.warnings ?? []).slice().sort();
      if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${g.text}: nasm ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
    expect(bad).toEqual([]);
  });

  for (const [text, why] of FRONT_END_GAPS) {
    it.fails(`known front-end gap: ${text} (${why})`, () => {
      const g = corpus.find((c) => c.text === text);
      expect(g, `${text} is not in the corpus`).toBeDefined();
      expect(byteDifference(g!, outcome(g!))).toBeUndefined();
    });
  }
});
