; isa-flags.asm -- ALU results and the flags the SDM DEFINES for them.
;
; Demonstrates: add adc sub sbb cmp and or xor test neg inc dec not, shl shr
; sar rol ror rcl rcr (count in cl), mul imul (1-, 2- and 3-operand), div
; idiv, bt bts btr btc, bsf bsr (nonzero sources) at 8/16/32/64 bits (the
; sizes each instruction has), then immediate forms and memory-operand forms
; (including bit-string addressing of bt* with a register offset).
;
; Table cases run the instruction on rax (a) and rcx (b) from an input table,
; with the flags set beforehand to 0x002 (even case numbers) or 0x8D7 (odd:
; OF SF ZF AF PF CF all set), and rdx = 0xd0d0d0d0d0d0d0d0 (so writes to
; DX/EDX show). Each prints one line:
;     <op>.<b|w|d|q> <case> r=<rax after> f=<pushfq & defined-flags mask>
; plus " d=<rdx after>" for mul/imul/div/idiv. Flags an instruction leaves
; UNDEFINED are masked out; flags it leaves UNAFFECTED stay in the mask (they
; must keep their initial value). The masks (SDM vol. 2):
;   add adc sub sbb cmp neg inc dec not : 0x8D5 (inc/dec keep CF, not keeps all)
;   and or xor test                      : 0x8C5 (AF undefined)
;   shl shr sar   count 0: 0x8D5; else 0x0C4 | CF if count < width | OF if count = 1
;   rol ror rcl rcr count 0 or 1: 0x8D5; else 0x0D5 (OF undefined)
;     (count = cl masked to 5 bits, 6 for 64-bit operands)
;   mul imul: 0x801   div idiv: 0   bt*: 0x041 (ZF unaffected)   bsf bsr: 0x040
; Divisions never fault: a zero divisor is replaced by 7, the unsigned
; dividend's high half is and-ed with divisor>>1, the signed dividend is the
; sign extension of its low half and MIN / -1 becomes MIN / 3. A zero
; bsf/bsr source gets bit 8 set (the destination would be undefined).
; Case lines are followed by "[imm]" and "[mem]" sections and a checksum over
; every printed value. Exit code 0.
; -DNCASES=n (1..16) runs only the first n table cases.
%include "../../guests/lib/pv.inc"

%ifdef NCASES
%else
%define NCASES 16
%endif

DCONST  equ 0xd0d0d0d0d0d0d0d0
BUF     equ 0x200010                    ; [mem] cases: BUF-16 .. BUF+31 written

start:
        CSUM_INIT
        PUTS "isa-flags"
        NL

; ---- table-driven cases --------------------------------------------------
; register choice for each operand size
%macro OP2 2                            ; op a, b
%if %2 == 8
        %1 al, cl
%elif %2 == 16
        %1 ax, cx
%elif %2 == 32
        %1 eax, ecx
%else
        %1 rax, rcx
%endif
%endmacro
%macro OP1 2                            ; op a
%if %2 == 8
        %1 al
%elif %2 == 16
        %1 ax
%elif %2 == 32
        %1 eax
%else
        %1 rax
%endif
%endmacro
%macro OPCL 2                           ; op a, cl
%if %2 == 8
        %1 al, cl
%elif %2 == 16
        %1 ax, cl
%elif %2 == 32
        %1 eax, cl
%else
        %1 rax, cl
%endif
%endmacro
%macro OPB 2                            ; op b   (mul/div: implicit a and d)
%if %2 == 8
        %1 cl
%elif %2 == 16
        %1 cx
%elif %2 == 32
        %1 ecx
%else
        %1 rcx
%endif
%endmacro
%macro OP3 3                            ; imul a, b, imm
%if %2 == 16
        %1 ax, cx, %3
%elif %2 == 32
        %1 eax, ecx, %3
%else
        %1 rax, rcx, %3
%endif
%endmacro

; TCASE kind, insn, "name", size, mask
;   kind 2: OP2   1: OP1   3: OPCL (mask computed from the count)
;   4: OPB (prints rdx)   5: imul3 (insn = immediate)   6: div   7: idiv
;   8: OP2 with a nonzero source (bsf/bsr)
%macro TCASE 5
        jmp %%go
%%nm:   db %3, 0
%%go:   mov r13, %%nm
        mov r14d, %4
        xor r15d, r15d
        xor r12d, r12d
