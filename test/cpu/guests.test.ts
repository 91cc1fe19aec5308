// End to end: the guest programs whose real-x86 output was recorded under QEMU (test/guests/,
// guests/) run on the machine and must print exactly the same bytes and stop the same way; and
// the peer workloads' checksums (wl_alu, wl_mem, wl_churn, recorded below from QEMU via
// /work/shared/qemu-ref/run.sh) in every CPU mode.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createMachine } from '../../src/cpu/machine.js';
import { toolsAvailable, nasmFile } from './helpers/tools.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HAVE = toolsAvailable('nasm');
const EXPECTED = join(ROOT, 'test/guests/expected');
const guests = [join(ROOT, 'test/guests'), join(ROOT, 'guests')]
  .filter(existsSync)
  .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.asm')).map((f) => join(d, f)))
  .filter((f) => existsSync(join(EXPECTED, f.split('/').pop()!.replace(/\.asm$/, '.out'))));

const MODES = [
  { name: 'default (blocks, exact TLB)', opts: {} },
  { name: 'generic handlers', opts: { fastPaths: false } },
  { name: 'CPU TLB cache', opts: { fastTlb: true, blockHot: 1 } },
];

describe.skipIf(!HAVE || guests.length === 0).each(MODES)('recorded guests ($name)', ({ opts }) => {
  it.each(guests.map((g) => [g.split('/').pop()!, g]))('%s prints what QEMU printed', (name, path) => {
    const image = nasmFile(path, ['-i', dirname(path) + '/']);
    const m = createMachine({ image, ...opts });
    const r = m.run({ maxInsns: 500_000_000 });
    const base = join(EXPECTED, name.replace(/\.asm$/, ''));
    expect(r.console).toBe(readFileSync(base + '.out', 'latin1'));
    const code = Number(readFileSync(base + '.code', 'utf8').trim());
    // run.sh exits 125 when QEMU stopped without a guest exit (a triple fault resets it)
    if (code === 125) expect(r.reason).toBe('triple-fault');
    else { expect(r.reason).toBe('exit-port'); expect(r.code).toBe(code); }
  });
});

const WL = process.env.PAGEVISOR_WORKLOADS ?? '/work/shared/workloads';
// Checksums printed by the workloads under QEMU 7.2 (run.sh) for these parameters.
const WORKLOADS = [
  { file: 'wl_alu.asm', def: '-DN=100000', line: 'alu N=00000000000186a0 sum=d069c625ab288da2\nDONE\n' },
  { file: 'wl_mem.asm', def: '-DK=1', line: 'mem K=0000000000000001 sum=79a2e37783ea297a\nDONE\n' },
  { file: 'wl_churn.asm', def: '-DN=2000', line: 'churn N=00000000000007d0 sum=d154d37a0862acc7\nDONE\n' },
];

describe.skipIf(!HAVE || !existsSync(join(WL, 'wl_alu.asm')))('peer workloads', () => {
  it.each(WORKLOADS)('$file $def: same checksum in every mode', ({ file, def, line }) => {
    const image = nasmFile(join(WL, file), ['-i', WL + '/', def]);
    // wl_mem runs ~25 M instructions: not in the (slow) generic-handler mode
    const outs = MODES.filter((m) => file !== 'wl_mem.asm' || m.opts.fastPaths !== false).map(({ opts }) => {
      const r = createMachine({ image, ...opts }).run({ maxInsns: 1e9 });
      expect(r.reason).toBe('exit-port');
      return r.console;
    });
    expect(outs[0]).toBe(line);
    expect(new Set(outs).size).toBe(1);
  });
});
