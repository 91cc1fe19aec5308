// The command outputs quoted in README.md and docs/*.md, checked against the CLI (dist/pagevisor.mjs;
// build it first: npm run build). A fenced block line `$ pagevisor ARGS` or `$ npx pagevisor ARGS`
// starts a command; the lines after it, up to the next `$ ` line or the end of the block, are its
// output (stdout then stderr). Host timings (seconds, MIPS) are not compared. An excerpt - a command
// annotated with a parenthesis after its arguments, like `(first lines)`, or output with `...` lines -
// only needs its quoted lines to appear in the output in order (stdout's and stderr's lines each in
// their order).
//   node scripts/doc-outputs.mjs            check: prints the differences, exit status 1 if any
//   node scripts/doc-outputs.mjs --update   rewrites the quoted outputs of unannotated commands
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const FILES = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const update = process.argv.includes('--update');

/** Host timings differ from run to run. */
const mask = (line) => line
  .replace(/host \d+(\.\d+)? s/g, 'host # s')
  .replace(/\d+(\.\d+)? guest MIPS/g, '# guest MIPS')
  .replace(/^(host seconds|guest MIPS)(.*)$/, (_, k, rest) => k + rest.replace(/\d+(\.\d+)?/g, '#'))
  .trimEnd();

function run(args) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/pagevisor.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  const split = (t) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
  return { out: split(r.stdout), err: split(r.stderr) };
}

/** Every quoted line (but `...`) found in order in stdout or in stderr. */
function excerptOk(quoted, { out, err }) {
  let ko = 0, ke = 0;
  for (const q of quoted) {
    if (/^\s*\.\.\.\s*$/.test(q)) continue;
    const io = out.findIndex((a, k) => k >= ko && mask(a) === mask(q));
    if (io >= 0) { ko = io + 1; continue; }
    const ie = err.findIndex((a, k) => k >= ke && mask(a) === mask(q));
    if (ie < 0) return false;
    ke = ie + 1;
  }
  return true;
}

/** Splits a command line like a shell would for these simple commands (no quotes used in the docs). */
const argv = (cmd) => cmd.trim().split(/\s+/);

let failures = 0, checked = 0;
for (const file of FILES) {
  const path = join(ROOT, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  const out = [];
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) { inBlock = !inBlock; out.push(line); continue; }
    const m = inBlock ? /^\$ (?:npx )?pagevisor (.*)$/.exec(line) : null;
    if (!m) { out.push(line); continue; }
    // the command's quoted output: up to the next command or the end of the block
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith('```') && !lines[j].startsWith('$ ')) j++;
    const quoted = lines.slice(i + 1, j);
    const paren = /\s{2,}\(([^)]*)\)\s*$/.exec(m[1]);
    const args = argv(paren ? m[1].slice(0, paren.index) : m[1]);
    const ann = paren !== null || quoted.some((q) => /^\s*\.\.\.\s*$/.test(q)); // an excerpt
    const res = run(args);
    const actual = [...res.out, ...res.err];
    checked++;
    const ok = ann ? excerptOk(quoted, res)
      : quoted.length === actual.length && quoted.every((q, k) => mask(q) === mask(actual[k]));
    out.push(line);
    if (!ok && update && !ann) {
      out.push(...actual);
      console.log(`${file}:${i + 1}: updated: pagevisor ${args.join(' ')}`);
    } else {
      out.push(...quoted);
      if (!ok) {
        failures++;
        console.log(`${file}:${i + 1}: the output of \`pagevisor ${args.join(' ')}\` differs${ann ? ' (an excerpt: update by hand)' : ''}:`);
        const n = Math.max(quoted.length, actual.length);
        for (let k = 0, shown = 0; k < n && shown < 12; k++) {
          if (mask(quoted[k] ?? '') === mask(actual[k] ?? '')) continue;
          console.log(`  quoted: ${quoted[k] ?? '(none)'}\n  actual: ${actual[k] ?? '(none)'}`);
          shown++;
        }
      }
    }
    i = j - 1;
  }
  if (update) writeFileSync(path, out.join('\n'));
}
console.log(`${checked} documented commands checked, ${failures} differ`);
process.exit(failures === 0 ? 0 : 1);
