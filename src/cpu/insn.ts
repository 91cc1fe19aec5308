// The decoded form of one instruction. Every decoded instruction is an object of this one class
// (a monomorphic shape for the interpreter's hot loop); it is created once when its bytes are first
// executed and cached with the physical page that holds its first byte (see codecache.ts).

import type { OperandSpec } from './tables.js';
import type { BlockFn } from './blocks.js';

/** Execution handler ids (`Insn.op`). Small integers: the interpreter switches on them. */
export const enum Op {
  UD = 0,
  // data movement
  MOV_EG, MOV_GE, MOV_EI, MOVZX, MOVSX, MOVSXD, LEA, XCHG,
  MOV_E_SEG, MOV_SEG_E, MOV_R_CR, MOV_CR_R,
  PUSH_R, POP_R, PUSH_I, PUSH_E, POP_E, PUSHF, POPF, LEAVE,
  CMOV, SETCC, BSWAP, CONV_A, CONV_D,
  // arithmetic and logic
  ALU_EG, ALU_GE, ALU_EI, INC, DEC, NEG, NOT, MUL, IMUL1, IMUL2, IMUL3, DIV, IDIV,
  SHIFT, BT, BSF, BSR,
  // control transfer
  JCC, JMP_REL, JMP_E, CALL_REL, CALL_E, RET, LOOP,
  // strings
  MOVS, STOS, LODS, CMPS, SCAS,
  // system
  HLT, IN, OUT, CPUID, RDTSC, RDMSR, WRMSR, INVLPG, INVPCID, LGDT, LIDT, SGDT, SIDT, IRETQ,
  CLI, STI, CLC, STC, CMC, CLD, STD, INT3, INT, NOP, UD2, VMCALL,
  // specialised fast forms chosen by specialize() (same semantics as the generic op they replace)
  F_ALU64_RR, F_ALU64_RI, F_ALU32_RR, F_ALU32_RI, F_MOV64_RR, F_MOV32_RR, F_MOV64_RM, F_MOV64_MR,
  F_MOV32_RM, F_MOV32_MR, F_MOV_RI, F_INC64_R, F_DEC64_R, F_DEC32_R, F_INC32_R,
  F_SHIFT64_RI, F_JCC, F_JMP, F_CALL, F_RET, F_PUSH_R, F_POP_R, F_LEA64, F_TEST64_RR, F_TEST32_RR,
  COUNT,
}

/** ALU kinds (`Insn.sub` for ALU_*): the ModRM.reg order of group 1, plus TEST. */
export const enum Alu { ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7, TEST = 8 }

/** Shift kinds (`Insn.sub` for SHIFT): the ModRM.reg order of group 2. */
export const enum Sh { ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAL = 6, SAR = 7 }

/** Where a shift count comes from (`Insn.sub2` for SHIFT). */
export const enum ShCount { ONE = 0, IMM = 1, CL = 2 }

/** Rep prefix kinds (`Insn.rep`). */
export const enum Rep { NONE = 0, REPE = 1, REPNE = 2 }

/** Segment register numbers (ModRM.reg order of MOV Sreg). */
export const SEG_ES = 0, SEG_CS = 1, SEG_SS = 2, SEG_DS = 3, SEG_FS = 4, SEG_GS = 5;

/** `Insn.base` value for RIP-relative addressing. */
export const BASE_RIP = 16;

export class Insn {
  /** Execution handler (Op). */
  op: number = Op.UD;
  /** The generic op before specialisation (what the disassembler and the slow path see). */
  gop: number = Op.UD;
  /** Family detail: ALU kind, shift kind, condition code, string/loop kind... */
  sub = 0;
  sub2 = 0;
  /** Operand size in bytes: 1, 2, 4, 8. */
  osz = 4;
  /** Address size in bytes: 4 (0x67 prefix) or 8. */
  asz = 8;
  /** Length in bytes. */
  len = 0;
  /** ModRM.mod == 3 (the E operand is a register) or no memory operand at all. */
  mod3 = true;
  /** G operand register (ModRM.reg | REX.R), or the register in the opcode's low bits. For 8-bit operands: see breg(). */
  reg = 0;
  /** E operand register when mod3 (ModRM.rm | REX.B). */
  rm = 0;
  /** Memory operand: base register (0..15), BASE_RIP, or -1; index register or -1; scale as a shift count. */
  base = -1;
  index = -1;
  scale = 0;
  /** Displacement, sign-extended: low and high 32 bits (high only nonzero for moffs). */
  disp = 0;
  dispHi = 0;
  /** Size in bytes of the displacement field as encoded (0, 1, 4, 8): the disassembler prints it. */
  dispSize = 0;
  /** Segment override (SEG_*) or -1. Only FS and GS have a base in 64-bit mode. */
  seg = -1;
  /** Immediate, sign- or zero-extended to 64 bits as the instruction defines (lo, hi halves). */
  imm = 0;
  immHi = 0;
  /** Rep prefix (Rep). */
  rep = 0;
  lock = false;
  /** A REX prefix was present (selects spl..dil instead of ah..bh). */
  rex = 0;
  /** An operand-size prefix (0x66) was present. */
  p66 = false;
  /** For a relative branch: the displacement (target = next RIP + rel). */
  rel = 0;
  /** Mnemonic for the disassembler. */
  mn = '';
  /** Operand specs from the opcode table (disassembler). */
  spec: readonly OperandSpec[] = NO_SPEC;
  /** The instruction's bytes (error messages, disassembly listings). */
  bytes: Uint8Array = EMPTY;
  /** Instruction ends a run of straight-line code (a branch or anything that may change the fetch mapping). */
  ends = false;
  /** Fast forms: destination and source register indices into Cpu.R (register number * 2). */
  d = 0;
  s = 0;
  /** Compiled block starting at this instruction (blocks.ts), its instruction count and page offsets. */
  blk: BlockFn | null = null;
  blkN = 0;
  blkOffs: Int16Array | null = null;
  /** Executions counted by the interpreter before a block is compiled (negative: do not try). */
  hot = 0;
}

export const NO_SPEC: readonly OperandSpec[] = [];
const EMPTY = new Uint8Array(0);
