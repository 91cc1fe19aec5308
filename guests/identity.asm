; identity.asm -- the guest builds its own 4-level page tables and loads CR3.
;
; Demonstrates: what a page table is. The guest writes a PML4, a PDPT, a PD
; and MAP_MIB/2 page tables by hand (no library helpers), identity-mapping
; [0, MAP_MIB MiB) with 4 KiB pages, loads CR3 with it, reads CR3 back, then
; touches PAGES fresh data pages PASSES times. Under a hypervisor each first
; touch of a page costs one exit: a hidden page fault that fills the shadow
; entry (shadow paging) or an EPT violation that backs the guest-physical
; page with host memory (EPT). After that the pages cost nothing but TLB
; misses.
;
; Parameters (-DNAME=value):
;   MAP_MIB  identity-mapped MiB, 4 KiB pages (default 64; even, >= 32, at
;            most the machine's RAM)
;   PAGES    data pages touched, from GPA 0x1000000 (default 1024 = 4 MiB)
;   PASSES   passes over them (default 4; >= 1): the first writes, the
;            others read, modify and write
; Instructions: about 100 k of setup + 12 * PAGES * PASSES.
;
; Exits (reason names as in KVM). The measured phase (PHASE_BEGIN ..
; PHASE_END, port 0xE8) is the PASSES passes over the data pages; they are
; the first accesses to those pages, and the loop's code page, stack and
; tables were all used before the phase.
;   native       no exits (no hypervisor)
;   ept          phase: EPT_VIOLATION = PAGES (one per new 4 KiB guest-physical
;                page; with --ept-large ceil(PAGES/512), the data starts on a
;                2 MiB boundary; with --ept-prefault 0), nothing else.
;                Whole run: CR_ACCESS 0.
;   shadow-lazy  phase: EXCEPTION_NMI = PAGES (hidden #PF, one per data page;
;   shadow-wp    the first access is a write, so the page is mapped writable
;                at once), nothing else (without shadow prefetch of
;                neighbouring entries; with it, fewer).
;                Whole run: CR_ACCESS = 2 (the MOV to CR3 and one MOV from
;                CR3, which returns the guest's own value 0x400000).
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 phase marks
;                + 1 exit write, all outside the phase.
;
; Prints: the parameters, cr3, sum (a checksum of the data read), and
; checksum= over every printed value. Exit code 0.
;
; Physical memory: tables at 0x400000 (PML4), 0x401000 (PDPT), 0x402000 (PD),
; 0x403000.. (page tables); data pages from 0x1000000.
%include "lib/pv.inc"

%ifndef MAP_MIB
%define MAP_MIB 64
%endif
%ifndef PAGES
%define PAGES 1024
%endif
%ifndef PASSES
%define PASSES 4
%endif

PML4    equ 0x400000
PDPT    equ 0x401000
PD      equ 0x402000
PT0     equ 0x403000                ; page table k maps [k * 2 MiB, (k+1) * 2 MiB)
NPT     equ MAP_MIB / 2
%define DATA 0x1000000               ; (a %define: %if below uses it)

%if MAP_MIB % 2 || MAP_MIB < 32 || MAP_MIB > 1024
%error "MAP_MIB must be even, between 32 and 1024"
%endif
%if PAGES < 1 || PASSES < 1
%error "PAGES and PASSES must be at least 1"
%endif
%if DATA + PAGES * 4096 > MAP_MIB * 0x100000
%error "the data pages must lie inside the identity-mapped MAP_MIB"
%endif

start:  jmp main

; ---- code used under the new CR3: kept in the image's first 4 KiB, which the
; guest has already executed from (and set_cr3 returns through) before the
; phase, so the phase contains the data accesses alone.
set_cr3:                            ; rax -> CR3
        mov cr3, rax
        ret

; the measured loop: r11 = sum
touch:  mov rsi, DATA               ; pass 1: one write per page (first touch)
        mov ecx, PAGES
        mov rax, 0x0123456789abcdef
.fill:  mov [rsi], rax
        rol rax, 9
        add rax, rcx
        add rsi, 0x1000
        dec ecx
        jnz .fill
        mov r10d, PASSES - 1        ; passes 2..PASSES: read, modify, write
.pass:  test r10d, r10d
        jz .done
        mov rsi, DATA
        mov ecx, PAGES
.rmw:   mov rax, [rsi]
        add rax, r10
        rol rax, 7
        mov [rsi], rax
        xor r11, rax
        rol r11, 5
        add rsi, 0x1000
        dec ecx
        jnz .rmw
        dec r10d
        jmp .pass
.done:  jmp touch_done

main:   CSUM_INIT
        PUTS "identity: own 4-level tables, identity map with 4 KiB pages, CR3 loaded"
        NL
        SHOWDEC "map_mib", MAP_MIB
        SHOWDEC "pages", PAGES
        SHOWDEC "passes", PASSES

        ; PML4, PDPT and PD start empty (not present everywhere)
        mov rdi, PML4
        xor eax, eax
        mov ecx, 3 * 512
        cld
        rep stosq
        ; PML4[0] -> PDPT, PDPT[0] -> PD: present, writable, supervisor
        mov qword [PML4], PDPT | PTE_P | PTE_W
        mov qword [PDPT], PD | PTE_P | PTE_W
        ; PD[k] -> page table k
        mov rdi, PD
        mov eax, PT0 | PTE_P | PTE_W
        mov ecx, NPT
.pde:   mov [rdi], rax
        add rax, 0x1000
        add rdi, 8
        dec ecx
        jnz .pde
        ; the page tables: entry j (of all of them, in order) -> frame j
        mov rdi, PT0
        mov eax, PTE_P | PTE_W
        mov ecx, NPT * 512
.pte:   mov [rdi], rax
        add rax, 0x1000
        add rdi, 8
        dec ecx
        jnz .pte

        mov eax, PML4
        call set_cr3                ; from here on the CPU walks our tables
        mov rax, cr3
        SHOWHEX "cr3", rax

        xor r11d, r11d
        PHASE_BEGIN al
        jmp touch
touch_done:
        PHASE_END al
        SHOWHEX "sum", r11
        CSUM_PRINT
        EXIT 0

PV_LIB
