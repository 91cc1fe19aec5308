// The handler table: one function per generic op id (Blink style). Every handler has the same
// signature (cpu, insn) => 0 (go on with the next instruction) | 1 (RIP was set, or fetch state may
// have changed: re-fetch). The specialised fast forms (Op.F_*) run inline in the interpreter loop;
// their table entries fall back to the generic handler of the same instruction.

import type { Cpu } from './cpu.js';
import { Insn, Op } from './insn.js';
import * as A from './exec-alu.js';
import * as M from './exec-mov.js';
import * as C from './exec-ctrl.js';
import { stringOp } from './exec-string.js';
import * as S from './exec-system.js';
import { CpuFault, VEC_UD } from './exceptions.js';

export type Handler = (c: Cpu, i: Insn) => number;

const undef: Handler = () => { throw new CpuFault(VEC_UD); };

export const HANDLERS: Handler[] = new Array(Op.COUNT).fill(undef);
const H = HANDLERS;
H[Op.UD] = undef;
H[Op.MOV_EG] = M.movEG; H[Op.MOV_GE] = M.movGE; H[Op.MOV_EI] = M.movEI;
H[Op.MOVZX] = M.movzx; H[Op.MOVSX] = M.movsx; H[Op.MOVSXD] = M.movsxd; H[Op.LEA] = M.lea; H[Op.XCHG] = M.xchg;
H[Op.MOV_E_SEG] = M.movESeg; H[Op.MOV_SEG_E] = M.movSegE; H[Op.MOV_R_CR] = S.movRCr; H[Op.MOV_CR_R] = S.movCrR;
H[Op.PUSH_R] = M.pushR; H[Op.POP_R] = M.popR; H[Op.PUSH_I] = M.pushI; H[Op.PUSH_E] = M.pushE; H[Op.POP_E] = M.popE;
H[Op.PUSHF] = M.pushf; H[Op.POPF] = M.popf; H[Op.LEAVE] = M.leave;
H[Op.CMOV] = M.cmov; H[Op.SETCC] = M.setcc; H[Op.BSWAP] = M.bswap; H[Op.CONV_A] = A.convA; H[Op.CONV_D] = A.convD;
H[Op.ALU_EG] = A.aluEG; H[Op.ALU_GE] = A.aluGE; H[Op.ALU_EI] = A.aluEI;
H[Op.INC] = (c, i) => A.incDec(c, i, false); H[Op.DEC] = (c, i) => A.incDec(c, i, true);
H[Op.NEG] = A.neg; H[Op.NOT] = A.not;
H[Op.MUL] = (c, i) => A.mul(c, i, false); H[Op.IMUL1] = (c, i) => A.mul(c, i, true);
H[Op.IMUL2] = (c, i) => A.imulN(c, i, false); H[Op.IMUL3] = (c, i) => A.imulN(c, i, true);
H[Op.DIV] = (c, i) => A.div(c, i, false); H[Op.IDIV] = (c, i) => A.div(c, i, true);
H[Op.SHIFT] = A.shift; H[Op.BT] = A.bt; H[Op.BSF] = (c, i) => A.bsfBsr(c, i, false); H[Op.BSR] = (c, i) => A.bsfBsr(c, i, true);
H[Op.JCC] = C.jcc; H[Op.JMP_REL] = C.jmpRel; H[Op.JMP_E] = C.jmpE; H[Op.CALL_REL] = C.callRel; H[Op.CALL_E] = C.callE;
H[Op.RET] = C.ret; H[Op.LOOP] = C.loop;
H[Op.MOVS] = stringOp; H[Op.STOS] = stringOp; H[Op.LODS] = stringOp; H[Op.CMPS] = stringOp; H[Op.SCAS] = stringOp;
H[Op.HLT] = S.hlt; H[Op.IN] = (c, i) => S.inOut(c, i, true); H[Op.OUT] = (c, i) => S.inOut(c, i, false);
H[Op.CPUID] = S.cpuid; H[Op.RDTSC] = S.rdtsc; H[Op.RDMSR] = S.rdmsr; H[Op.WRMSR] = S.wrmsr;
H[Op.INVLPG] = S.invlpg; H[Op.INVPCID] = S.invpcid;
H[Op.LGDT] = (c, i) => S.lgdtLidt(c, i, false); H[Op.LIDT] = (c, i) => S.lgdtLidt(c, i, true);
H[Op.SGDT] = (c, i) => S.sgdtSidt(c, i, false); H[Op.SIDT] = (c, i) => S.sgdtSidt(c, i, true);
H[Op.IRETQ] = C.iretq;
H[Op.CLI] = (c) => S.flagOp(c, 'cli'); H[Op.STI] = (c) => S.flagOp(c, 'sti'); H[Op.CLC] = (c) => S.flagOp(c, 'clc');
H[Op.STC] = (c) => S.flagOp(c, 'stc'); H[Op.CMC] = (c) => S.flagOp(c, 'cmc'); H[Op.CLD] = (c) => S.flagOp(c, 'cld');
H[Op.STD] = (c) => S.flagOp(c, 'std');
H[Op.INT3] = C.int3; H[Op.INT] = C.intN; H[Op.NOP] = () => 0; H[Op.UD2] = S.ud; H[Op.VMCALL] = S.vmcall;
// fast forms: same as their generic op
for (let op = Op.F_ALU64_RR; op < Op.COUNT; op++) H[op] = (c, i) => HANDLERS[i.gop]!(c, i);
