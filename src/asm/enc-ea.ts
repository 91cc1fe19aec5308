// ModRM/SIB/displacement for a memory operand, with NASM's choices: the
// shortest displacement (none, disp8, disp32) unless a size is written or the
// value is a label or not yet known; rsp/r12 as base need a SIB byte, rbp/r13
// need a displacement; [rax*2] becomes [rax+rax], [rax*1+rsp] swaps rsp into
// the base; a bare [offset] is RIP-relative only when it is a label and `rel`
// is in force, otherwise SIB form 04 25 disp32 (modrm.rm=101 would be RIP).

import type { RegInfo } from './registers.js';

/** REX bits as NASM keeps them (REX_H is not a REX bit: it marks ah..bh). */
export const REX_B = 0x01; // ModRM.rm / SIB.base / opcode reg extension
export const REX_X = 0x02; // SIB.index extension
export const REX_R = 0x04; // ModRM.reg extension
export const REX_W = 0x08; // 64-bit operand size
export const REX_P = 0x40; // a REX byte is needed (spl bpl sil dil)
export const REX_H = 0x80; // ah ch dh bh used: no REX byte allowed

const RSP = 4; // register number that cannot be an index; base needs SIB
const RBP = 5; // base register number that needs a displacement

/** The input: a memory operand after the driver's evaluation. */
export interface EaInput {
  base?: RegInfo;
  index?: RegInfo;
  scale: number;
  disp: bigint;
  dispSize?: 1 | 4 | 8;
  rel: boolean;
  relWritten?: boolean;
  reloc: boolean;
  unknown: boolean;
}

/** The output, reused between calls (no allocation on the hot path). */
export const ea = {
  modrm: 0,
  sib: 0,
  hasSib: false,
  /** Displacement bytes: 0, 1 or 4. */
  dispBytes: 0,
  /** The displacement is RIP-relative (value = target - next instruction). */
  rip: false,
  rex: 0,
  error: '',
  /** Warnings to report (NASM's wording). */
  warning1: '',
  warning2: '',
};

const INVALID = 'invalid 64-bit effective address';

/**
 * Fills `ea` for operand `m` with ModRM.reg = `rfield`, in an instruction of
 * address size `addrBits` (64, or 32 with a 67 prefix). Returns false with
 * ea.error set when the address cannot be encoded.
 */
export function encodeEa(m: EaInput, rfield: number, addrBits: number): boolean {
  ea.rex = 0;
  ea.hasSib = false;
  ea.rip = false;
  ea.warning1 = '';
  ea.warning2 = '';
  const r = (rfield & 7) << 3;
  let b = m.base;
  let x = m.index;
  if (!b && !x) {
    // A bare offset. `rel` needs a label: a number stays absolute (NASM warns);
    // a symbol not yet known has no segment yet, so NASM also encodes it
    // absolute in that pass.
    let rel = m.rel;
    if (rel && (!m.reloc || m.unknown)) {
      if (!m.unknown) ea.warning1 = 'absolute address can not be RIP-relative';
      rel = false;
    }
    if (m.dispSize === 1 || m.dispSize === 8) ea.warning2 = 'displacement size ignored on absolute address';
    ea.dispBytes = 4;
    if (rel) {
      ea.modrm = r | 5;
      ea.rip = true;
    } else {
      ea.modrm = r | 4;
      ea.sib = 0x25; // no index, no base: disp32
      ea.hasSib = true;
    }
    return true;
  }
  if ((b && (b.cls !== 'gpr' || b.size < 4)) || (x && (x.cls !== 'gpr' || x.size < 4))) return fail(INVALID);
  if (b && x && b.size !== x.size) return fail(INVALID);
  if (m.dispSize === 8) return fail(INVALID);
  const regBits = (b ?? x)!.size * 8;
  if (regBits !== addrBits) return fail(INVALID);

  let bt = b ? b.num : -1;
  let it = x ? x.num : -1;
  let s = it < 0 ? 1 : m.scale;
  if (bt < 0 && s === 1) {
    bt = it;
    it = -1;
  }
  // [rax*2] → [rax+rax*1], [rax*3] → [rax+rax*2]: shorter than disp32 with no base.
  if (bt < 0 && ((s === 2 && it !== RSP) || s === 3 || s === 5 || s === 9)) {
    bt = it;
    s--;
  }
  if (s === 1 && it === RSP) {
    const t = it;
    it = bt;
    bt = t;
  }
  if (it === RSP || (it >= 0 && s !== 1 && s !== 2 && s !== 4 && s !== 8)) return fail(INVALID);
  if (it >= 8) ea.rex |= REX_X;
  if (bt >= 8) ea.rex |= REX_B;

  // NASM decides on the low 32 bits of the displacement.
  const o = Number(BigInt.asIntN(32, m.disp));
  const known = !m.reloc && !m.unknown;
  const ds = m.dispSize;
  const zeroOk = o === 0 && known && ds === undefined;
  const byteOk = ds !== 4 && (ds === 1 || (o >= -128 && o <= 127 && known));
  let mod: number;
  if (it < 0 && (bt & 7) !== RSP) {
    const rm = bt & 7;
    mod = rm !== RBP && zeroOk ? 0 : byteOk ? 1 : 2;
    ea.modrm = (mod << 6) | r | rm;
  } else {
    const index = it < 0 ? 4 : it & 7;
    if (it < 0) s = 1;
    const ss = s === 1 ? 0 : s === 2 ? 1 : s === 4 ? 2 : 3;
    let base: number;
    if (bt < 0) {
      base = 5;
      mod = 0;
    } else {
      base = bt & 7;
      mod = base !== RBP && zeroOk ? 0 : byteOk ? 1 : 2;
    }
    ea.modrm = (mod << 6) | r | 4;
    ea.sib = (ss << 6) | (index << 3) | base;
    ea.hasSib = true;
  }
  ea.dispBytes = bt < 0 || mod === 2 ? 4 : mod;
  if (m.relWritten) ea.warning1 = 'indirect address displacements cannot be RIP-relative';
  return true;
}

function fail(msg: string): boolean {
  ea.error = msg;
  return false;
}
