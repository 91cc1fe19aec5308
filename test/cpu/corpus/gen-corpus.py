#!/usr/bin/env python3
# Generates corpus.asm: one line per instruction form the CPU decodes (the mnemonic list of the
# CPU brief), over operand sizes, registers and addressing modes. Output is checked in;
# scripts/gen-disasm-expected.sh assembles it and records objdump's view.
import itertools
L = []
def a(s): L.append(s)
R8 = ['al','cl','dl','bl','ah','ch','dh','bh','spl','bpl','sil','dil','r8b','r9b','r12b','r15b']
R16 = ['ax','cx','dx','bx','sp','bp','si','di','r8w','r11w','r15w']
R32 = ['eax','ecx','edx','ebx','esp','ebp','esi','edi','r8d','r10d','r13d','r15d']
R64 = ['rax','rcx','rdx','rbx','rsp','rbp','rsi','rdi','r8','r9','r10','r11','r12','r13','r14','r15']
MEMS = ['[rax]','[rbx+8]','[rbp-8]','[rsp]','[rsp+0x10]','[r12]','[r13]','[r13+0x7f]','[rax+rcx]','[rbx+rdx*2+1]',
        '[rsi+r9*4-0x80]','[r15+r14*8+0x12345678]','[rcx*8+0x1000]','[0x2000]','[rel $+0x40]','[eax]','[ebx+ecx*4+4]',
        '[fs:rax]','[gs:0x18]','[rbp]']
SZ = {1:'byte',2:'word',4:'dword',8:'qword'}
REGS = {1:R8,2:R16,4:R32,8:R64}
def regs(sz, n=6):
    r = REGS[sz]; return r[:3] + r[-3:] if len(r) > n else r
def mems(n=None): return MEMS if n is None else MEMS[:n]
a('bits 64'); a('default abs')
# ALU
for op in ['add','or','adc','sbb','and','sub','xor','cmp','test']:
    for sz in (1,2,4,8):
        rs = regs(sz)
        for x, y in zip(rs, rs[1:] + rs[:1]): a(f'{op} {x}, {y}')
        for m in mems(8): a(f'{op} {SZ[sz]} {m}, {rs[1]}')
        if op != 'test':
            for m in mems(6): a(f'{op} {rs[2]}, {SZ[sz]} {m}')
        for imm in (1, -1, 0x7f, -0x80, 0x1234, -0x1234, 0x7fffffff):
            if sz == 1 and abs(imm) > 0x80: continue
            if sz == 2 and abs(imm) > 0x8000: continue
            for r in (rs[0], rs[1], rs[-1]): a(f'{op} {r}, {imm}')
        a(f'{op} {SZ[sz]} [rbx+4], 3'); a(f'{op} {SZ[sz]} [rel $+0x100], 0x55')
        if sz > 1: a(f'{op} {SZ[sz]} [rbx+4], 0x1234')
    a(f'lock {op} dword [rax], 5' if op not in ('cmp','test') else 'nop')
    if op not in ('cmp','test'): a(f'lock {op} qword [rdi+8], rcx')
# mov
for sz in (1,2,4,8):
    rs = regs(sz)
    for x, y in zip(rs, rs[1:] + rs[:1]): a(f'mov {x}, {y}')
    for m in mems(): a(f'mov {rs[1]}, {SZ[sz]} {m}'); a(f'mov {SZ[sz]} {m}, {rs[-1]}')
    for imm in (0, 1, -1, 0x7f, 0x1234):
        if sz == 1 and imm > 0xff: continue
        for r in (rs[0], rs[-1]): a(f'mov {r}, {imm}')
    a(f'mov {SZ[sz]} [rax], 5'); a(f'mov {SZ[sz]} [r12+rax*2+8], -2')
