; isa-misc.asm -- data movement, conditions, stack and control flow.
;
; Demonstrates (one labelled line per check, "<label> = <value>"):
;   [width]  which writes zero the upper half (every 32-bit destination:
;            mov, add, not, xchg, bswap, lea, movzx, cmovcc even when the
;            condition is false) and which keep it (8/16-bit destinations);
;            8-bit high registers ah bh ch dh and REX byte registers sil dil
;            bpl r8b..r15b
;   [movx]   movzx movsx movsxd from registers and memory, positive/negative
;   [conv]   cbw cwde cdqe cwd cdq cqo
;   [xchg]   xchg at every size, with memory; bswap r32/r64
;   [cc]     for 32 RFLAGS values (every combination of OF SF ZF PF CF): the
;            16 conditions as seen by setcc, cmovcc and jcc, as 16-bit masks
;            (bit n = condition n: o no b ae e ne be a s ns p np l ge le g)
;   [stack]  push imm8/imm32/reg/mem, pop reg/mem, push rsp, pop rsp,
;            pushfq/popfq, call/ret, ret imm16, call/jmp through register
;            and memory; stack pointers printed relative to the start
;   [loop]   loop loope loopne jrcxz (rcx = 2^32 is not zero)
;   [lea]    base+index*scale+disp, 32- and 16-bit destinations, rip-relative
;            (lea and loads), rbp/r13/rsp/r12 encodings, wraparound
;   [misc]   clc stc cmc cld std; cpuid and rdtsc zero the upper halves of
;            the registers they write (their VALUES are not printed);
;            nop pause mfence lfence sfence execute
; Ends with a checksum of every printed value. Exit code 0.
; NOTE: `xchg eax, eax` must be encoded 87 C0 (as nasm does), not 90.
%include "../../guests/lib/pv.inc"

M       equ 0x200000                    ; scratch: 0x200000..0x2000FF
ALL1    equ 0xffffffffffffffff

start:
        CSUM_INIT
        PUTS "isa-misc"
        NL

; SHOW "label", value: print "label = <16 hex>" and add it to the checksum
%macro SHOW 2
        PUTS %1
        PUTS " = "
        PUTHEX %2
        NL
        CSUM %2
%endmacro

; ---------------------------------------------------------------- widths
        PUTS "[width]"
        NL
        mov rax, ALL1
        mov eax, 0x12345678
        SHOW "mov eax,imm32", rax
        mov rax, ALL1
        mov ax, 0x1234
        SHOW "mov ax,imm16", rax
        mov rax, ALL1
        mov al, 0x12
        SHOW "mov al,imm8", rax
        mov rax, ALL1
        mov ah, 0x12
        SHOW "mov ah,imm8", rax
        mov rax, -2
        SHOW "mov rax,-2", rax
        mov rax, 0x8000000000000001
        SHOW "mov rax,imm64", rax
        mov rax, ALL1
        add eax, 0
        SHOW "add eax,0", rax
        mov rax, ALL1
        add ax, 1
        SHOW "add ax,1", rax
        mov rax, 0x8000000080000000
        not eax
        SHOW "not eax", rax
        mov rax, 0x8000000080000000
        neg ax
        SHOW "neg ax", rax
        mov rax, ALL1
        mov rcx, 0x5555555555555555
        mov eax, ecx
        SHOW "mov eax,ecx", rax
        mov rax, ALL1
        xchg eax, eax                   ; 87 C0: writes eax, zeroes 63:32
        SHOW "xchg eax,eax", rax
        mov rax, ALL1
        nop                             ; 90: no register written
        SHOW "nop", rax
        mov rax, ALL1
        mov rbx, 0x1122334455667788
        SETFLAGS 0x002                  ; ZF = 0: cmovz does not move
        cmovz eax, ebx
        SHOW "cmovz eax,ebx false", rax
        mov rax, ALL1
        SETFLAGS 0x002
        cmovz ax, bx
        SHOW "cmovz ax,bx false", rax
        mov rax, ALL1
        SETFLAGS 0x002
        cmovz rax, rbx
        SHOW "cmovz rax,rbx false", rax
        mov rax, ALL1
        SETFLAGS 0x042
        cmovz eax, ebx
        SHOW "cmovz eax,ebx true", rax
        ; 8-bit high registers
        mov rax, 0x1111111111111111
        mov rbx, 0x2222222222222222
        mov rcx, 0x3333333333333333
        mov rdx, 0x4444444444444444
        mov ah, 0xa1
        mov bh, 0xb2
        mov ch, 0xc3
        mov dh, 0xd4
        add ah, bh                      ; 0xa1 + 0xb2 = 0x53
        sub ch, dh                      ; 0xc3 - 0xd4 = 0xef
        xchg bh, dh
        mov al, ch
        SHOW "ah/al rax", rax
        SHOW "bh<->dh rbx", rbx
        SHOW "ch rcx", rcx
        SHOW "dh rdx", rdx
        movzx esi, ah
        SHOW "movzx esi,ah", rsi
        movsx edi, ch
        SHOW "movsx edi,ch", rdi
        ; REX byte registers
        mov rsi, ALL1
        mov sil, 0x5a
        SHOW "mov sil", rsi
        mov rdi, ALL1
        mov dil, 0xa5
        SHOW "mov dil", rdi
        mov rbp, ALL1
        mov bpl, 0x01
        SHOW "mov bpl", rbp
        mov r8, ALL1
        mov r9, ALL1
        mov r15, ALL1
        mov r8b, 0x08
        mov r9w, 0x0909
        mov r15d, 0x0f0f0f0f
        SHOW "mov r8b", r8
        SHOW "mov r9w", r9
        SHOW "mov r15d", r15
        mov r10, 0x7f7f7f7f7f7f7f7f
        mov r11, 0x0101010101010101
        add r10b, r11b
        SHOW "add r10b,r11b", r10

