// The instruction encoder: one parsed instruction in, its bytes out, chosen
// exactly as `nasm -f bin` (2.16, -Ox) chooses them. The forms live in
// enc-table.ts; this file matches an instruction against them the way NASM's
// assembler does (first form that fits wins, operand sizes guessed when
// exactly one size is possible) and emits prefixes, REX, opcode, ModRM/SIB,
// displacement and immediates.
//
// What the caller (the multi-pass driver) provides, as NASM's own passes do:
// - `unknown` only for a symbol with no value yet (first pass): the encoder
//   then takes NASM's first-pass choices (short jumps, imm8/udword forms,
//   disp32, and a bare [rel x] encoded absolute); later passes pass the value
//   from the previous pass, so the result is a pure function of the inputs.
// - base and index as NASM assigns them: an explicit `reg*1` is the index
//   (`[rax*1+rbx]` is base rbx, index rax), [rax*3] as [rax+rax*2]; the
//   encoder itself turns [rax*2] into [rax+rax] and swaps rsp out of the index.
// - `rel` already final for fs:/gs: under `default rel`, or `relWritten`.
// - warnings only matter from the final pass (NASM prints them in pass 2).

import { REGISTERS } from './registers.js';
import {
  C_ACC, C_COUNT, C_CREG, C_DX, C_GPR, C_HIGH, C_IMMEDIATE, C_MEMORY, C_MEM_OFFS, C_NOTACC, C_REGISTER, C_REGMEM,
  C_SBYTEDWORD, C_SBYTEWORD, C_SDWORD, C_SEG0, C_SREG, C_UDWORD, C_UNITY, classify, sizeName,
} from './enc-operand.js';
import { REX_B, REX_H, REX_P, REX_R, REX_W, REX_X, ea, encodeEa, type EaInput } from './enc-ea.js';
import { FORMS, Imm, type Template } from './enc-table.js';
import type { RegInfo } from './registers.js';
import type { EncodeContext, EncodeResult, Instruction, MemOperand, Operand } from './types.js';

export const PREFIX_NAMES: ReadonlySet<string> = new Set(['rep', 'repe', 'repz', 'repne', 'repnz', 'lock', 'o16', 'o32', 'o64', 'a16', 'a32', 'a64']);

export function isMnemonic(name: string): boolean {
  return FORMS.has(name);
}

// Every class bit an operand of each kind can carry: a form whose operand asks
// for a bit outside its kind's set can never match, so the candidates for an
// instruction are filtered by the kinds of its operands (register, memory,
// immediate) once and cached. The filter is exact: the forms it drops would
// all have answered INVALID, which neither ends the search nor sets the error.
const KIND_BITS = [
  C_REGISTER | C_REGMEM | C_GPR | C_SREG | C_CREG | C_ACC | C_NOTACC | C_COUNT | C_DX | C_HIGH | (0x3f * C_SEG0),
  C_MEMORY | C_REGMEM | C_GPR | C_MEM_OFFS,
  C_IMMEDIATE | C_UNITY | C_SBYTEWORD | C_SBYTEDWORD | C_UDWORD | C_SDWORD,
];
const KIND = { reg: 0, mem: 1, imm: 2 } as const;
const candidates = new Map<string, Map<number, readonly Template[]>>();
function formsFor(mnemonic: string, forms: readonly Template[]): readonly Template[] {
  let byKey = candidates.get(mnemonic);
  if (!byKey) candidates.set(mnemonic, (byKey = new Map()));
  let key = ops.length;
  for (let i = 0; i < ops.length; i++) key = key * 3 + KIND[ops[i]!.kind];
  let list = byKey.get(key);
  if (!list) {
    list = forms.filter((t) => t.nops === ops.length && t.cls.every((c, i) => (c & ~KIND_BITS[KIND[ops[i]!.kind]]!) === 0));
    byKey.set(key, list);
  }
  return list;
}