a('mov rax, 0x123456789abcdef0'); a('mov r11, 0x8000000000000000'); a('mov rcx, strict qword 5')
a('mov eax, 0xffffffff'); a('mov r9d, 0x80000000')
a('mov al, [qword 0x1234]'); a('mov ax, [qword 0x1234]'); a('mov eax, [qword 0x123456789]'); a('mov rax, [qword 0x1234]')
a('mov [qword 0x1234], al'); a('mov [qword 0x1234], rax')
for c in ['cr0','cr2','cr3','cr4','cr8']: a(f'mov rax, {c}'); a(f'mov {c}, rbx'); a(f'mov r9, {c}'); a(f'mov {c}, r14')
for s in ['es','ss','ds','fs','gs']: a(f'mov {s}, ax'); a(f'mov {s}, word [rax]'); a(f'mov {s}, r9d')
for s in ['es','cs','ss','ds','fs','gs']: a(f'mov ax, {s}'); a(f'mov eax, {s}'); a(f'mov word [rbx], {s}'); a(f'mov r10, {s}')
for dsz, ssz in [(2,1),(4,1),(8,1),(4,2),(8,2)]:
    for op in ['movzx','movsx']:
        a(f'{op} {REGS[dsz][0]}, {REGS[ssz][1]}'); a(f'{op} {REGS[dsz][-1]}, {REGS[ssz][-1]}'); a(f'{op} {REGS[dsz][2]}, {SZ[ssz]} [rsi+4]')
a('movzx eax, ah'); a('movsx ecx, bh')
a('movsxd rax, ecx'); a('movsxd r8, dword [rbx]'); a('movsxd rdx, r15d')
for m in mems(): a(f'lea rax, {m}')
a('lea eax, [rbx+rcx]'); a('lea r10, [rel $+0x100]'); a('lea ax, [rbx]')
for sz in (1,2,4,8):
    rs = regs(sz)
    a(f'xchg {rs[0]}, {rs[1]}'); a(f'xchg {rs[1]}, {rs[-1]}'); a(f'xchg {SZ[sz]} [rax], {rs[2]}'); a(f'xchg {rs[2]}, {SZ[sz]} [rbx+8]')
a('xchg rax, r8'); a('xchg eax, ebx'); a('xchg ax, r9w'); a('xchg eax, eax'); a('xchg r8, rax')
# stack
for r in R64: a(f'push {r}'); a(f'pop {r}')
for r in ['ax','r9w']: a(f'push {r}'); a(f'pop {r}')
for m in mems(6): a(f'push qword {m}'); a(f'pop qword {m}')
a('push word [rax]'); a('pop word [rax]')
for imm in (0, 5, -5, 0x7f, 0x80, 0x1000, -0x1000, 0x7fffffff): a(f'push {imm}')
a('push word 5'); a('push word 0x1234')
a('pushfq'); a('popfq'); a('pushf'); a('popf'); a('leave')
# cc
for cc in ['o','no','b','ae','e','ne','be','a','s','ns','p','np','l','ge','le','g','c','nc','z','nz','na','nbe']:
    a(f'cmov{cc} rax, rbx'); a(f'cmov{cc} r9d, dword [rcx]'); a(f'cmov{cc} dx, r10w')
    a(f'set{cc} al'); a(f'set{cc} ah'); a(f'set{cc} r15b'); a(f'set{cc} byte [rdi]'); a(f'set{cc} sil')
    a(f'j{cc} $+0x10'); a(f'j{cc} $-0x10'); a(f'j{cc} near $+0x1000'); a(f'j{cc} near $-0x2000')
for r in ['eax','ecx','r8d','r15d','rax','rdx','r9','r15']: a(f'bswap {r}')
# unary / mul / div
for op in ['inc','dec','neg','not','mul','imul','div','idiv']:
    for sz in (1,2,4,8):
        rs = regs(sz)
        for r in (rs[0], rs[3], rs[-1]): a(f'{op} {r}')
        a(f'{op} {SZ[sz]} [rbx+rcx*4+8]')
    if op in ('inc','dec','neg','not'): a(f'lock {op} qword [rax]')
