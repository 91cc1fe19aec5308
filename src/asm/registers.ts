// The register file as the assembler, decoder and disassembler name it.
// `num` is the 4-bit register number split into ModRM/SIB (low 3 bits) and
// REX.R/X/B (bit 3).

export type RegClass = 'gpr' | 'cr' | 'seg' | 'rip';

export interface RegInfo {
  readonly name: string;
  readonly cls: RegClass;
  /** Operand size in bytes (1, 2, 4, 8). */
  readonly size: 1 | 2 | 4 | 8;
  /** Register number 0..15 (for ah..bh: 4..7 without REX). */
  readonly num: number;
  /** spl bpl sil dil and r8b..r15b / r8..r15 at any size: needs a REX prefix. */
  readonly needsRex: boolean;
  /** ah ch dh bh: cannot be encoded together with any REX prefix. */
  readonly high8: boolean;
}

const GPR64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'];
const GPR32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];
const GPR16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'];
const GPR8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'];
const HIGH8 = ['ah', 'ch', 'dh', 'bh'];
const SEG = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];

export const REGISTERS: ReadonlyMap<string, RegInfo> = (() => {
  const m = new Map<string, RegInfo>();
  const add = (name: string, cls: RegClass, size: 1 | 2 | 4 | 8, num: number, needsRex = false, high8 = false) =>
    m.set(name, { name, cls, size, num, needsRex, high8 });
  for (let i = 0; i < 16; i++) {
    const hi = i >= 8;
    add(hi ? `r${i}` : GPR64[i]!, 'gpr', 8, i, hi);
    add(hi ? `r${i}d` : GPR32[i]!, 'gpr', 4, i, hi);
    add(hi ? `r${i}w` : GPR16[i]!, 'gpr', 2, i, hi);
    add(hi ? `r${i}b` : GPR8[i]!, 'gpr', 1, i, hi || (i >= 4 && i < 8));
    // NASM also accepts r8l..r15l as aliases of r8b..r15b.
    if (hi) add(`r${i}l`, 'gpr', 1, i, true);
  }
  HIGH8.forEach((n, i) => add(n, 'gpr', 1, 4 + i, false, true));
  SEG.forEach((n, i) => add(n, 'seg', 2, i));
  for (const n of [0, 2, 3, 4, 8]) add(`cr${n}`, 'cr', 8, n, n >= 8);
  add('rip', 'rip', 8, 0);
  return m;
})();

export function lookupRegister(name: string): RegInfo | undefined {
  return REGISTERS.get(name.toLowerCase());
}

/** Names of the general registers by size and number, without REX quirks: for disassembly. */
export function gprName(size: 1 | 2 | 4 | 8, num: number, rex: boolean): string {
  if (size === 1 && !rex && num >= 4 && num < 8) return HIGH8[num - 4]!;
  if (num >= 8) return size === 8 ? `r${num}` : size === 4 ? `r${num}d` : size === 2 ? `r${num}w` : `r${num}b`;
  return (size === 8 ? GPR64 : size === 4 ? GPR32 : size === 2 ? GPR16 : GPR8)[num]!;
}
