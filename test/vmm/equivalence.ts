// Equivalence: every guest with a QEMU-recorded output (guests/, test/guests/) prints exactly that
// output and stops the same way in native, EPT, shadow-lazy and shadow-wp modes; the peer workloads
// print the checksums QEMU printed, in every mode. (Shared by equivalence-*.test.ts: one file per
// pair of modes, so that the runner spreads them over the cores.)
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVm } from '../../src/vmm/index.js';
import { assembleFile, ROOT, type ModeCase } from './helpers.js';

const EXPECTED = join(ROOT, 'test/guests/expected');
const guests = [join(ROOT, 'guests'), join(ROOT, 'test/guests')]
  .filter(existsSync)
  .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.asm')).map((f) => join(d, f)))
  .filter((f) => existsSync(join(EXPECTED, f.split('/').pop()!.replace(/\.asm$/, '.out'))))
  .map((f) => ({ name: f.split('/').pop()!.replace(/\.asm$/, ''), path: f }));

export function equivalenceSuite(MODES: ModeCase[]): void {
describe.each(MODES)('recorded guests in $name mode', ({ opts }) => {
  it.each(guests)('$name prints what QEMU printed', ({ name, path }) => {
    const vm = createVm({ ...opts, image: assembleFile(path) });
    const r = vm.run({ maxInsns: 300_000_000 });
    vm.destroy();
    expect(r.console).toBe(readFileSync(join(EXPECTED, name + '.out'), 'latin1'));
    const code = Number(readFileSync(join(EXPECTED, name + '.code'), 'utf8').trim());
    // run.sh reports 125 when QEMU stopped without a guest exit (a triple fault resets it)
    if (code === 125) expect(r.stop.reason).toBe('triple-fault');
    else expect({ reason: r.stop.reason, code: r.stop.code }).toEqual({ reason: 'exit-port', code });
    if (opts.mode !== 'native') expect(r.exits.total).toBeGreaterThan(0);
  });
});

const WL = process.env.PAGEVISOR_WORKLOADS ?? '/work/shared/workloads';
// Checksums printed under QEMU 7.2 for these parameters (as in test/cpu/guests.test.ts).
const WORKLOADS: { file: string; defines: Record<string, string>; out: string }[] = [
  { file: 'wl_alu.asm', defines: { N: '100000' }, out: 'alu N=00000000000186a0 sum=d069c625ab288da2\nDONE\n' },
  { file: 'wl_mem.asm', defines: { K: '1' }, out: 'mem K=0000000000000001 sum=79a2e37783ea297a\nDONE\n' },
  { file: 'wl_churn.asm', defines: { N: '2000' }, out: 'churn N=00000000000007d0 sum=d154d37a0862acc7\nDONE\n' },
];

describe.skipIf(!existsSync(join(WL, 'wl_alu.asm'))).each(MODES)('peer workloads in $name mode', ({ opts }) => {
  it.each(WORKLOADS)('$file prints the QEMU checksum', ({ file, defines, out }) => {
    const vm = createVm({ ...opts, image: assembleFile(join(WL, file), defines) });
    const r = vm.run({ maxInsns: 1e9 });
    vm.destroy();
    expect(r.stop.reason).toBe('exit-port');
    expect(r.console).toBe(out);
  });
});
}
