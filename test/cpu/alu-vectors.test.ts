// The hardware-captured ALU vectors (test/cpu/vectors/, recorded on a real Intel CPU) run through
// the interpreter: one instruction each, with the fast forms on and off. Compares every GPR the
// case lists and the defined flags; #DE cases must deliver vector 0 and leave the registers alone.
import { describe, it, expect } from 'vitest';
import { loadVectors, flagsMatch, flagNames, type AluCase } from './vectors/load.js';
import { bareMachine, HANDLERS_BASE } from './helpers/bare.js';

const REG = { rax: 0, rcx: 1, rdx: 2, rbx: 3 } as const;
const CODE = 0x100000;
const hex = (v: bigint | number) => '0x' + v.toString(16);

/**
 * blocks: each case's instruction is followed by `jmp $+2` and run twice; the first run compiles
 * [instruction, jmp] into a block (blockHot 1), the second runs the compiled block.
 */
function runAll(fastPaths: boolean, blocks = false): string[] {
  const cases = loadVectors();
  const m = bareMachine({ fastPaths, memBytes: 8 << 20, blockHot: blocks ? 1 : undefined });
  const c = m.cpu;
  cases.forEach((k, idx) => {
    m.mem.load(CODE + idx * 16, k.bytes);
    if (blocks) m.mem.load(CODE + idx * 16 + k.bytes.length, new Uint8Array([0xeb, 0x00]));
  });
  c.notifyPhysWrite(CODE, cases.length * 16);
  const fails: string[] = [];
  cases.forEach((k: AluCase, idx) => {
    for (let pass = blocks ? 2 : 1; pass > 0; pass--) {
      for (const [name, n] of Object.entries(REG)) c.setReg(n, k.in[name as keyof typeof REG]);
      c.setReg(4, 0x80000n);
      c.setRflags(k.in.rflags);
      c.setRip(BigInt(CODE + idx * 16));
      c.run(blocks && !k.exception ? 2 : 1);
    }
    const where = `${k.asm} [${k.hex}] in{rax=${hex(k.in.rax)} rbx=${hex(k.in.rbx)} rcx=${hex(k.in.rcx)} rdx=${hex(k.in.rdx)} fl=${hex(k.in.rflags)}}`;
    if (k.exception) {
      // delivered to the vector-0 handler, whose hlt then ran (delivery retires no instruction)
      if (c.getRip() !== BigInt(HANDLERS_BASE + 1)) fails.push(`${where}: expected #DE, rip=${hex(c.getRip())}`);
    } else if (c.getRip() !== BigInt(CODE + idx * 16 + k.bytes.length + (blocks ? 2 : 0))) {
      fails.push(`${where}: unexpected rip ${hex(c.getRip())}`);
    }
    for (const [name, n] of Object.entries(REG)) {
      const want = k.out[name as keyof typeof REG], got = c.getReg(n);
      if (got !== want) fails.push(`${where}: ${name} ${hex(got)} != ${hex(want)}`);
    }
    const fl = c.getRflags();
    if (!k.exception && !flagsMatch(k, fl)) fails.push(`${where}: flags ${flagNames((fl ^ k.out.rflags) & k.definedMask)} differ (got ${hex(fl)} want ${hex(k.out.rflags)} mask ${hex(k.definedMask)})`);
  });
  if (blocks && m.cpu.stats.blocks < 1500) fails.push(`only ${m.cpu.stats.blocks} blocks were compiled`);
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
  it('compiled blocks', () => {
    const f = runAll(true, true);
    expect([f.length, ...f.slice(0, 12)]).toEqual([0]);
  });
});
