// Block compiler: a run of hot straight-line instructions of one page (the interpreter's fast forms:
// register ALU, moves, simple loads/stores, inc/dec, shifts by immediate, lea, push/pop), ending at
// a jcc/jmp or at the first instruction it does not handle, becomes ONE JavaScript function
// (`new Function`), which V8 compiles to machine code. Semantics are those of the interpreter's
// fast forms, with two block-level improvements:
//   * flags: a flag result that a later instruction of the block overwrites before anything can read
//     it (a jcc, adc/sbb/inc/dec, a memory access that may fault, the block's end) is not stored;
//   * conditions: a jcc (and the carry of adc/sbb/inc/dec) whose flags come from an instruction of
//     the same block is computed from that instruction's operands directly (e.g. `dec rcx; jnz` is a
//     test of the result against 0), not through the lazy-flags record.
// Other data instructions (memory-operand ALU, SIB moves, imul, movzx, ...) are called through the
// interpreter's generic handler from inside the block, treated as reading and writing every flag.
// Exceptions stay precise: the function records the index of the instruction that may fault, and
// register/memory state is committed instruction by instruction. A store that hits a page with
// decoded code (self-modifying code) ends the block after that store.
// The interpreter calls a block only when the whole block fits in the instruction limit.

import { Insn, Op, Alu, Sh, BASE_RIP } from './insn.js';
import { getCF, cond, materialize, PARITY, LF_ADD, LF_ADC, LF_SUB, LF_SBB, LF_LOGIC, LF_INC, LF_DEC, LF_SHL, LF_SHR, LF_SAR } from './flags.js';

export type BlockFn = (c: BlockCpu, R: Int32Array) => number;

/** What generated code touches on the CPU. */
export interface BlockCpu {
  lfOp: number; lfSz: number; lfDLo: number; lfDHi: number; lfSLo: number; lfSHi: number; lfRLo: number; lfRHi: number; lfCin: number;
  flags: number; th: number;
  /** index of the instruction that faulted inside a block (set by the block's catch) */
  bfIdx: number;
  /** instructions executed when a block ended early (self-modifying code), else -1 */
  bcount: number;
  /** set when decoded code was invalidated */
  smc: number;
  rd(sz: number, lo: number, hi: number): number;
  wr(sz: number, lo: number, hi: number, vlo: number, vhi: number): void;
  push64(lo: number, hi: number): void;
  pop64(): number;
}

export const MAX_BLOCK = 48;

const COMPILABLE = new Set<number>([
  Op.F_ALU64_RR, Op.F_ALU64_RI, Op.F_ALU32_RR, Op.F_ALU32_RI, Op.F_TEST64_RR, Op.F_TEST32_RR,
  Op.F_MOV64_RR, Op.F_MOV32_RR, Op.F_MOV_RI, Op.F_MOV64_RM, Op.F_MOV32_RM, Op.F_MOV64_MR, Op.F_MOV32_MR,
  Op.F_INC64_R, Op.F_DEC64_R, Op.F_INC32_R, Op.F_DEC32_R, Op.F_SHIFT64_RI, Op.F_LEA64, Op.F_JCC, Op.F_JMP,
  Op.F_PUSH_R, Op.F_POP_R,
]);

/**
 * Generic instructions a block runs by calling their handler: each always returns 0 and touches only
 * registers, flags and memory (never RIP, CR registers or the instruction count). RIP-relative
 * operands are left out: the handler would read RIP.
 */
const EMBEDDABLE = new Set<number>([
  Op.MOV_EG, Op.MOV_GE, Op.MOV_EI, Op.MOVZX, Op.MOVSX, Op.MOVSXD, Op.LEA, Op.XCHG, Op.CMOV, Op.SETCC, Op.BSWAP,
  Op.CONV_A, Op.CONV_D, Op.ALU_EG, Op.ALU_GE, Op.ALU_EI, Op.INC, Op.DEC, Op.NEG, Op.NOT, Op.MUL, Op.IMUL1,
  Op.IMUL2, Op.IMUL3, Op.DIV, Op.IDIV, Op.SHIFT, Op.BT, Op.BSF, Op.BSR, Op.NOP,
]);

export function embeddable(ins: Insn): boolean {
  return EMBEDDABLE.has(ins.op) && ins.base !== BASE_RIP;
}

export function compilable(ins: Insn): boolean {
  return COMPILABLE.has(ins.op) || embeddable(ins);
}

