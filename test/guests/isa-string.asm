; isa-string.asm -- string instructions: movs stos lods cmps scas at byte,
; word, dword and qword size, without prefix and with rep / repe / repne,
; forwards (cld) and backwards (std), including overlapping copies (which
; must behave element by element), rcx = 0, early repe/repne termination.
;
; Buffers: SRC = 0x200000 holds bytes PAT(i) = (i*0x4b + 0x17) & 0xff for
; i < 0x400 (a permutation of 0..255 every 256 bytes); DST = 0x210000 holds
; 0x400 bytes of 0xEE, or a copy of SRC with one byte inverted (cmps cases).
; Each case sets rsi, rdi, rcx, rax and RFLAGS (0x002, 0x8D7 = all status
; flags, or 0x402 = DF for backwards), runs ONE instruction and prints
;   <label> si=<rsi> di=<rdi> cx=<rcx> ax=<rax> f=<flags> s=<sum SRC> d=<sum DST>
; where f is RFLAGS & 0xCD5 (status flags + DF: movs/stos/lods must leave
; them alone; cmps/scas define all six) and s/d are FNV-style hashes of
; SRC[0, 0x400) and DST[0, 0x400). Ends with a checksum of all values.
; Exit code 0.
%include "../../guests/lib/pv.inc"

SRC     equ 0x200000
DST     equ 0x210000
BUFLEN  equ 0x400
RAXV    equ 0x1122334455667788
; search keys: PAT(i) and the word/dword/qword of SRC at byte offset i
PAT_0   equ 0x17
PAT_2   equ 0xad
PAT_3   equ 0xf8
PAT_77  equ 0xa6
PAT_100 equ 0x63
PAT_31  equ 0x72
PATW_90 equ 0xc075
PATD_48 equ 0x10c57a2f
PATQ_A0 equ 0x04b96e23d88d42f7
PATQ_80 equ 0xa4590ec3782de297

start:
        CSUM_INIT
        PUTS "isa-string"
        NL

; XCASE "label", insn, rflags, rsi, rdi, rcx, rax, dst-mode
;   dst-mode: -1 = DST all 0xEE; -2 = DST = copy of SRC;
;             k >= 0: copy of SRC with byte k inverted
%macro XCASE 8
        jmp %%go
%%nm:   db %1, 0
%%go:   mov r13, %%nm
        mov rax, %8
        call fill
        mov rsi, %4
        mov rdi, %5
        mov rcx, %6
        mov rax, %7
        SETFLAGS %3
        %2
        pushfq
        pop rbx
        cld
        and ebx, 0xCD5
        call sreport
