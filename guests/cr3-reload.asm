; cr3-reload.asm -- writes the SAME value to CR3 again and again: the classic
; way to flush the TLB (every non-global entry) without switching processes.
;
; Demonstrates: a MOV to CR3 is a TLB flush even when the value does not
; change. The guest builds one address space (kernel: guest RAM identity-
; mapped with 2 MiB pages; T data pages with 4 KiB pages at WIN = 0x40000000)
; and then R times: reloads CR3 with the value it already holds, and reads,
; modifies and writes the first qword of each of the T pages. Natively each
; reload costs T + 1 TLB misses (the pages and the code page); under EPT the
; same misses with two-dimensional walks; under shadow paging every reload is
; also a VM exit, where the hypervisor must make the shadow as fresh as a
; flushed TLB.
;
; Parameters (-DNAME=value):
;   R   CR3 reloads in the measured phase (default 1000; >= 0)
;   T   pages touched after each reload (default 4; 1..511)
; Instructions: a few thousand of setup + R * (7 + 8 * T).
;
; Exits. The measured phase (PHASE_BEGIN .. PHASE_END, port 0xE8) is the R
; reloads and their accesses (no stack, no memory but the T pages).
;   native       no exits; R * (T + 1) TLB misses
;   ept          phase: none (R * (T + 1) TLB misses, two-dimensional walks).
;                Whole run: CR_ACCESS 0.
;   shadow-lazy  phase: CR_ACCESS = R (MOV to CR3, same value: a shadow sync).
;   shadow-wp    EXCEPTION_NMI (hidden #PF): 0 when the hypervisor keeps the
;                root and resyncs it in place (shadow-wp is always in sync:
;                the reload needs no shadow work at all); R * (T + 1) when the
;                reload drops the shadow, as a classic lazy design does (the T
;                pages and the code page fault back in). INVLPG 0, no guest
;                page-table writes.
;                Whole run: CR_ACCESS = R + 1 (the first load of the guest's
;                own tables).
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 phase marks
;                + 1 exit write, all outside the phase.
;
; Prints: the parameters, sum (a checksum of everything the phase read),
; checksum= over every printed value. Exit code 0.
;
; Physical memory: tables from the pool at 0x400000; the T data frames at
; 0x1000000.
%include "lib/pv.inc"

%ifndef R
%define R 1000
%endif
%ifndef T
%define T 4
%endif
%ifndef RAM_MIB                     ; guest RAM identity-mapped
%define RAM_MIB 64
%endif

POOL    equ 0x400000
WIN     equ 0x40000000              ; the T data pages' virtual address
FRAMES  equ 0x1000000               ; ... and their frames

%if T < 1 || T > 511
%error "T must be 1..511"
%endif
%if R < 0
%error "R must be >= 0"
%endif
%if RAM_MIB % 2 || RAM_MIB < 32 || RAM_MIB > 1024
%error "RAM_MIB must be even, 32..1024"
%endif

start:  jmp main

; ---- code used under the guest's tables, in the image's first 4 KiB (run
; through set_cr3 before the phase). r15 = CR3, r12 = reload, r11 = sum.
set_cr3:
        mov cr3, rax
        ret

reload: xor r12d, r12d
.next:  cmp r12, R
        jae .done
        mov cr3, r15                ; same value: flush the TLB
        mov rsi, WIN
        mov ecx, T
.touch: mov rax, [rsi]
        add rax, r12
        mov [rsi], rax
        xor r11, rax
        rol r11, 5
        add rsi, 0x1000
        dec ecx
        jnz .touch
        inc r12
        jmp .next
.done:  jmp reload_done

main:   CSUM_INIT
        PUTS "cr3-reload: the same CR3 value written again to flush the TLB"
        NL
        SHOWDEC "R", R
        SHOWDEC "T", T

        ; ---- one address space: kernel identity (2 MiB), T pages at WIN
        PV_PT_POOL POOL, POOL + 0x100000
        call pv_pt_alloc
        mov r15, rax                ; r15 = PML4
        mov rdi, r15
        xor esi, esi
        mov edx, RAM_MIB * 0x100000
        call pv_ident2m
        mov esi, WIN
        mov edx, FRAMES | PTE_P | PTE_W | PTE_A | PTE_D
        mov ecx, T
.map:   call pv_map4k
        add rsi, 0x1000
        add rdx, 0x1000
        dec ecx
        jnz .map

        mov rax, r15
        call set_cr3
        mov rsi, WIN                ; the pages' initial contents, written
        mov ecx, T                  ; through the new mapping
        mov rax, 0x3c3c3c3c00000000
.init:  mov [rsi], rax
        inc rax
        add rsi, 0x1000
        dec ecx
        jnz .init

        xor r11d, r11d
        PHASE_BEGIN al
        jmp reload
reload_done:
        PHASE_END al
        SHOWHEX "sum", r11
        CSUM_PRINT
        EXIT 0

PV_LIB
