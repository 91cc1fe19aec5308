// Compiled blocks (blocks.ts) against the generic interpreter: random straight-line programs of the
// instructions blocks handle (register ALU at 32/64 bits incl. adc/sbb, inc/dec, shifts/rotates by
// immediates, moves, lea, loads/stores, push/pop, jcc reading flags from inside or outside a block,
// and generic ones called through the interpreter: memory ALU, SIB moves, imul, movzx, cmov, setcc),
// each segment followed by a dump of every register and RFLAGS. All modes must agree exactly.
// Plus: a fault inside a block, and a block that overwrites its own upcoming code.
import { describe, it, expect } from 'vitest';
import { toolsAvailable } from './helpers/tools.js';
import { runSnippet, CPU_MODES, type CpuMode } from './helpers/snippet.js';

const HAVE = toolsAvailable('nasm');
const REGS64 = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14'];
const REGS32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d'];
const ALU = ['add', 'adc', 'sub', 'sbb', 'and', 'or', 'xor', 'cmp', 'test'];
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return Math.floor((s / 4294967296) * n); };
}

function program(seed: number, segments: number): string {
  const r = prng(seed);
  const pick = <T>(a: T[]) => a[r(a.length)]!;
  const imm = () => pick([0, 1, -1, 0x7f, -0x80, 0x7fffffff, -0x80000000, r(0x10000), -r(0x10000), 63, 32]);
  // the body runs twice (the second time as compiled blocks), from the same initial state
  const L: string[] = ['mov qword [passes], 2', 'pass:', 'mov rsp, 0x90000', 'mov r15, data'];
  for (const x of REGS64) L.push(`mov ${x}, 0x${(BigInt(r(0x10000)) * 0x9e3779b97f4a7n & 0xffffffffffffffffn).toString(16)}`);
  L.push('mov rsi, data0', 'mov rdi, data', 'mov ecx, 40', 'rep movsq');
  for (let s = 0; s < segments; s++) {
    for (let k = 0; k < 14; k++) {
      const w = r(23);
      const R = r(2) ? REGS64 : REGS32, a = pick(R), b = pick(R);
      if (w < 5) L.push(`${pick(ALU)} ${a}, ${b}`);
      else if (w < 7) L.push(`${pick(ALU)} ${a}, ${imm()}`);
      else if (w === 7) L.push(`${pick(['inc', 'dec'])} ${a}`);
      else if (w === 8) L.push(`${pick(['shl', 'shr', 'sar', 'rol', 'ror'])} ${pick(REGS64)}, ${1 + r(63)}`);
      else if (w === 9) L.push(r(2) ? `mov ${a}, ${b}` : `mov ${pick(REGS64)}, ${imm()}`);
      else if (w === 10) L.push(`lea ${pick(REGS64)}, [${pick(REGS64)}+${pick(REGS64)}*${pick([1, 2, 4, 8])}+${imm()}]`);
      else if (w === 11) L.push(`mov [r15+${8 * r(32)}], ${pick(R)}`);
      else if (w === 12) L.push(`mov ${pick(R)}, [r15+${8 * r(32)}]`);
      else if (w === 13) { const x = pick(REGS64); L.push(`push ${x}`, `pop ${pick(REGS64)}`); }
      // generic instructions a block calls the interpreter for
      else if (w === 14) L.push(r(2) ? `${pick(ALU)} ${a}, [r15+${8 * r(32)}]` : `${pick(ALU)} [r15+${8 * r(32)}], ${a}`);
      else if (w === 15) L.push(`${pick(ALU)} ${pick(['qword', 'dword'])} [r15+${8 * r(32)}], ${imm()}`);
      else if (w === 16) L.push(r(2) ? `mov ${a}, [r15+r15*1-data+${8 * r(32)}]` : `mov [r15+r15*1-data+${8 * r(32)}], ${a}`);
      else if (w === 17) L.push(r(2) ? `imul ${a}, ${b}, ${imm()}` : `imul ${a}, ${b}`);
      else if (w === 18) L.push(`movzx ${pick(REGS32)}, ${pick(['byte', 'word'])} [r15+${r(250)}]`);
      else if (w === 19) L.push(r(2) ? `cmov${pick(CC)} ${a}, ${b}` : `set${pick(CC)} byte [r15+${r(250)}]`);
      else if (w === 20) L.push(`${pick(['neg', 'not'])} ${a}`);
      else if (w === 21) L.push(`${pick(['shl', 'sar', 'rcl'])} qword [r15+${8 * r(32)}], ${1 + r(63)}`);
      else L.push(`j${pick(CC)} $+2`); // both ways lead to the next instruction: a flags reader
    }
    L.push('pushfq', `pop qword [dump + ${s * 16 * 8}]`);
    REGS64.forEach((x, i) => L.push(`mov [dump + ${s * 16 * 8 + 8 + i * 8}], ${x}`));
  }
  L.push('dec qword [passes]', 'jnz pass', 'hlt', 'data0: times 40 dq 0x0123456789abcdef', 'align 4096',
    'data: times 40 dq 0', 'passes: dq 0', `dump: times ${segments * 16} dq 0`);
  return L.join('\n');
}