%endmacro

        PUTS "[movs]"
        NL
        XCASE "movsb", movsb, 0x8D7, SRC+8, DST+16, 0x55, RAXV, -1
        XCASE "movsw", movsw, 0x002, SRC+8, DST+16, 0x55, RAXV, -1
        XCASE "movsd", movsd, 0x8D7, SRC+8, DST+16, 0x55, RAXV, -1
        XCASE "movsq", movsq, 0x002, SRC+8, DST+16, 0x55, RAXV, -1
        XCASE "movsq std", movsq, 0x402, SRC+8, DST+16, 0x55, RAXV, -1
        XCASE "rep movsb", rep movsb, 0x002, SRC+3, DST+5, 37, RAXV, -1
        XCASE "rep movsw", rep movsw, 0x8D7, SRC+3, DST+5, 37, RAXV, -1
        XCASE "rep movsd", rep movsd, 0x002, SRC+3, DST+5, 37, RAXV, -1
        XCASE "rep movsq", rep movsq, 0x8D7, SRC+3, DST+5, 37, RAXV, -1
        XCASE "rep movsb std", rep movsb, 0x402, SRC+0x200, DST+0x280, 37, RAXV, -1
        XCASE "rep movsw std", rep movsw, 0x402, SRC+0x200, DST+0x280, 37, RAXV, -1
        XCASE "rep movsd std", rep movsd, 0x402, SRC+0x200, DST+0x280, 37, RAXV, -1
        XCASE "rep movsq std", rep movsq, 0x402, SRC+0x200, DST+0x280, 37, RAXV, -1
        XCASE "rep movsb cx=0", rep movsb, 0x8D7, SRC, DST, 0, RAXV, -1
        XCASE "rep movsb overlap+1", rep movsb, 0x002, SRC, SRC+1, 64, RAXV, -1
        XCASE "rep movsq overlap+8", rep movsq, 0x002, SRC, SRC+8, 16, RAXV, -1
        XCASE "rep movsd overlap+3", rep movsd, 0x002, SRC+0x20, SRC+0x23, 16, RAXV, -1
        XCASE "rep movsb std overlap+1", rep movsb, 0x402, SRC+63, SRC+64, 64, RAXV, -1
        XCASE "rep movsd std overlap+2", rep movsd, 0x402, SRC+0x40, SRC+0x42, 16, RAXV, -1
        XCASE "rep movsb overlap-1", rep movsb, 0x002, SRC+1, SRC, 64, RAXV, -1

        PUTS "[stos]"
        NL
        XCASE "stosb", stosb, 0x8D7, SRC, DST+1, 0x55, RAXV, -1
        XCASE "stosw", stosw, 0x002, SRC, DST+1, 0x55, RAXV, -1
        XCASE "stosd", stosd, 0x8D7, SRC, DST+1, 0x55, RAXV, -1
        XCASE "stosq", stosq, 0x402, SRC, DST+1, 0x55, RAXV, -1
        XCASE "rep stosb", rep stosb, 0x002, SRC, DST+3, 29, RAXV, -1
        XCASE "rep stosw", rep stosw, 0x002, SRC, DST+3, 29, RAXV, -1
        XCASE "rep stosd", rep stosd, 0x8D7, SRC, DST+3, 29, RAXV, -1
        XCASE "rep stosq", rep stosq, 0x002, SRC, DST+3, 29, RAXV, -1
        XCASE "rep stosb std", rep stosb, 0x402, SRC, DST+0x100, 29, RAXV, -1
        XCASE "rep stosw std", rep stosw, 0x402, SRC, DST+0x100, 29, RAXV, -1
        XCASE "rep stosd std", rep stosd, 0x402, SRC, DST+0x100, 29, RAXV, -1
        XCASE "rep stosq std", rep stosq, 0x402, SRC, DST+0x100, 29, RAXV, -1
        XCASE "rep stosq cx=0", rep stosq, 0x402, SRC, DST, 0, RAXV, -1

        PUTS "[lods]"
        NL
        XCASE "lodsb", lodsb, 0x8D7, SRC+5, DST, 0x55, RAXV, -1
        XCASE "lodsw", lodsw, 0x002, SRC+5, DST, 0x55, RAXV, -1
        XCASE "lodsd", lodsd, 0x8D7, SRC+5, DST, 0x55, RAXV, -1
        XCASE "lodsq", lodsq, 0x002, SRC+5, DST, 0x55, RAXV, -1
        XCASE "lodsw std", lodsw, 0x402, SRC+5, DST, 0x55, RAXV, -1
        XCASE "rep lodsb", rep lodsb, 0x002, SRC+5, DST, 5, RAXV, -1
        XCASE "rep lodsd std", rep lodsd, 0x402, SRC+0x40, DST, 7, RAXV, -1
        XCASE "rep lodsq cx=0", rep lodsq, 0x8D7, SRC+5, DST, 0, RAXV, -1

        PUTS "[cmps]"
        NL
        XCASE "cmpsb eq", cmpsb, 0x8D7, SRC+4, DST+4, 9, RAXV, 100
        XCASE "cmpsb ne", cmpsb, 0x002, SRC+4, DST+4, 9, RAXV, 4
        XCASE "cmpsw ne", cmpsw, 0x002, SRC+4, DST+4, 9, RAXV, 5
        XCASE "cmpsd ne", cmpsd, 0x002, SRC+4, DST+4, 9, RAXV, 7
        XCASE "cmpsq ne", cmpsq, 0x002, SRC+0x60, DST+0x60, 9, RAXV, 0x63
        XCASE "cmpsq std eq", cmpsq, 0x402, SRC+0x60, DST+0x60, 9, RAXV, 0x59
        XCASE "repe cmpsb", repe cmpsb, 0x002, SRC, DST, 50, RAXV, 20
        XCASE "repe cmpsw", repe cmpsw, 0x002, SRC, DST, 50, RAXV, 20
        XCASE "repe cmpsd", repe cmpsd, 0x8D7, SRC, DST, 50, RAXV, 20
        XCASE "repe cmpsq", repe cmpsq, 0x002, SRC, DST, 50, RAXV, 20
        XCASE "repe cmpsb all-eq", repe cmpsb, 0x002, SRC, DST, 40, RAXV, -2
        XCASE "repe cmpsb last", repe cmpsb, 0x002, SRC, DST, 21, RAXV, 20
        XCASE "repe cmpsb std", repe cmpsb, 0x402, SRC+40, DST+40, 30, RAXV, 20
        XCASE "repe cmpsq std", repe cmpsq, 0x402, SRC+0x100, DST+0x100, 30, RAXV, 0x83
        XCASE "repe cmpsq cx=0", repe cmpsq, 0x8D7, SRC, DST, 0, RAXV, 0
        XCASE "repne cmpsb", repne cmpsb, 0x002, SRC, DST, 0x100, RAXV, -1
        XCASE "repne cmpsb none", repne cmpsb, 0x002, SRC, DST, 10, RAXV, -1
        XCASE "repne cmpsw", repne cmpsw, 0x8D7, SRC, DST, 0x100, RAXV, -1

        PUTS "[scas]"
        NL
        XCASE "scasb eq", scasb, 0x002, SRC, SRC+2, 9, 0x100 | PAT_2, -1
        XCASE "scasb ne", scasb, 0x8D7, SRC, SRC+2, 9, PAT_3, -1
        XCASE "scasq", scasq, 0x002, SRC, SRC+8, 9, RAXV, -1
        XCASE "repne scasb", repne scasb, 0x002, SRC, SRC, 0x100, 0x1122334455667700 | PAT_77, -1
        XCASE "repne scasw", repne scasw, 0x002, SRC, SRC, 0x100, 0x1122334455660000 | PATW_90, -1
        XCASE "repne scasd", repne scasd, 0x002, SRC, SRC, 0x100, 0x1122334400000000 | PATD_48, -1
        XCASE "repne scasq", repne scasq, 0x002, SRC, SRC, 0x40, PATQ_A0, -1
        XCASE "repne scasb none", repne scasb, 0x002, SRC, SRC, 16, PAT_100, -1
        XCASE "repne scasb std", repne scasb, 0x402, SRC, SRC+0xff, 0x100, PAT_31, -1
        XCASE "repne scasq std", repne scasq, 0x402, SRC, SRC+0x1f8, 0x40, PATQ_80, -1
        XCASE "repe scasb", repe scasb, 0x002, SRC, DST, 0x100, 0xEE, -1
        XCASE "repe scasd", repe scasd, 0x002, SRC, DST+0x10, 0x20, 0xEEEEEEEE, 30
        XCASE "repe scasw std", repe scasw, 0x402, SRC, DST+0x3fe, 0x100, 0xEEEE, -1
        XCASE "repne scasb cx=0", repne scasb, 0x8D7, SRC, SRC, 0, PAT_0, -1

        CSUM_PRINT
        EXIT 0

