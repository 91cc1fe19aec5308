// An independent reference model of the vector instructions, written from the Intel SDM
// pseudo-code (BigInt, clarity over speed).  It works from the asm text only -- it shares nothing
// with the C generator -- so agreement with the recorded hardware results checks both our reading
// of the SDM and the defined-flag masks.  Not the emulator: just an oracle for the oracle.
import { FLAG, STATUS_FLAGS, type AluCase, type AluRegs, type GprName } from './load.js';

const { CF, PF, AF, ZF, SF, OF } = FLAG;
type Size = 8 | 16 | 32 | 64;

const REGS: Record<string, { reg: GprName; size: Size }> = {};
(['rax', 'rbx', 'rcx', 'rdx'] as GprName[]).forEach((r, i) => {
  REGS[r] = { reg: r, size: 64 };
  REGS[['eax', 'ebx', 'ecx', 'edx'][i]!] = { reg: r, size: 32 };
  REGS[['ax', 'bx', 'cx', 'dx'][i]!] = { reg: r, size: 16 };
  REGS[['al', 'bl', 'cl', 'dl'][i]!] = { reg: r, size: 8 };
});

const mask = (w: number): bigint => (1n << BigInt(w)) - 1n;
const msb = (v: bigint, w: number): number => Number((v >> BigInt(w - 1)) & 1n);
const sx = (v: bigint, w: number): bigint => BigInt.asIntN(w, v);
const zx = (v: bigint, w: number): bigint => BigInt.asUintN(w, v);

function parity(v: bigint): boolean {
  let b = Number(v & 0xffn), p = 0;
  while (b) {
    p ^= b & 1;
    b >>= 1;
  }
  return p === 0; // PF = 1 when the low byte has an even number of 1 bits
}

class State {
  r: AluRegs;
  constructor(r: AluRegs) {
    this.r = { ...r };
  }
  get(name: string): bigint {
    const d = REGS[name];
    if (!d) throw new Error(`model: unknown register ${name}`);
    return this.r[d.reg] & mask(d.size);
  }
  /** Register write with x86-64 rules: 8/16-bit merge, 32-bit zero-extends, 64-bit replaces. */
  set(name: string, v: bigint): void {
    const d = REGS[name];
    if (!d) throw new Error(`model: unknown register ${name}`);
    const m = mask(d.size);
    this.r[d.reg] = d.size === 64 || d.size === 32 ? v & m : (this.r[d.reg] & ~m & mask(64)) | (v & m);
  }
  flag(f: number): number {
    return this.r.rflags & f ? 1 : 0;
  }
  setFlag(f: number, on: boolean | number | bigint): void {
    this.r.rflags = on ? this.r.rflags | f : this.r.rflags & ~f;
  }
  /** SF ZF PF from a w-bit result */
  szp(res: bigint, w: number): void {
    this.setFlag(SF, msb(res, w));
    this.setFlag(ZF, (res & mask(w)) === 0n);
    this.setFlag(PF, parity(res));
  }
}

function sizeOf(name: string): Size {
  const d = REGS[name];
  if (!d) throw new Error(`model: unknown register ${name}`);
  return d.size;
}

function parseImm(t: string): bigint {
  const s = t.replace(/^strict byte /, '');
  return s.startsWith('-') ? -BigInt(s.slice(1)) : BigInt(s);
}

function cond(cc: string, s: State): boolean {
  const cf = s.flag(CF), zf = s.flag(ZF), sf = s.flag(SF), of = s.flag(OF), pf = s.flag(PF);
  const base: Record<string, boolean> = {
    o: of === 1, b: cf === 1, e: zf === 1, be: cf === 1 || zf === 1, s: sf === 1, p: pf === 1,
    l: sf !== of, le: zf === 1 || sf !== of,
  };
  const neg: Record<string, string> = { no: 'o', ae: 'b', ne: 'e', a: 'be', ns: 's', np: 'p', ge: 'l', g: 'le' };
  if (cc in base) return base[cc]!;
  if (cc in neg) return !base[neg[cc]!]!;
  throw new Error(`model: unknown condition ${cc}`);
}

// ---------------------------------------------------------------- defined-flag rules (SDM)
const ALL = STATUS_FLAGS;
/**
 * Which of CF PF AF ZF SF OF the SDM defines after `op` (computed, or unaffected = kept).
 * `count` is the shift/rotate count operand (cl or imm8) before masking.
 */