const FAULTING = new Set<number>([Op.F_MOV64_RM, Op.F_MOV32_RM, Op.F_MOV64_MR, Op.F_MOV32_MR, Op.F_PUSH_R, Op.F_POP_R]);
const STORES = new Set<number>([Op.F_MOV64_MR, Op.F_MOV32_MR, Op.F_PUSH_R]);

/** A flag producer known at compile time: JS expressions of its operands and result. */
interface Prod { kind: number; sz: number; dl: string; dh: string; sl: string; sh: string; rl: string; rh: string; cin: string }

function ltu(sz: number, al: string, ah: string, bl: string, bh: string): string {
  return sz === 8 ? `((${ah}>>>0) < (${bh}>>>0) || (${ah} === ${bh} && (${al}>>>0) < (${bl}>>>0)))` : `((${al}>>>0) < (${bl}>>>0))`;
}
function eq(sz: number, al: string, ah: string, bl: string, bh: string): string {
  return sz === 8 ? `(${al} === ${bl} && ${ah} === ${bh})` : `(${al} === ${bl})`;
}
function cfExpr(p: Prod): string {
  switch (p.kind) {
    case LF_ADD: return ltu(p.sz, p.rl, p.rh, p.dl, p.dh);
    case LF_ADC: return `(${ltu(p.sz, p.rl, p.rh, p.dl, p.dh)} || (${p.cin} !== 0 && ${eq(p.sz, p.rl, p.rh, p.dl, p.dh)}))`;
    case LF_SUB: return ltu(p.sz, p.dl, p.dh, p.sl, p.sh);
    case LF_SBB: return `(${ltu(p.sz, p.dl, p.dh, p.sl, p.sh)} || (${p.cin} !== 0 && ${eq(p.sz, p.dl, p.dh, p.sl, p.sh)}))`;
    case LF_INC: case LF_DEC: return `(${p.cin} !== 0)`;
    default: return 'false';
  }
}
const hiOr = (p: Prod, h: string, l: string) => (p.sz === 8 ? h : l);
function zfExpr(p: Prod): string { return p.sz === 8 ? `((${p.rl} | ${p.rh}) === 0)` : `(${p.rl} === 0)`; }
function sfExpr(p: Prod): string { return `(${hiOr(p, p.rh, p.rl)} < 0)`; }
function ofExpr(p: Prod): string {
  const d = hiOr(p, p.dh, p.dl), s = hiOr(p, p.sh, p.sl), r = hiOr(p, p.rh, p.rl);
  switch (p.kind) {
    case LF_ADD: case LF_ADC: case LF_INC: return `(((${d} ^ ${r}) & (${s} ^ ${r})) < 0)`;
    case LF_SUB: case LF_SBB: case LF_DEC: return `(((${d} ^ ${s}) & (${d} ^ ${r})) < 0)`;
    default: return 'false';
  }
}
function ccExpr(p: Prod, cc: number): string {
  let e: string;
  const signedLt = p.kind === LF_SUB
    ? (p.sz === 8 ? `(${p.dh} < ${p.sh} || (${p.dh} === ${p.sh} && (${p.dl}>>>0) < (${p.sl}>>>0)))` : `(${p.dl} < ${p.sl})`)
    : `(${sfExpr(p)} !== ${ofExpr(p)})`;
  switch (cc >> 1) {
    case 0: e = ofExpr(p); break;
    case 1: e = cfExpr(p); break;
    case 2: e = zfExpr(p); break;
    case 3: e = `(${cfExpr(p)} || ${zfExpr(p)})`; break;
    case 4: e = sfExpr(p); break;
    case 5: e = `(P[${p.rl} & 255] === 1)`; break;
    case 6: e = signedLt; break;
    default: e = `(${zfExpr(p)} || ${signedLt})`; break;
  }
  return cc & 1 ? `!${e}` : e;
}

export interface CompiledBlock { fn: BlockFn; count: number; offs: Int16Array }

/**
 * Compiles the block starting with `first` at page offset `start`. `next(off)` returns the decoded
 * instruction at a page offset, or null when it should not be part of a block (page end, not decodable
 * without touching another page).
 */
