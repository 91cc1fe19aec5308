; process-switch.asm -- N processes, each with its own address space, switched
; round-robin with MOV CR3: frequent process switching, the case shadow
; paging handles worst.
;
; Demonstrates: per-process page tables. Process i has its own PML4, PDPT, PD
; and PT. Its PD maps the kernel (guest RAM, identity, 2 MiB pages) and points
; to its own PT, which maps T private pages at the same virtual address PRIV
; = 0x3FE00000 in every process, onto different physical frames with
; different contents. The guest performs S switches: switch k loads process
; (k mod N)'s CR3 and reads, modifies and writes the first qword of each of
; its T private pages. At the end it switches into every process once more
; and prints a digest of what that process sees at PRIV: the same virtual
; address, N different values.
; Shadow paging traps every CR3 write (the hypervisor must switch the shadow
; root: cheap when the root is cached, a rebuild when it is not) and keeps a
; shadow table set per process; EPT lets CR3 writes run without an exit.
;
; Parameters (-DNAME=value):
;   N   processes (default 4; 1..256)
;   S   switches in the measured phase (default 1000; >= 0)
;   T   private pages per process, all touched at every switch (default 4;
;       1..512; N * T <= 8192)
; Instructions: a few thousand of setup + S * (12 + 8 * T) + 2 * S / N.
; TLB: every switch flushes it: the phase takes S * (T + 1) TLB misses (the
; T pages and the code page) in every mode -- 4 memory references each
; natively and on the shadow, up to 24 under EPT.
;
; Exits. The measured phase (PHASE_BEGIN .. PHASE_END, port 0xE8) is the S
; switches; the loop uses no stack and no memory but the private pages.
;   native       no exits
;   ept          phase: none (CR3 writes do not exit; every page the phase
;                touches was backed before it). Whole run: CR_ACCESS 0.
;   shadow-lazy  phase: CR_ACCESS = S (MOV to CR3, each a root switch);
;   shadow-wp    EXCEPTION_NMI (hidden #PF) = min(S, N) * (T + 1) when the
;                hypervisor keeps all N shadow roots cached and in sync: the
;                first switch into a process faults in its T private pages and
;                the loop's code page (T + 1), later switches find them
;                shadowed; up to S * (T + 1) when roots are rebuilt at every
;                switch (root cache smaller than N, or a lazy design that drops
;                the shadow at every CR3 write). INVLPG 0; no guest page-table
;                writes (shadow-wp has nothing to emulate).
;                Whole run: CR_ACCESS = S + N (the final round of N switches
;                that prints each process's view), INVLPG 0.
;                Shadow-table memory: N hierarchies (one per guest CR3).
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 phase marks
;                + 1 exit write, all outside the phase.
;
; Prints: the parameters, "process i=<digest>" for every process (the digest
; of its T private qwords at PRIV), sum (a checksum of everything the phase
; read), checksum= over every printed value. Exit code 0.
;
; Physical memory: process i's tables at 0x400000 + i * 0x4000 (PML4, PDPT,
; PD, PT); its private frames at 0x1000000 + (i * T + j) * 0x1000.
%include "lib/pv.inc"

%ifndef N
%define N 4
%endif
%ifndef S
%define S 1000
%endif
%ifndef T
%define T 4
%endif
%ifndef RAM_MIB                     ; guest RAM mapped into every process
%define RAM_MIB 64
%endif

TABLES  equ 0x400000                ; 16 KiB per process: PML4 PDPT PD PT
FRAMES  equ 0x1000000               ; private frames
PRIV    equ 0x3FE00000              ; the private pages' virtual address:
PRIV_PD equ 511                     ;   PML4[0] PDPT[0] PD[511] PT[j]

%if N < 1 || N > 256
%error "N must be 1..256"
%endif
%if T < 1 || T > 512 || N * T > 8192
%error "T must be 1..512 and N * T at most 8192"
%endif
%if S < 0
%error "S must be >= 0"
%endif
%if RAM_MIB % 2 || RAM_MIB < 64 || RAM_MIB > 1022
%error "RAM_MIB must be even, 64..1022"
%endif

start:  jmp main

; ---- the measured loop, in the image's first 4 KiB (already executed and
; EPT-backed before the phase). r9 = process, r12 = switch number, r11 = sum.
switch: xor r9d, r9d
        xor r12d, r12d