; ----------------------------------------------------------------- movx
        PUTS "[movx]"
        NL
        mov rbx, 0x00000000807f8081
        mov rax, ALL1
        movzx eax, bl
        SHOW "movzx eax,bl", rax
        mov rax, ALL1
        movzx ax, bl
        SHOW "movzx ax,bl", rax
        movzx rax, bx
        SHOW "movzx rax,bx", rax
        mov rax, ALL1
        movsx eax, bl
        SHOW "movsx eax,bl", rax
        movsx rax, bl
        SHOW "movsx rax,bl", rax
        movsx eax, bh
        SHOW "movsx eax,bh", rax
        mov rax, ALL1
        movsx ax, bl
        SHOW "movsx ax,bl", rax
        movsx rax, bx
        SHOW "movsx rax,bx", rax
        movsxd rax, ebx
        SHOW "movsxd rax,ebx", rax
        mov rbx, 0x7fffffff
        movsxd rax, ebx
        SHOW "movsxd rax,ebx+", rax
        mov rax, 0x0000000080008080
        mov [M], rax
        movzx eax, byte [M]
        SHOW "movzx eax,byte[M]", rax
        movzx rax, word [M+1]
        SHOW "movzx rax,word[M+1]", rax
        movsx rax, byte [M+1]
        SHOW "movsx rax,byte[M+1]", rax
        movsx eax, word [M]
        SHOW "movsx eax,word[M]", rax
        movsxd rax, dword [M]
        SHOW "movsxd rax,dword[M]", rax
        mov rax, ALL1
        movsxd rax, dword [M+1]
        SHOW "movsxd rax,dword[M+1]", rax

; ----------------------------------------------------------------- conv
        PUTS "[conv]"
        NL
        mov rax, 0xffffffffffff1280
        cbw
        SHOW "cbw", rax
        mov rax, 0xffffffff12348000
        cwde
        SHOW "cwde", rax
        mov rax, 0x1234567880000000
        cdqe
        SHOW "cdqe", rax
        mov rax, 0x000000007fffffff
        cdqe
        SHOW "cdqe+", rax
        mov rax, 0x8000
        mov rdx, ALL1
        cwd
        SHOW "cwd rdx", rdx
        mov rax, 0x7fff
        cwd
        SHOW "cwd+ rdx", rdx
        mov rax, 0x80000000
        mov rdx, ALL1
        cdq
        SHOW "cdq rdx", rdx
        mov rax, 0x7fffffff
        mov rdx, ALL1
        cdq
        SHOW "cdq+ rdx", rdx
        mov rax, 0x8000000000000000
        cqo
        SHOW "cqo rdx", rdx
        mov rax, 1
        cqo
        SHOW "cqo+ rdx", rdx

