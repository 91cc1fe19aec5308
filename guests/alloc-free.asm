; alloc-free.asm -- maps and unmaps pages at a high rate, like a kernel's page
; allocator under a workload that allocates and frees memory constantly.
;
; Demonstrates: the life of a page. A heap of L slots at HEAP = 0x40000000
; holds at most L live pages; free frames wait in a FIFO queue of F frames.
; Iteration i (0 <= i < M + L):
;   free  (i >= L): slot s = i mod L holds the page allocated L iterations
;         ago: read back the U qwords written into it, clear its PTE,
;         INVLPG its address, queue its frame;
;   alloc (i < M):  take the oldest free frame, write its PTE into slot s
;         (not present -> present: no INVLPG is needed, the TLB never caches
;         a not-present entry), write U qwords into the page.
; So every one of the M pages is allocated, used and freed: 2 * M PTE writes
; and M INVLPGs. Shadow paging pays for each: a write-protection exit per
; PTE write (shadow-wp) or nothing at the write but the INVLPG exit
; (shadow-lazy), plus a hidden fault when a fresh page is first touched.
; EPT pays nothing.
;
; Parameters (-DNAME=value):
;   M   pages allocated (and freed) in the measured phase (default 1000)
;   L   live pages at most (default 8; 1..511)
;   F   frames in the pool (default 32; L..4096)
;   U   qwords written and read per page (default 4; 1..512)
; The PTEs are written with A and D already set (one hidden fault per fresh
; page in shadow mode, not a read-only mapping first).
; Instructions: a few thousand of setup + about M * (31 + 10 * U) + 13 * L.
;
; Exits. The measured phase (PHASE_BEGIN .. PHASE_END, port 0xE8) is the
; M + L iterations; every frame, the queue and the heap's page table were
; touched before it.
;   native       no exits
;   ept          phase: none. Whole run: CR_ACCESS 0, INVLPG 0.
;   shadow-lazy  phase: INVLPG = M; EXCEPTION_NMI (hidden #PF) = M (the first
;                touch of each fresh page: its slot's shadow entry was dropped
;                at the INVLPG that freed the slot, or never existed);
;                CR_ACCESS 0.
;   shadow-wp    phase: INVLPG = M; EXCEPTION_NMI = 2 * M (each PTE write --
;                M clears, M sets -- hits the write-protected guest page
;                table and is emulated) + h, h = M when the emulated write
;                only zaps the shadow entry (the first touch faults it in),
;                h = 0 when it installs the new entry at once.
;                Whole run (both): CR_ACCESS = 1 (the load of the guest's own
;                tables), INVLPG = M.
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 phase marks
;                + 1 exit write, all outside the phase.
;
; Prints: the parameters, sum (a checksum of every qword read back),
; checksum= over every printed value. Exit code 0.
;
; Physical memory: tables from the pool at 0x400000; the free-frame queue at
; 0x200000; frames from 0x1000000; a warm-up frame at 0xFFF000 mapped at
; heap slot 511 (touched before the phase, so that the heap's page table is
; already shadowed and write-protected when the phase starts).
%include "lib/pv.inc"

%ifndef M
%define M 1000
%endif
%ifndef L
%define L 8
%endif
%ifndef F
%define F 32
%endif
%ifndef U
%define U 4
%endif
%ifndef RAM_MIB                     ; guest RAM identity-mapped
%define RAM_MIB 64
%endif

POOL    equ 0x400000
QUEUE   equ 0x200000                ; F frame addresses, a ring
HEAP    equ 0x40000000              ; slot s at HEAP + s * 4096
FRAMES  equ 0x1000000
WARMF   equ 0xFFF000                ; the warm-up frame (slot 511)
PTE_RW_AD equ PTE_P | PTE_W | PTE_A | PTE_D

%if L < 1 || L > 511
%error "L must be 1..511"
%endif
%if F < L || F > 4096
%error "F must be L..4096"
%endif
%if U < 1 || U > 512
%error "U must be 1..512"
%endif
%if M < 0
%error "M must be >= 0"
%endif
%if RAM_MIB % 2 || RAM_MIB < 32 || RAM_MIB > 1024
%error "RAM_MIB must be even, 32..1024"
%endif

