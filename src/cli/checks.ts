// Validation of the machine options shared by `run` and the views: each
// returns the parsed value or exits 2 with one line naming the problem.
import { parseTlbSpec } from '../mmu/tlb.js';
import { parsePwcSpec } from '../mmu/pwc.js';
import { parseCost } from '../vmm/cost.js';
import { parseSize } from './options.js';
import { fail } from './errors.js';

/** --mem: a multiple of 4 KiB between 2 MiB and 2 GiB. */
export function guestMemOf(text: string): number {
  const n = parseSize(text, '--mem');
  if (typeof n === 'string') fail(n);
  if (n % 4096 !== 0 || n < 2 * 1024 * 1024 || n > 2 ** 31) fail(`--mem must be a multiple of 4 KiB between 2 MiB and 2 GiB, got ${text}`);
  return n;
}

/** --host-mem: a multiple of 2 MiB between 4 MiB and 2 GiB. */
export function hostMemOf(text: string): number {
  const n = parseSize(text, '--host-mem');
  if (typeof n === 'string') fail(n);
  if (n % (2 << 20) !== 0 || n < 4 << 20 || n > 2 ** 31) fail(`--host-mem must be a multiple of 2 MiB between 4 MiB and 2 GiB, got ${text}`);
  return n;
}

/** --tlb, --pwc and --cost specs: parsed once here so a mistake is reported before the guest runs. */
export function checkSpecs(o: { tlb?: string; pwc?: string; cost?: string }): void {
  const specs: [string, string | undefined, (s: string) => unknown][] = [
    ['--tlb', o.tlb, parseTlbSpec],
    ['--pwc', o.pwc, parsePwcSpec],
    ['--cost', o.cost, parseCost],
  ];
  for (const [flag, spec, parse] of specs) {
    if (spec === undefined) continue;
    try {
      parse(spec);
    } catch (e) {
      const msg = (e as Error).message;
      fail(`invalid ${msg.startsWith(flag) ? msg : `${flag}: ${msg}`}`);
    }
  }
}