; ----------------------------------------------------------------- xchg
        PUTS "[xchg]"
        NL
        mov rax, 0x1111111111111111
        mov rcx, 0x2222222222222222
        xchg rax, rcx
        SHOW "xchg rax,rcx rax", rax
        SHOW "xchg rax,rcx rcx", rcx
        mov rax, 0x1111111111111111
        mov rcx, 0x2222222222222222
        xchg eax, ecx
        SHOW "xchg eax,ecx rax", rax
        SHOW "xchg eax,ecx rcx", rcx
        mov rax, 0x1111111111111111
        mov rcx, 0x2222222222222222
        xchg ax, cx
        SHOW "xchg ax,cx rax", rax
        SHOW "xchg ax,cx rcx", rcx
        mov rax, 0x1111111111111111
        mov rcx, 0x2222222222222222
        xchg al, ch
        SHOW "xchg al,ch rax", rax
        SHOW "xchg al,ch rcx", rcx
        mov r12, 0x1212121212121212
        mov r13, 0x1313131313131313
        xchg r12d, r13d
        SHOW "xchg r12d,r13d r12", r12
        mov rax, 0x3333333333333333
        mov [M], rax
        mov rax, 0x4444444444444444
        xchg [M], rax
        SHOW "xchg [M],rax rax", rax
        SHOW "xchg [M],rax mem", [M]
        mov rax, 0x5555555555555555
        xchg eax, [M+4]
        SHOW "xchg eax,[M+4] rax", rax
        SHOW "xchg eax,[M+4] mem", [M]
        mov rax, 0x0123456789abcdef
        bswap rax
        SHOW "bswap rax", rax
        mov rax, 0x0123456789abcdef
        bswap eax
        SHOW "bswap eax", rax
        mov r9, 0x8070605040302010
        bswap r9
        SHOW "bswap r9", r9

; ------------------------------------------------------------------- cc
        PUTS "[cc] fl set cmov jcc"
        NL
        xor r12d, r12d                  ; combination index 0..31
cc_loop:
        ; flags = OF(bit4) SF(bit3) ZF(bit2) PF(bit1) CF(bit0) of r12
        xor ebx, ebx
        bt r12d, 0
        jnc .n0
        or ebx, FL_CF
.n0:    bt r12d, 1
        jnc .n1
        or ebx, FL_PF
.n1:    bt r12d, 2
        jnc .n2
        or ebx, FL_ZF
.n2:    bt r12d, 3
        jnc .n3
        or ebx, FL_SF
.n3:    bt r12d, 4
        jnc .n4
        or ebx, FL_OF
.n4:    or ebx, 2
        mov r14, rbx                    ; the RFLAGS value
        ; setcc -> bytes M+0..15
        push rbx
        popfq
        seto [M+0]
        setno [M+1]
        setb [M+2]
        setae [M+3]
        sete [M+4]
        setne [M+5]
        setbe [M+6]
        seta [M+7]
        sets [M+8]
        setns [M+9]
        setp [M+10]
        setnp [M+11]
        setl [M+12]
        setge [M+13]
        setle [M+14]
        setg [M+15]
        ; cmovcc -> bytes M+16..31 (1 when moved)
        mov ecx, 1
%macro CMOVB 2
        xor eax, eax                    ; (xor changes flags: reload them)
        push r14
        popfq
        %1 eax, ecx
        mov [M+16+%2], al
%endmacro
        CMOVB cmovo, 0
        CMOVB cmovno, 1
        CMOVB cmovb, 2
        CMOVB cmovae, 3
        CMOVB cmove, 4
        CMOVB cmovne, 5
        CMOVB cmovbe, 6
        CMOVB cmova, 7
        CMOVB cmovs, 8
        CMOVB cmovns, 9
        CMOVB cmovp, 10
        CMOVB cmovnp, 11
        CMOVB cmovl, 12
        CMOVB cmovge, 13
        CMOVB cmovle, 14
        CMOVB cmovg, 15
        ; jcc -> bytes M+32..47
        push r14
        popfq
%macro JCCB 2
        %1 %%t
        mov byte [M+32+%2], 0
        jmp %%n
%%t:    mov byte [M+32+%2], 1
%%n:
%endmacro
        JCCB jo, 0
        JCCB jno, 1
        JCCB jb, 2
        JCCB jae, 3
        JCCB je, 4
        JCCB jne, 5
        JCCB jbe, 6
        JCCB ja, 7
        JCCB js, 8
        JCCB jns, 9
        JCCB jp, 10
        JCCB jnp, 11
        JCCB jl, 12
        JCCB jge, 13
        JCCB jle, 14
        JCCB jg, 15
        PUTS "cc "
        PUTHEXN r14, 3
        mov rsi, M
        call bits16
        PUTC ' '
        PUTHEXN rax, 4
        CSUM rax
        mov rsi, M+16
        call bits16
        PUTC ' '
        PUTHEXN rax, 4
        CSUM rax
        mov rsi, M+32
        call bits16
        PUTC ' '
        PUTHEXN rax, 4
        CSUM rax
        NL
        inc r12d
        cmp r12d, 32
        jb cc_loop