// Match results, in NASM's order: an error found later in the table replaces
// an earlier one, so the last applicable complaint is reported.
const INVALID = 0;
const SIZE_MISSING = 1;
const SIZE_MISMATCH = 2;
const BAD_MODE = 3;
const JUMP = 4;
const GOOD = 5;
const MESSAGES = [
  'invalid combination of opcode and operands',
  'operation size not specified',
  'mismatch in operand sizes',
  'instruction not supported in 64-bit mode',
];

const REX_BITS = REX_W | REX_R | REX_X | REX_B | REX_P;
const SIZE_MASK_ALL = 0x1ff; // data sizes and short/near/far

// ---- per-call state (module level: the encoder is not re-entrant) ----------------
const cls = new Int32Array(4);
const size = new Int32Array(4);
const xsize = new Int32Array(4);
const fill = new Int32Array(4);
const buf = new Uint8Array(64);
let insn: Instruction;
let ops: Operand[];
let address: bigint;
let defaultRel = false;
let warnings: string[] = [];
// prefix slots
let repByte = 0;
let lockPfx = false;
let segReg: RegInfo | undefined;
let userOsz = 0; // 16, 32, 64 from o16/o32/o64
let userAsz = 0; // 16, 32, 64 from a16/a32/a64
let addrBits = 64;
let asz32 = false; // a 67 prefix goes out
let errOperand = -1;
let lastError = '';
// fixups for relative fields, resolved when the length is known
let relPos = -1;
let relSize = 0;
let relTarget = 0n;
let relCheck = false;
let ripPos = -1;
let ripTarget = 0n;
let ripCheck = false;

const NO_WARNINGS: string[] = [];
function warn(w: string): void {
  if (warnings === NO_WARNINGS) warnings = [w];
  else if (!warnings.includes(w)) warnings.push(w);
}

function fail(message: string, operand = -1): EncodeResult {
  return operand >= 0 ? { ok: false, message, operand } : { ok: false, message };
}

export function encode(instruction: Instruction, context: EncodeContext): EncodeResult {
  const forms = FORMS.get(instruction.mnemonic);
  if (!forms) return fail(`unknown instruction \`${instruction.mnemonic}'`);
  insn = instruction;
  ops = instruction.operands;
  address = context.address;
  defaultRel = context.defaultRel === true;
  warnings = NO_WARNINGS;
  errOperand = -1;
  const n = ops.length;
  if (n > 3) return fail(MESSAGES[INVALID]!);

  const pe = prefixes();
  if (pe) return fail(pe);
  for (let i = 0; i < n; i++) {
    const w = classify(ops[i]!, i, cls, size);
    if (w) warn(w);
    const op = ops[i]!;
    if (op.kind === 'mem' && op.seg) {
      if (segReg) return fail('instruction has conflicting segment overrides', i);
      segReg = op.seg;
    }
  }
  const ae = addressSize();
  if (ae) return fail(ae);

  // Find the first form that fits; remember the last error otherwise.
  let merr = INVALID;
  let missing = false;
  for (let i = 0; i < n; i++) xsize[i] = size[i]!;
  const list = formsFor(instruction.mnemonic, forms);
  for (let pass = 0; pass < 2; pass++) {
    for (const t of list) {
      let m = matches(t);
      if (m === JUMP) m = shortFits(t) ? GOOD : INVALID;
      else if (m === SIZE_MISSING && pass === 0 && !t.sx) {
        for (let i = 0; i < t.nops; i++) xsize[i] |= t.size[i]!;
        missing = true;
      }
      if (m !== INVALID) merr = m;
      if (merr === GOOD) return finish(t);
    }
    // Guess the size of unsized non-register operands when only one fits.
    if (pass > 0 || !missing) break;
    for (let i = 0; i < n; i++) {
      if (cls[i]! & C_REGISTER) continue;
      const x = xsize[i]!;
      if (x & (x - 1)) return fail(MESSAGES[merr]!);
      size[i] = size[i]! | x;
    }
  }
  return fail(MESSAGES[merr]!);
}

