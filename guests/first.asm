; first.asm -- the tutorial's guest (docs/tutorial.md): reload CR3 and touch
; memory N times, then print "ok".
;
; Demonstrates: a MOV to CR3 with the same value flushes the TLB. Natively
; that costs TLB misses; under shadow paging every such write is a VM exit
; (CR_ACCESS); under EPT it is not, but each TLB miss is a 2-D walk.
; Expected exits, whole run: shadow: CR_ACCESS = 2N (the guest must read its own
; CR3, so MOV from CR3 exits too); ept: CR_ACCESS = 0.
; Prints: ok
bits 64
org 0x100000

%ifndef N
%define N 3
%endif

start:
        mov qword [data], 0     ; write before reading (QEMU's RAM is not zeroed)
        mov ecx, N
.again: mov rax, cr3
        mov cr3, rax            ; same value: flush the TLB
        add [data], rcx         ; touch memory again: a TLB miss
        dec ecx
        jnz .again
        mov rsi, msg
.next:  lodsb
        test al, al
        jz .done
        out 0xE9, al
        jmp .next
.done:  xor eax, eax
        out 0xF4, eax           ; exit code 0

msg:    db "ok", 10, 0
align 8
data:   dq 0
