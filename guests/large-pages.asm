; large-pages.asm -- tlb-thrash's work over the same region mapped with 4 KiB,
; 2 MiB and 1 GiB pages.
;
; Demonstrates: TLB reach. The guest builds three address spaces over the
; same memory -- H4: the region at GPA (= GVA) 0x1000000 in 4 KiB pages;
; H2: all guest RAM in 2 MiB pages; H1: one 1 GiB page mapping [0, 1 GiB)
; (it maps far more than the RAM; only addresses inside RAM are touched) --
; and runs the same measured phase under each: load its CR3, write the
; region's initial contents, then A random read-modify-write accesses with
; the same LCG seed as tlb-thrash.asm. The three sums are equal (and equal
; to tlb-thrash's with the same A and REGION_MIB): the same work; only the
; translations differ. With 4 KiB pages most accesses miss the TLB; 2 MiB
; pages cover 32 MiB with 16 entries, one 1 GiB page with one. Under EPT a
; guest large page only helps the TLB when the EPT maps it large too
; (--ept-large): the TLB caches the smaller of the two page sizes. Walks are
; shorter too: 24 references (4 KiB), 19 (2 MiB), 14 (1 GiB) for a cold
; two-dimensional walk on a 4-level EPT with 4 KiB leaves.
;
; Parameters (-DNAME=value):
;   PAGE        4k, 2m or 1g: run that phase only (default: all three, in
;               that order)
;   A           accesses per phase (default 200000; >= 1)
;   REGION_MIB  region size in MiB (default 32; a power of two, 2..512, and
;               0x1000000 + REGION_MIB MiB within the guest RAM)
;   RAM_MIB     guest RAM (default 64)
; Instructions: about 900 k of setup (mostly H4's page tables) + per phase
; about 270 k (initialisation) + 17 * A.
;
; Exits. One measured phase (PHASE_BEGIN .. PHASE_END, port 0xE8) per page
; size: its A accesses; the region was initialised under the same CR3 just
; before it.
;   native       no exits; TLB misses: 4k about A * (1 - 6 / REGION_MIB);
;                2m and 1g almost none
;   ept          each phase: none. TLB misses as native with --ept-large;
;                with 4 KiB EPT leaves (the default) 2m and 1g miss like 4k,
;                with shorter walks.
;   shadow-lazy  each phase: none, provided the shadow keeps its entries.
;   shadow-wp    Whole run: CR_ACCESS = the number of phases (3, or 1 with
;                PAGE), one MOV to CR3 before each; EXCEPTION_NMI includes
;                the hidden faults that fill the region's shadow entries at
;                each initialisation: REGION_MIB * 256 for 4k, and for 2m and
;                1g REGION_MIB / 2 when the shadow maps a guest large page
;                with 2 MiB shadow entries, REGION_MIB * 256 when it splits
;                them into 4 KiB ones.
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 marks per
;                phase + 1 exit write, all outside the phases.
;
; Prints: the parameters, one sum_4k / sum_2m / sum_1g per phase (a checksum
; of every qword read), checksum= over every printed value. Exit code 0.
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
%assign RUN_4K 1
%assign RUN_2M 1
%assign RUN_1G 1
%ifdef PAGE
%assign RUN_4K 0
%assign RUN_2M 0
%assign RUN_1G 0
%ifidni PAGE, 4k
%assign RUN_4K 1
%elifidni PAGE, 2m
%assign RUN_2M 1
%elifidni PAGE, 1g
%assign RUN_1G 1
%else
%error "PAGE must be 4k, 2m or 1g"
%endif
%endif

POOL    equ 0x400000
%define REGION 0x1000000             ; (a %define: %if below uses it)
NPAGES  equ REGION_MIB * 256
LCG_MUL equ 6364136223846793005     ; the same LCG and seed as tlb-thrash
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

; the measured accesses: rbx = LCG state, r11 = sum; returns by jmp r14
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
        jmp r14

; PHASE cr3, "label": load the address space, initialise the region through
; it, run the measured accesses between phase marks, print the sum
%macro PHASE 2
        mov rax, %1
        call set_cr3
        call init_region
        xor r11d, r11d
        mov r14, %%back
        PHASE_BEGIN al
        jmp thrash
%%back: PHASE_END al
        SHOWHEX %2, r11
%endmacro

main:   CSUM_INIT
        PUTS "large-pages: the same random accesses on 4 KiB, 2 MiB and 1 GiB pages"
        NL
        SHOWDEC "A", A
        SHOWDEC "region_mib", REGION_MIB

        PV_PT_POOL POOL, POOL + 0x200000
%if RUN_4K                          ; H4: kernel 2 MiB, region 4 KiB
        call pv_pt_alloc
        mov r12, rax
        mov rdi, rax
        xor esi, esi
        mov edx, REGION
        call pv_ident2m
        mov esi, REGION
        mov edx, REGION + REGION_MIB * 0x100000
        call pv_ident4k
        mov esi, REGION + REGION_MIB * 0x100000
        mov edx, RAM_MIB * 0x100000
        call pv_ident2m
%endif
%if RUN_2M                          ; H2: all RAM in 2 MiB pages
        call pv_pt_alloc
        mov r13, rax
        mov rdi, rax
        xor esi, esi
        mov edx, RAM_MIB * 0x100000
        call pv_ident2m
%endif
%if RUN_1G                          ; H1: one 1 GiB page, [0, 1 GiB)
        call pv_pt_alloc
        mov r15, rax
        mov rdi, rax
        xor esi, esi
        mov edx, PTE_P | PTE_W | PTE_PS
        call pv_map1g
%endif

%if RUN_4K
        PHASE r12, "sum_4k"
%endif
%if RUN_2M
        PHASE r13, "sum_2m"
%endif
%if RUN_1G
        PHASE r15, "sum_1g"
%endif
        CSUM_PRINT
        EXIT 0

; init_region: each used qword (one every 512 bytes) holds its own address
init_region:
        mov rdi, REGION
        mov ecx, NPAGES * 8
.next:  mov [rdi], rdi
        add rdi, 512
        dec ecx
        jnz .next
        ret

PV_LIB