/** Sorts the written prefixes into NASM's slots; returns an error message or ''. */
function prefixes(): string {
  repByte = 0;
  lockPfx = false;
  segReg = undefined;
  userOsz = 0;
  userAsz = 0;
  let repName = '';
  for (const p of insn.prefixes) {
    let conflict = false;
    let same = false;
    switch (p) {
      case 'rep':
      case 'repe':
      case 'repz':
      case 'repne':
      case 'repnz':
        if (repName) (repName === p ? (same = true) : (conflict = true));
        repName = p;
        repByte = p === 'repne' || p === 'repnz' ? 0xf2 : 0xf3;
        break;
      case 'lock':
        if (lockPfx) same = true;
        lockPfx = true;
        break;
      case 'o16':
      case 'o32':
      case 'o64': {
        const v = Number(p.slice(1));
        if (userOsz) (userOsz === v ? (same = true) : (conflict = true));
        userOsz = v;
        break;
      }
      case 'a16':
      case 'a32':
      case 'a64': {
        const v = Number(p.slice(1));
        if (userAsz) (userAsz === v ? (same = true) : (conflict = true));
        userAsz = v;
        break;
      }
      case 'es':
      case 'cs':
      case 'ss':
      case 'ds':
      case 'fs':
      case 'gs':
        // A segment override written as a prefix word (`fs movsq`).
        if (segReg) (segReg.name === p ? (same = true) : (conflict = true));
        segReg = REGISTERS.get(p);
        break;
      default:
        return `invalid prefix \`${p}'`;
    }
    if (conflict) return 'instruction has conflicting prefixes';
    if (same) warn('instruction has redundant prefixes');
  }
  return '';
}

/** NASM's add_asp: the address size follows the registers of the memory operands. */
function addressSize(): string {
  let valid = 64 | 32;
  if (userAsz) valid &= userAsz;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind !== 'mem') continue;
    const b = op.base;
    const x = op.index;
    if (b && b.cls === 'gpr' && b.size !== 1) valid &= b.size * 8;
    if (x && x.cls === 'gpr' && x.size !== 1) valid &= x.size * 8;
  }
  asz32 = false;
  if (valid & 64) addrBits = 64;
  else if (valid & 32) {
    addrBits = 32;
    asz32 = true;
  } else return 'impossible combination of address sizes';
  if (userAsz === 32) asz32 = true;
  // A bare [offset] may take the moffs form of mov when its size is the address size.
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === 'mem' && !op.base && !op.index && !isRel(op) && (op.dispSize ? op.dispSize * 8 : 32) === addrBits) cls[i] = cls[i]! | C_MEM_OFFS;
  }
  return '';
}

function isRel(m: MemOperand): boolean {
  // Under `default rel`, fs:/gs: stay absolute unless `rel` is written.
  if (m.relWritten === false && m.seg && (m.seg.name === 'fs' || m.seg.name === 'gs')) return false;
  return m.rel;
}

/** NASM's matches(): does form `t` accept the operands? */
function matches(t: Template): number {
  const n = ops.length;
  if (t.nops !== n) return INVALID;
  for (let i = 0; i < n; i++) fill[i] = t.fillArg < 0 || t.fillArg === i ? t.fill : 0;
  let missing = false;
  for (let i = 0; i < n; i++) {
    if (t.cls[i]! & ~cls[i]!) return INVALID;
    const ts = t.size[i]!;
    if (ts) {
      const is = size[i] || fill[i]!;
      if (ts !== is) {
        if (is) return INVALID;
        if (!(cls[i]! & C_REGISTER)) missing = true;
      }
    }
  }
  if (missing) return SIZE_MISSING;
  if (t.sameSize) {
    for (let i = 0; i < t.sameSize; i++) {
      const s = t.size[i]!;
      if (s) {
        for (let j = 0; j < t.sameSize; j++) fill[j] = s;
        break;
      }
    }
  }
  for (let i = 0; i < n; i++) if (!t.size[i] && size[i]! & SIZE_MASK_ALL & ~fill[i]!) return SIZE_MISMATCH;
  if (t.nolong) return BAD_MODE;
  return t.jump8 ? JUMP : GOOD;
}