%%next:
%if %1 == 3
        call load_shift
%else
        call load_case
%endif
%if %1 == 2
        OP2 %2, %4
%elif %1 == 1
        OP1 %2, %4
%elif %1 == 3
        OPCL %2, %4
%elif %1 == 4
        mov r15d, 1
        OPB %2, %4
%elif %1 == 5
        OP3 imul, %4, %2
%elif %1 == 6
        mov r15d, 1
        call prep_div
        OPB div, %4
%elif %1 == 7
        mov r15d, 1
        call prep_idiv
        OPB idiv, %4
%else
        call prep_nonzero
        OP2 %2, %4
%endif
        pushfq
        pop rbx
%if %1 == 3
        mov r11d, %5
        call shift_mask
%else
        and ebx, %5
%endif
        call report
        inc r12d
        cmp r12d, NCASES
        jb %%next
%endmacro

; one instruction at every size it has
%macro ALL4 4                           ; kind, insn, "name", mask
        TCASE %1, %2, %3, 8, %4
        TCASE %1, %2, %3, 16, %4
        TCASE %1, %2, %3, 32, %4
        TCASE %1, %2, %3, 64, %4
%endmacro
%macro ALL3 4                           ; no 8-bit form
        TCASE %1, %2, %3, 16, %4
        TCASE %1, %2, %3, 32, %4
        TCASE %1, %2, %3, 64, %4
%endmacro

        ALL4 2, add, "add", 0x8D5
        ALL4 2, adc, "adc", 0x8D5
        ALL4 2, sub, "sub", 0x8D5
        ALL4 2, sbb, "sbb", 0x8D5
        ALL4 2, cmp, "cmp", 0x8D5
        ALL4 2, and, "and", 0x8C5
        ALL4 2, or, "or", 0x8C5
        ALL4 2, xor, "xor", 0x8C5
        ALL4 2, test, "test", 0x8C5
        ALL4 1, neg, "neg", 0x8D5
        ALL4 1, inc, "inc", 0x8D5
        ALL4 1, dec, "dec", 0x8D5
        ALL4 1, not, "not", 0x8D5
        ALL4 3, shl, "shl", 0
        ALL4 3, shr, "shr", 0
        ALL4 3, sar, "sar", 0
        ALL4 3, rol, "rol", 1
        ALL4 3, ror, "ror", 1
        ALL4 3, rcl, "rcl", 1
        ALL4 3, rcr, "rcr", 1
        ALL4 4, mul, "mul", 0x801
        ALL4 4, imul, "imul1", 0x801
        ALL3 2, imul, "imul2", 0x801
        ALL3 5, -3, "imul3s", 0x801
        TCASE 5, 0x1234, "imul3w", 16, 0x801
        TCASE 5, 0x12345, "imul3w", 32, 0x801
        TCASE 5, 0x12345, "imul3w", 64, 0x801
        ALL4 6, div, "div", 0
        ALL4 7, idiv, "idiv", 0
        ALL3 2, bt, "bt", 0x041
        ALL3 2, bts, "bts", 0x041
        ALL3 2, btr, "btr", 0x041
        ALL3 2, btc, "btc", 0x041
        ALL3 8, bsf, "bsf", 0x040
        ALL3 8, bsr, "bsr", 0x040

; ---- hand-written cases ---------------------------------------------------
; CASE "label", initial-flags: rax = A0, rcx = B0, rdx = DCONST,
; qwords BUF-16 .. BUF+24 = pattern; then the instruction(s) under test;
; ENDCASE mask prints "<label> r=<rax> c=<rcx> f=<flags & mask>", and in the
; [mem] section (r14 = 1) also " m=<[BUF-8]>.<[BUF]>.<[BUF+8]>.<[BUF+16]>".
A0      equ 0x0123456789abcdef
B0      equ 0xfedcba9876543210
%macro CASE 2
        jmp %%go
%%nm:   db %1, 0
%%go:   mov r13, %%nm
        call case_init
        mov rax, A0
        mov rcx, B0
        mov rdx, DCONST
        SETFLAGS %2
%endmacro
%macro ENDCASE 1
        pushfq
        pop rbx
        and ebx, %1
        call report_case
