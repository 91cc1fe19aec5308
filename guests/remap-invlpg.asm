; remap-invlpg.asm -- rewrites page-table entries and invalidates each one with
; INVLPG: the architecture's rule for changing a live mapping.
;
; Demonstrates: after a present PTE is changed, the TLB may still hold the
; old translation until INVLPG of that address (or a CR3 write). The guest
; maps a window of W pages at WIN = 0x40000000 onto a pool of F frames and
; K times: points the PTE of slot (i mod W) at another frame (frame
; (3 + 7 * i) mod F: the pool is stepped through by 7), INVLPGs the slot's
; address, and reads, modifies and writes the first qword through it -- so
; every access sees the frame the entry now names. Under shadow paging the
; hypervisor must learn of each change: at the INVLPG exit (shadow-lazy) or
; already at the PTE write, which hits a write-protected guest page table
; and is emulated (shadow-wp). Under EPT neither exits.
;
; Parameters (-DNAME=value):
;   K   remaps in the measured phase (default 1000; >= 0)
;   W   window slots (default 8; 1..511)
;   F   frames in the pool (default 64; W..4096, and at least 8)
; The PTEs are written with A and D already set, so that in shadow mode each
; access after a remap takes at most one hidden fault (a clean page would be
; mapped read-only first and the write would take a second).
; Instructions: a few thousand of setup + 23 * K + K / W (window wraps)
; + about 7 * K / F (pool wraps).
;
; Exits. The measured phase (PHASE_BEGIN .. PHASE_END, port 0xE8) is the K
; remaps; every page it touches was touched before it.
;   native       no exits; K TLB misses
;   ept          phase: none (K TLB misses, two-dimensional walks).
;                Whole run: CR_ACCESS 0, INVLPG 0.
;   shadow-lazy  phase: INVLPG = K; EXCEPTION_NMI (hidden #PF) = h, where
;                h = 0 when the INVLPG exit refreshes the shadow entry from
;                the new guest PTE, h = K when it only drops it (the access
;                after it faults the entry back in). CR_ACCESS 0.
;   shadow-wp    phase: INVLPG = K; EXCEPTION_NMI = K (each PTE write hits
;                the write-protected guest page table and is emulated,
;                mmu_pte_write) + h (h as above: 0 when the emulation or the
;                INVLPG installs the new shadow entry, K when they drop it).
;                Whole run (both): CR_ACCESS = 1 (the load of the guest's own
;                tables), INVLPG = K.
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 phase marks
;                + 1 exit write, all outside the phase.
;
; Prints: the parameters, sum (a checksum of everything the phase read), a
; digest of the F frames after the phase, checksum= over every printed
; value. Exit code 0.
;
; Physical memory: tables from the pool at 0x400000; the frames from
; 0x1000000.
%include "lib/pv.inc"

%ifndef K
%define K 1000
%endif
%ifndef W
%define W 8
%endif
%ifndef F
%define F 64
%endif
%ifndef RAM_MIB                     ; guest RAM identity-mapped
%define RAM_MIB 64
%endif

POOL    equ 0x400000
WIN     equ 0x40000000              ; the window's virtual address
FRAMES  equ 0x1000000               ; the pool of frames
STEP    equ 7                       ; frame index step per remap
PTE_RW_AD equ PTE_P | PTE_W | PTE_A | PTE_D

%if W < 1 || W > 511
%error "W must be 1..511"
%endif
%if F < W || F < 8 || F > 4096
%error "F must be W..4096 and at least 8"
%endif
%if K < 0
%error "K must be >= 0"
%endif
%if RAM_MIB % 2 || RAM_MIB < 32 || RAM_MIB > 1024
%error "RAM_MIB must be even, 32..1024"
%endif

start:  jmp main

; ---- code used under the guest's tables, in the image's first 4 KiB.
; r13 = address of the window's first PTE, r12 = i, r9 = slot, r10 = frame
; index, r11 = sum.
set_cr3:
        mov cr3, rax
        ret

remap:  xor r12d, r12d
        xor r9d, r9d
        mov r10d, 3
.next:  cmp r12, K
        jae .done
        mov rax, r10                ; the new entry: frame r10
        shl rax, 12
        add rax, FRAMES + PTE_RW_AD
        mov [r13 + r9 * 8], rax     ; rewrite the live PTE ...
        mov rsi, r9
        shl rsi, 12
        add rsi, WIN
        invlpg [rsi]                ; ... and drop its stale translation
        mov rax, [rsi]              ; the new frame's data
        add rax, r12
        mov [rsi], rax
        xor r11, rax
        rol r11, 5
        inc r9                      ; next slot
        cmp r9, W
        jb .slot
        xor r9d, r9d
.slot:  add r10, STEP               ; next frame
        cmp r10, F
        jb .frame
        sub r10, F
.frame: inc r12
        jmp .next
.done:  jmp remap_done

main:   CSUM_INIT
        PUTS "remap-invlpg: live PTEs rewritten, each followed by INVLPG"
        NL
        SHOWDEC "K", K
        SHOWDEC "W", W
        SHOWDEC "F", F

        ; ---- the frames' contents (through the boot identity map)
        mov rdi, FRAMES
        xor ecx, ecx
.fill:  mov rax, rcx
        mov rdx, 0x7e7e000000000000
        or rax, rdx
        mov [rdi], rax
        add rdi, 0x1000
        inc ecx
        cmp ecx, F
        jb .fill

        ; ---- one address space: kernel identity (2 MiB), window slot s ->
        ; frame s
        PV_PT_POOL POOL, POOL + 0x100000
        call pv_pt_alloc
        mov r15, rax                ; r15 = PML4
        mov rdi, r15
        xor esi, esi
        mov edx, RAM_MIB * 0x100000
        call pv_ident2m
        mov esi, WIN
        mov edx, FRAMES | PTE_RW_AD
        mov ecx, W
.map:   call pv_map4k
        add rsi, 0x1000
        add rdx, 0x1000
        dec ecx
        jnz .map
        mov esi, WIN                ; r13 = the window's first PTE
        mov edx, 1
        call pv_entry
        mov r13, rax

        mov rax, r15
        call set_cr3
        mov rsi, WIN                ; touch every slot once (warm, and the
        mov ecx, W                  ; guest page table becomes shadowed)
        xor eax, eax
.warm:  add rax, [rsi]
        add rsi, 0x1000
        dec ecx
        jnz .warm

        xor r11d, r11d
        PHASE_BEGIN al
        jmp remap
remap_done:
        PHASE_END al
        SHOWHEX "sum", r11

        xor edx, edx                ; digest of the frames (identity map)
        mov rsi, FRAMES
        mov ecx, F
.dig:   xor rdx, [rsi]
        rol rdx, 13
        add rsi, 0x1000
        dec ecx
        jnz .dig
        SHOWHEX "frames", rdx
        CSUM_PRINT
        EXIT 0

PV_LIB