/** NASM's jmp_match(): take the short form if the target is known to be in reach. */
function shortFits(t: Template): boolean {
  const op = ops[0]!;
  if (op.kind !== 'imm' || op.strict) return false;
  if (op.unknown) return true; // optimistic in the first pass
  if (!op.reloc) return false; // an absolute number is not in this section: near
  const saved = warnings;
  const mark = warnings.length;
  const len = emit(t);
  if (warnings !== saved) warnings = saved;
  else warnings.length = mark;
  if (len < 0) return false;
  const d = distance(op.value, len);
  return d >= -128 && d <= 127;
}

function finish(t: Template): EncodeResult {
  const len = emit(t);
  if (len < 0) return fail(ea.error || lastError, errOperand);
  if (relPos >= 0) {
    const d = distance(relTarget, len);
    if (relSize === 1 && relCheck && (d < -128 || d > 127)) return fail('short jump is out of range', 0);
    if (relSize === 4 && relCheck && (d < -0x80000000 || d > 0x7fffffff)) warn('dword data exceeds bounds');
    putNumber(relPos, d, relSize);
  }
  if (ripPos >= 0) {
    const d = distance(ripTarget, len);
    if (ripCheck && (d < -0x80000000 || d > 0x7fffffff)) warn('dword data exceeds bounds');
    putNumber(ripPos, d, 4);
  }
  const bytes = buf.slice(0, len);
  return warnings.length ? { ok: true, bytes, warnings } : { ok: true, bytes };
}

function regRex(r: RegInfo, mask: number): number {
  let rex = 0;
  if (r.num & 8) rex |= REX_B | REX_X | REX_R;
  if (r.cls === 'gpr') {
    if (r.size === 8) rex |= REX_W;
    if (r.high8) rex |= REX_H;
    else if (r.size === 1 && r.num >= 4) rex |= REX_P;
  }
  return rex & mask;
}

/** The operand as an address: memory, or an immediate used as one (lea r, imm). */
function eaOf(op: Operand): EaInput {
  if (op.kind === 'mem') return isRel(op) === op.rel ? op : { ...op, rel: false };
  const v = op as Extract<Operand, { kind: 'imm' }>;
  return { scale: 1, disp: v.value, rel: defaultRel, reloc: v.reloc, unknown: v.unknown };
}

