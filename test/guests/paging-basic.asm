; paging-basic.asm -- 4-level paging built by the guest itself.
;
; Demonstrates: the boot paging state (CR0 CR3 CR4 EFER); building 4-level
; tables in guest memory (pv.inc helpers) and switching CR3 to them, with the
; guest's own code, stack and data identity-mapped by 4 KiB pages; aliases
; (three virtual pages, one in the upper canonical half, -> one physical
; page: write through one, read through the others); the accessed and dirty
; bits the CPU writes into the entries at every level (after reads, after
; writes, after clearing them + INVLPG); remapping a PTE made visible by
; INVLPG and by a CR3 reload; 2 MiB and 1 GiB pages (their A/D bits, INVLPG
; of a 2 MiB page through an address inside it); a global page made visible
; after a remap by toggling CR4.PGE; the topmost page of the address space.
; Every line is "<label> = <16 hex digits>"; entries are printed whole (the
; table addresses come from a deterministic allocator). Ends with a checksum
; of every printed value. Exit code 0.
;
; Physical layout: tables from the pool [0x400000, 0x440000); test pages
; P1 0x600000, P2 0x601000, P3 0x602000, P4 0x603000; 2 MiB frames 0xC00000
; and 0xE00000; the 1 GiB page maps physical 0 (only its RAM part is used).
%include "../../guests/lib/pv.inc"