export function sdmDefinedMask(op: string, size: number, count = 0): number {
  switch (op) {
    case 'add': case 'adc': case 'sub': case 'sbb': case 'cmp': case 'neg':
    case 'inc': case 'dec': // INC/DEC: CF unaffected, the rest set per result
    case 'not':             // NOT: no flags affected
      return ALL;
    case 'and': case 'or': case 'xor': case 'test':
      return ALL & ~AF; // OF=CF=0; SF ZF PF per result; AF undefined
    case 'shl': case 'sal': case 'shr': case 'sar': {
      const c = count & (size === 64 ? 63 : 31);
      if (c === 0) return ALL; // count 0: flags not affected
      let m = c === 1 ? ALL & ~AF : CF | PF | ZF | SF; // OF only for 1-bit shifts; AF undefined
      if (op !== 'sar' && c >= size) m &= ~CF; // CF undefined for SHL/SHR with count >= size
      return m;
    }
    case 'rol': case 'ror': case 'rcl': case 'rcr': {
      const c = count & (size === 64 ? 63 : 31);
      if (c === 0) return ALL;
      return c === 1 ? ALL : ALL & ~OF; // SF ZF AF PF unaffected; OF only for masked count 1
    }
    case 'mul': case 'imul':
      return CF | OF; // SF ZF AF PF undefined
    case 'div': case 'idiv':
      return 0; // all six undefined
    case 'bt': case 'bts': case 'btr': case 'btc':
      return CF | ZF; // CF = the bit; ZF unaffected; OF SF AF PF undefined
    case 'bsf': case 'bsr':
      return ZF; // CF OF SF AF PF undefined
    default:
      // bswap cbw cwde cdqe cwd cdq cqo movzx movsx movsxd xchg cmovcc setcc: flags unaffected
      return ALL;
  }
}

export interface ModelResult {
  out: AluRegs;
  exception: '#DE' | null;
  definedMask: number;
}

/** Count operand of a shift/rotate case (1, imm8 or CL), for the mask rules. */
export function shiftCount(c: Pick<AluCase, 'asm' | 'in'>): number {
  const ops = c.asm.slice(c.asm.indexOf(' ') + 1).split(', ');
  const src = ops[1]!;
  return src === 'cl' ? Number(c.in.rcx & 0xffn) : Number(parseImm(src));
}