/** Emits form `t` into buf; returns the length, or -1 with ea.error/lastError set. */
function emit(t: Template): number {
  ea.error = '';
  lastError = '';
  relPos = -1;
  ripPos = -1;
  let osz = userOsz;
  if (t.o16) {
    if (osz === 16) {
      /* as written */
    } else if (osz) warn('invalid operand size prefix, must be o16');
    else osz = 16;
  }
  if (t.o32) {
    if (osz === 32) {
      /* as written */
    } else if (osz) warn('invalid operand size prefix, must be o32');
    else osz = 32;
  }
  let rex = userOsz === 64 ? REX_W : 0;
  if (t.o64) rex |= REX_W;
  if (t.plusReg >= 0) rex |= regRex((ops[t.plusReg] as { reg: RegInfo }).reg, REX_B | REX_H | REX_P | REX_W);
  let modrm = -1;
  let hasSib = false;
  let sib = 0;
  let dispBytes = 0;
  let dispRip = false;
  let dispOp: EaInput | undefined;
  if (t.modrm) {
    let rfield = t.digit;
    if (t.modrm === 1) {
      const r = (ops[t.regOp] as { reg: RegInfo }).reg;
      rfield = r.num;
      rex |= regRex(r, REX_R | REX_P | REX_W | REX_H);
    }
    const rm = ops[t.rmOp]!;
    if (rm.kind === 'reg') {
      rex |= regRex(rm.reg, REX_B | REX_P | REX_W | REX_H);
      modrm = 0xc0 | ((rfield & 7) << 3) | (rm.reg.num & 7);
    } else {
      dispOp = eaOf(rm);
      if (!encodeEa(dispOp, rfield, addrBits)) {
        errOperand = t.rmOp;
        return -1;
      }
      if (ea.warning1) warn(ea.warning1);
      if (ea.warning2) warn(ea.warning2);
      rex |= ea.rex;
      modrm = ea.modrm;
      hasSib = ea.hasSib;
      sib = ea.sib;
      dispBytes = ea.dispBytes;
      dispRip = ea.rip;
    }
  }
  if (t.noW) rex &= ~REX_W;
  if (rex & REX_BITS && rex & REX_H) {
    lastError = 'cannot use high byte register in rex instruction';
    return -1;
  }
  if (lockPfx && !(t.lock && ops.length > 0 && ops[0]!.kind === 'mem')) warn('instruction is not lockable');
  if (t.obsolete) warn('instruction obsolete and removed from the target CPU');

  // Legacy prefixes in NASM's order: rep, lock, segment, 66, 67.
  let p = 0;
  if (repByte) buf[p++] = repByte;
  if (lockPfx) buf[p++] = 0xf0;
  if (segReg) {
    buf[p++] = SEG_PREFIX[segReg.num]!;
    if (segReg.num < 4) warn(`${segReg.name} segment base generated, but will be ignored in 64-bit mode`);
  }
  if (osz === 16) buf[p++] = 0x66;
  if (asz32) buf[p++] = 0x67;
  if (t.a32 && !asz32) buf[p++] = 0x67;
  for (const b of t.pre) buf[p++] = b;
  if (rex & REX_BITS) buf[p++] = 0x40 | (rex & (REX_W | REX_R | REX_X | REX_B));
  const oc = t.opcode;
  for (let k = 0; k < oc.length; k++) buf[p++] = oc[k]!;
  if (t.plusReg >= 0) buf[p - 1] = buf[p - 1]! + ((ops[t.plusReg] as { reg: RegInfo }).reg.num & 7);
  if (modrm >= 0) {
    buf[p++] = modrm;
    if (hasSib) buf[p++] = sib;
    if (dispBytes) {
      const m = dispOp!;
      if (dispRip) {
        ripPos = p;
        ripTarget = s64(m.disp);
        ripCheck = m.reloc && !m.unknown;
      } else {
        if (!m.reloc && !m.unknown) dispWarnings(s64(m.disp), dispBytes);
        put(p, m.disp, dispBytes);
      }
      p += dispBytes;
    }
  }
  for (const im of t.imms) p = immediate(im.kind, ops[im.op]!, p, rex, osz);
  return p;
}

const SEG_PREFIX = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];

/** NASM's check: the displacement must read the same at its size as at the address size. */
function dispWarnings(v: bigint, bytes: number): void {
  let bad: boolean;
  if (addrBits === 64) bad = bytes === 1 ? v < -128n || v > 127n : v < -0x80000000n || v > 0x7fffffffn;
  else {
    bad = v < -(1n << 32n) || v > (1n << 32n) - 1n;
    if (bytes === 1 && BigInt.asIntN(32, v) !== BigInt.asIntN(8, v)) bad = true;
  }
  if (bad) warn(`${sizeName(bytes === 1 ? 1 : 4)} data exceeds bounds`);
}

