// Random NASM source for the differential test: thousands of instruction
// lines drawn from the grammar the encoder supports, reproducible from a seed.
// Every line is one NASM accepts (the whole file must assemble), with
// immediates and displacements at the boundaries where encodings change
// (127/128, -128/-129, 0x7fffffff/0x80000000, 0xffffffff...), every
// base/index/scale shape, labels referenced forwards and backwards, and blocks
// whose jumps land just inside or just outside the reach of a short jump.

/** mulberry32: small, fast, good enough to shuffle test inputs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const R64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const R32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const R8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const R8LEGACY = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh'];
const REGS: Record<number, string[]> = { 1: R8, 2: R16, 4: R32, 8: R64 };
const SIZEWORD: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword' };
const ACC: Record<number, string> = { 1: 'al', 2: 'ax', 4: 'eax', 8: 'rax' };
const CC = ['o', 'no', 'b', 'c', 'nae', 'ae', 'nb', 'nc', 'e', 'z', 'ne', 'nz', 'be', 'na', 'a', 'nbe', 's', 'ns', 'p', 'pe', 'np', 'po', 'l', 'nge', 'ge', 'nl', 'le', 'ng', 'g', 'nle'];
const ARITH = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
const SHIFTS = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'sal', 'shr', 'sar'];

/** Immediates around every encoding boundary, by operand size. */
const IMM: Record<number, (string | number)[]> = {
  1: [0, 1, -1, 127, -128, 128, 255, 0x5a, -100],
  2: [0, 1, -1, 127, 128, -128, -129, 255, 256, 0x7fff, -0x8000, 0xffff, 0xff80, 0x1234],
  4: [0, 1, -1, 127, 128, -128, -129, 0x7fff, 0x8000, 0xffff, 0x7fffffff, -0x80000000, 0xffffffff, 0xffffff80, 0x12345678],
  8: [0, 1, -1, 127, 128, -128, -129, 0x7fffffff, -0x80000000, -0x7fffffff, 0x1000, 0xffffff80 - 0x100000000, 0x12345678],
};
/** Values for mov r64, imm: the udword / sdword / imm64 boundaries. */
const IMM64 = ['0', '1', '-1', '0x7fffffff', '0x80000000', '0xffffffff', '0x100000000', '-0x80000000', '-0x80000001', '0x123456789abcdef0', '0x7fffffffffffffff', '-0x8000000000000000', '0xfffffffffffffff0'];
const DISP = [0, 1, -1, 8, 127, 128, -128, -129, 0x7f, 0x80, 0x1000, 0x7fffffff, -0x80000000, 0x12345];

export interface Generated {
  /** The full source, `bits 64` and `org` included. */
  source: string;
  /** The generated lines, 1-based line n of `source` is lines[n - 1 - header]. */
  lines: string[];
  /** Number of header lines before lines[0]. */
  header: number;
}

