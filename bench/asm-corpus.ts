// The assembler benchmark's input: a generated file of ALU, memory, jump and
// RIP-relative instructions with forward and backward labels, the same bytes
// for nasm and for pagevisor.

export function generateBenchSource(lines: number, seed = 1): string {
  let s = seed >>> 0 || 1;
  const rnd = (n: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
  const r64 = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
  const r32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d'];
  const alu = ['add', 'sub', 'xor', 'and', 'or', 'cmp', 'adc', 'sbb', 'test'];
  const jcc = ['jz', 'jnz', 'jc', 'jnc', 'jl', 'jge', 'ja', 'jbe', 'js', 'jmp'];
  const out: string[] = ['bits 64', 'default rel', 'org 0x100000', 'start:'];
  const labelEvery = 16;
  const nLabels = Math.ceil(lines / labelEvery) + 1;
  for (let i = 0; i < lines; i++) {
    const here = Math.floor(i / labelEvery);
    if (i % labelEvery === 0) out.push(`L${here}:`);
    switch (rnd(8)) {
      case 0:
      case 1: {
        const op = alu[rnd(alu.length)]!;
        out.push(`        ${op} ${r64[rnd(r64.length)]}, ${r64[rnd(r64.length)]}`);
        break;
      }
      case 2: {
        const op = alu[rnd(alu.length - 1)]!;
        out.push(`        ${op} ${r32[rnd(r32.length)]}, ${rnd(3) === 0 ? rnd(100000) : rnd(256) - 128}`);
        break;
      }
      case 3:
        out.push(`        mov ${r64[rnd(r64.length)]}, [${r64[rnd(r64.length)]} + ${r64[rnd(8)]}*${1 << rnd(4)} + ${rnd(4096)}]`);
        break;
      case 4:
        out.push(`        mov [${r64[rnd(r64.length)]} + ${rnd(200) - 100}], ${r32[rnd(r32.length)]}`);
        break;
      case 5: {
        // forward and backward jumps, near and far enough to need rel32
        const target = Math.min(nLabels - 1, Math.max(0, here + rnd(40) - 20));
        out.push(`        ${jcc[rnd(jcc.length)]} L${target}`);
        break;
      }
      case 6:
        out.push(`        lea ${r64[rnd(r64.length)]}, [data${rnd(64)}]`);
        break;
      default:
        out.push(`        mov ${r32[rnd(r32.length)]}, [rel data${rnd(64)}]`);
        break;
    }
  }
  out.push(`L${nLabels - 1}:`, `L${nLabels}:`, '        hlt');
  for (let i = 0; i < 64; i++) out.push(`data${i}: dq ${i * 0x1111}`);
  return out.join('\n') + '\n';
}
