// Runs a NASM snippet as a guest: `bits 64`, `default abs`, `org 0x100000` are prepended; the
// machine boots by the boot protocol (test MMU) and runs until it stops.
import { Machine, type RunResult } from '../../../src/cpu/machine.js';
import { testMmuFactory } from './test-mmu.js';

/** How the CPU is set up: fast forms on/off, the real MMU or the test MMU (+ the CPU's own translation caches). */
export interface CpuMode { fastPaths?: boolean; testMmu?: boolean; fastTlb?: boolean; blocks?: boolean; blockHot?: number }
export const CPU_MODES: [string, CpuMode][] = [
  ['fast forms, no blocks, native MMU', { fastPaths: true, blocks: false }],
  ['generic handlers, native MMU', { fastPaths: false }],
  ['blocks compiled at once, native MMU', { fastPaths: true, blockHot: 1 }],
  ['blocks compiled at once, test MMU, CPU TLB cache', { fastPaths: true, blockHot: 1, testMmu: true, fastTlb: true }],
];
import { nasm } from './tools.js';

export interface SnippetRun { m: Machine; r: RunResult; reg(n: number | string): bigint; flags: number }

const NAMES = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

export function assemble(src: string): Uint8Array {
  return nasm(`bits 64\ndefault abs\norg 0x100000\n${src}\n`);
}

export function runSnippet(src: string, opts: CpuMode & { maxInsns?: number; guestLevels?: 4 | 5; memBytes?: number } = {}): SnippetRun {
  const image = assemble(src);
  const m = new Machine({ image, mmuFactory: opts.testMmu ? testMmuFactory : undefined, fastTlb: opts.fastTlb, fastPaths: opts.fastPaths, blocks: opts.blocks, blockHot: opts.blockHot, guestLevels: opts.guestLevels, memBytes: opts.memBytes ?? 16 << 20 });
  const r = m.run({ maxInsns: opts.maxInsns ?? 1_000_000 });
  return { m, r, reg: (n) => m.cpu.getReg(typeof n === 'number' ? n : NAMES.indexOf(n)), flags: m.cpu.getRflags() };
}