export function generate(seed: number, count: number, origin = 0x100000): Generated {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const chance = (p: number) => rnd() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const num = (v: number | string) => (typeof v === 'string' ? v : v < 0 ? `-0x${(-v).toString(16)}` : chance(0.5) ? String(v) : `0x${v.toString(16)}`);

  let labels = 0; // labels L0..L(n-1) defined so far
  const out: string[] = [];
  // Jump targets are chosen after all labels exist, so forward ones are valid.
  const fixups: number[] = [];
  const TARGET = '\u0000';
  const label = () => TARGET;

  const size = () => pick([1, 2, 4, 8]);
  const reg = (s: number) => pick(REGS[s]!);

  /** A random effective address, `[...]` included. */
  const mem = (opts: { noRel?: boolean } = {}): string => {
    const seg = chance(0.08) ? `${pick(['fs', 'gs'])}:` : '';
    if (chance(0.12)) {
      // bare address: a label (RIP-relative with rel) or a number
      if (!opts.noRel && chance(0.5)) return `[rel ${seg}${label()}${chance(0.3) ? `+${int(0, 64)}` : ''}]`;
      if (chance(0.3)) return `[${seg}${label()}]`;
      return `[${pick(['abs ', ''])}${seg}${num(pick([0x1234, 0x10, 0x7fffffff, 0x100]))}]`;
    }
    const a32 = chance(0.06);
    const names = a32 ? R32 : R64;
    const parts: string[] = [];
    const base = chance(0.9) ? pick(names) : undefined;
    let index: string | undefined;
    let scale = 1;
    if (chance(0.45)) {
      index = pick(names.filter((n, i) => i !== 4));
      scale = pick([1, 2, 4, 8]);
    } else if (chance(0.05) && base && base !== names[4]) {
      index = names[4]; // [rax+rsp]: nasm swaps rsp into the base
    }
    if (!base && index && scale === 1) scale = pick([2, 4, 8]);
    if (base) parts.push(base);
    if (index) parts.push(scale === 1 ? index : chance(0.5) ? `${index}*${scale}` : `${scale}*${index}`);
    let d = '';
    let dispSize = '';
    if (chance(0.6) || parts.length === 0) {
      const v = pick(DISP);
      // A constant difference of labels; not with two registers: there NASM
      // orders base and index by register name when the label is a forward one.
      if (chance(0.08) && !(base && index)) d = `${label()}-$$`;
      else d = num(v);
      if (base && !d.includes('$') && chance(0.1)) dispSize = v >= -128 && v <= 127 ? pick(['byte ', 'dword ']) : 'dword ';
    }
    let text = parts.join('+');
    if (d) text = text ? (d.startsWith('-') ? `${text}${d}` : `${text}+${d}`) : d;
    if (!base && !index) text = d;
    return `[${dispSize}${seg}${text}]`;
  };

  const imm = (s: number) => num(pick(IMM[s]!));

  const gens: (() => string | string[])[] = [
    // ---- arithmetic --------------------------------------------------------------
    () => {
      const op = pick(ARITH);
      const s = size();
      switch (int(0, 6)) {
        case 0:
          return `${op} ${reg(s)}, ${reg(s)}`;
        case 1:
          return `${op} ${reg(s)}, ${chance(0.3) ? SIZEWORD[s] + ' ' : ''}${mem()}`;
        case 2:
          return `${(chance(0.2) && op !== 'cmp' ? 'lock ' : '')}${op} ${mem()}, ${reg(s)}`;
        case 3:
          return `${op} ${reg(s)}, ${chance(0.15) && s > 1 ? 'byte ' + num(int(-128, 127)) : chance(0.1) ? 'strict ' + SIZEWORD[s] + ' ' + imm(Math.min(s, 4)) : imm(s)}`;
        case 4:
          return `${op} ${SIZEWORD[s]} ${mem()}, ${imm(s)}`;
        case 5:
          return `${op} ${ACC[s]}, ${imm(s)}`;
        default:
          return `${op} ${s === 1 ? pick(R8LEGACY) : reg(s)}, ${s === 1 ? pick(R8LEGACY) : reg(s)}`;
      }
    },
    () => {
      const op = pick(['inc', 'dec', 'neg', 'not', 'mul', 'div', 'idiv', 'imul']);
      const s = size();
      return chance(0.5) ? `${op} ${reg(s)}` : `${op} ${SIZEWORD[s]} ${mem()}`;
    },
    () => {
      const s = pick([2, 4, 8]);
      switch (int(0, 3)) {
        case 0:
          return `imul ${reg(s)}, ${chance(0.5) ? reg(s) : mem()}`;
        case 1:
          return `imul ${reg(s)}, ${chance(0.5) ? reg(s) : mem()}, ${imm(s === 8 ? 4 : s)}`;
        case 2:
          return `imul ${reg(s)}, ${imm(s === 8 ? 4 : s)}`;
        default:
          return `imul ${reg(s)}, ${reg(s)}, byte ${int(-128, 127)}`;
      }
    },
    () => {
      const s = size();
      const v = imm(s);
      return chance(0.5) ? `test ${reg(s)}, ${chance(0.5) ? reg(s) : v}` : chance(0.5) ? `test ${mem()}, ${reg(s)}` : chance(0.5) ? `test ${SIZEWORD[s]} ${mem()}, ${v}` : `test ${ACC[s]}, ${v}`;
    },
    () => {
      const op = pick(SHIFTS);
      const s = size();
      const dst = chance(0.5) ? reg(s) : `${SIZEWORD[s]} ${mem()}`;
      return `${op} ${dst}, ${pick(['1', 'cl', String(int(0, 63)), `byte ${int(0, 31)}`, '0'])}`;
    },
    () => {
      const op = pick(['shld', 'shrd']);
      const s = pick([2, 4, 8]);
      return `${op} ${chance(0.5) ? reg(s) : mem()}, ${reg(s)}, ${chance(0.5) ? 'cl' : int(0, 63)}`;
    },
    () => {
      const op = pick(['bt', 'bts', 'btr', 'btc']);
      const s = pick([2, 4, 8]);
      if (chance(0.5)) return `${chance(0.15) && op !== 'bt' ? 'lock ' : ''}${op} ${chance(0.5) ? reg(s) : mem()}, ${reg(s)}`;
      return `${op} ${chance(0.5) ? reg(s) : SIZEWORD[s] + ' ' + mem()}, ${int(0, 63)}`;
    },
    () => `${pick(['bsf', 'bsr'])} ${(() => {
      const s = pick([2, 4, 8]);
      return `${reg(s)}, ${chance(0.5) ? reg(s) : mem()}`;
    })()}`,
    () => pick(['cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo']),

    // ---- data movement --------------------------------------------------------------
    () => {
      const s = size();
      switch (int(0, 5)) {
        case 0:
          return `mov ${reg(s)}, ${reg(s)}`;
        case 1:
          return `mov ${reg(s)}, ${mem()}`;
        case 2:
          return `mov ${mem()}, ${reg(s)}`;
        case 3:
          if (s === 8) return `mov ${reg(8)}, ${pick(['', '', 'qword ', 'dword ', 'strict qword '])}${pick(IMM64)}`.replace('dword 0x100000000', 'dword 5');
          return `mov ${reg(s)}, ${imm(s)}`;
        case 4:
          return `mov ${SIZEWORD[s]} ${mem()}, ${imm(s === 8 ? 8 : s)}`;
        default:
          return `mov ${reg(s)}, ${label()}`;
      }
    },
    () => {
      const s = size();
      const a = num(pick([0x1234, 0x12345678, 0x123456789a]));
      return chance(0.5) ? `mov ${ACC[s]}, [qword ${a}]` : `mov [qword ${a}], ${ACC[s]}`;
    },
    () => {
      const sreg = pick(['es', 'cs', 'ss', 'ds', 'fs', 'gs']);
      switch (int(0, 4)) {
        case 0:
          return `mov ${reg(pick([2, 4, 8]))}, ${sreg}`;
        case 1:
          return `mov ${pick(['ds', 'es', 'fs', 'gs', 'ss'])}, ${reg(pick([2, 4, 8]))}`;
        case 2:
          return `mov ${pick(['', 'word ', 'qword '])}${mem()}, ${sreg}`;
        case 3:
          return `mov ${pick(['ds', 'es', 'fs', 'gs'])}, ${pick(['', 'word '])}${mem()}`;
        default:
          return chance(0.5) ? `mov ${pick(['cr0', 'cr2', 'cr3', 'cr4', 'cr8'])}, ${reg(8)}` : `mov ${reg(8)}, ${pick(['cr0', 'cr2', 'cr3', 'cr4', 'cr8'])}`;
      }
    },
    () => {
      const op = pick(['movzx', 'movsx']);
      const d = pick([2, 4, 8]);
      const s = d === 2 ? 1 : pick([1, 2]);
      return `${op} ${reg(d)}, ${chance(0.5) ? reg(s) : SIZEWORD[s] + ' ' + mem()}`;
    },
    () => `movsxd ${reg(8)}, ${chance(0.5) ? reg(4) : mem()}`,
    () => `lea ${reg(pick([2, 4, 8]))}, ${mem()}`,
    () => {
      const s = size();
      if (chance(0.3)) return `xchg ${ACC[s]}, ${reg(s)}`;
      if (chance(0.2)) return `xchg ${reg(s)}, ${ACC[s]}`;
      return chance(0.5) ? `xchg ${reg(s)}, ${chance(0.5) ? reg(s) : mem()}` : `xchg ${mem()}, ${reg(s)}`;
    },
    () => {
      const op = pick(['push', 'pop']);
      switch (int(0, 4)) {
        case 0:
          return `${op} ${reg(pick([2, 8]))}`;
        case 1:
          return `${op} ${pick(['word', 'qword'])} ${mem()}`;
        case 2:
          return `${op} ${pick(['fs', 'gs'])}`;
        default:
          return op === 'pop' ? `pop ${reg(8)}` : `push ${pick(['', '', 'word ', 'dword ', 'qword ', 'strict dword ', 'strict qword '])}${num(pick([0, 1, -1, 127, 128, -128, -129, 0x7fff, 0x7fffffff, -0x80000000]))}`.replace(/word (0x7fffffff|2147483647|-0x80000000)/, 'word 5');
      }
    },
    () => pick(['pushf', 'popf', 'pushfq', 'popfq', 'pushfw', 'popfw']),
    () => {
      const s = pick([2, 4, 8]);
      return `cmov${pick(CC)} ${reg(s)}, ${chance(0.5) ? reg(s) : mem()}`;
    },
    () => `set${pick(CC)} ${chance(0.5) ? (chance(0.7) ? reg(1) : pick(R8LEGACY)) : chance(0.5) ? mem() : 'byte ' + mem()}`,
    () => `bswap ${reg(pick([4, 8]))}`,
    () => {
      const op = pick(['xadd', 'cmpxchg']);
      const s = size();
      return chance(0.5) ? `${chance(0.3) ? 'lock ' : ''}${op} ${mem()}, ${reg(s)}` : `${op} ${reg(s)}, ${reg(s)}`;
    },

    // ---- control transfer -----------------------------------------------------------
    () => `${pick(['jmp', 'call', `j${pick(CC)}`, `j${pick(CC)}`])} ${pick(['', '', '', 'near ', 'strict '])}${label()}`,
    () => pick([`jmp ${reg(8)}`, `call ${reg(8)}`, `jmp ${pick(['', 'qword '])}${mem()}`, `call ${pick(['', 'qword '])}${mem()}`, `jmp qword [rel ${label()}]`]),
    () => {
      // a block whose jump distance sits at the edge of rel8 reach
      const here = `B${out.length}`;
      const n = int(118, 132);
      const j = pick(['jmp', `j${pick(CC)}`]);
      return chance(0.5) ? [`${j} ${here}`, `times ${n} nop`, `${here}:`] : [`${here}:`, `times ${n} nop`, `${j} ${here}`];
    },
    () => {
      const here = `S${out.length}`;
      const body = Array.from({ length: int(0, 6) }, () => pick(['nop', 'inc eax', 'add rax, rbx', 'push rcx', 'pop rdx']));
      const j = pick(['loop', 'loope', 'loopz', 'loopne', 'loopnz', 'jrcxz', 'jecxz', 'jmp short', `j${pick(CC)} short`]);
      return chance(0.5) ? [`${here}:`, ...body, `${j} ${here}`] : [`${j} ${here}`, ...body, `${here}:`];
    },
    () => pick(['ret', 'retn', 'retf', 'leave', `ret ${int(0, 0xffff)}`, `retf ${int(0, 64)}`, 'retq', 'iretq', 'iret', 'iretd']),

    // ---- strings ----------------------------------------------------------------------
    () => {
      const base = pick(['movs', 'stos', 'lods', 'cmps', 'scas', 'ins', 'outs']);
      const sfx = base === 'ins' || base === 'outs' ? pick(['b', 'w', 'd']) : pick(['b', 'w', 'd', 'q']);
      const rep = base === 'cmps' || base === 'scas' ? pick(['', 'repe ', 'repz ', 'repne ', 'repnz ']) : pick(['', 'rep ']);
      return `${rep}${pick(['', '', 'a32 ', 'o16 '].filter((p) => !(p === 'o16 ' && sfx !== 'b')))}${base}${sfx}`;
    },

    // ---- system and misc -------------------------------------------------------------
    () => pick(['hlt', 'cli', 'sti', 'clc', 'stc', 'cmc', 'cld', 'std', 'cpuid', 'rdtsc', 'rdtscp', 'rdmsr', 'wrmsr', 'int3', 'int1', 'icebp', 'pause', 'ud2', 'vmcall', 'vmlaunch', 'vmresume', 'mfence', 'lfence', 'sfence', 'nop', 'swapgs', 'syscall', 'wbinvd', 'lahf', 'sahf', 'xlatb']),
    () => `int ${int(0, 255)}`,
    () => pick([`in ${pick(['al', 'ax', 'eax'])}, ${pick(['dx', String(int(0, 255))])}`, `out ${pick(['dx', String(int(0, 255))])}, ${pick(['al', 'ax', 'eax'])}`]),
    () => `${pick(['invlpg', 'lgdt', 'lidt', 'sgdt', 'sidt'])} ${mem()}`,
    () => `invpcid ${reg(8)}, ${mem()}`,
    () => `nop ${chance(0.5) ? reg(pick([2, 4, 8])) : SIZEWORD[pick([2, 4, 8])] + ' ' + mem()}`,
    () => `${pick(['lldt', 'ltr'])} ${chance(0.5) ? reg(2) : mem()}`,
    () => `${pick(['sldt', 'str'])} ${chance(0.5) ? reg(pick([2, 4, 8])) : mem()}`,
    () => `lock ${pick(['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor'])} ${SIZEWORD[size()]} ${mem()}, ${int(-128, 127)}`,
    () => `lock ${pick(['inc', 'dec', 'not', 'neg'])} ${SIZEWORD[size()]} ${mem()}`,
    () => {
      // ah..bh only where no REX prefix is needed
      const r = pick(R8LEGACY);
      const legacy = (s: number) => REGS[s]!.slice(0, 8)[int(0, 7)]!;
      return pick([`mov ${r}, ${pick(R8LEGACY)}`, `add ${r}, ${int(0, 255)}`, `movzx ${legacy(pick([2, 4]))}, ${r}`, `mov ${pick(R8)}, ${int(-128, 255)}`, `xchg ${r}, ${pick(R8LEGACY)}`]);
    },
    () => `${pick(['default rel', 'default abs'])}`,
    () => `enter ${int(0, 0xffff)}, ${int(0, 31)}`,
  ];

  for (let k = 0; k < count; k++) {
    if (chance(0.15)) out.push(`L${labels++}:`);
    const g = pick(gens)();
    const lines = Array.isArray(g) ? g : [g];
    for (const l of lines) {
      if (l.includes(TARGET)) fixups.push(out.length);
      out.push(l);
    }
  }
  out.push(`L${labels++}:`);
  // NASM keeps the `default` state from the end of one pass into the next:
  // end as we began so every pass starts the same.
  out.push('default abs');
  // Resolve targets: any label, earlier or later, so references go both ways.
  for (const i of new Set(fixups)) {
    if (i >= out.length) continue;
    out[i] = out[i]!.split(TARGET).map((p, j, a) => (j < a.length - 1 ? `${p}L${Math.floor(rnd() * labels)}` : p)).join('');
  }
  const header = ['bits 64', `org 0x${origin.toString(16)}`];
  return { source: [...header, ...out, ''].join('\n'), lines: out, header: header.length };
}