/** Emits one immediate field; returns the new position. */
function immediate(kind: Imm, op: Operand, p: number, rex: number, osz: number): number {
  let v: bigint;
  let reloc: boolean;
  let unknown: boolean;
  if (op.kind === 'imm') {
    v = s64(op.value);
    reloc = op.reloc;
    unknown = op.unknown;
  } else if (op.kind === 'mem') {
    v = s64(op.disp);
    reloc = op.reloc;
    unknown = op.unknown;
  } else return p;
  const check = !reloc && !unknown;
  switch (kind) {
    case Imm.B:
      if (check && (v < -256n || v > 255n)) warn('byte data exceeds bounds');
      put(p, v, 1);
      return p + 1;
    case Imm.BU:
      if (check && (v < 0n || v > 255n)) warn('byte data exceeds bounds');
      put(p, v, 1);
      return p + 1;
    case Imm.BS: {
      if (check && (v < -128n || v > 127n)) {
        const s = rex & REX_W ? 64 : osz === 16 ? 16 : osz === 32 ? 32 : 64;
        const uv = BigInt.asUintN(64, v);
        const um = BigInt.asUintN(64, 1n << BigInt(s));
        const top = (1n << 64n) - 128n;
        if (uv > 127n && uv < top && (uv < BigInt.asUintN(64, um - 128n) || uv > BigInt.asUintN(64, um - 1n))) {
          const what = size[ops.indexOf(op)]! & 1 ? 'signed byte' : s === 16 ? 'word' : s === 32 ? 'dword' : 'signed dword';
          warn(`${what} value exceeds bounds`);
        }
      }
      put(p, v, 1);
      return p + 1;
    }
    case Imm.W:
      if (check && (v < -65536n || v > 65535n)) warn('word data exceeds bounds');
      put(p, v, 2);
      return p + 2;
    case Imm.D:
      if (check && (v < -(1n << 32n) || v > (1n << 32n) - 1n)) warn('dword data exceeds bounds');
      put(p, v, 4);
      return p + 4;
    case Imm.DS:
      if (check && (v < -0x80000000n || v > 0x7fffffffn)) {
        warn('signed dword immediate exceeds bounds');
        warn('dword data exceeds bounds');
      }
      put(p, v, 4);
      return p + 4;
    case Imm.Q:
      put(p, v, 8);
      return p + 8;
    case Imm.ADDR: {
      const n = addrBits / 8;
      if (n === 4 && check && (v < -(1n << 32n) || v > (1n << 32n) - 1n)) warn('dword data exceeds bounds');
      put(p, v, n);
      return p + n;
    }
    case Imm.REL8:
    case Imm.REL32:
      relPos = p;
      relSize = kind === Imm.REL8 ? 1 : 4;
      relTarget = v;
      relCheck = reloc && !unknown;
      return p + relSize;
  }
}

const MIN64 = -(1n << 63n);
const MAX64 = (1n << 63n) - 1n;
const SAFE = 1n << 52n;

/** v as a signed 64-bit value (values >= 2^63 wrap to negative). */
function s64(v: bigint): bigint {
  return v >= MIN64 && v <= MAX64 ? v : BigInt.asIntN(64, v);
}

/**
 * target - (address + len): the displacement of a relative field, as a number.
 * Far beyond 2^53 only the low bits matter (the field is at most 32 bits wide,
 * and such a distance is reported out of range either way).
 */
function distance(target: bigint, len: number): number {
  const d = s64(target) - address;
  if (d > -SAFE && d < SAFE) return Number(d) - len;
  // Keep the low 32 bits exact and the magnitude out of any field's range.
  const low = Number(BigInt.asUintN(32, d - BigInt(len)));
  return d < 0n ? low - 2 ** 52 : low + 2 ** 52;
}

/** Writes the low `n` (<= 4) bytes of the integer x at buf[p]. */
function putNumber(p: number, x: number, n: number): void {
  let lo = x >>> 0;
  for (let k = 0; k < n; k++) {
    buf[p + k] = lo & 0xff;
    lo >>>= 8;
  }
}

/** Writes the low `n` bytes of v little-endian at buf[p]. */
function put(p: number, v: bigint, n: number): void {
  let lo: number;
  let hi: number;
  if (v > -SAFE && v < SAFE) {
    // The common case, without allocating BigInts: exact in a double.
    const x = Number(v);
    lo = x >>> 0;
    hi = Math.floor(x / 0x100000000) >>> 0;
  } else {
    lo = Number(BigInt.asUintN(32, v));
    hi = Number(BigInt.asUintN(32, v >> 32n));
  }
  for (let k = 0; k < n && k < 4; k++) {
    buf[p + k] = lo & 0xff;
    lo >>>= 8;
  }
  for (let k = 4; k < n; k++) {
    buf[p + k] = hi & 0xff;
    hi >>>= 8;
  }
}