%ifdef RAM_MIB                      ; -DRAM_MIB=n: RAM size to identity-map
%else                               ; (even, >= 16; the machine's RAM size)
%define RAM_MIB 64
%endif

POOL    equ 0x400000
P1      equ 0x600000
P2      equ 0x601000
P3      equ 0x602000
P4      equ 0x603000
BIG1    equ 0xC00000
BIG2    equ 0xE00000
VA_T    equ 0x00007f0000000000      ; PML4[254]: 4 KiB test pages
VA_L    equ 0x00007f0040000000      ; PML4[254] PDPT[1]: 2 MiB pages
VA_H    equ 0xffff800000000000      ; PML4[256]: upper-half alias
VA_G    equ 0xffffff8040000000      ; PML4[511] PDPT[1]: 1 GiB page
VA_TOP  equ 0xfffffffffffff000      ; the last 4 KiB page
RAM_END equ RAM_MIB * 0x100000     ; identity-mapped RAM

start:
        CSUM_INIT
        PUTS "paging-basic"
        NL

%macro SHOW 2                       ; "label", value
        PUTS %1
        PUTS " = "
        PUTHEX %2
        NL
        CSUM %2
%endmacro

; SHOWENT "label", va, level: the entry of that level for va (tables of r15)
%macro SHOWENT 3
        push rsi
        push rdx
        mov rsi, %2
        mov edx, %3
        call entry
        pop rdx
        pop rsi
        SHOW %1, [rax]
%endmacro

; INVLPG of a 64-bit constant address
%macro INVLPG64 1
        mov rax, %1
        invlpg [rax]
%endmacro

        ; ---- boot state
        mov rax, cr0
        SHOW "boot cr0", rax
        mov rax, cr3
        SHOW "boot cr3", rax
        mov rax, cr4
        SHOW "boot cr4", rax
        mov ecx, 0xC0000080
        rdmsr
        shl rdx, 32
        or rax, rdx
        SHOW "boot efer", rax

        ; ---- build the tables
        PV_PT_POOL POOL, POOL + 0x40000
        call pv_pt_alloc
        mov r15, rax                    ; r15 = PML4 for the whole guest
        mov rdi, r15
        xor esi, esi                    ; [0, 4 MiB): 4 KiB pages
        mov edx, 0x400000
        call pv_ident4k
        mov esi, 0x400000               ; [4 MiB, 64 MiB): 2 MiB pages
        mov edx, RAM_END
        call pv_ident2m
        ; test pages: physical contents first, written through the boot map
        mov rax, 0x1111111111111111
        mov [P1], rax
        mov rax, 0x2222222222222222
        mov [P2], rax
        mov rax, 0x3333333333333333
        mov [P3], rax
        mov rax, 0x4444444444444444
        mov [P4], rax
        mov [P2 + 0xff8], rax
        mov rax, 0xb1b1b1b1b1b1b1b1
        mov [BIG1], rax
        mov rax, 0xb2b2b2b2b2b2b2b2
        mov [BIG2], rax
        mov [BIG2 + 0x5000], rax
        ; aliases of P1; P3 for the A/D sequence; the top page -> P2
        mov rsi, VA_T
        mov edx, P1 | PTE_P | PTE_W
        call pv_map4k
        mov rsi, VA_T + 0x1000
        call pv_map4k
        mov rsi, VA_H
        call pv_map4k
        mov rsi, VA_T + 0x2000
        mov edx, P3 | PTE_P | PTE_W
        call pv_map4k
        mov rsi, VA_TOP
        mov edx, P2 | PTE_P | PTE_W
        call pv_map4k
        mov rsi, VA_L                   ; 2 MiB page
        mov edx, BIG1 | PTE_P | PTE_W | PTE_PS
        call pv_map2m
        mov rsi, VA_G                   ; 1 GiB page at physical 0
        mov edx, PTE_P | PTE_W | PTE_PS
        call pv_map1g
        mov rax, [PV_PT_NEXT]
        sub rax, POOL
        shr rax, 12
        SHOW "table pages", rax

        SHOWENT "PTE T before", VA_T, 1
        mov cr3, r15
        mov rax, cr3
        SHOW "cr3", rax

        ; ---- aliases
        PUTS "[alias]"
        NL
        mov rbx, VA_T
        mov rcx, VA_T + 0x1000
        mov rdx, VA_H
        mov rax, 0x0123456789abcdef
        mov [rbx], rax                  ; write through T
        SHOW "read T+1000", [rcx]
        SHOW "read H", [rdx]
        SHOW "read phys P1", [P1]
        mov rax, 0xfedcba9876543210
        mov [rdx + 8], rax              ; write through H
        SHOW "read T+8", [rbx + 8]
        SHOW "read T+1008", [rcx + 8]
        SHOWENT "PTE T", VA_T, 1
        SHOWENT "PTE T+1000", VA_T + 0x1000, 1
        SHOWENT "PTE H", VA_H, 1
        SHOWENT "PDE T", VA_T, 2
        SHOWENT "PDPTE T", VA_T, 3
        SHOWENT "PML4E T", VA_T, 4
        SHOWENT "PML4E H", VA_H, 4
        SHOWENT "PTE code", start, 1
        SHOWENT "PTE stack", rsp, 1
        SHOWENT "PML4E 0", 0, 4

        ; ---- accessed / dirty
        PUTS "[a/d]"
        NL
        mov rbx, VA_T + 0x2000
        SHOWENT "PTE P3 untouched", rbx, 1
        mov rax, [rbx]
        SHOWENT "PTE P3 after read", rbx, 1
        mov qword [rbx + 16], 5
        SHOWENT "PTE P3 after write", rbx, 1
        ; clear A and D, flush, read: A comes back, D does not
        mov rsi, rbx
        mov edx, 1
        call entry
        and qword [rax], ~(PTE_A | PTE_D)
        invlpg [rbx]
        SHOWENT "PTE P3 cleared", rbx, 1
        mov rax, [rbx + 16]
        SHOW "read P3+16", rax
        SHOWENT "PTE P3 read again", rbx, 1
        mov [rbx + 24], rax             ; write after a clean read: D set now
        SHOWENT "PTE P3 written again", rbx, 1
        ; clear A only, flush, write: both set (a write also accesses)
        mov rsi, rbx
        mov edx, 1
        call entry
        and qword [rax], ~(PTE_A | PTE_D)
        invlpg [rbx]
        mov [rbx + 32], rax
        SHOWENT "PTE P3 write only", rbx, 1
        SHOW "phys P3+16", [P3 + 16]

        ; ---- remapping
        PUTS "[remap]"
        NL
        mov rcx, VA_T + 0x1000
        SHOW "T+1000 -> P1", [rcx]
        mov rsi, rcx
        mov edx, 1
        call entry
        mov r14, rax                    ; r14 = &PTE(T+1000)
        mov qword [r14], P2 | PTE_P | PTE_W
        invlpg [rcx]
        SHOW "T+1000 -> P2 (invlpg)", [rcx]
        mov qword [r14], P4 | PTE_P | PTE_W
        mov rax, cr3                    ; a CR3 write flushes it too
        mov cr3, rax
        SHOW "T+1000 -> P4 (cr3)", [rcx]
        SHOWENT "PTE T+1000", rcx, 1

        ; ---- 2 MiB page
        PUTS "[2m]"
        NL
        mov rbx, VA_L
        SHOWENT "PDE L untouched", rbx, 2
        SHOW "read L", [rbx]
        SHOWENT "PDE L after read", rbx, 2
        mov rax, 0x5a5a5a5a5a5a5a5a
        mov rcx, VA_L + 0x1ff000
        mov [rcx + 0xff8], rax          ; the last qword of the 2 MiB page
        SHOW "phys BIG1+1ffff8", [BIG1 + 0x1ffff8]
        SHOWENT "PDE L after write", rbx, 2
        SHOWENT "PDPTE L", rbx, 3
        mov rsi, rbx                    ; remap to BIG2, INVLPG inside the page
        mov edx, 2
        call entry
        mov qword [rax], BIG2 | PTE_P | PTE_W | PTE_PS
        mov rcx, VA_L + 0x5000
        invlpg [rcx]
        SHOW "read L -> BIG2", [rbx]
        SHOW "read L+5000", [rcx]

        ; ---- 1 GiB page
        PUTS "[1g]"
        NL
        mov rbx, VA_G
        SHOWENT "PDPTE G untouched", rbx, 3
        SHOW "read G+P1", [rbx + P1]
        SHOW "read G+P2", [rbx + P2]
        SHOWENT "PDPTE G after read", rbx, 3
        mov rax, 0x6b6b6b6b6b6b6b6b
        mov [rbx + P4 + 8], rax
        SHOW "phys P4+8", [P4 + 8]
        SHOWENT "PDPTE G after write", rbx, 3
        SHOWENT "PML4E G", rbx, 4

        ; ---- top of the address space
        PUTS "[top]"
        NL
        mov rbx, VA_TOP
        SHOW "read top+ff8", [rbx + 0xff8]
        mov rax, 0x7c7c7c7c7c7c7c7c
        mov [rbx + 0xff0], rax
        SHOW "phys P2+ff0", [P2 + 0xff0]
        SHOWENT "PTE top", rbx, 1
        SHOWENT "PDE top", rbx, 2
        SHOWENT "PDPTE top", rbx, 3
        SHOWENT "PML4E top", rbx, 4

        ; ---- global page, flushed by toggling CR4.PGE
        PUTS "[global]"
        NL
        mov rax, cr4
        or eax, 0x80                    ; PGE
        mov cr4, rax
        mov rcx, VA_T + 0x1000
        mov qword [r14], P1 | PTE_P | PTE_W | PTE_G
        invlpg [rcx]
        SHOW "global T+1000 -> P1", [rcx]
        mov qword [r14], P3 | PTE_P | PTE_W | PTE_G
        mov rax, cr4
        and eax, ~0x80
        mov cr4, rax                    ; clearing PGE flushes everything
        or eax, 0x80
        mov cr4, rax
        SHOW "global T+1000 -> P3", [rcx]
        mov rax, cr4
        SHOW "cr4", rax

        CSUM_PRINT
        EXIT 0

; entry: rsi = va, edx = level -> rax = &entry in the tables of r15
entry:
        push rdi
        mov rdi, r15
        call pv_entry
        pop rdi
        ret

        PV_LIB
