; demand-paging.asm -- a #PF handler, installed through the IDT, maps a page
; the first time it is touched: demand paging, as every OS does it.
;
; Demonstrates: page faults as a mechanism, not an error. The guest reserves
; P + 1 pages at DP = 0x40000000 whose PTEs are not present, installs an
; IDT whose #PF handler reads CR2, takes the next free frame, writes the PTE
; (P|RW), zero-fills the page through the new mapping and returns with
; IRETQ, so the faulting instruction runs again and succeeds. Page 0 is
; touched before the phase (a warm-up: the handler path -- IDT, stubs,
; handler code, stack -- is then mapped, and the region's page table
; shadowed); the phase touches pages 1..P (one read each: P faults), then
; reads them all again (no fault).
; Under EPT a guest page fault is the guest's own business: no exit; only
; the host backs each new frame on first touch (EPT_VIOLATION). Under shadow
; paging every guest fault is first a VM exit: the hypervisor finds the
; guest PTE not present and injects the #PF into the guest; the handler's
; PTE write and its first touch of the page cost more exits.
;
; Parameters (-DNAME=value):
;   P   pages faulted in during the measured phase (default 256; 1..8190)
; Instructions: a few thousand of setup + about 150 * P (mostly pv.inc's
; common exception path and the handler; its 512-qword rep stosq zero fill
; counts as one instruction).
;
; Exits. The measured phase (PHASE_BEGIN .. PHASE_END, port 0xE8) is both
; passes over pages 1..P. B = ceil((P + 1) / 512) - 1 = the region's page
; tables beyond the first (not shadowed until something in them is touched).
;   native       no exits; P guest page faults, handled by the guest
;   ept          phase: EPT_VIOLATION = P (each new frame's first touch, by
;                the zero fill; with --ept-large the new 2 MiB regions among
;                frames 1..P only, ceil((P + 1) / 512) - 1; with
;                --ept-prefault 0). No EXCEPTION_NMI: guest #PFs do not exit.
;   shadow-lazy  phase: EXCEPTION_NMI = 2 * P: per page one #PF exit that the
;                hypervisor reflects into the guest (pf_guest: the guest PTE
;                is not present) and one hidden fault when the handler
;                zero-fills the page through the new PTE (pf_fixed).
;   shadow-wp    phase: EXCEPTION_NMI = 3 * P - B: as lazy, plus the PTE
;                write in each fault (an emulated write to the write-
;                protected guest page table; a page table nothing has been
;                touched through yet is not shadowed, so not protected);
;                P fewer (2 * P - B) when the emulated write installs the
;                shadow entry at once.
;                Whole run (both): CR_ACCESS = 1 (the load of the guest's own
;                tables; CR2 reads do not exit), INVLPG 0.
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 phase marks
;                + 1 exit write, all outside the phase.
;
; Prints: the parameters, warmup_faults (1), faults (P: taken during the
; phase), sum (a checksum of both passes), checksum= over every printed
; value. Exit code 0.
;
; Physical memory: tables from the pool at 0x400000; variables at 0x200000;
; frames from 0x1000000 (frame k backs the k-th page faulted in).
%include "lib/pv.inc"

%ifndef P
%define P 256
%endif
%ifndef RAM_MIB                     ; guest RAM identity-mapped
%define RAM_MIB 64
%endif

POOL    equ 0x400000
VARS    equ 0x200000
V_PML4  equ VARS + 0x00             ; the guest's PML4 (for the handler)
V_NEXT  equ VARS + 0x08             ; next free frame
V_FAULT equ VARS + 0x10             ; faults handled
DP      equ 0x40000000              ; the demand-paged region: P + 1 pages
FRAMES  equ 0x1000000

%if P < 1 || P > 8190
%error "P must be 1..8190"
%endif
%if RAM_MIB % 2 || RAM_MIB < 64 || RAM_MIB > 1024
%error "RAM_MIB must be even, 64..1024"
%endif

start:  jmp main

; ---- code used under the guest's tables, in the image's first 4 KiB.
set_cr3:
        mov cr3, rax
        ret

; the measured passes; r11 = sum
touch:  mov rsi, DP + 0x1000
        mov ecx, P
.first: mov rax, [rsi]              ; first touch: #PF, mapped, reads 0
        add rax, rcx
        imul rax, rax, 0x3B9ACA07
        mov [rsi], rax
        add rsi, 0x1000
        dec ecx
        jnz .first
        mov rsi, DP + 0x1000        ; again: every page is mapped now
        mov ecx, P
.again: mov rax, [rsi]
        xor r11, rax
        rol r11, 5
        add rsi, 0x1000
        dec ecx
        jnz .again
        jmp touch_done

; the #PF handler (a pv.inc exception hook: rdi = the saved frame; the
; common handler restores every register from it and IRETQs)
pf_hook:
        cmp qword [rdi + PV_F_VEC], 14
        jne .bad
        test byte [rdi + PV_F_ERR], PTE_P   ; P = 1: a protection fault
        jnz .bad
        mov rsi, cr2                ; the address that faulted
        mov rax, rsi
        sub rax, DP
        cmp rax, (P + 1) * 0x1000
        jae .bad                    ; not ours: report and stop
        and rsi, -4096
        mov rdx, [V_NEXT]           ; allocate a frame
        lea rax, [rdx + 0x1000]
        mov [V_NEXT], rax
        or rdx, PTE_P | PTE_W
        mov rdi, [V_PML4]
        call pv_map4k               ; write the PTE (its page table exists)
        mov rdi, rsi                ; zero-fill through the new mapping
        xor eax, eax
        mov ecx, 512
        rep stosq
        inc qword [V_FAULT]
        dec qword [PV_EXC_COUNT]    ; handled: not a runaway
        ret
.bad:   call pv_exc_report
        EXIT 3

main:   CSUM_INIT
        PUTS "demand-paging: a #PF handler maps each page on first touch"
        NL
        SHOWDEC "P", P

        ; ---- one address space: kernel identity (2 MiB); the region's page
        ; tables exist but hold no present entry
        PV_PT_POOL POOL, POOL + 0x100000
        call pv_pt_alloc
        mov r15, rax                ; r15 = PML4
        mov [V_PML4], rax
        mov rdi, r15
        xor esi, esi
        mov edx, RAM_MIB * 0x100000
        call pv_ident2m
        mov esi, DP                 ; one page table per 2 MiB of the region
        mov edx, 1
.pts:   call pv_entry
        add rsi, 0x200000
        cmp rsi, DP + (P + 1) * 0x1000
        jb .pts
        mov qword [V_NEXT], FRAMES
        mov qword [V_FAULT], 0

        PV_IDT_INSTALL
        PV_SET_HOOK pf_hook
        mov rax, r15
        call set_cr3
        mov rax, [DP]               ; warm-up: page 0 (one fault)
        add [DP], rax
        SHOWDEC "warmup_faults", [V_FAULT]

        mov qword [V_FAULT], 0
        xor r11d, r11d
        PHASE_BEGIN al
        jmp touch
touch_done:
        PHASE_END al
        SHOWDEC "faults", [V_FAULT]
        SHOWHEX "sum", r11
        CSUM_PRINT
        EXIT 0

PV_LIB
