// Exceptions and the IDT: delivery frames, error codes, CR2, #DF and triple faults, INT n / INT3 /
// IRETQ, interrupt vs trap gates, #GP for non-canonical addresses / reserved CR bits / unknown MSRs,
// and the machine's stop reasons.
import { describe, it, expect } from 'vitest';
import { toolsAvailable } from './helpers/tools.js';
import { runSnippet, CPU_MODES } from './helpers/snippet.js';

const HAVE = toolsAvailable('nasm');

/** Guest prelude: SET_GATE vector, handler, type (0x8E interrupt gate, 0x8F trap gate); LOAD_IDT. */
const PRELUDE = `
%macro SET_GATE 3
  mov rax, %2
  mov rdi, idt + %1*16
  mov [rdi], ax
  mov word [rdi+2], 0x08
  mov byte [rdi+4], 0
  mov byte [rdi+5], %3
  shr rax, 16
  mov [rdi+6], ax
  shr rax, 16
  mov [rdi+8], eax
  mov dword [rdi+12], 0
%endmacro
%macro LOAD_IDT 0
  lidt [idtr]
%endmacro
  jmp start
  align 16
idt: times 256*16 db 0
idtr: dw 256*16-1
      dq idt
  align 8
out: times 16 dq 0
start:
`;