; ---------------------------------------------------------------- stack
        PUTS "[stack]"
        NL
        mov r12, rsp                    ; base: values printed relative to it
        push -2                         ; imm8, sign-extended to 64 bits
        pop rax
        SHOW "push -2", rax
        push 0x7fffffff
        pop rax
        SHOW "push 0x7fffffff", rax
        push -0x12345678
        pop rax
        SHOW "push -0x12345678", rax
        mov rax, rsp
        sub rax, r12
        SHOW "rsp after", rax
        mov rax, 0x0badc0de0badc0de
        mov [M], rax
        push qword [M]
        pop qword [M+8]
        SHOW "push/pop mem", [M+8]
        push rsp                        ; pushes the value before the push
        pop rax
        sub rax, r12
        SHOW "push rsp", rax
        lea rbx, [rsp - 0x40]
        push rbx
        pop rsp                         ; rsp = the popped value
        mov rax, rsp
        sub rax, r12
        SHOW "pop rsp", rax
        mov rsp, r12
        mov qword [M], 0
        mov rsp, M + 0x10               ; pop into [rsp]-relative memory:
        push 0x77                       ; the address uses the rsp AFTER the pop
        pop qword [rsp]
        mov rsp, r12
        SHOW "pop [rsp]", [M + 0x10]
        SETFLAGS 0xCD7                  ; status flags + DF
        pushfq
        pop rax
        and eax, 0xCD5
        SHOW "pushfq", rax
        push 0x0002
        popfq
        pushfq
        pop rax
        and eax, 0xCD5
        SHOW "popfq", rax
        push 1                          ; two stack arguments ...
        push 2
        call sub_ret16                  ; ... which its ret 16 pops
.ra:    mov rax, rsp
        sub rax, r12
        SHOW "after ret 16", rax
        mov rsp, r12
        mov rax, [M+0x20]
        mov rbx, .ra
        sub rax, rbx
        SHOW "ret addr - label", rax
        mov rax, sub_ret
        call rax
        SHOW "call rax", rbx
        mov qword [M+0x30], sub_ret
        call [M+0x30]
        SHOW "call [mem]", rbx
        mov rax, .jt
        jmp rax
        mov ebx, 0xbad
.jt:    mov qword [M+0x38], .jm
        jmp [M+0x38]
        mov ebx, 0xbad
.jm:    SHOW "jmp reg/mem", rbx
        mov rax, rsp
        sub rax, r12
        SHOW "rsp end", rax

; ----------------------------------------------------------------- loop
        PUTS "[loop]"
        NL
        mov ecx, 5
        xor edx, edx
.l1:    inc rdx
        loop .l1
        SHOW "loop rdx", rdx
        SHOW "loop rcx", rcx
        mov ecx, 10
        xor edx, edx
.l2:    add rdx, 1
        cmp rdx, 4
        loopne .l2                      ; stops when rdx = 4 (ZF = 1)
        SHOW "loopne rdx", rdx
        SHOW "loopne rcx", rcx
        mov ecx, 10
        xor edx, edx
.l3:    add rdx, 1
        test rdx, 4
        loope .l3                       ; stops when bit 2 is set (ZF = 0)
        SHOW "loope rdx", rdx
        SHOW "loope rcx", rcx
        mov ecx, 3
        xor edx, edx
.l4:    inc rdx
        cmp rdx, rdx
        loope .l4                       ; ZF = 1 always: runs out rcx
        SHOW "loope all rdx", rdx
        SHOW "loope all rcx", rcx
        xor ecx, ecx
        mov eax, 1
        jrcxz .j1
        mov eax, 0
.j1:    SHOW "jrcxz rcx=0", rax
        mov rcx, 0x100000000
        mov eax, 1
        jrcxz .j2
        mov eax, 0
.j2:    SHOW "jrcxz rcx=2^32", rax
        mov rcx, 0x100000001            ; loop decrements all 64 bits
        xor edx, edx
.l5:    inc edx
        cmp edx, 3
        je .l5x
        loop .l5
.l5x:   SHOW "loop 64-bit rcx", rcx