.next:  cmp r12, S
        jae .done
        mov rax, r9                 ; CR3 of process r9
        shl rax, 14
        add rax, TABLES
        mov cr3, rax                ; the process switch
        mov rsi, PRIV
        mov ecx, T
.touch: mov rax, [rsi]              ; the process's private data
        add rax, r12
        mov [rsi], rax
        xor r11, rax
        rol r11, 5
        add rsi, 0x1000
        dec ecx
        jnz .touch
        inc r12
        inc r9                      ; round-robin
        cmp r9, N
        jb .next
        xor r9d, r9d
        jmp .next
.done:  jmp switch_done

main:   CSUM_INIT
        PUTS "process-switch: N address spaces, round-robin MOV CR3"
        NL
        SHOWDEC "N", N
        SHOWDEC "S", S
        SHOWDEC "T", T

        ; ---- build the N address spaces (written through the boot identity
        ; map; the private pages' contents too)
        xor r9d, r9d                ; process i
        mov r10, FRAMES             ; its first private frame
.proc:  mov rbx, r9
        shl rbx, 14
        add rbx, TABLES             ; rbx = its PML4
        mov rdi, rbx                ; PML4 PDPT PD PT start empty
        xor eax, eax
        mov ecx, 4 * 512
        cld
        rep stosq
        lea rax, [rbx + 0x1000 + PTE_P + PTE_W]
        mov [rbx], rax              ; PML4[0] -> PDPT
        lea rax, [rbx + 0x2000 + PTE_P + PTE_W]
        mov [rbx + 0x1000], rax     ; PDPT[0] -> PD
        lea rdi, [rbx + 0x2000]     ; PD[k] -> kernel: 2 MiB page k, identity
        mov eax, PTE_P | PTE_W | PTE_PS
        mov ecx, RAM_MIB / 2
.kern:  mov [rdi], rax
        add rax, 0x200000
        add rdi, 8
        dec ecx
        jnz .kern
        lea rax, [rbx + 0x3000 + PTE_P + PTE_W]
        mov [rbx + 0x2000 + PRIV_PD * 8], rax   ; PD[511] -> the private PT
        lea rdi, [rbx + 0x3000]     ; PT[j] -> private frame j of process i
        xor ecx, ecx
.priv:  mov rax, r10
        or rax, PTE_P | PTE_W | PTE_A | PTE_D
        mov [rdi + rcx * 8], rax
        mov rax, r9                 ; contents: "process i, page j"
        shl rax, 32
        or rax, rcx
        mov rdx, 0x5000000000000000
        or rax, rdx
        mov [r10], rax
        add r10, 0x1000
        inc ecx
        cmp ecx, T
        jb .priv
        inc r9
        cmp r9, N
        jb .proc

        ; ---- the measured phase: S switches
        xor r11d, r11d
        PHASE_BEGIN al
        jmp switch
switch_done:
        PHASE_END al

        ; ---- every process once more: the same virtual address, its own data
        xor r9d, r9d
.show:  mov rax, r9
        shl rax, 14
        add rax, TABLES
        mov cr3, rax
        xor edx, edx                ; digest of its T private qwords
        mov rsi, PRIV
        mov ecx, T
.dig:   xor rdx, [rsi]
        rol rdx, 11
        add rsi, 0x1000
        dec ecx
        jnz .dig
        PUTS "process "
        PUTDEC r9
        PUTC '='
        PUTHEX rdx
        NL
        CSUM r9
        CSUM rdx
        inc r9
        cmp r9, N
        jb .show
        SHOWHEX "sum", r11
        CSUM_PRINT
        EXIT 0

PV_LIB