const SHIFTS = new Set(['shl', 'sal', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr']);

export function model(c: Pick<AluCase, 'asm' | 'in'>): ModelResult {
  const sp = c.asm.indexOf(' ');
  const op = sp < 0 ? c.asm : c.asm.slice(0, sp);
  const ops = sp < 0 ? [] : c.asm.slice(sp + 1).split(', ');
  const s = new State(c.in);
  const size = ops.length ? sizeOf(ops[0]!) : ({ cbw: 16, cwd: 16, cwde: 32, cdq: 32, cdqe: 64, cqo: 64 } as Record<string, Size>)[op]!;
  const w = size;
  const m = mask(w);
  const b = BigInt(w);
  const count = SHIFTS.has(op) ? shiftCount(c) : 0;
  const result = (): ModelResult => ({ out: s.r, exception: null, definedMask: sdmDefinedMask(op, size, count) });
  const de = (): ModelResult => ({ out: { ...c.in }, exception: '#DE', definedMask: 0 });
  const src = (): bigint => {
    const t = ops[1]!;
    return t in REGS ? s.get(t) : parseImm(t) & m; // imm: sign-extended to w bits (imm32 for 64)
  };

  // ---- arithmetic: the SDM's OF/AF/CF definitions as bit identities
  const addFlags = (a: bigint, bv: bigint, cin: bigint, keepCF = false): bigint => {
    const full = a + bv + cin;
    const r = full & m;
    if (!keepCF) s.setFlag(CF, full >> b !== 0n);
    s.setFlag(OF, msb((a ^ r) & (bv ^ r), w));
    s.setFlag(AF, ((a ^ bv ^ r) >> 4n) & 1n);
    s.szp(r, w);
    return r;
  };
  const subFlags = (a: bigint, bv: bigint, bin: bigint, keepCF = false): bigint => {
    const r = (a - bv - bin) & m;
    if (!keepCF) s.setFlag(CF, a < bv + bin);
    s.setFlag(OF, msb((a ^ bv) & (a ^ r), w));
    s.setFlag(AF, ((a ^ bv ^ r) >> 4n) & 1n);
    s.szp(r, w);
    return r;
  };
  const logic = (r: bigint): bigint => {
    s.setFlag(CF, 0);
    s.setFlag(OF, 0);
    s.szp(r, w);
    return r;
  };
  const dst = ops[0]!;
  const cf = BigInt(s.flag(CF));

  switch (op) {
    case 'add': s.set(dst, addFlags(s.get(dst), src(), 0n)); return result();
    case 'adc': s.set(dst, addFlags(s.get(dst), src(), cf)); return result();
    case 'sub': s.set(dst, subFlags(s.get(dst), src(), 0n)); return result();
    case 'sbb': s.set(dst, subFlags(s.get(dst), src(), cf)); return result();
    case 'cmp': subFlags(s.get(dst), src(), 0n); return result();
    case 'and': s.set(dst, logic(s.get(dst) & src())); return result();
    case 'or': s.set(dst, logic(s.get(dst) | src())); return result();
    case 'xor': s.set(dst, logic(s.get(dst) ^ src())); return result();
    case 'test': logic(s.get(dst) & src()); return result();
    case 'inc': s.set(dst, addFlags(s.get(dst), 1n, 0n, true)); return result();
    case 'dec': s.set(dst, subFlags(s.get(dst), 1n, 0n, true)); return result();
    case 'neg': {
      const a = s.get(dst);
      s.set(dst, subFlags(0n, a, 0n));
      s.setFlag(CF, a !== 0n); // "CF set to 0 if the source operand is 0; otherwise 1"
      return result();
    }
    case 'not': s.set(dst, ~s.get(dst) & m); return result();

    // ---- shifts (SDM SAL/SAR/SHL/SHR pseudo-code)
    case 'shl': case 'sal': case 'shr': case 'sar': {
      const cnt = BigInt(count & (w === 64 ? 63 : 31));
      const a = s.get(dst);
      if (cnt === 0n) { s.set(dst, a); return result(); } // the write still happens (zero-extends for 32-bit)
      let r: bigint;
      if (op === 'shl' || op === 'sal') {
        r = (a << cnt) & m;
        s.setFlag(CF, cnt <= b ? (a >> (b - cnt)) & 1n : 0n);
        if (cnt === 1n) s.setFlag(OF, msb(r, w) ^ s.flag(CF));
      } else if (op === 'shr') {
        r = a >> cnt;
        s.setFlag(CF, (a >> (cnt - 1n)) & 1n);
        if (cnt === 1n) s.setFlag(OF, msb(a, w));
      } else {
        const sa = sx(a, w);
        r = zx(sa >> cnt, w);
        s.setFlag(CF, (sa >> (cnt - 1n)) & 1n);
        if (cnt === 1n) s.setFlag(OF, 0);
      }
      s.szp(r, w);
      s.set(dst, r);
      return result();
    }
    // ---- rotates (SDM RCL/RCR/ROL/ROR pseudo-code)
    case 'rol': case 'ror': {
      const masked = count & (w === 64 ? 63 : 31);
      const a = s.get(dst);
      const t = BigInt(masked % w);
      const r = op === 'rol' ? ((a << t) | (a >> (b - t))) & m : ((a >> t) | (a << (b - t))) & m;
      s.set(dst, r);
      if (masked !== 0) {
        if (op === 'rol') {
          s.setFlag(CF, r & 1n);
          if (masked === 1) s.setFlag(OF, msb(r, w) ^ s.flag(CF));
        } else {
          s.setFlag(CF, msb(r, w));
          if (masked === 1) s.setFlag(OF, msb(r, w) ^ msb(r, w - 1));
        }
      }
      return result();
    }
    case 'rcl': case 'rcr': {
      const masked = count & (w === 64 ? 63 : 31);
      const t = BigInt(w === 8 ? masked % 9 : w === 16 ? masked % 17 : masked);
      const a = s.get(dst);
      const wide = (cf << b) | a; // (w+1)-bit value CF:DEST
      const wm = mask(w + 1);
      const b1 = b + 1n;
      const rot = op === 'rcl' ? ((wide << t) | (wide >> (b1 - t))) & wm : ((wide >> t) | (wide << (b1 - t))) & wm;
      const r = rot & m;
      s.set(dst, r);
      if (masked !== 0) {
        if (op === 'rcr' && masked === 1) s.setFlag(OF, msb(a, w) ^ Number(cf)); // computed before the rotate
        s.setFlag(CF, rot >> b);
        if (op === 'rcl' && masked === 1) s.setFlag(OF, msb(r, w) ^ s.flag(CF));
      }
      return result();
    }

    // ---- multiply / divide
    case 'mul': case 'imul': {
      if (ops.length === 1) {
        const sgn = op === 'imul';
        const a = s.get(['al', 'ax', 'eax', 'rax'][[8, 16, 32, 64].indexOf(w)]!);
        const bv = s.get(dst);
        const p = sgn ? sx(a, w) * sx(bv, w) : a * bv;
        const pz = zx(p, 2 * w);
        const lo = pz & m, hi = pz >> b;
        if (w === 8) s.set('ax', pz);
        else {
          s.set(['ax', 'eax', 'rax'][[16, 32, 64].indexOf(w)]!, lo);
          s.set(['dx', 'edx', 'rdx'][[16, 32, 64].indexOf(w)]!, hi);
        }
        const big = sgn ? p !== sx(lo, w) : hi !== 0n;
        s.setFlag(CF, big);
        s.setFlag(OF, big);
        return result();
      }
      const x = ops.length === 2 ? s.get(dst) : s.get(ops[1]!);
      const y = ops.length === 2 ? s.get(ops[1]!) : parseImm(ops[2]!) & m;
      const p = sx(x, w) * sx(y, w);
      s.set(dst, zx(p, w));
      s.setFlag(CF, p !== sx(p, w));
      s.setFlag(OF, p !== sx(p, w));
      return result();
    }
    case 'div': case 'idiv': {
      const d = s.get(dst);
      const dvd = w === 8 ? s.get('ax') : (s.get(['dx', 'edx', 'rdx'][[16, 32, 64].indexOf(w)]!) << b) | s.get(['ax', 'eax', 'rax'][[16, 32, 64].indexOf(w)]!);
      if (d === 0n) return de();
      let q: bigint, r: bigint;
      if (op === 'div') {
        q = dvd / d;
        r = dvd % d;
        if (q > m) return de();
      } else {
        const sd = sx(dvd, 2 * w), sdv = sx(d, w);
        q = sd / sdv; // BigInt division truncates toward zero, like IDIV
        r = sd % sdv; // remainder has the sign of the dividend
        if (q !== sx(q, w)) return de();
      }
      if (w === 8) s.set('ax', ((zx(r, 8) << 8n) | zx(q, 8)));
      else {
        s.set(['ax', 'eax', 'rax'][[16, 32, 64].indexOf(w)]!, zx(q, w));
        s.set(['dx', 'edx', 'rdx'][[16, 32, 64].indexOf(w)]!, zx(r, w));
      }
      return result();
    }

    // ---- bits
    case 'bt': case 'bts': case 'btr': case 'btc': {
      const a = s.get(dst);
      const off = BigInt(Number(src() % b)); // register bit base: offset modulo the operand size
      const bit = (a >> off) & 1n;
      s.setFlag(CF, bit);
      if (op === 'bts') s.set(dst, a | (1n << off));
      else if (op === 'btr') s.set(dst, a & ~(1n << off) & m);
      else if (op === 'btc') s.set(dst, a ^ (1n << off));
      return result();
    }
    case 'bsf': case 'bsr': {
      const v = src();
      if (v === 0n) {
        s.setFlag(ZF, 1); // destination undefined: the vectors have no such case
        return result();
      }
      let i = 0n;
      if (op === 'bsf') while (((v >> i) & 1n) === 0n) i++;
      else for (i = b - 1n; ((v >> i) & 1n) === 0n; i--);
      s.set(dst, i);
      s.setFlag(ZF, 0);
      return result();
    }
    case 'bswap': {
      const a = s.get(dst);
      let r = 0n;
      for (let k = 0n; k < b / 8n; k++) r = (r << 8n) | ((a >> (8n * k)) & 0xffn);
      s.set(dst, r);
      return result();
    }

    // ---- conversions and moves (flags unaffected)
    case 'cbw': s.set('ax', zx(sx(s.get('al'), 8), 16)); return result();
    case 'cwde': s.set('eax', zx(sx(s.get('ax'), 16), 32)); return result();
    case 'cdqe': s.set('rax', zx(sx(s.get('eax'), 32), 64)); return result();
    case 'cwd': s.set('dx', msb(s.get('ax'), 16) ? 0xffffn : 0n); return result();
    case 'cdq': s.set('edx', msb(s.get('eax'), 32) ? 0xffffffffn : 0n); return result();
    case 'cqo': s.set('rdx', msb(s.get('rax'), 64) ? mask(64) : 0n); return result();
    case 'movzx': s.set(dst, s.get(ops[1]!)); return result();
    case 'movsx': case 'movsxd': s.set(dst, zx(sx(s.get(ops[1]!), sizeOf(ops[1]!)), w)); return result();
    case 'xchg': {
      const a = s.get(dst), bv = s.get(ops[1]!);
      s.set(dst, bv);
      s.set(ops[1]!, a);
      return result();
    }
  }
  if (op.startsWith('set')) {
    s.set(dst, cond(op.slice(3), s) ? 1n : 0n);
    return result();
  }
  if (op.startsWith('cmov')) {
    // The destination is written even when the condition is false (32-bit: upper half cleared).
    s.set(dst, cond(op.slice(4), s) ? s.get(ops[1]!) : s.get(dst));
    return result();
  }
  throw new Error(`model: unsupported instruction ${c.asm}`);
}