; ------------------------------------------------------------------ lea
        PUTS "[lea]"
        NL
        mov rbx, 0x1000000000000000
        mov rcx, 0x0000000012345678
        lea rax, [rbx + rcx*8 + 0x12345678]
        SHOW "lea b+i*8+d32", rax
        lea rax, [rbx + rcx*4 - 8]
        SHOW "lea b+i*4-8", rax
        mov rax, ALL1
        lea eax, [rbx + rcx*2 + 0x7fffffff]
        SHOW "lea eax", rax
        mov rax, ALL1
        lea ax, [rcx + 0x1234]
        SHOW "lea ax", rax
        lea rax, [rcx*2]
        SHOW "lea i*2", rax
        lea rax, [rcx + rcx*8]
        SHOW "lea i+i*8", rax
        mov rbp, 0x1111
        mov r13, 0x2222
        mov r12, 0x3333
        lea rax, [rbp]
        SHOW "lea [rbp]", rax
        lea rax, [r13]
        SHOW "lea [r13]", rax
        lea rax, [r12 + r12*2]
        SHOW "lea r12*3", rax
        lea rax, [r13 + r12*4 - 0x10]
        SHOW "lea r13+r12*4", rax
        lea rax, [rsp + 8]
        sub rax, rsp
        SHOW "lea [rsp+8]-rsp", rax
        mov rbx, ALL1
        lea rax, [rbx + 2]
        SHOW "lea wrap", rax
        ; rip-relative results are printed minus the absolute address, so
        ; the output does not depend on code layout (0 = correct)
        lea rax, [rel lea_target]
        mov rbx, lea_target
        sub rax, rbx
        SHOW "lea rel - label", rax
        mov rax, [rel lea_target]
        SHOW "mov rax,[rel]", rax
        movzx eax, byte [rel lea_target + 3]
        SHOW "movzx [rel+3]", rax
here_lbl:
        lea rax, [rel here_lbl]
        mov rbx, here_lbl
        sub rax, rbx
        SHOW "lea rel here - here", rax
        lea rax, [rel lea_fwd]
        mov rbx, lea_fwd
        sub rax, rbx
lea_fwd:
        SHOW "lea rel fwd - fwd", rax

; ----------------------------------------------------------------- misc
        PUTS "[misc]"
        NL
        SETFLAGS 0x002
        stc
        pushfq
        pop rax
        and eax, 0xCD5
        SHOW "stc", rax
        cmc
        pushfq
        pop rax
        and eax, 0xCD5
        SHOW "cmc", rax
        cmc
        clc
        pushfq
        pop rax
        and eax, 0xCD5
        SHOW "clc", rax
        std
        pushfq
        pop rax
        and eax, 0xCD5
        SHOW "std", rax
        cld
        pushfq
        pop rax
        and eax, 0xCD5
        SHOW "cld", rax
        mov rax, ALL1
        mov rbx, ALL1
        mov rcx, ALL1
        mov rdx, ALL1
        xor eax, eax                    ; leaf 0
        mov rax, 0xffffffff00000000
        cpuid
        shr rax, 32
        shr rbx, 32
        shr rcx, 32
        shr rdx, 32
        or rax, rbx
        or rax, rcx
        or rax, rdx
        SHOW "cpuid upper halves", rax
        mov rax, ALL1
        mov rdx, ALL1
        rdtsc
        mov rbx, rax
        shr rbx, 32
        mov rcx, rdx
        shr rcx, 32
        or rbx, rcx
        SHOW "rdtsc upper halves", rbx
        shl rdx, 32
        or rax, rdx
        mov r8, rax
        nop
        pause
        mfence
        lfence
        sfence
        rdtsc
        shl rdx, 32
        or rax, rdx
        cmp rax, r8
        setae al
        movzx eax, al
        SHOW "rdtsc monotonic", rax

        CSUM_PRINT
        EXIT 0

; ---- helpers -------------------------------------------------------------------
; bits16: rsi = 16 bytes of 0/1 -> rax = mask (bit n = byte n)
bits16:
        push rcx
        push rdx
        xor eax, eax
        mov ecx, 15
.next:  movzx edx, byte [rsi + rcx]
        shl eax, 1
        or eax, edx
        dec ecx
        jns .next
        pop rdx
        pop rcx
        ret

sub_ret16:                              ; records its return address, ret 16
        mov rax, [rsp]
        mov [M+0x20], rax
        ret 16

sub_ret:
        mov ebx, 0x600d
        ret

        align 8
lea_target:
        dq 0x8877665544332211

        PV_LIB