%endmacro

        PUTS "[imm]"
        NL
        xor r14d, r14d
        CASE "add al,imm8", 0x2
        add al, 0x80
        ENDCASE 0x8D5
        CASE "add ax,imm16", 0x2
        add ax, 0x8000
        ENDCASE 0x8D5
        CASE "add eax,imm32", 0x2
        add eax, 0x80000000
        ENDCASE 0x8D5
        CASE "add rax,simm32", 0x2
        add rax, 0x7fffffff
        ENDCASE 0x8D5
        CASE "add rax,-1", 0x2
        add rax, -1
        ENDCASE 0x8D5
        CASE "add ecx,-128", 0x8D7
        add ecx, -128
        ENDCASE 0x8D5
        CASE "add r9d,1", 0x2
        mov r9, rcx
        add r9d, 1
        mov rax, r9
        ENDCASE 0x8D5
        CASE "adc cl,0xff", 0x8D7
        adc cl, 0xff
        ENDCASE 0x8D5
        CASE "adc rax,0", 0x8D7
        adc rax, 0
        ENDCASE 0x8D5
        CASE "sub rcx,imm32", 0x2
        sub rcx, 0x76543211
        ENDCASE 0x8D5
        CASE "sbb eax,eax", 0x8D7
        sbb eax, eax
        ENDCASE 0x8D5
        CASE "sbb rax,rax", 0x2
        sbb rax, rax
        ENDCASE 0x8D5
        CASE "cmp al,0xef", 0x2
        cmp al, 0xef
        ENDCASE 0x8D5
        CASE "cmp rcx,-1", 0x2
        cmp rcx, -1
        ENDCASE 0x8D5
        CASE "and eax,0xffff0000", 0x8D7
        and eax, 0xffff0000
        ENDCASE 0x8C5
        CASE "and rax,-16", 0x8D7
        and rax, -16
        ENDCASE 0x8C5
        CASE "or cx,0x8000", 0x2
        or cx, 0x8000
        ENDCASE 0x8C5
        CASE "xor r10,imm", 0x2
        mov r10, rax
        xor r10, 0x7f0f0f0f
        mov rax, r10
        ENDCASE 0x8C5
        CASE "test al,0x80", 0x2
        test al, 0x80
        ENDCASE 0x8C5
        CASE "test eax,imm", 0x2
        test eax, 0x80000000
        ENDCASE 0x8C5
        CASE "test rcx,imm", 0x8D7
        test rcx, 0x10
        ENDCASE 0x8C5
        CASE "shl eax,1", 0x2
        shl eax, 1
        ENDCASE 0x8C5
        CASE "shl eax,5", 0x2
        shl eax, 5
        ENDCASE 0x0C5
        CASE "shr rcx,63", 0x2
        shr rcx, 63
        ENDCASE 0x0C5
        CASE "sar al,7", 0x2
        sar al, 7
        ENDCASE 0x0C5
        CASE "sar rcx,1", 0x2
        sar rcx, 1
        ENDCASE 0x8C5
        CASE "rol rax,1", 0x2
        rol rax, 1
        ENDCASE 0x8D5
        CASE "rol ax,12", 0x2
        rol ax, 12
        ENDCASE 0x0D5
        CASE "ror cl,1", 0x2
        ror cl, 1
        ENDCASE 0x8D5
        CASE "rcl rax,1", 0x8D7
        rcl rax, 1
        ENDCASE 0x8D5
        CASE "rcr eax,3", 0x8D7
        rcr eax, 3
        ENDCASE 0x0D5
        CASE "rcl bl,9", 0x8D7
        mov ebx, 0x81
        rcl bl, 9
        mov eax, ebx
        ENDCASE 0x0D5
        CASE "shl ah,4", 0x2
        shl ah, 4
        ENDCASE 0x0C5
        CASE "imul eax,ecx,imm8", 0x2
        imul eax, ecx, 100
        ENDCASE 0x801
        CASE "imul rax,rcx,imm32", 0x2
        imul rax, rcx, -100000
        ENDCASE 0x801
        CASE "imul rax,[BUF]", 0x2
        imul rax, [BUF]
        ENDCASE 0x801
        CASE "mul qword [BUF]", 0x2
        mul qword [BUF]
        mov rcx, rdx
        ENDCASE 0x801
        CASE "div wide 64", 0x2
        mov rdx, 0x0000123456789abc
        mov rax, 0xdef0123456789abc
        mov rcx, 0x00fedcba98765432
        div rcx
        mov rcx, rdx
        ENDCASE 0
        CASE "idiv wide 64", 0x2
        mov rdx, -0x40                  ; rdx:rax = -0x40 * 2^64 + 5
        mov rax, 5
        mov rcx, 0x7fffffffffffffff
        idiv rcx
        mov rcx, rdx
        ENDCASE 0
        CASE "idiv wide 32", 0x2
        mov edx, 0xfffffff0             ; edx:eax = -16 * 2^32
        xor eax, eax
        mov ecx, 0x7fffffff
        idiv ecx
        mov rcx, rdx
        ENDCASE 0
        CASE "idiv wide 16", 0x2
        mov dx, 0x0123                  ; dx:ax = 0x01234567
        mov ax, 0x4567
        mov cx, -0x3000
        idiv cx
        mov rcx, rdx
        ENDCASE 0
        CASE "idiv 8 neg", 0x2
        mov ax, -1000
        mov cl, 9
        idiv cl
        ENDCASE 0
        CASE "div 8 [BUF]", 0x2
        mov ax, 0x1234
        div byte [BUF]
        ENDCASE 0
        CASE "bt eax,31", 0x8D7
        bt eax, 31
        ENDCASE 0x041
        CASE "bts rax,63", 0x2
        bts rax, 63
        ENDCASE 0x041
        CASE "btr cx,68", 0x2
        btr cx, 68                      ; immediate: offset mod 16 = 4
        ENDCASE 0x041
        CASE "btc rcx,0", 0x8D7
        btc rcx, 0
        ENDCASE 0x041
        CASE "bsf rax,rcx", 0x2
        bsf rax, rcx
        ENDCASE 0x040
        CASE "bsr ecx,eax", 0x2
        bsr ecx, eax
        ENDCASE 0x040
        CASE "neg r11b", 0x2
        mov r11, rax
        neg r11b
        mov rax, r11
        ENDCASE 0x8D5

        PUTS "[mem]"
        NL
        mov r14d, 1
        CASE "add [BUF],rax", 0x2
        add [BUF], rax
        ENDCASE 0x8D5
        CASE "add rax,[BUF]", 0x8D7
        add rax, [BUF]
        ENDCASE 0x8D5
        CASE "sub byte [BUF+1],1", 0x2
        sub byte [BUF+1], 1
        ENDCASE 0x8D5
        CASE "adc word [BUF],-1", 0x8D7
        adc word [BUF], -1
        ENDCASE 0x8D5
        CASE "sbb dword [BUF+4],ecx", 0x8D7
        sbb dword [BUF+4], ecx
        ENDCASE 0x8D5
        CASE "cmp [BUF],cl", 0x2
        cmp [BUF], cl
        ENDCASE 0x8D5
        CASE "and qword [BUF],-256", 0x2
        and qword [BUF], -256
        ENDCASE 0x8C5
        CASE "or [BUF+8],ax", 0x2
        or [BUF+8], ax
        ENDCASE 0x8C5
        CASE "xor ecx,[BUF]", 0x2
        xor ecx, [BUF]
        ENDCASE 0x8C5
        CASE "test [BUF],rcx", 0x2
        test [BUF], rcx
        ENDCASE 0x8C5
        CASE "neg dword [BUF]", 0x2
        neg dword [BUF]
        ENDCASE 0x8D5
        CASE "not word [BUF]", 0x8D7
        not word [BUF]
        ENDCASE 0x8D5
        CASE "inc qword [BUF]", 0x8D7
        inc qword [BUF]
        ENDCASE 0x8D5
        CASE "dec byte [BUF-8]", 0x2
        dec byte [BUF-8]
        ENDCASE 0x8D5
        CASE "shl dword [BUF],cl", 0x2
        mov cl, 4
        shl dword [BUF], cl
        ENDCASE 0x0C5
        CASE "sar qword [BUF],1", 0x2
        sar qword [BUF], 1
        ENDCASE 0x8C5
        CASE "rol byte [BUF],3", 0x2
        rol byte [BUF], 3
        ENDCASE 0x0D5
        CASE "rcr word [BUF+8],1", 0x8D7
        rcr word [BUF+8], 1
        ENDCASE 0x8D5
        CASE "add [rbx+rsi*4+8],edx", 0x2
        mov rbx, BUF - 16
        mov esi, 2
        add [rbx+rsi*4+8], edx
        ENDCASE 0x8D5
        CASE "bt qword [BUF],70", 0x8D7
        bt qword [BUF], 70              ; immediate: offset mod 64 = 6
        ENDCASE 0x041
        CASE "bt [BUF],rcx=70", 0x2
        mov ecx, 70                     ; register: bit 6 of the qword at BUF+8
        bt [BUF], rcx
        ENDCASE 0x041
        CASE "bts [BUF],rcx=133", 0x2
        mov ecx, 133                    ; bit 5 of BUF+16
        bts [BUF], rcx
        ENDCASE 0x041
        CASE "btr [BUF],rcx=-4", 0x8D7
        mov rcx, -4                     ; bit 60 of the qword at BUF-8
        btr [BUF], rcx
        ENDCASE 0x041
        CASE "btc dword [BUF],ecx=-33", 0x2
        mov ecx, -33                    ; bit 31 of the dword at BUF-8
        btc [BUF], ecx
        ENDCASE 0x041
        CASE "bts word [BUF],cx=17", 0x2
        mov cx, 17                      ; bit 1 of the word at BUF+2
        bts [BUF], cx
        ENDCASE 0x041
        CASE "bsf ax,[BUF]", 0x2
        bsf ax, [BUF]
        ENDCASE 0x040

        CSUM_PRINT
        EXIT 0

