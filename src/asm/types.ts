// The contract between the assembler's front end (preprocessor, parser,
// multi-pass driver) and the instruction encoder.

import type { RegInfo } from './registers.js';

/** Size in bytes given by a size word (`byte word dword qword tword oword`). */
export type OpSize = 1 | 2 | 4 | 8 | 10 | 16;

export interface RegOperand {
  kind: 'reg';
  reg: RegInfo;
  /** An explicit size word written before the register (`dword eax`): NASM accepts it when it matches. */
  size?: OpSize;
}

/**
 * An immediate, also the target of a relative branch (`jmp label`, `call x`,
 * `loop .l`): then `value` is the absolute target address.
 */
export interface ImmOperand {
  kind: 'imm';
  /** The value as a 64-bit two's-complement integer, in [-2^63, 2^64). */
  value: bigint;
  /** Explicit size word (`byte 5`, `dword x`, `qword y`). */
  size?: OpSize;
  /** `strict` was written: the size word must be honoured, no optimisation. */
  strict: boolean;
  /** `short`, `near` or `far` written before a branch target. */
  jump?: 'short' | 'near' | 'far';
  /**
   * The value involves the address of a label (NASM: it has a segment); a
   * difference of two labels or a plain number does not. NASM never shrinks
   * `mov r64, imm` for such a value (it stays imm64).
   */
  reloc: boolean;
  /**
   * The value is not known in this pass (a symbol not yet defined). The encoder
   * then picks the optimistic (smallest) form; the driver iterates to a fixed
   * point as NASM does.
   */
  unknown: boolean;
}

export interface MemOperand {
  kind: 'mem';
  /** Explicit size word before the bracket (`dword [rax]`). */
  size?: OpSize;
  /** `near` or `far` before an indirect branch's memory operand (`jmp far [rax]`). */
  jump?: 'short' | 'near' | 'far';
  base?: RegInfo;
  index?: RegInfo;
  scale: 1 | 2 | 4 | 8;
  /**
   * The displacement as a 64-bit value. For a RIP-relative operand it is the
   * absolute target address; the encoder subtracts the address of the next
   * instruction.
   */
  disp: bigint;
  /** A displacement term was written (`[rax+0]` has one, `[rax]` does not). */
  hasDisp: boolean;
  /** Size word written inside the brackets for the displacement: `[byte rax+4]`, `[dword rax+4]`, `[qword x]`. */
  dispSize?: 1 | 4 | 8;
  /** `rel` written, or `default rel` in force; `abs` written clears it. The encoder applies NASM's rules (a register base, or no label in the displacement, makes it absolute). */
  rel: boolean;
  /** `abs` written explicitly. */
  abs: boolean;
  /**
   * The `rel` keyword itself was written (not just `default rel`). NASM warns
   * when it is written on an address with registers, and under `default rel`
   * keeps `[fs:x]`/`[gs:x]` absolute unless it is written. Optional: when
   * absent, `rel` is taken as already final.
   */
  relWritten?: boolean;
  /** Segment override written as `[fs:rax]`. */
  seg?: RegInfo;
  /** The displacement involves a label address (see ImmOperand.reloc). */
  reloc: boolean;
  unknown: boolean;
}

export type Operand = RegOperand | ImmOperand | MemOperand;

export interface Instruction {
  /** Lower-case mnemonic, e.g. `mov`, `jnz`, `rep` is not here but in prefixes. */
  mnemonic: string;
  /** Lower-case prefixes in source order: `rep repe repz repne repnz lock o16 o32 o64 a32 a64`. */
  prefixes: string[];
  operands: Operand[];
}

export interface EncodeContext {
  /** Address of the first byte of this instruction (org + offset). */
  address: bigint;
  /** `default rel` is in force: an immediate used as an address (`lea rax, label`) is RIP-relative. */
  defaultRel?: boolean;
}

export type EncodeResult =
  | { ok: true; bytes: Uint8Array; warnings?: string[] }
  /** `operand` (0-based) points the caret at the offending operand when known. */
  | { ok: false; message: string; operand?: number };
