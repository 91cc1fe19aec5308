// The machine options shared by `run` and the views: their declaration, and
// their validation (each check returns the parsed value or exits 2 with one
// line naming the problem).
import { Option, type Command } from 'commander';
import { parseTlbSpec } from '../mmu/tlb.js';
import { parsePwcSpec } from '../mmu/pwc.js';
import { parseCost } from '../vmm/cost.js';
import { collect, parseSize } from './options.js';
import { fail } from './errors.js';

export interface MachineOpts {
  mem: string;
  hostMem: string;
  vpid: 'on' | 'off';
  eptLarge?: boolean | string;
  eptPrefault?: boolean;
  cost?: string;
  maxInsns: string;
  tlb?: string;
  pwc?: string;
  guestLevels: '4' | '5';
  define: string[];
  include: string[];
}

/** --mem, --host-mem, --vpid, --ept-large, --ept-prefault, --cost, --max-insns, --tlb, --pwc, --guest-levels, -D, -I. */
export function machineOptions(cmd: Command, maxInsnsDefault: number): Command {
  return cmd
    .option('--mem <size>', 'guest RAM', '64M')
    .option('--host-mem <size>', 'host RAM the VM is carved from (ept and shadow modes)', '256M')
    .addOption(new Option('--vpid <on|off>', 'tag guest TLB entries with a VPID (off: flush them at every VM entry and exit)').choices(['on', 'off']).default('on'))
    .option('--ept-large [size]', 'back guest RAM with large EPT leaves: 2m (the default) or 1g (1 GiB leaves where possible, else 2 MiB)')
    .option('--ept-prefault', 'map all guest RAM in the EPT before the guest starts')
    .option('--cost <name=value,...>', 'override the cycle cost model (see docs/vmm.md), e.g. exit=1200,walkRef=30')
    .option('--max-insns <n>', 'instruction budget (0: none)', String(maxInsnsDefault))
    .option('--tlb <spec>', 'TLB model: a preset (skylake, tiny, off) and/or arrays like l1d4k=64x4,stlb=1536x12', 'skylake')
    .option('--pwc <spec>', 'paging-structure caches: on, off, or sizes like pde=32x4,pdpte=4', 'off')
    .addOption(new Option('--guest-levels <n>', 'paging levels the loader sets up').choices(['4', '5']).default('4'))
    .option('-D, --define <name[=value]>', 'define a preprocessor macro for .asm guests (repeatable)', collect, [])
    .option('-I, --include <dir>', 'include search path for .asm guests (repeatable)', collect, []);
}

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

/** --ept-large [size]: 2m (without a value) or 1g; undefined without the flag. */
export function eptLargeOf(v: boolean | string | undefined): '2m' | '1g' | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true) return '2m';
  const n = parseSize(v, '--ept-large');
  if (n === 2 << 20) return '2m';
  if (n === 1 << 30) return '1g';
  return fail(`invalid --ept-large '${v}' (expected 2m or 1g)`);
}

/**
 * commander would take the word after `--ept-large` as its size even when it is the guest file
 * (`run --ept-large FILE`) or a view name: only a word starting with a digit is a size here, otherwise
 * the flag stands alone (2m).
 */
export function eptLargeArgv(argv: readonly string[]): string[] {
  const out = argv.slice();
  for (let i = 0; i < out.length && out[i] !== '--'; i++) {
    if (out[i] === '--ept-large' && !/^\d/.test(out[i + 1] ?? '')) out[i] = '--ept-large=2m';
  }
  return out;
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