; ---- case helpers ----------------------------------------------------------
; load_case: rax, rcx = pairs[r12], rdx = DCONST, flags = initfl[r12 & 1]
load_case:
        mov rbx, r12
        shl rbx, 4
        mov rax, [pairs + rbx]
        mov rcx, [pairs + rbx + 8]
        mov rdx, r12
        and edx, 1
        push qword [initfl + rdx*8]
        mov rdx, DCONST
        popfq
        ret

; load_shift: like load_case, but rcx = counts[r12]
load_shift:
        mov rbx, r12
        shl rbx, 4
        mov rax, [pairs + rbx]
        mov rcx, [counts + r12*8]
        mov rdx, r12
        and edx, 1
        push qword [initfl + rdx*8]
        mov rdx, DCONST
        popfq
        ret

; prep_div: operand size r14; make b nonzero, dividend high half < b
prep_div:
        cmp r14d, 8
        jne .w
        test cl, cl
        jnz .b1
        mov cl, 7
.b1:    mov bl, cl
        shr bl, 1
        and ah, bl
        ret
.w:     cmp r14d, 16
        jne .d
        test cx, cx
        jnz .w1
        mov cx, 7
.w1:    mov rbx, rax
        shr rbx, 16
        mov dx, bx
        mov bx, cx
        shr bx, 1
        and dx, bx
        ret
