#!/usr/bin/env node
// Records what NASM makes of every line of test/asm/golden/forms.asm: each
// line is assembled on its own (`bits 64`, `org 0x100000`, the line) with
// `nasm -f bin`, and its bytes, or its errors, and its warnings go to
// test/asm/golden/forms.expected.json.
//
// Re-record: node scripts/gen-golden.mjs        (needs nasm 2.16.01 on PATH)

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, 'test/asm/golden/forms.asm');
const expected = join(root, 'test/asm/golden/forms.expected.json');

const version = execFileSync('nasm', ['-v'], { encoding: 'utf8' }).trim();
if (!/version 2\.16\.01\b/.test(version)) console.warn(`warning: expected NASM 2.16.01, found: ${version}`);

const dir = mkdtempSync(join(tmpdir(), 'pv-golden-'));
const lines = readFileSync(corpus, 'utf8').split('\n');
const jobs = [];
lines.forEach((text, i) => {
  const t = text.trim();
  if (t === '' || t.startsWith(';')) return;
  jobs.push({ line: i + 1, text: t });
});

/** NASM's messages without the file:line: prefix and the [-w+class] suffix, deduplicated. */
function messages(stderr, kind) {
  const seen = [];
  for (const l of stderr.split('\n')) {
    const m = /^[^:]*:\d+: (error|warning): (.*?)(?: \[-w\+[a-z-]+\])?$/.exec(l);
    if (m && m[1] === kind && !seen.includes(m[2])) seen.push(m[2]);
  }
  return seen;
}

function run(job, k) {
  const src = join(dir, `l${k}.asm`);
  const bin = join(dir, `l${k}.bin`);
  writeFileSync(src, `bits 64\norg 0x100000\n${job.text}\n`);
  return new Promise((resolve) => {
    execFile('nasm', ['-f', 'bin', '-o', bin, src], { encoding: 'utf8' }, (err, _out, stderr) => {
      const rec = { line: job.line, text: job.text };
      const errors = messages(stderr, 'error');
      if (err || errors.length) rec.errors = errors.length ? errors : [String(stderr).trim()];
      else rec.hex = readFileSync(bin).toString('hex');
      const warnings = messages(stderr, 'warning');
      if (warnings.length) rec.warnings = warnings;
      resolve(rec);
    });
  });
}

const results = new Array(jobs.length);
let next = 0;
async function worker() {
  while (next < jobs.length) {
    const k = next++;
    results[k] = await run(jobs[k], k);
  }
}
await Promise.all(Array.from({ length: 8 }, worker));
rmSync(dir, { recursive: true, force: true });

const body = results.map((r) => '  ' + JSON.stringify(r)).join(',\n');
writeFileSync(expected, `[\n${body}\n]\n`);
const errs = results.filter((r) => r.errors).length;
console.log(`${results.length} lines recorded (${errs} rejected by nasm) -> ${expected}`);