for sz in (2,4,8):
    rs = regs(sz)
    a(f'imul {rs[0]}, {rs[1]}'); a(f'imul {rs[-1]}, {SZ[sz]} [rsi]')
    for imm in (3, -3, 0x1234, -0x1234):
        a(f'imul {rs[0]}, {rs[1]}, {imm}'); a(f'imul {rs[-1]}, {SZ[sz]} [rdi+8], {imm}')
# shifts
for op in ['rol','ror','rcl','rcr','shl','sal','shr','sar']:
    for sz in (1,2,4,8):
        rs = regs(sz)
        for r in (rs[0], rs[-1]): a(f'{op} {r}, 1'); a(f'{op} {r}, 5'); a(f'{op} {r}, cl')
        a(f'{op} {SZ[sz]} [rax], 1'); a(f'{op} {SZ[sz]} [rax+8], 3'); a(f'{op} {SZ[sz]} [rax], cl')
# bits
for op in ['bt','bts','btr','btc']:
    for sz in (2,4,8):
        rs = regs(sz)
        a(f'{op} {rs[0]}, {rs[1]}'); a(f'{op} {SZ[sz]} [rax], {rs[-1]}'); a(f'{op} {rs[-1]}, 7'); a(f'{op} {SZ[sz]} [rbx+4], 3')
    if op != 'bt': a(f'lock {op} qword [rax], rcx'); a(f'lock {op} dword [rax], 4')
for op in ['bsf','bsr']:
    for sz in (2,4,8):
        rs = regs(sz); a(f'{op} {rs[0]}, {rs[1]}'); a(f'{op} {rs[-1]}, {SZ[sz]} [rsi]')
for x in ['cbw','cwde','cdqe','cwd','cdq','cqo']: a(x)
# control
a('jmp $+2'); a('jmp $-0x40'); a('jmp near $+0x1234'); a('jmp near $-0x1234')
a('call $+0x100'); a('call $-0x100')
for r in ['rax','r11']: a(f'jmp {r}'); a(f'call {r}')
for m in mems(6): a(f'jmp qword {m}'); a(f'call qword {m}')
a('ret'); a('ret 8'); a('ret 0x1234')
for x in ['loop','loope','loopne','loopz','loopnz','jrcxz']: a(f'{x} $+0x20'); a(f'{x} $-0x20')
a('jecxz $+0x10')
# strings
for op in ['movs','stos','lods','cmps','scas']:
    for s in 'bwdq':
        a(f'{op}{s}'); a(f'rep {op}{s}' if op in ('movs','stos','lods') else f'repe {op}{s}')
        if op in ('cmps','scas'): a(f'repne {op}{s}')
a('a32 movsb'); a('fs movsq')
# system
for x in ['hlt','cpuid','rdtsc','rdmsr','wrmsr','iretq','cli','sti','clc','stc','cmc','cld','std','int3','nop','pause','ud2','vmcall','mfence','lfence','sfence']: a(x)
a('in al, 0xe9'); a('in ax, 0x60'); a('in eax, 0xf4'); a('in al, dx'); a('in ax, dx'); a('in eax, dx')
a('out 0xe9, al'); a('out 0xf4, ax'); a('out 0xf4, eax'); a('out dx, al'); a('out dx, ax'); a('out dx, eax')
for m in ['[rax]','[rbx+8]','[rel $+0x100]','[0x5000]']:
    for x in ['lgdt','lidt','sgdt','sidt','invlpg']: a(f'{x} {m}')
a('invpcid rax, [rbx]'); a('invpcid r9, [r10+8]')
a('int 0x80'); a('int 3'); a('int 0'); a('int 0xff')
a('nop eax'); a('nop dword [rax]'); a('nop word [rax+rax+0]'); a('nop dword [rax+0]'); a('nop dword [rax+rax*1+0]'); a('nop dword [rax+0x12345678]'); a('nop qword [rax]')
a('db 0x0f, 0x1f, 0x44, 0x00, 0x00'); a('db 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00'); a('db 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00'); a('db 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00')
a('db 0x66, 0x90')
open('corpus.asm','w').write('\n'.join(L) + '\n')
print(len(L), 'lines')