.d:     cmp r14d, 32
        jne .q
        test ecx, ecx
        jnz .d1
        mov ecx, 7
.d1:    mov rdx, rax
        shr rdx, 32
        mov ebx, ecx
        shr ebx, 1
        and edx, ebx
        ret
.q:     test rcx, rcx
        jnz .q1
        mov ecx, 7
.q1:    mov rdx, rax
        rol rdx, 32
        mov rbx, rcx
        shr rbx, 1
        and rdx, rbx
        ret

; prep_idiv: sign-extend the dividend's low half; b != 0; no MIN / -1
prep_idiv:
        cmp r14d, 8
        jne .w
        test cl, cl
        jnz .b1
        mov cl, 7
.b1:    cbw
        cmp cl, -1
        jne .b2
        cmp al, 0x80
        jne .b2
        mov cl, 3
.b2:    ret
.w:     cmp r14d, 16
        jne .d
        test cx, cx
        jnz .w1
        mov cx, 7
.w1:    cwd
        cmp cx, -1
        jne .w2
        cmp ax, 0x8000
        jne .w2
        mov cx, 3
.w2:    ret
.d:     cmp r14d, 32
        jne .q
        test ecx, ecx
        jnz .d1
        mov ecx, 7
.d1:    cdq
        cmp ecx, -1
        jne .d2
        cmp eax, 0x80000000
        jne .d2
        mov ecx, 3
.d2:    ret
.q:     test rcx, rcx
        jnz .q1
        mov ecx, 7
.q1:    cqo
        cmp rcx, -1
        jne .q2
        mov rbx, 0x8000000000000000
        cmp rax, rbx
        jne .q2
        mov ecx, 3
.q2:    ret

; prep_nonzero: b (at size r14) must not be 0 for bsf/bsr; then restore flags
prep_nonzero:
        pushfq
        cmp r14d, 16
        jne .d
        test cx, cx
        jmp .chk
