// Instruction semantics on small nasm-assembled guests: register sizes, addressing, stack, strings,
// conditions, bit ops, system instructions. Every test runs twice: with the interpreter's fast forms
// and with the generic handlers only.
import { describe, it, expect } from 'vitest';
import { toolsAvailable } from './helpers/tools.js';
import { runSnippet, CPU_MODES } from './helpers/snippet.js';
import { CPU_VENDOR } from '../../src/cpu/exec-system.js';

const HAVE = toolsAvailable('nasm');
const CF = 1, PF = 4, ZF = 0x40, SF = 0x80, OF = 0x800, DF = 0x400;

describe.skipIf(!HAVE).each(CPU_MODES)('semantics (%s)', (_name, mode) => {
  const run = (src: string, maxInsns?: number) => {
    const s = runSnippet(src, { ...mode, maxInsns });
    return s;
  };

  it('register sizes: 32-bit writes zero-extend, 8/16-bit writes merge, ah..bh without REX', () => {
    const s = run(`
      mov rax, 0x1122334455667788
      mov rbx, rax
      mov rcx, rax
      mov rdx, rax
      mov eax, 0xdeadbeef      ; zero-extends
      mov bx, 0xaaaa           ; merges 16
      mov cl, 0x55             ; merges 8
      mov dh, 0x99             ; high byte
      mov rsi, rdx
      mov r8, -1
      mov r8b, 0
      mov r9, -1
      add r9d, 1               ; 32-bit ALU zero-extends too
      hlt`);
    expect(s.r.reason).toBe('hlt');
    expect(s.reg('rax')).toBe(0xdeadbeefn);
    expect(s.reg('rbx')).toBe(0x112233445566aaaan);
    expect(s.reg('rcx')).toBe(0x1122334455667755n);
    expect(s.reg('rdx')).toBe(0x1122334455669988n);
    expect(s.reg('r8')).toBe(0xffffffffffffff00n);
    expect(s.reg('r9')).toBe(0n);
  });

  it('addressing: base+index*scale+disp, negative disp, RIP-relative, absolute, 32-bit address size', () => {
    const s = run(`
      mov rbx, data
      mov rcx, 2
      mov rax, [rbx+rcx*8+8]       ; data[3]
      mov rdx, [rbx+rcx*8-8]       ; data[1]
      mov rsi, [rel data+32]       ; data[4]
      mov rdi, [data]              ; data[0] absolute
      lea r8, [rel data]
      lea r9d, [ebx+0x10]
      mov r10d, 0xffffffff
      lea r11, [r10+r10*1]         ; 64-bit sum
      lea r12d, [r10d+r10d*1]      ; wraps at 32 bits (67 prefix)
      hlt
      align 8
      data: dq 100, 101, 102, 103, 104`);
    expect(s.reg('rax')).toBe(103n);
    expect(s.reg('rdx')).toBe(101n);
    expect(s.reg('rsi')).toBe(104n);
    expect(s.reg('rdi')).toBe(100n);
    const data = s.reg('r8');
    expect(s.reg('r9')).toBe((data + 0x10n) & 0xffffffffn);
    expect(s.reg('r11')).toBe(0x1fffffffen);
    expect(s.reg('r12')).toBe(0xfffffffen);
  });

  it('stack: push/pop, call/ret, ret imm16, pushfq/popfq, leave, push imm sign-extends', () => {
    const s = run(`
      mov rsp, 0x90000
      push -2
      pop rax                 ; 0xfffffffffffffffe
      push 0x12345678
      pop rbx
      push word 0x1234
      pop cx                  ; 16-bit pop
      call f
      mov r9, rsp
      stc
      pushfq
      pop r10
      push 0x202              ; only IF and bit 1
      popfq
      pushfq
      pop r11
      mov rbp, rsp
      sub rsp, 64
      push rbp
      mov rbp, rsp
      mov qword [rbp-8], 7
      leave
      mov r12, rsp
      hlt
    f:
      call g
      ret
    g:
      mov r8, [rsp]          ; return address into f
      push 1
      push 2
      mov rdx, [rsp+8]
      add rsp, 16
      push qword [rsp]       ; push memory
      pop r13
      ret 0`);
    expect(s.reg('rax')).toBe(0xfffffffffffffffen);
    expect(s.reg('rbx')).toBe(0x12345678n);
    expect(s.reg('rcx') & 0xffffn).toBe(0x1234n);
    expect(s.reg('rdx')).toBe(1n);
    expect(s.reg('r9')).toBe(0x90000n);
    expect(Number(s.reg('r10')) & CF).toBe(CF);
    expect(s.reg('r11')).toBe(0x202n);
    expect(s.reg('r12')).toBe(0x8ffc0n); // leave undid only the inner frame
    expect(s.reg('rbp')).toBe(0x90000n);
    expect(s.reg('r13')).toBe(s.reg('r8'));
    expect(s.m.cpu.getRflags() & 0x200).toBe(0x200);
  });

  it('ret imm16 releases its arguments', () => {
    const s = run(`
      mov rsp, 0x90000
      push 11
      push 22
      call f
      mov rax, rsp
      hlt
    f:
      ret 16`);
    expect(s.reg('rax')).toBe(0x90000n);
  });

  it('strings: rep movsb, rep stosq, repe cmpsb, repne scasb, lodsw, std', () => {
    const s = run(`
      mov rsi, src
      mov rdi, 0x200000
      mov ecx, 11
      cld
      rep movsb
      mov r8, rcx
      mov r9, rdi
      mov rdi, 0x201000
      mov rax, 0x0102030405060708
      mov ecx, 4
      rep stosq
      mov r10, [0x201018]
      mov rsi, src
      mov rdi, 0x200000
      mov ecx, 100
      repe cmpsb              ; runs until a difference beyond the 11 copied bytes
      mov r11, rcx
      mov rdi, src
      mov al, 'o'
      mov ecx, 100
      repne scasb
      mov r12, rdi
      mov rsi, src + 1
      std
      lodsw
      mov r13, rax
      mov r14, rsi
      cld
      mov ecx, 0
      rep stosb               ; count 0: nothing
      hlt
    src: db "hello world", 0, "AB"`);
    expect(s.reg('r8')).toBe(0n);
    expect(s.reg('r9')).toBe(0x20000bn);
    expect(s.reg('r10')).toBe(0x0102030405060708n);
    // bytes 0..10 equal, byte 11: src has 0, dest has 0 (fresh RAM) -> equal too, byte 12 'A' vs 0 -> stop
    expect(s.reg('r11')).toBe(100n - 13n);
    const srcAddr = s.reg('r12') - 5n; // 'o' is at index 4; rdi points past it
    expect(s.m.mem.read8(Number(srcAddr))).toBe('h'.charCodeAt(0));
    expect(s.reg('r13') & 0xffffn).toBe(BigInt('e'.charCodeAt(0) | ('l'.charCodeAt(0) << 8)));
    expect(s.reg('r14')).toBe(srcAddr - 1n);
  });

  it('conditions: setcc, cmovcc (32-bit cmov zero-extends even when false), jcc signed/unsigned', () => {
    const s = run(`
      xor r8, r8
      mov eax, 5
      cmp eax, 7
      setb r8b                ; 1 (unsigned below)
      setl r9b                ; 1
      setg r10b               ; 0
      mov rbx, -1
      mov rcx, 0x1111111111111111
      cmp rbx, 1
      cmovl rcx, rbx          ; signed: -1 < 1 -> taken
      mov rdx, 0x2222222222222222
      cmova edx, eax          ; unsigned: 0xff.. > 1 -> taken, 32-bit
      mov rsi, 0x3333333333333333
      cmovb esi, eax          ; not taken, but upper half cleared
      xor r11, r11
      mov eax, 0x7fffffff
      add eax, 1
      jo .ov
      jmp .end
    .ov:
      mov r11, 1
    .end:
      hlt`);
    expect(s.reg('r8')).toBe(1n);
    expect(s.reg('r9') & 0xffn).toBe(1n);
    expect(s.reg('r10') & 0xffn).toBe(0n);
    expect(s.reg('rcx')).toBe(0xffffffffffffffffn);
    expect(s.reg('rdx')).toBe(5n);
    expect(s.reg('rsi')).toBe(0x33333333n);
    expect(s.reg('r11')).toBe(1n);
  });

  it('loop family and jrcxz', () => {
    const s = run(`
      xor eax, eax
      mov ecx, 10
    .l: inc eax
      loop .l
      mov r8, rax             ; 10
      xor ebx, ebx
      mov ecx, 10
    .m: inc ebx
      cmp ebx, 3
      loopne .m               ; stops when ebx == 3 (ZF=1)
      mov r9, rbx
      mov r10, rcx
      xor ecx, ecx
      mov edx, 1
      jrcxz .z
      mov edx, 2
    .z: hlt`);
    expect(s.reg('r8')).toBe(10n);
    expect(s.reg('r9')).toBe(3n);
    expect(s.reg('r10')).toBe(7n);
    expect(s.reg('rdx')).toBe(1n);
  });

  it('memory read-modify-write, xchg, neg/not, inc/dec preserve CF, bt with register offset into memory', () => {
    const s = run(`
      mov rbx, buf
      mov qword [rbx], 10
      add qword [rbx], 5
      sub byte [rbx], 1        ; 14
      mov rax, 99
      xchg [rbx+8], rax        ; rax = 0, mem = 99
      mov r8, [rbx+8]
      neg qword [rbx+8]
      mov r9, [rbx+8]
      not dword [rbx+16]
      mov r10, [rbx+16]
      stc
      inc qword [rbx]          ; CF stays 1
      setc r11b
      mov rcx, 64+3
      bts [rbx+24], rcx        ; sets bit 3 of the qword at +32
      mov r12, [rbx+32]
      mov rcx, -1
      bt [rbx+32], rcx         ; bit 63 of the qword at +24: 0
      setc r13b
      mov r14, [rbx]
      hlt
      align 8
    buf: times 8 dq 0`);
    expect(s.reg('r14')).toBe(15n);
    expect(s.reg('rax')).toBe(0n);
    expect(s.reg('r8')).toBe(99n);
    expect(s.reg('r9')).toBe(BigInt.asUintN(64, -99n));
    expect(s.reg('r10')).toBe(0xffffffffn);
    expect(s.reg('r11') & 0xffn).toBe(1n);
    expect(s.reg('r12')).toBe(8n);
    expect(s.reg('r13') & 0xffn).toBe(0n);
  });

  it('accesses that cross a page boundary', () => {
    const s = run(`
      mov rdi, 0x200ffd
      mov rax, 0x8877665544332211
      mov [rdi], rax
      mov rbx, [rdi]
      mov ecx, [0x200ffe]
      movzx edx, word [0x200fff]
      add qword [rdi], 1
      mov rsi, [rdi]
      hlt`);
    expect(s.reg('rbx')).toBe(0x8877665544332211n);
    expect(s.reg('rcx')).toBe(0x55443322n);
    expect(s.reg('rdx')).toBe(0x4433n);
    expect(s.reg('rsi')).toBe(0x8877665544332212n);
    expect(s.m.mem.read8(0x201000)).toBe(0x44);
  });

  it('cpuid, rdtsc (instructions retired), rdmsr EFER, FS/GS bases through wrmsr', () => {
    const s = run(`
      xor eax, eax
      cpuid
      mov [vendor], ebx
      mov [vendor+4], edx
      mov [vendor+8], ecx
      mov eax, 0x80000001
      cpuid
      mov r8, rdx
      mov eax, 0x80000008
      cpuid
      mov r9, rax
      mov ecx, 0xc0000080
      rdmsr
      mov r10, rax
      mov ecx, 0xc0000100      ; FS_BASE
      mov eax, fsdata
      xor edx, edx
      wrmsr
      mov r11, [fs:8]
      lea r13, [fs:rcx+8]      ; lea ignores the segment base: rcx + 8
      rdtsc                    ; this is instruction number 20 (0-based): edx:eax = 20
      mov r12, rax
      hlt
      align 8
    vendor: times 12 db 0
      align 8
    fsdata: dq 1, 0xabcdef`);
    expect(s.reg('r8') & (1n << 20n | 1n << 26n | 1n << 29n)).toBe(1n << 20n | 1n << 26n | 1n << 29n);
    expect(s.reg('r9') & 0xffffn).toBe(40n | (48n << 8n));
    expect(s.reg('r10')).toBe(0xd00n);
    expect(s.reg('r11')).toBe(0xabcdefn);
    expect(s.reg('r13')).toBe(0xc0000100n + 8n);
    expect(s.reg('r12')).toBe(20n);
    const idx = s.m.mem.u8.indexOf(CPU_VENDOR.charCodeAt(0), 0x100000);
    expect(Buffer.from(s.m.mem.u8.subarray(idx, idx + 12)).toString('latin1')).toBe(CPU_VENDOR);
  });

  it('mul/div families through memory, and 128-bit products', () => {
    const s = run(`
      mov rax, 0xffffffffffffffff
      mov rbx, 0xffffffffffffffff
      mul rbx                 ; rdx:rax = 0xfffffffffffffffe_0000000000000001
      mov r8, rdx
      mov r9, rax
      mov rdx, 1
      mov rax, 0
      mov qword [val], 3
      div qword [val]         ; 2^64 / 3
      mov r10, rax
      mov r11, rdx
      mov rax, -7
      cqo
      mov rcx, 2
      idiv rcx                ; -3 rem -1
      mov r12, rax
      mov r13, rdx
      imul r14, [val], -5
      hlt
      align 8
    val: dq 0`);
    expect(s.reg('r8')).toBe(0xfffffffffffffffen);
    expect(s.reg('r9')).toBe(1n);
    expect(s.reg('r10')).toBe((1n << 64n) / 3n);
    expect(s.reg('r11')).toBe((1n << 64n) % 3n);
    expect(s.reg('r12')).toBe(BigInt.asUintN(64, -3n));
    expect(s.reg('r13')).toBe(BigInt.asUintN(64, -1n));
    expect(s.reg('r14')).toBe(BigInt.asUintN(64, -15n));
  });

  it('flags: lazy evaluation agrees with pushfq after each kind of operation', () => {
    const s = run(`
      mov rsp, 0x90000
      mov al, 0x7f
      add al, 1               ; OF SF AF, not CF ZF
      pushfq
      mov eax, 0
      sub eax, 1              ; CF SF PF AF
      pushfq
      mov rax, 0x8000000000000000
      shl rax, 1              ; CF ZF PF OF
      pushfq
      xor ecx, ecx            ; ZF PF
      pushfq
      mov dl, 0x80
      sar dl, 7               ; result 0xff: SF PF, CF = bit 6 = 0
      pushfq
      mov r8, 4
      mov r9, 0
      std
      cmp r9, r8              ; CF SF PF? 0-4 = 0xfc...: SF CF AF
      pushfq
      cld
      hlt`);
    const st = (k: number) => Number(s.m.mem.read64lo(0x90000 - 8 * k));
    const status = (f: number) => f & (CF | PF | 0x10 | ZF | SF | OF);
    expect(status(st(1))).toBe(OF | SF | 0x10);
    expect(status(st(2))).toBe(CF | SF | PF | 0x10);
    expect(status(st(3)) & (CF | ZF | PF | OF | SF)).toBe(CF | ZF | PF | OF);
    expect(status(st(4))).toBe(ZF | PF);
    expect(status(st(5)) & (CF | ZF | SF | PF)).toBe(SF | PF);
    expect(status(st(6)) & (CF | ZF | SF | OF)).toBe(CF | SF);
    expect(st(6) & DF).toBe(DF);
  });

  it('multi-byte NOPs, pause, fences and nop forms execute as no-ops', () => {
    const s = run(`
      mov eax, 1
      nop
      pause
      nop dword [rax]
      nop word [rax+rax+0]
      db 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
      mfence
      lfence
      sfence
      xchg ax, ax
      inc eax
      hlt`);
    expect(s.reg('rax')).toBe(2n);
    expect(s.r.instructions).toBe(12);
  });
});
