; tlb-thrash.asm -- random 8-byte accesses over a region far larger than the
; TLB's reach: the case nested paging handles worst.
;
; Demonstrates: the cost of a TLB miss. The guest maps REGION_MIB MiB at GPA
; (and GVA) 0x1000000 with 4 KiB pages -- 8192 pages for 32 MiB, while a
; Skylake-class TLB holds 64 + 1536 entries (about 6 MiB of reach) -- and
; makes A read-modify-write accesses to qwords chosen by a 64-bit LCG. Most
; accesses miss the TLB. Natively, and on a shadow page table, a miss is a
; 4-reference walk; under EPT every guest page-table reference is itself
; translated through the EPT, (4 + 1) * (4 + 1) - 1 = 24 references for a
; cold walk (fewer with paging-structure caches). No VM exits are involved
; in the phase in any mode: this is the cost EPT pays in hardware, and
; shadow paging does not.
;
; Parameters (-DNAME=value):
;   A           accesses in the measured phase (default 200000; >= 1)
;   REGION_MIB  region size in MiB (default 32; a power of two, 2..512, and
;               0x1000000 + REGION_MIB MiB within the guest RAM)
;   RAM_MIB     guest RAM identity-mapped around the region (default 64)
; Each 4 KiB page holds 8 qwords that are used (one every 512 bytes),
; all written before the phase. See large-pages.asm for the same work on
; 2 MiB and 1 GiB pages.
; Instructions: about 900 k of setup for 32 MiB (REGION_MIB * 256 page-
; table entries through pv.inc's pv_ident4k, REGION_MIB * 2048 qwords
; initialised) + 17 * A.
;
; Exits. The measured phase (PHASE_BEGIN .. PHASE_END, port 0xE8) is the A
; accesses; every page of the region was written before it.
;   native       no exits; about A * (1 - 6 / REGION_MIB) TLB misses (85 %
;                of the accesses with the defaults and the skylake TLB)
;   ept          phase: none (the same TLB misses, each a two-dimensional
;                walk). Whole run: EPT_VIOLATION covers every page the guest
;                touches (REGION_MIB * 256 of them the region's).
;   shadow-lazy  phase: none, provided the shadow keeps an entry for every
;   shadow-wp    page of the region (the same TLB misses, one-dimensional
;                walks of the shadow). Whole run: CR_ACCESS = 1, EXCEPTION_NMI
;                includes REGION_MIB * 256 hidden faults (one per region page,
;                at its initialisation), INVLPG 0.
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 phase marks
;                + 1 exit write, all outside the phase.
;
; Prints: the parameters, sum (a checksum of every qword read), checksum=
; over every printed value. Exit code 0.
;
; Physical memory: tables from the pool at 0x400000; the region from
; 0x1000000.
%include "lib/pv.inc"

%ifndef A
%define A 200000
%endif
%ifndef REGION_MIB
%define REGION_MIB 32
%endif
%ifndef RAM_MIB
%define RAM_MIB 64
%endif

POOL    equ 0x400000
%define REGION 0x1000000             ; (a %define: %if below uses it)
NPAGES  equ REGION_MIB * 256
LCG_MUL equ 6364136223846793005     ; Knuth's MMIX LCG
LCG_INC equ 1442695040888963407
SEED    equ 0x2545F4914F6CDD1D

%if REGION_MIB < 2 || REGION_MIB > 512 || (REGION_MIB & (REGION_MIB - 1))
%error "REGION_MIB must be a power of two, 2..512"
%endif
%if REGION + REGION_MIB * 0x100000 > RAM_MIB * 0x100000 || RAM_MIB % 2 || RAM_MIB > 1024
%error "the region must lie inside RAM_MIB (even, at most 1024)"
%endif
%if A < 1
%error "A must be >= 1"
%endif

start:  jmp main

; ---- code used under the guest's tables, in the image's first 4 KiB.
set_cr3:
        mov cr3, rax
        ret

; the measured accesses: rbx = LCG state, r11 = sum
thrash: mov r8, LCG_MUL
        mov r9, LCG_INC
        mov rbx, SEED
        mov rcx, A
.acc:   imul rbx, r8                ; next random number
        add rbx, r9
        mov rax, rbx                ; page: bits 32.. of the state
        shr rax, 32
        and eax, NPAGES - 1
        shl rax, 12
        mov rdx, rbx                ; qword: one of 8 in the page (bits 24..26)
        shr rdx, 15
        and edx, 0xE00
        add rax, rdx
        mov rdx, [rax + REGION]     ; read ...
        xor r11, rdx
        rol r11, 5
        add rdx, rbx
        mov [rax + REGION], rdx     ; ... modify, write
        dec rcx
        jnz .acc
        jmp thrash_done

main:   CSUM_INIT
        PUTS "tlb-thrash: random accesses over a region far beyond the TLB's reach"
        NL
        SHOWDEC "A", A
        SHOWDEC "region_mib", REGION_MIB

        ; ---- kernel identity in 2 MiB pages, the region in 4 KiB pages
        PV_PT_POOL POOL, POOL + 0x200000
        call pv_pt_alloc
        mov r15, rax                ; r15 = PML4
        mov rdi, r15
        xor esi, esi
        mov edx, REGION
        call pv_ident2m
        mov esi, REGION
        mov edx, REGION + REGION_MIB * 0x100000
        call pv_ident4k
        mov esi, REGION + REGION_MIB * 0x100000
        mov edx, RAM_MIB * 0x100000
        call pv_ident2m
        mov rax, r15
        call set_cr3

        ; ---- initial contents: each used qword holds its own address
        mov rdi, REGION
        mov ecx, NPAGES * 8
.init:  mov [rdi], rdi
        add rdi, 512
        dec ecx
        jnz .init

        xor r11d, r11d
        PHASE_BEGIN al
        jmp thrash
thrash_done:
        PHASE_END al
        SHOWHEX "sum", r11
        CSUM_PRINT
        EXIT 0

PV_LIB