describe.skipIf(!HAVE).each(CPU_MODES)('exceptions (%s)', (_name, mode) => {
  const run = (body: string) => runSnippet(PRELUDE + body, mode);
  const outq = (s: ReturnType<typeof run>, k: number) => {
    const base = Number(s.reg('r15'));
    return (BigInt(s.m.mem.read64hi(base + 8 * k)) << 32n) | BigInt(s.m.mem.read64lo(base + 8 * k));
  };

  it('#DE: 64-bit frame (SS RSP RFLAGS CS RIP), RSP aligned to 16, IF cleared by an interrupt gate', () => {
    const s = run(`
      mov r15, out
      SET_GATE 0, de_handler, 0x8E
      LOAD_IDT
      mov rsp, 0x90008
      sti
      xor ecx, ecx
      mov eax, 1
    fault:
      div ecx
      hlt
    de_handler:
      mov [r15], rsp
      mov rax, [rsp]
      mov [r15+8], rax       ; RIP
      mov rax, [rsp+8]
      mov [r15+16], rax      ; CS
      mov rax, [rsp+16]
      mov [r15+24], rax      ; RFLAGS
      mov rax, [rsp+24]
      mov [r15+32], rax      ; RSP
      mov rax, [rsp+32]
      mov [r15+40], rax      ; SS
      pushfq
      pop rax
      mov [r15+48], rax      ; flags inside the handler
      hlt`);
    expect(s.r.reason).toBe('hlt');
    expect(outq(s, 0)).toBe(0x90000n - 40n);
    const fault = outq(s, 1);
    expect(s.m.mem.read8(Number(fault))).toBe(0xf7); // div ecx
    expect(outq(s, 2)).toBe(0x08n);
    expect(outq(s, 3) & 0x200n).toBe(0x200n);
    expect(outq(s, 4)).toBe(0x90008n);
    expect(outq(s, 5)).toBe(0x10n);
    expect(outq(s, 6) & 0x200n).toBe(0n);
  });

  it('#PF: CR2 and error code, the handler fixes the cause, iretq restarts the instruction', () => {
    const s = run(`
      mov r15, out
      SET_GATE 14, pf_handler, 0x8E
      LOAD_IDT
      mov rsp, 0x90000
      mov rbx, 0x40000010      ; not mapped (PDPT[1] is empty)
      mov rax, [rbx]
      mov r8, rax
      mov rbx, 0x40000020
      mov qword [rbx], 5       ; write: error code W=1
      hlt
    pf_handler:
      mov rax, cr2
      mov rcx, [r15+48]
      mov [r15+rcx*8], rax     ; CR2
      pop rax
      mov [r15+rcx*8+8], rax   ; error code
      add qword [r15+48], 2
      mov rbx, value
      iretq
      align 8
    value: dq 0x1234`);
    expect(s.r.reason).toBe('hlt');
    expect(outq(s, 0)).toBe(0x40000010n);
    expect(outq(s, 1)).toBe(0n);
    expect(s.reg('r8')).toBe(0x1234n);
    expect(outq(s, 2)).toBe(0x40000020n);
    expect(outq(s, 3)).toBe(2n);
    expect(s.m.cpu.cr2Lo).toBe(0x40000020);
  });

  it('#GP(0) for a non-canonical address, reserved CR4 bits and an unknown MSR; #UD for ud2 and vmcall', () => {
    const s = run(`
      mov r15, out
      SET_GATE 13, gp_handler, 0x8E
      SET_GATE 6, ud_handler, 0x8E
      LOAD_IDT
      mov rsp, 0x90000
      mov rbx, 0x0000800000000000
    f1: mov rax, [rbx]
      mov rax, cr4
      or rax, 1 << 22          ; reserved (PKE is not modelled)
    f2: mov cr4, rax
      mov ecx, 0x12345678
    f3: rdmsr
    f4: ud2
    f5: vmcall
      hlt
    gp_handler:
      mov rcx, [r15+120]
      pop rax
      mov [r15+rcx*8], rax     ; error code
      mov rax, [rsp]
      mov [r15+rcx*8+8], rax   ; faulting RIP
      add qword [r15+120], 2
      shr ecx, 1
      lea rdx, [rel skip_len]
      movzx eax, byte [rdx+rcx]
      add [rsp], rax           ; skip the instruction
      iretq
    ud_handler:
      mov rcx, [r15+120]
      mov qword [r15+rcx*8], 6
      mov rax, [rsp]
      mov [r15+rcx*8+8], rax
      add qword [r15+120], 2
      shr ecx, 1
      lea rdx, [rel skip_len]
      movzx eax, byte [rdx+rcx]
      add [rsp], rax
      iretq
    skip_len: db 3, 3, 2, 2, 3`);
    expect(s.r.reason).toBe('hlt');
    expect([outq(s, 0), outq(s, 2), outq(s, 4), outq(s, 6), outq(s, 8)]).toEqual([0n, 0n, 0n, 6n, 6n]);
    // the RIPs are increasing instruction addresses inside the image
    const rips = [1, 3, 5, 7, 9].map((k) => outq(s, k));
    for (let k = 1; k < rips.length; k++) expect(rips[k]! > rips[k - 1]!).toBe(true);
    expect(s.m.mem.read8(Number(rips[3]!))).toBe(0x0f);
    expect(s.m.mem.read8(Number(rips[3]!) + 1)).toBe(0x0b);
  });

  it('lgdt/lidt/sgdt/sidt, CR reads/writes and their #GP(0) cases, EFER and CR8', () => {
    const s = run(`
      mov r15, out
      SET_GATE 13, gp_handler, 0x8E
      LOAD_IDT
      mov rsp, 0x90000
      sidt [r15]                 ; 10 bytes: limit, base
      mov rax, [r15+2]
      mov [r15+16], rax
      lgdt [gdtr]
      sgdt [r15+24]
      mov rax, 0x0000010000000000 | 0x1000   ; CR3 bit 40: beyond MAXPHYADDR
      mov r14, 0
    g1: mov cr3, rax
      mov rax, cr0
      and eax, ~1                ; PG without PE
    g2: mov cr0, rax
      mov rax, 16
    g3: mov cr8, rax             ; CR8 bits 63:4 reserved
      mov rax, 5
      mov cr8, rax
      mov rbx, cr8
      mov [r15+40], rbx
      mov ecx, 0xc0000080
      rdmsr
      or eax, 1 << 13            ; reserved EFER bit
    g4: wrmsr
      mov rax, cr4
      xor rax, 1 << 12           ; LA57 cannot change in IA-32e mode
    g5: mov cr4, rax
      mov [r15+48], r14
      mov rax, cr2
      mov rax, 0x1234
      mov cr2, rax
      mov rbx, cr2
      mov [r15+56], rbx
      hlt
    gp_handler:
      lea rdx, [rel lens]
      movzx eax, byte [rdx+r14]  ; length of the faulting instruction
      inc r14
      add [rsp+8], rax           ; skip it (the error code is at [rsp])
      add rsp, 8
      iretq
    lens: db 3, 3, 4, 2, 3       ; mov cr3 / mov cr0 / mov cr8 (REX.R) / wrmsr / mov cr4
    gdtr: dw 0x17
          dq 0x1234567800`);
    expect(s.r.reason).toBe('hlt');
    expect(outq(s, 0) & 0xffffn).toBe(256n * 16n - 1n);
    expect(s.m.cpu.idtrBaseLo).toBe(Number(outq(s, 2)));
    expect(outq(s, 3) & 0xffffn).toBe(0x17n);
    expect((outq(s, 3) >> 16n) | ((outq(s, 4) & 0xffffn) << 48n)).toBe(0x1234567800n);
    expect(outq(s, 5)).toBe(5n);
    expect(outq(s, 6)).toBe(5n);           // five #GP(0)
    expect(outq(s, 7)).toBe(0x1234n);
    expect(s.m.cpu.cr3).toBe(0x1000);      // unchanged by the faulting write
    expect(s.m.cpu.efer).toBe(0xd00);
  });

  it('int n through a trap gate keeps IF; int3 pushes the next RIP; iretq returns', () => {
    const s = run(`
      mov r15, out
      SET_GATE 0x80, int80, 0x8F
      SET_GATE 3, bp_handler, 0x8E
      LOAD_IDT
      mov rsp, 0x90000
      sti
      mov eax, 41
      int 0x80
      mov [r15+8], rax
    i3: int3
    after3:
      mov [r15+24], rsp
      hlt
    int80:
      inc eax
      pushfq
      pop rbx
      mov [r15], rbx
      iretq
    bp_handler:
      mov rax, [rsp]
      mov [r15+16], rax
      mov rax, after3
      mov [r15+32], rax
      iretq`);
    expect(s.r.reason).toBe('hlt');
    expect(outq(s, 0) & 0x200n).toBe(0x200n);
    expect(outq(s, 1)).toBe(42n);
    expect(outq(s, 2)).toBe(outq(s, 4));
    expect(outq(s, 3)).toBe(0x90000n);
  });

  it('#DF: a contributory exception while delivering #PF (gate not present -> #NP) becomes a double fault with error code 0', () => {
    const s = run(`
      mov r15, out
      SET_GATE 8, df_handler, 0x8E
      SET_GATE 14, df_handler, 0x0E    ; present bit clear
      LOAD_IDT
      mov rsp, 0x90000
      mov rax, [0x40000000]
      hlt
    df_handler:
      pop rax
      mov [r15], rax
      mov qword [r15+8], 1
      hlt`);
    expect(s.r.reason).toBe('hlt');
    expect(outq(s, 1)).toBe(1n);
    expect(outq(s, 0)).toBe(0n);
  });

  it('triple fault: an exception with IDTR limit 0 (boot state) stops the machine with a clean message', () => {
    const s = runSnippet(`
      mov eax, 1
      db 0x0f, 0xff             ; undecodable
      hlt`, mode);
    expect(s.r.reason).toBe('triple-fault');
    expect(s.r.rip).toBe('0x100005');
    expect(s.r.bytes).toBe('0f ff');
    expect(s.r.disasm).toBe('(bad)');
    expect(s.r.message).toMatch(/triple fault/);
  });

  it('triple fault: #DF delivery itself faults', () => {
    const s = run(`
      SET_GATE 13, 0, 0x0E     ; #GP gate not present
      LOAD_IDT
      mov rsp, 0x90000
      ud2                       ; #UD (no gate: its vector 6 is not present -> #NP) -> ... -> #DF not present -> triple
      hlt`);
    expect(s.r.reason).toBe('triple-fault');
  });

  it('stops: exit port code, hlt, instruction limit, code fetched outside RAM', () => {
    const e = runSnippet(`mov eax, 42\n out 0xf4, eax\n hlt`, mode);
    expect(e.r.reason).toBe('exit-port');
    expect(e.r.code).toBe(42);
    const w = runSnippet(`mov al, 'h'\n out 0xe9, al\n mov al, 'i'\n out 0xe9, al\n in al, 0xe9\n movzx ebx, al\n hlt`, mode);
    expect(w.r.reason).toBe('hlt');
    expect(w.r.console).toBe('hi');
    expect(w.reg('rbx')).toBe(0xe9n);
    const l = runSnippet(`.l: inc rax\n jmp .l`, { ...mode, maxInsns: 1001 });
    expect(l.r.reason).toBe('insn-limit');
    expect(l.r.instructions).toBe(1001);
    expect(l.reg('rax')).toBe(501n);
    const b = runSnippet(`mov rax, 0x2000000\n jmp rax`, { ...mode, memBytes: 16 << 20 });
    expect(b.r.reason).toBe('error');
    expect(b.r.message).toMatch(/instruction fetch .* outside RAM/);
  });
  it('reads unassigned physical memory as all ones and drops writes to it', () => {
    const u = runSnippet(`mov qword [0x2000000], 5\n mov rax, [0x2000000]\n mov bl, [0x2000008]\n mov cx, [0x2000ffe]\n hlt`, { ...mode, memBytes: 16 << 20 });
    expect(u.r.reason).toBe('hlt');
    expect(u.reg('rax')).toBe(0xffffffffffffffffn);
    expect(u.reg('rbx') & 0xffn).toBe(0xffn);
    expect(u.reg('rcx') & 0xffffn).toBe(0xffffn);
  });
});