start:  jmp main

; ---- code used under the guest's tables, in the image's first 4 KiB.
; r13 = address of slot 0's PTE, r12 = i, r9 = slot, r14 = queue head
; (next frame to allocate), r10 = queue tail (next free position),
; r11 = sum.
set_cr3:
        mov cr3, rax
        ret

churn:  xor r12d, r12d
        xor r9d, r9d
        xor r14d, r14d
        xor r10d, r10d
.next:  cmp r12, M + L
        jae .done
        mov rsi, r9                 ; rsi = the slot's address
        shl rsi, 12
        add rsi, HEAP
        cmp r12, L
        jb .alloc
        ; -- free the page in slot r9
        xor ecx, ecx
.use1:  xor r11, [rsi + rcx * 8]    ; read back what the allocation wrote
        rol r11, 5
        inc ecx
        cmp ecx, U
        jb .use1
        mov rax, [r13 + r9 * 8]     ; its frame
        mov qword [r13 + r9 * 8], 0 ; unmap ...
        invlpg [rsi]                ; ... and drop the translation
        and rax, -4096
        mov [QUEUE + r10 * 8], rax  ; queue the frame
        inc r10
        cmp r10, F
        jb .alloc
        xor r10d, r10d
.alloc: cmp r12, M
        jae .step
        ; -- allocate: the oldest free frame into slot r9
        mov rax, [QUEUE + r14 * 8]
        inc r14
        cmp r14, F
        jb .head
        xor r14d, r14d
.head:  or rax, PTE_RW_AD
        mov [r13 + r9 * 8], rax     ; map (was not present: no INVLPG)
        mov rax, r12                ; use: write U qwords
        shl rax, 16
        xor ecx, ecx
.use2:  mov [rsi + rcx * 8], rax
        inc rax
        inc ecx
        cmp ecx, U
        jb .use2
.step:  inc r12
        inc r9
        cmp r9, L
        jb .next
        xor r9d, r9d
        jmp .next
.done:  jmp churn_done

main:   CSUM_INIT
        PUTS "alloc-free: pages mapped, used, unmapped + INVLPG, at a high rate"
        NL
        SHOWDEC "M", M
        SHOWDEC "L", L
        SHOWDEC "F", F
        SHOWDEC "U", U

        ; ---- free queue: every frame, each touched once (zeroed) the way
        ; an OS zeroes its free memory at boot
        mov rdx, FRAMES
        xor ebx, ebx
        cld
.q:     mov [QUEUE + rbx * 8], rdx
        mov rdi, rdx
        xor eax, eax
        mov ecx, U
        rep stosq
        add rdx, 0x1000
        inc ebx
        cmp ebx, F
        jb .q

        ; ---- one address space: kernel identity (2 MiB), an empty heap
        PV_PT_POOL POOL, POOL + 0x100000
        call pv_pt_alloc
        mov r15, rax                ; r15 = PML4
        mov rdi, r15
        xor esi, esi
        mov edx, RAM_MIB * 0x100000
        call pv_ident2m
        mov esi, HEAP + 511 * 0x1000    ; the warm-up slot; creates the heap's PT
        mov edx, WARMF | PTE_RW_AD
        call pv_map4k
        mov esi, HEAP               ; r13 = slot 0's PTE
        mov edx, 1
        call pv_entry
        mov r13, rax

        mov rax, r15
        call set_cr3
        mov rsi, HEAP + 511 * 0x1000
        mov qword [rsi], 0          ; warm-up: touch slot 511
        mov rax, [QUEUE]            ; and the queue (kernel data)
        mov [QUEUE], rax

        xor r11d, r11d
        PHASE_BEGIN al
        jmp churn
churn_done:
        PHASE_END al
        SHOWHEX "sum", r11
        CSUM_PRINT
        EXIT 0

PV_LIB