; fill: SRC = PAT; DST per mode in rax (see XCASE). Plain movs, no strings.
fill:
        push rcx
        push rdx
        xor ecx, ecx
.src:   imul edx, ecx, 0x4b
        add edx, 0x17
        mov [SRC + rcx], dl
        inc ecx
        cmp ecx, BUFLEN
        jb .src
        xor ecx, ecx
.dst:   mov dl, 0xEE
        cmp rax, -1
        je .put
        mov dl, [SRC + rcx]
        cmp rcx, rax
        jne .put
        not dl
.put:   mov [DST + rcx], dl
        inc ecx
        cmp ecx, BUFLEN
        jb .dst
        pop rdx
        pop rcx
        ret

; sum: rsi = buffer -> rdx = FNV-style hash of its BUFLEN bytes, by qwords:
; h = (h xor q) * 0x100000001b3, starting from 0xcbf29ce484222325
sum:
        push rcx
        push rsi
        push r8
        mov rdx, 0xcbf29ce484222325
        mov r8, 0x100000001b3
        mov ecx, BUFLEN / 8
.next:  xor rdx, [rsi]
        imul rdx, r8
        add rsi, 8
        dec ecx
        jnz .next
        pop r8
        pop rsi
        pop rcx
        ret

sreport:
        PUTSZ r13
        PUTS " si="
        PUTHEX rsi
        PUTS " di="
        PUTHEX rdi
        PUTS " cx="
        PUTHEX rcx
        PUTS " ax="
        PUTHEX rax
        PUTS " f="
        PUTHEXN rbx, 3
        CSUM rsi
        CSUM rdi
        CSUM rcx
        CSUM rax
        CSUM rbx
        push rsi
        mov rsi, SRC
        call sum
        PUTS " s="
        PUTHEX rdx
        CSUM rdx
        mov rsi, DST
        call sum
        PUTS " d="
        PUTHEX rdx
        CSUM rdx
        pop rsi
        NL
        ret

        PV_LIB