export interface BlockEnv {
  fastTlb: boolean;
  TR: Float64Array; TRP: Int32Array; TW: Float64Array; TWP: Int32Array; DV: DataView;
  /** the MMU (exact-TLB mode: one translate per access, inlined here), RAM size, code pages by PPN */
  M: { translate(lo: number, hi: number, access: number): number };
  SIZE: number;
  CP: unknown[];
  /** CR4.LA57 decides the canonical check (it cannot change in IA-32e mode) */
  la57: boolean;
  /** the interpreter's handlers by op (for embedded generic instructions) */
  H: readonly ((c: never, i: Insn) => number)[];
}

export function compileBlock(first: Insn, start: number, next: (off: number) => Insn | null, env: BlockEnv): CompiledBlock | null {
  const fastTlb = env.fastTlb;
  const canon = (h: string) => (env.la57 ? `((${h} << 7) >> 7) === ${h}` : `((${h} << 16) >> 16) === ${h}`);
  const list: Insn[] = [];
  const offs: number[] = [];
  let off = start;
  let ins: Insn | null = first;
  while (ins && compilable(ins) && list.length < MAX_BLOCK) {
    list.push(ins);
    offs.push(off);
    off += ins.len;
    if (ins.op === Op.F_JCC || ins.op === Op.F_JMP || off >= 4096) break;
    ins = next(off);
  }
  if (list.length === 0) return null;
  const n = list.length;

  // forward: which flag readers see a producer of this block
  const prodAt: (Prod | null)[] = new Array(n).fill(null); // producer visible to instruction i
  const staticRead: boolean[] = new Array(n).fill(false);
  let prod: Prod | null = null;
  const prods: (Prod | null)[] = new Array(n).fill(null);
  for (let i = 0; i < n; i++) {
    const x = list[i]!;
    prodAt[i] = prod;
    const v = (s: string) => `${s}${i}`;
    switch (x.op) {
      case Op.F_ALU64_RR: case Op.F_ALU64_RI: case Op.F_ALU32_RR: case Op.F_ALU32_RI: case Op.F_TEST64_RR: case Op.F_TEST32_RR: {
        const sz = x.op === Op.F_ALU64_RR || x.op === Op.F_ALU64_RI || x.op === Op.F_TEST64_RR ? 8 : 4;
        const k = x.sub;
        if (k === Alu.ADC || k === Alu.SBB) staticRead[i] = prod !== null;
        const kind = k === Alu.ADD ? LF_ADD : k === Alu.ADC ? LF_ADC : k === Alu.SUB || k === Alu.CMP ? LF_SUB : k === Alu.SBB ? LF_SBB : LF_LOGIC;
        prod = { kind, sz, dl: v('dl'), dh: sz === 8 ? v('dh') : '0', sl: v('sl'), sh: sz === 8 ? v('sh') : '0', rl: v('rl'), rh: sz === 8 ? v('rh') : '0', cin: v('ci') };
        break;
      }
      case Op.F_INC64_R: case Op.F_DEC64_R: case Op.F_INC32_R: case Op.F_DEC32_R: {
        const sz = x.op === Op.F_INC64_R || x.op === Op.F_DEC64_R ? 8 : 4;
        staticRead[i] = prod !== null;
        const kind = x.op === Op.F_INC64_R || x.op === Op.F_INC32_R ? LF_INC : LF_DEC;
        prod = { kind, sz, dl: v('dl'), dh: sz === 8 ? v('dh') : '0', sl: '1', sh: '0', rl: v('rl'), rh: sz === 8 ? v('rh') : '0', cin: v('ci') };
        break;
      }
      case Op.F_SHIFT64_RI: prod = null; break;
      case Op.F_JCC: staticRead[i] = prod !== null; break;
      default: if (!COMPILABLE.has(x.op)) prod = null; // an embedded generic instruction: flags unknown
    }
    prods[i] = prod;
  }

  // backward: does instruction i have to store its flags into the lazy record?
  const store: boolean[] = new Array(n).fill(false);
  let live = true;
  for (let i = n - 1; i >= 0; i--) {
    const x = list[i]!;
    const writes = x.op === Op.F_ALU64_RR || x.op === Op.F_ALU64_RI || x.op === Op.F_ALU32_RR || x.op === Op.F_ALU32_RI ||
      x.op === Op.F_TEST64_RR || x.op === Op.F_TEST32_RR || x.op === Op.F_INC64_R || x.op === Op.F_DEC64_R ||
      x.op === Op.F_INC32_R || x.op === Op.F_DEC32_R || (x.op === Op.F_SHIFT64_RI && x.sub !== Sh.ROL && x.sub !== Sh.ROR);
    if (writes) { store[i] = live; live = false; }
    const readsCF = ((x.op === Op.F_ALU64_RR || x.op === Op.F_ALU64_RI || x.op === Op.F_ALU32_RR || x.op === Op.F_ALU32_RI) && (x.sub === Alu.ADC || x.sub === Alu.SBB)) ||
      x.op === Op.F_INC64_R || x.op === Op.F_DEC64_R || x.op === Op.F_INC32_R || x.op === Op.F_DEC32_R;
    if ((readsCF || x.op === Op.F_JCC) && !staticRead[i]) live = true;
    // rol/ror change CF and OF and keep the others: when nothing reads them before they are
    // overwritten, nothing is done; otherwise the record is materialised (which reads it)
    if (x.op === Op.F_SHIFT64_RI && (x.sub === Sh.ROL || x.sub === Sh.ROR)) { store[i] = live; if (live) live = true; }
    if (FAULTING.has(x.op) || !COMPILABLE.has(x.op)) live = true; // (a generic one may also read any flag)
  }

  const L: string[] = [];
  const emit = (s: string) => L.push(s);
  const lazy = (i: number, kind: number, sz: number, p: Prod, cin?: string) => {
    if (!store[i]) return;
    emit(`c.lfOp = ${kind}; c.lfSz = ${sz}; c.lfDLo = ${p.dl}; c.lfDHi = ${p.dh}; c.lfSLo = ${p.sl}; c.lfSHi = ${p.sh}; c.lfRLo = ${p.rl}; c.lfRHi = ${p.rh};${cin ? ` c.lfCin = ${cin};` : ''}`);
  };
  const carryIn = (i: number) => (staticRead[i] ? `(${cfExpr(prodAt[i]!)} ? 1 : 0)` : 'getCF(c)');
  const addr = (i: number, b: number, disp: number) =>
    `let lo${i} = (R[${b}] >>> 0) + ${disp}, hi${i} = R[${b + 1}];` +
    ` if (lo${i} >= 4294967296) { lo${i} -= 4294967296; hi${i} = (hi${i} + 1) | 0; } else if (lo${i} < 0) { lo${i} += 4294967296; hi${i} = (hi${i} - 1) | 0; }`;
  let tail = `return ${off};`;

  for (let i = 0; i < n; i++) {
    const x = list[i]!, p = prods[i]!, after = offs[i]! + x.len;
    const d = x.d, s = x.s;
    switch (x.op) {
      case Op.F_ALU64_RR: case Op.F_ALU64_RI: case Op.F_TEST64_RR: {
        const k = x.op === Op.F_TEST64_RR ? Alu.TEST : x.sub;
        emit(`const dl${i} = R[${d}], dh${i} = R[${d + 1}];`);
        if (x.op === Op.F_ALU64_RI) emit(`const sl${i} = ${x.imm | 0}, sh${i} = ${x.immHi | 0};`);
        else emit(`const sl${i} = R[${s}], sh${i} = R[${s + 1}];`);
        switch (k) {
          case Alu.ADD: emit(`const rl${i} = (dl${i} + sl${i}) | 0, rh${i} = (dh${i} + sh${i} + ((rl${i} >>> 0) < (dl${i} >>> 0) ? 1 : 0)) | 0;`); break;
          case Alu.ADC: emit(`const ci${i} = ${carryIn(i)}; const t${i} = (dl${i} >>> 0) + (sl${i} >>> 0) + ci${i}; const rl${i} = t${i} | 0, rh${i} = (dh${i} + sh${i} + (t${i} >= 4294967296 ? 1 : 0)) | 0;`); break;
          case Alu.SUB: case Alu.CMP: emit(`const rl${i} = (dl${i} - sl${i}) | 0, rh${i} = (dh${i} - sh${i} - ((dl${i} >>> 0) < (sl${i} >>> 0) ? 1 : 0)) | 0;`); break;
          case Alu.SBB: emit(`const ci${i} = ${carryIn(i)}; const t${i} = (dl${i} >>> 0) - (sl${i} >>> 0) - ci${i}; const rl${i} = t${i} | 0, rh${i} = (dh${i} - sh${i} - (t${i} < 0 ? 1 : 0)) | 0;`); break;
          case Alu.AND: case Alu.TEST: emit(`const rl${i} = dl${i} & sl${i}, rh${i} = dh${i} & sh${i};`); break;
          case Alu.OR: emit(`const rl${i} = dl${i} | sl${i}, rh${i} = dh${i} | sh${i};`); break;
          default: emit(`const rl${i} = dl${i} ^ sl${i}, rh${i} = dh${i} ^ sh${i};`); break;
        }
        if (k !== Alu.CMP && k !== Alu.TEST) emit(`R[${d}] = rl${i}; R[${d + 1}] = rh${i};`);
        lazy(i, p.kind, 8, p, k === Alu.ADC || k === Alu.SBB ? `ci${i}` : undefined);
        break;
      }
      case Op.F_ALU32_RR: case Op.F_ALU32_RI: case Op.F_TEST32_RR: {
        const k = x.op === Op.F_TEST32_RR ? Alu.TEST : x.sub;
        emit(`const dl${i} = R[${d}];`);
        emit(x.op === Op.F_ALU32_RI ? `const sl${i} = ${x.imm | 0};` : `const sl${i} = R[${s}];`);
        switch (k) {
          case Alu.ADD: emit(`const rl${i} = (dl${i} + sl${i}) | 0;`); break;
          case Alu.ADC: emit(`const ci${i} = ${carryIn(i)}; const rl${i} = (dl${i} + sl${i} + ci${i}) | 0;`); break;
          case Alu.SUB: case Alu.CMP: emit(`const rl${i} = (dl${i} - sl${i}) | 0;`); break;
          case Alu.SBB: emit(`const ci${i} = ${carryIn(i)}; const rl${i} = (dl${i} - sl${i} - ci${i}) | 0;`); break;
          case Alu.AND: case Alu.TEST: emit(`const rl${i} = dl${i} & sl${i};`); break;
          case Alu.OR: emit(`const rl${i} = dl${i} | sl${i};`); break;
          default: emit(`const rl${i} = dl${i} ^ sl${i};`); break;
        }
        if (k !== Alu.CMP && k !== Alu.TEST) emit(`R[${d}] = rl${i}; R[${d + 1}] = 0;`);
        lazy(i, p.kind, 4, p, k === Alu.ADC || k === Alu.SBB ? `ci${i}` : undefined);
        break;
      }
      case Op.F_MOV64_RR: emit(`R[${d}] = R[${s}]; R[${d + 1}] = R[${s + 1}];`); break;
      case Op.F_MOV32_RR: emit(`R[${d}] = R[${s}]; R[${d + 1}] = 0;`); break;
      case Op.F_MOV_RI: emit(`R[${d}] = ${x.imm | 0}; R[${d + 1}] = ${x.immHi | 0};`); break;
      case Op.F_MOV64_RM: case Op.F_MOV32_RM: {
        const sz = x.op === Op.F_MOV64_RM ? 8 : 4;
        emit(`k = ${i}; ${addr(i, s, x.disp)}`);
        if (fastTlb) {
          emit(`const vp${i} = lo${i} >>> 12, ti${i} = vp${i} & 255; let v${i}, w${i} = 0;`);
          emit(`if (TR[ti${i}] === hi${i} * 1048576 + vp${i} && (lo${i} & 0xfff) <= 4088) { const pa = TRP[ti${i}] + (lo${i} & 0xfff); v${i} = DV.getInt32(pa, true);${sz === 8 ? ` w${i} = DV.getInt32(pa + 4, true);` : ''} }`);
          emit(`else { v${i} = c.rd(${sz}, lo${i}, hi${i});${sz === 8 ? ` w${i} = c.th;` : ''} }`);
          emit(`R[${d}] = v${i}; R[${d + 1}] = w${i};`);
        } else {
          // exact TLB: the MMU sees this access (its TLB front cache is the hit path)
          emit(`let pa${i} = -1; if (${canon(`hi${i}`)} && (lo${i} & 0xfff) <= 4088) { pa${i} = M.translate(lo${i} >>> 0, hi${i}, 0); if (pa${i} + 8 > SIZE) pa${i} = -1; }`);
          emit(`if (pa${i} >= 0) { R[${d}] = DV.getInt32(pa${i}, true); R[${d + 1}] = ${sz === 8 ? `DV.getInt32(pa${i} + 4, true)` : '0'}; }`);
          emit(`else { R[${d}] = c.rd(${sz}, lo${i}, hi${i}); R[${d + 1}] = ${sz === 8 ? 'c.th' : '0'}; }`);
        }
        break;
      }
      case Op.F_MOV64_MR: case Op.F_MOV32_MR: {
        const sz = x.op === Op.F_MOV64_MR ? 8 : 4;
        emit(`k = ${i}; ${addr(i, d, x.disp)}`);
        if (fastTlb) {
          emit(`const vp${i} = lo${i} >>> 12, ti${i} = vp${i} & 255;`);
          emit(`if (TW[ti${i}] === hi${i} * 1048576 + vp${i} && (lo${i} & 0xfff) <= 4088) { const pa = TWP[ti${i}] + (lo${i} & 0xfff); DV.setInt32(pa, R[${s}], true);${sz === 8 ? ` DV.setInt32(pa + 4, R[${s + 1}], true);` : ''} }`);
          emit(`else c.wr(${sz}, lo${i}, hi${i}, R[${s}], R[${s + 1}]);`);
        } else {
          emit(`let pa${i} = -1; if (${canon(`hi${i}`)} && (lo${i} & 0xfff) <= 4088) { pa${i} = M.translate(lo${i} >>> 0, hi${i}, 1); if (pa${i} + 8 > SIZE || CP[pa${i} >>> 12] !== undefined) pa${i} = -1; }`);
          emit(`if (pa${i} >= 0) { DV.setInt32(pa${i}, R[${s}], true);${sz === 8 ? ` DV.setInt32(pa${i} + 4, R[${s + 1}], true);` : ''} }`);
          emit(`else c.wr(${sz}, lo${i}, hi${i}, R[${s}], R[${s + 1}]);`);
        }
        break;
      }
      case Op.F_INC64_R: case Op.F_DEC64_R: {
        const inc = x.op === Op.F_INC64_R;
        emit(`const ci${i} = ${carryIn(i)}; const dl${i} = R[${d}], dh${i} = R[${d + 1}];`);
        emit(inc ? `const rl${i} = (dl${i} + 1) | 0, rh${i} = rl${i} === 0 ? (dh${i} + 1) | 0 : dh${i};`
          : `const rl${i} = (dl${i} - 1) | 0, rh${i} = dl${i} === 0 ? (dh${i} - 1) | 0 : dh${i};`);
        emit(`R[${d}] = rl${i}; R[${d + 1}] = rh${i};`);
        lazy(i, p.kind, 8, p, `ci${i}`);
        break;
      }
      case Op.F_INC32_R: case Op.F_DEC32_R: {
        const inc = x.op === Op.F_INC32_R;
        emit(`const ci${i} = ${carryIn(i)}; const dl${i} = R[${d}]; const rl${i} = (dl${i} ${inc ? '+' : '-'} 1) | 0;`);
        emit(`R[${d}] = rl${i}; R[${d + 1}] = 0;`);
        lazy(i, p.kind, 4, p, `ci${i}`);
        break;
      }
      case Op.F_SHIFT64_RI: {
        const cnt = x.imm;
        emit(`const dl${i} = R[${d}], dh${i} = R[${d + 1}];`);
        let rl: string, rh: string;
        switch (x.sub) {
          case Sh.SHL: case Sh.SAL:
            [rl, rh] = cnt < 32 ? [`dl${i} << ${cnt}`, `(dh${i} << ${cnt}) | (dl${i} >>> ${32 - cnt})`] : ['0', `dl${i} << ${cnt - 32}`];
            break;
          case Sh.SHR:
            [rl, rh] = cnt < 32 ? [`(dl${i} >>> ${cnt}) | (dh${i} << ${32 - cnt})`, `dh${i} >>> ${cnt}`] : [`dh${i} >>> ${cnt - 32}`, '0'];
            break;
          case Sh.SAR:
            [rl, rh] = cnt < 32 ? [`(dl${i} >>> ${cnt}) | (dh${i} << ${32 - cnt})`, `dh${i} >> ${cnt}`] : [`dh${i} >> ${cnt - 32}`, `dh${i} >> 31`];
            break;
          default: {
            const kk = x.sub === Sh.ROL ? cnt : 64 - cnt;
            if (kk < 32) [rl, rh] = [`(dl${i} << ${kk}) | (dh${i} >>> ${32 - kk})`, `(dh${i} << ${kk}) | (dl${i} >>> ${32 - kk})`];
            else if (kk === 32) [rl, rh] = [`dh${i}`, `dl${i}`];
            else [rl, rh] = [`(dh${i} << ${kk - 32}) | (dl${i} >>> ${64 - kk})`, `(dl${i} << ${kk - 32}) | (dh${i} >>> ${64 - kk})`];
          }
        }
        emit(`const rl${i} = (${rl}) | 0, rh${i} = (${rh}) | 0; R[${d}] = rl${i}; R[${d + 1}] = rh${i};`);
        if ((x.sub === Sh.ROL || x.sub === Sh.ROR) && store[i]) {
          const cf = x.sub === Sh.ROL ? `(rl${i} & 1)` : `(rh${i} >>> 31)`;
          const of = x.sub === Sh.ROL ? `((rh${i} >>> 31) ^ (rl${i} & 1))` : `((rh${i} >>> 31) ^ ((rh${i} >>> 30) & 1))`;
          emit(`materialize(c); c.flags = (c.flags & ~0x801) | ${cf} | (${of} << 11);`);
        } else if (store[i]) {
          const kind = x.sub === Sh.SHR ? LF_SHR : x.sub === Sh.SAR ? LF_SAR : LF_SHL;
          emit(`c.lfOp = ${kind}; c.lfSz = 8; c.lfDLo = dl${i}; c.lfDHi = dh${i}; c.lfSLo = ${cnt}; c.lfSHi = 0; c.lfRLo = rl${i}; c.lfRHi = rh${i};`);
        }
        break;
      }
      case Op.F_LEA64: {
        emit(`let lo${i} = ${x.disp >>> 0}, hi${i} = ${x.disp >> 31};`);
        if (x.base >= 0) emit(`lo${i} += R[${x.base << 1}] >>> 0; hi${i} += R[${(x.base << 1) + 1}];`);
        if (x.index >= 0) {
          const xi = x.index << 1, sc = x.scale;
          if (sc === 0) emit(`lo${i} += R[${xi}] >>> 0; hi${i} += R[${xi + 1}];`);
          else emit(`lo${i} += (R[${xi}] << ${sc}) >>> 0; hi${i} += (R[${xi + 1}] << ${sc}) | (R[${xi}] >>> ${32 - sc});`);
        }
        emit(`if (lo${i} >= 4294967296) { const cy = Math.floor(lo${i} / 4294967296); lo${i} -= cy * 4294967296; hi${i} += cy; }`);
        emit(`R[${d}] = lo${i} | 0; R[${d + 1}] = hi${i} | 0;`);
        break;
      }
      case Op.F_PUSH_R:
        emit(`k = ${i}; c.push64(R[${s}], R[${s + 1}]);`);
        break;
      case Op.F_POP_R:
        emit(`k = ${i}; { const v = c.pop64(); R[${d}] = v; R[${d + 1}] = c.th; }`);
        break;
      case Op.F_JCC: {
        const ce = staticRead[i] ? ccExpr(prodAt[i]!, x.sub) : `cond(c, ${x.sub})`;
        tail = `if (${ce}) return ${after + x.rel}; return ${after};`;
        break;
      }
      case Op.F_JMP:
        tail = `return ${after + x.rel};`;
        break;
      default: // embedded generic instruction (it may fault, and it may store into code)
        emit(`k = ${i}; H[${x.op}](c, I[${i}]);`);
        if (i < n - 1) emit(`if (c.smc !== 0) { c.smc = 0; c.bcount = ${i + 1}; return ${after}; }`);
        break;
    }
    if (STORES.has(x.op) && i < n - 1) emit(`if (c.smc !== 0) { c.smc = 0; c.bcount = ${i + 1}; return ${after}; }`);
  }
  const body = `return function block(c, R) {\n let k = 0;\n try {\n${L.join('\n')}\n${tail}\n } catch (e) { c.bfIdx = k; throw e; }\n};`;
  const factory = new Function('getCF', 'cond', 'materialize', 'P', 'TR', 'TRP', 'TW', 'TWP', 'DV', 'M', 'SIZE', 'CP', 'H', 'I', body) as (...a: unknown[]) => BlockFn;
  const fn = factory(getCF, cond, materialize, PARITY, env.TR, env.TRP, env.TW, env.TWP, env.DV, env.M, env.SIZE, env.CP, env.H, list);
  return { fn, count: n, offs: Int16Array.from(offs) };
}

