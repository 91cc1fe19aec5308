// The hardware-captured ALU vectors (test/cpu/vectors/, recorded on a real Intel CPU) run through
// the interpreter: one instruction each, with the fast forms on and off. Compares every GPR the
// case lists and the defined flags; #DE cases must deliver vector 0 and leave the registers alone.
import { describe, it, expect } from 'vitest';
import { loadVectors, flagsMatch, flagNames, type AluCase } from './vectors/load.js';
import { bareMachine, HANDLERS_BASE } from './helpers/bare.js';

const REG = { rax: 0, rcx: 1, rdx: 2, rbx: 3 } as const;
const CODE = 0x100000;
const hex = (v: bigint | number) => '0x' + v.toString(16);

function runAll(fastPaths: boolean): string[] {
  const cases = loadVectors();
  const m = bareMachine({ fastPaths, memBytes: 8 << 20 });
  const c = m.cpu;
  cases.forEach((k, idx) => m.mem.load(CODE + idx * 16, k.bytes));
  c.notifyPhysWrite(CODE, cases.length * 16);
  const fails: string[] = [];
  cases.forEach((k: AluCase, idx) => {
    for (const [name, n] of Object.entries(REG)) c.setReg(n, k.in[name as keyof typeof REG]);
    c.setReg(4, 0x80000n);
    c.setRflags(k.in.rflags);
    c.setRip(BigInt(CODE + idx * 16));
    c.run(1);
    const where = `${k.asm} [${k.hex}] in{rax=${hex(k.in.rax)} rbx=${hex(k.in.rbx)} rcx=${hex(k.in.rcx)} rdx=${hex(k.in.rdx)} fl=${hex(k.in.rflags)}}`;
    if (k.exception) {
      // delivered to the vector-0 handler, whose hlt then ran (delivery retires no instruction)
      if (c.getRip() !== BigInt(HANDLERS_BASE + 1)) fails.push(`${where}: expected #DE, rip=${hex(c.getRip())}`);
    } else if (c.getRip() !== BigInt(CODE + idx * 16 + k.bytes.length)) {
      fails.push(`${where}: unexpected rip ${hex(c.getRip())}`);
    }
    for (const [name, n] of Object.entries(REG)) {
      const want = k.out[name as keyof typeof REG], got = c.getReg(n);
      if (got !== want) fails.push(`${where}: ${name} ${hex(got)} != ${hex(want)}`);
    }
    const fl = c.getRflags();
    if (!k.exception && !flagsMatch(k, fl)) fails.push(`${where}: flags ${flagNames((fl ^ k.out.rflags) & k.definedMask)} differ (got ${hex(fl)} want ${hex(k.out.rflags)} mask ${hex(k.definedMask)})`);
  });
  return fails;
}

describe('hardware ALU vectors through the interpreter', () => {
  it('fast forms on', () => {
    const f = runAll(true);
    expect([f.length, ...f.slice(0, 12)]).toEqual([0]);
  });
  it('generic handlers only', () => {
    const f = runAll(false);
    expect([f.length, ...f.slice(0, 12)]).toEqual([0]);
  });
});