describe.skipIf(!HAVE)('compiled blocks', () => {
  it('random programs: every mode gives the same registers and flags after every segment', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const src = program(seed, 30);
      const dumps = CPU_MODES.map(([name, mode]) => {
        const s = runSnippet(src, mode as CpuMode);
        expect(s.r.reason, name).toBe('hlt');
        const img = s.m.mem.u8.subarray(0x100000, 0x100000 + 0x40000);
        if (mode.blockHot === 1) expect(s.m.cpu.stats.blocks, name).toBeGreaterThan(20);
        return { name, bytes: Buffer.from(img).toString('hex') };
      });
      for (const d of dumps.slice(1)) expect(d.bytes === dumps[1]!.bytes, `seed ${seed}: ${d.name} vs ${dumps[1]!.name}`).toBe(true);
    }
  });

  it('a page fault inside a block reports the faulting instruction and resumes after the handler', () => {
    const s = runSnippet(`
      jmp start
      align 16
    idt: times 256*16 db 0
    idtr: dw 256*16-1
          dq idt
    start:
      mov rax, pf
      mov [idt + 14*16], ax
      mov word [idt + 14*16 + 2], 8
      mov byte [idt + 14*16 + 5], 0x8e
      shr rax, 16
      mov [idt + 14*16 + 6], ax
      lidt [idtr]
      mov rsp, 0x90000
      mov r13, 0x40000000       ; not mapped
      mov rbx, r13
      mov ecx, 3
    again:
      add r8, 1
      mov rdx, [rbx]            ; faults every time: the handler points rbx at a value
      add r9, rdx
      mov rbx, r13
      dec ecx
      jnz again
      hlt
    pf:
      mov rax, [rsp+8]
      mov [faultrip], rax
      add rsp, 8
      mov rbx, value
      iretq
      align 8
    value: dq 5
    faultrip: dq 0`, { blockHot: 1 });
    expect(s.r.reason).toBe('hlt');
    expect(s.reg('r8')).toBe(3n);
    expect(s.reg('r9')).toBe(15n);
    expect(s.m.cpu.stats.blocks).toBeGreaterThan(0);
    expect(s.m.cpu.stats.exceptions).toBe(3);
  });

  it('a store inside a block that overwrites the rest of the block takes effect at once', () => {
    const s = runSnippet(`
      mov rbx, 0x200000         ; first pass: a data page
      mov r12, target           ; second pass: the code below
      mov r10d, 0x90909090
      mov ecx, 2
      xor r8, r8
    loop:
      mov [rbx], r10d           ; second pass (inside the compiled block): turns the add into nops
      mov rbx, r12
      mov esi, 1
    target:
      add r8, 0x7f              ; 49 83 c0 7f
      dec ecx
      jnz loop
      hlt`, { blockHot: 1 });
    expect(s.r.reason).toBe('hlt');
    expect(s.reg('r8')).toBe(0x7fn);
    expect(s.m.cpu.stats.codeInvalidations).toBeGreaterThan(0);
  });
});