.d:     cmp r14d, 32
        jne .q
        test ecx, ecx
        jmp .chk
.q:     test rcx, rcx
.chk:   jnz .ok
        or ecx, 0x100
.ok:    popfq
        ret

; shift_mask: rbx = flags, rcx = count, r14 = size, r11 = 0 shift / 1 rotate
; -> rbx = flags & defined mask (see the header)
shift_mask:
        push rax
        push rdx
        mov eax, ecx
        cmp r14d, 64
        je .m64
        and eax, 31
        jmp .m
.m64:   and eax, 63
.m:     mov edx, 0x8D5                  ; count 0: nothing affected
        test eax, eax
        jz .done
        test r11d, r11d
        jnz .rot
        mov edx, 0x0C4                  ; SF ZF PF
        cmp eax, r14d
        jae .nocf
        or edx, 0x001                   ; CF: count < width
.nocf:  cmp eax, 1
        jne .done
        or edx, 0x800                   ; OF: count 1
        jmp .done
.rot:   mov edx, 0x0D5                  ; CF; SF ZF AF PF unaffected
        cmp eax, 1
        jne .done
        or edx, 0x800
.done:  and rbx, rdx
        pop rdx
        pop rax
        ret

; report: "<name>.<sz> <case> r=<rax> f=<rbx>[ d=<rdx>]"
report:
        PUTSZ r13
        PUTC '.'
        push rax
        mov al, 'b'
        cmp r14d, 16
        jne .s1
        mov al, 'w'
.s1:    cmp r14d, 32
        jne .s2
        mov al, 'd'
.s2:    cmp r14d, 64
        jne .s3
        mov al, 'q'
.s3:    call pv_putc
        pop rax
        PUTC ' '
        PUTHEXN r12, 2
        PUTS " r="
        PUTHEX rax
        PUTS " f="
        PUTHEXN rbx, 3
        CSUM rax
        CSUM rbx
        test r15d, r15d
        jz .nl
        PUTS " d="
        PUTHEX rdx
        CSUM rdx
.nl:    NL
        ret

; case_init: BUF-16 .. BUF+31 = 0x8877665544332211 * k (k = 1..6)
case_init:
        push rax
        push rcx
        push rdi
        mov rdi, BUF - 16
        mov rcx, 0x8877665544332211
        mov rax, rcx
.fill:  mov [rdi], rax
        add rax, rcx
        add rdi, 8
        cmp rdi, BUF + 32
        jb .fill
        pop rdi
        pop rcx
        pop rax
        ret

; report_case: "<label> r=<rax> c=<rcx> f=<rbx>[ m=<BUF-8>.<BUF>.<BUF+8>.<BUF+16>]"
report_case:
        PUTSZ r13
        PUTS " r="
        PUTHEX rax
        PUTS " c="
        PUTHEX rcx
        PUTS " f="
        PUTHEXN rbx, 3
        CSUM rax
        CSUM rcx
        CSUM rbx
        test r14d, r14d
        jz .nl
        PUTS " m="
        PUTHEX [BUF-8]
        PUTC '.'
        PUTHEX [BUF]
        PUTC '.'
        PUTHEX [BUF+8]
        PUTC '.'
        PUTHEX [BUF+16]
        CSUM [BUF-8]
        CSUM [BUF]
        CSUM [BUF+8]
        CSUM [BUF+16]
.nl:    NL
        ret

; ---- data --------------------------------------------------------------------
        align 8
initfl: dq 0x002, 0x8D7
pairs:  dq 0, 0
        dq 1, 1
        dq 0x0f, 0x01
        dq 0x7f, 0x01
        dq 0x80, 0xff
        dq 0xff, 0x01
        dq 0x7fff, 0x0001
        dq 0x8000, 0x8000
        dq 0xffff, 0xfffe
        dq 0x7fffffff, 0x00000001
        dq 0x80000000, 0x80000000
        dq 0xffffffff, 0xffffffff
        dq 0x7fffffffffffffff, 1
        dq 0x8000000000000000, 0xffffffffffffffff
        dq 0x0123456789abcdef, 0xfedcba9876543210
        dq 0xa5a5a5a5a5a5a5a5, 0x5a5a5a5a5a5a5a5b
counts: dq 0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 0x41

        PV_LIB
