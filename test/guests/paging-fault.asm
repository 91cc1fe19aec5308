; paging-fault.asm -- exceptions through a guest IDT, page faults fixed and retried.
;
; Demonstrates: an IDT of 64-bit interrupt gates (pv.inc), a handler that
; reports the vector, CR2 and error code of each #PF, repairs the mapping
; (writes one paging entry + INVLPG CR2) and returns with IRETQ so the
; faulting instruction is retried; #PF for: not-present read, not-present
; write, not-present PDE and PML4E, write to a read-only page with CR0.WP = 1
; (and no fault with CR0.WP = 0), instruction fetch from an XD page (NXE = 1;
; data writes to it are fine) and from a not-present page, reserved bits
; (bit 51 of a PTE, PS in a PML4E, bit 13 of a 2 MiB PDE), and a page fault in
; the middle of `rep movsb` (registers show the completed part, the retry
; finishes the copy). Also #DE (div by zero, idiv overflow), #UD (ud2), #GP
; (non-canonical address) resumed after the instruction, and the traps int3
; and `int 0x80` (the handler doubles the saved rax, like a system call
; returning a value; the frame is 16-byte aligned whatever RSP was).
;
; For each case: "case <label>", then one line per exception:
;   exc <vec> [cr2=<cr2> err=<error code>] rip=<at|after|target|hex>
;       rsp=<pushed RSP - RSP before the instruction> fl=<pushed RFLAGS & 0xCD5>
; (rip is symbolic so the output does not depend on instruction lengths),
; then "<label> = <value>" lines for what the retried code computed.
; CAVEAT: QEMU 7.2 (TCG) omits the P bit from the error code of a
; reserved-bit #PF (0x8/0xa instead of the 0x9/0xb of the SDM and hardware),
; so those cases print the error code with bit 0 cleared ("err&~1=").
; RF (bit 16) of the pushed RFLAGS is not printed either.
; Ends with a checksum of all printed values. Exit code 0.
%include "../../guests/lib/pv.inc"

%ifdef RAM_MIB                      ; -DRAM_MIB=n: RAM size to identity-map
%else                               ; (even, >= 16; the machine's RAM size)
%define RAM_MIB 64
%endif

POOL    equ 0x400000
RAM_END equ RAM_MIB * 0x100000     ; identity-mapped RAM
P1      equ 0x600000
P2      equ 0x601000
P3      equ 0x602000
P4      equ 0x603000
P5      equ 0x604000
PCODE   equ 0x605000
PSRC    equ 0x606000                ; 2 pages: rep movsb source
PDST    equ 0x608000                ; 2 pages: rep movsb destination
BIG     equ 0xC00000
VA      equ 0x00007e0000000000      ; PML4[252]: test pages
VA_PD   equ VA + 0x00200000         ; PD slot 1, no page table at first
VA_PML4 equ 0x0000050000000000      ; PML4[10]: not present at first
VA_L    equ VA + 0x40000000         ; 2 MiB page
VA_NC   equ 0x8000000000000000      ; non-canonical

; variables (after pv.inc's)
C_AT    equ PV_VARS + 0x80          ; address of the instruction under test
C_AFTER equ PV_VARS + 0x88          ; address after it
C_TGT   equ PV_VARS + 0x90          ; a call target (fetch faults)
C_RSP   equ PV_VARS + 0x98          ; RSP before the instruction
C_RES   equ PV_VARS + 0xa0          ; 1: resume at C_AFTER (non-#PF faults)
FIX_PTR equ PV_VARS + 0xa8          ; #PF repair: [FIX_PTR] = FIX_VAL
FIX_VAL equ PV_VARS + 0xb0
ERRMASK equ PV_VARS + 0xb8          ; #PF error code mask for printing
C_REGS  equ PV_VARS + 0xc0          ; 1: print saved rcx, rsi, rdi too
PD_SAVE equ PV_VARS + 0xc8          ; an entry saved for a repair
C_FL    equ 0x8D7                   ; RFLAGS before each instruction

start:
        CSUM_INIT
        PUTS "paging-fault"
        NL

%macro SHOW 2                       ; "label", value
        PUTS %1
        PUTS " = "
        PUTHEX %2
        NL
        CSUM %2
%endmacro

; SHOWENT "label", va, level: print the entry of that level for va
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

; CASE "label": start a case (no repair, no resume, full error code)
%macro CASE 1
        PUTS "case "
        PUTS %1
        NL
        mov qword [FIX_PTR], 0
        mov qword [C_RES], 0
        mov qword [C_REGS], 0
        mov qword [ERRMASK], 0xffff
%endmacro

; FIX va, level, value: the #PF of this case writes value into that entry
%macro FIX 3
        push rax
        push rsi
        push rdx
        mov rsi, %1
        mov edx, %2
        call entry
        mov [FIX_PTR], rax
        mov rax, %3
        mov [FIX_VAL], rax
        pop rdx
        pop rsi
        pop rax
%endmacro

; SETENT va, level, value: write an entry now (and INVLPG va)
%macro SETENT 3
        push rax
        push rsi
        push rdx
        mov rsi, %1
        mov edx, %2
        call entry
        mov rdx, %3
        mov [rax], rdx
        invlpg [rsi]
        pop rdx
        pop rsi
        pop rax
%endmacro

; run one instruction with RFLAGS = C_FL, recording where it is:
; I0 insn / I1 insn, op / I2 insn, dst, src
%macro I0 1
        push rax
        mov rax, %%at
        mov [C_AT], rax
        mov rax, %%after
        mov [C_AFTER], rax
        pop rax
        SETFLAGS C_FL
        mov [C_RSP], rsp
%%at:   %1
%%after:
%endmacro
%macro I1 2
        push rax
        mov rax, %%at
        mov [C_AT], rax
        mov rax, %%after
        mov [C_AFTER], rax
        pop rax
        SETFLAGS C_FL
        mov [C_RSP], rsp
%%at:   %1 %2
%%after:
%endmacro
%macro I2 3
        push rax
        mov rax, %%at
        mov [C_AT], rax
        mov rax, %%after
        mov [C_AFTER], rax
        pop rax
        SETFLAGS C_FL
        mov [C_RSP], rsp
%%at:   %1 %2, %3
%%after:
%endmacro

        ; ---- tables: identity [0, 64 MiB), own IDT
        PV_PT_POOL POOL, POOL + 0x40000
        call pv_pt_alloc
        mov r15, rax
        mov rdi, r15
        xor esi, esi
        mov edx, 0x400000
        call pv_ident4k
        mov esi, 0x400000
        mov edx, RAM_END
        call pv_ident2m
        ; physical contents: qword i of page Pn = 0xnnnn0000_0000_0000 + 8*i
        mov rdi, P1
        mov rax, 0x1111000000000000
        mov rdx, 0x1111000000000000
.fill:  mov ecx, 512
.fq:    mov [rdi], rax
        add rdi, 8
        add rax, 8
        dec ecx
        jnz .fq
        add rdx, rdx                    ; 0x2222.., 0x4444.., ... (mod 2^64)
        mov rax, rdx
        cmp rdi, P5 + 0x1000
        jb .fill
        mov rdi, PCODE                  ; the code page: int3 everywhere
        mov al, 0xCC
        mov ecx, 0x1000
        cld
        rep stosb
        mov rax, 0xb1b1b1b1b1b1b1b1
        mov [BIG], rax
        mov rdi, PSRC                   ; source: bytes 0, 1, 2, ... (mod 251)
        xor ecx, ecx
        xor eax, eax
.src:   mov [rdi + rcx], al
        inc eax
        cmp eax, 251
        jb .srcn
        xor eax, eax
.srcn:  inc ecx
        cmp ecx, 0x2000
        jb .src
        mov rdi, PDST                   ; destination: 0xEE
        mov al, 0xEE
        mov ecx, 0x2000
        cld
        rep stosb
        ; mappings (not-present ones get their tables now)
        mov rdi, r15
        mov rsi, VA                     ; VA+0: P1, not present
        mov edx, P1 | PTE_W
        call pv_map4k
        mov rsi, VA + 0x1000            ; VA+1000: nothing
        xor edx, edx
        call pv_map4k
        mov rsi, VA + 0x2000            ; VA+2000: P4 read-only
        mov edx, P4 | PTE_P
        call pv_map4k
        mov rsi, VA + 0x3000            ; VA+3000: P5 read-only
        mov edx, P5 | PTE_P
        call pv_map4k
        mov rsi, VA + 0x4000            ; VA+4000: code page, XD
        mov rdx, PCODE | PTE_P | PTE_W | PTE_XD
        call pv_map4k
        mov rsi, VA + 0x5000            ; VA+5000: nothing (fetch)
        xor edx, edx
        call pv_map4k
        mov rsi, VA + 0x6000            ; VA+6000: P2 with bit 51 set
        mov rdx, P2 | PTE_P | PTE_W | (1 << 51)
        call pv_map4k
        mov rsi, VA + 0x8000            ; VA+8000..: rep movsb source
        mov edx, PSRC | PTE_P | PTE_W
        call pv_map4k
        mov rsi, VA + 0x9000
        mov edx, (PSRC + 0x1000) | PTE_P | PTE_W
        call pv_map4k
        mov rsi, VA + 0xA000            ; VA+A000: dest page 1
        mov edx, PDST | PTE_P | PTE_W
        call pv_map4k
        mov rsi, VA + 0xB000            ; VA+B000: dest page 2, not present
        mov edx, (PDST + 0x1000) | PTE_W
        call pv_map4k
        mov rsi, VA_PD                  ; a page table for PD slot 1 ...
        mov edx, P3 | PTE_P | PTE_W
        call pv_map4k
        mov rsi, VA_PD                  ; ... whose PDE is cleared below
        mov edx, 2
        call pv_entry
        mov rbx, [rax]
        mov [PD_SAVE], rbx
        mov qword [rax], 0
        mov rsi, VA_L                   ; 2 MiB page with reserved bit 13
        mov edx, BIG | PTE_P | PTE_W | PTE_PS | 0x2000
        call pv_map2m
        mov cr3, r15
        PV_IDT_INSTALL
        PV_SET_HOOK hook

        ; ---- page faults
        CASE "not-present read"
        FIX VA, 1, P1 | PTE_P | PTE_W
        mov rbx, VA
        I2 mov, rax, [rbx + 0x10]
        SHOW "read", rax
        SHOW "phys P1+10", [P1 + 0x10]

        CASE "not-present write"
        FIX VA + 0x1000, 1, P2 | PTE_P | PTE_W
        mov rbx, VA + 0x1000
        mov rax, 0x0123456789abcdef
        I2 mov, [rbx + 8], rax
        SHOW "phys P2+8", [P2 + 8]

        CASE "not-present PDE"
        FIX VA_PD, 2, [PD_SAVE]
        mov rbx, VA_PD
        I2 mov, rax, [rbx]
        SHOW "read", rax

        CASE "not-present PML4E write"
        mov rbx, VA_PML4                ; build the tables, then unlink them
        mov rsi, rbx
        mov rdi, r15
        mov edx, P4 | PTE_P | PTE_W
        call pv_map4k
        mov edx, 4
        call pv_entry
        mov rcx, [rax]
        mov [PD_SAVE], rcx
        mov qword [rax], 0
        invlpg [rbx]
        FIX VA_PML4, 4, [PD_SAVE]
        mov eax, 0x77
        I2 mov, [rbx + 0x18], eax
        SHOW "phys P4+18", [P4 + 0x18]

        CASE "write to read-only, WP=1"
        FIX VA + 0x2000, 1, P4 | PTE_P | PTE_W
        mov rbx, VA + 0x2000
        I2 add, qword [rbx], 1
        SHOW "phys P4", [P4]

        CASE "write to read-only, WP=0"
        mov rax, cr0
        and eax, ~0x10000               ; clear WP
        mov cr0, rax
        mov rbx, VA + 0x3000
        I2 add, qword [rbx], 2          ; no fault
        mov rax, cr0
        or eax, 0x10000
        mov cr0, rax
        SHOW "phys P5", [P5]
        SHOWENT "PTE", VA + 0x3000, 1
        mov rax, cr0
        SHOW "cr0", rax

        CASE "fetch from XD page"
        mov rbx, VA + 0x4000
        mov rax, 0x0000C30000600DB8     ; mov eax, 0x600d / ret
        mov [rbx], rax                  ; data write to an XD page is fine
        mov [C_TGT], rbx
        FIX VA + 0x4000, 1, PCODE | PTE_P | PTE_W
        xor eax, eax
        I1 call, rbx
        SHOW "returned", rax

        CASE "fetch from not-present page"
        mov rbx, VA + 0x5000
        mov [C_TGT], rbx
        FIX VA + 0x5000, 1, PCODE | PTE_P
        xor eax, eax
        I1 call, rbx
        SHOW "returned", rax

        CASE "reserved bit 51 in PTE, read (P masked)"
        mov qword [ERRMASK], 0xfffe
        FIX VA + 0x6000, 1, P2 | PTE_P | PTE_W
        mov rbx, VA + 0x6000
        I2 mov, rax, [rbx]
        SHOW "read", rax

        CASE "reserved PS in PML4E, write (P masked)"
        mov qword [ERRMASK], 0xfffe
        mov rsi, VA
        mov edx, 4
        call entry
        mov rcx, [rax]
        mov [PD_SAVE], rcx
        or qword [rax], PTE_PS
        mov rbx, VA
        invlpg [rbx]
        FIX VA, 4, [PD_SAVE]
        mov rax, 0x0f0f0f0f0f0f0f0f
        I2 mov, [rbx + 0x20], rax
        SHOW "phys P1+20", [P1 + 0x20]

        CASE "reserved bit 13 in 2M PDE, read (P masked)"
        mov qword [ERRMASK], 0xfffe
        FIX VA_L, 2, BIG | PTE_P | PTE_W | PTE_PS
        mov rbx, VA_L
        I2 mov, rax, [rbx]
        SHOW "read", rax

        CASE "rep movsb into a not-present page"
        mov qword [C_REGS], 1
        FIX VA + 0xB000, 1, (PDST + 0x1000) | PTE_P | PTE_W
        mov rsi, VA + 0x8000 + 0x100    ; 0x1800 bytes; the 0xF00th lands
        mov rdi, VA + 0xA000 + 0x100    ; on the not-present page
        mov ecx, 0x1800
        I1 rep, movsb
        mov rax, VA + 0x8000
        sub rsi, rax
        SHOW "rsi - src", rsi
        mov rax, VA + 0xA000
        sub rdi, rax
        SHOW "rdi - dst", rdi
        SHOW "rcx", rcx
        SHOW "phys dst+0ef8", [PDST + 0xef8]
        SHOW "phys dst+0ff8", [PDST + 0xff8]
        SHOW "phys dst+1000", [PDST + 0x1000]
        SHOW "phys dst+18f8", [PDST + 0x18f8]
        SHOW "phys dst+1900", [PDST + 0x1900]

        ; ---- other exceptions
        CASE "div by zero"
        mov qword [C_RES], 1
        mov eax, 100
        xor edx, edx
        xor ecx, ecx
        I1 div, rcx
        SHOW "rax", rax

        CASE "idiv overflow"
        mov qword [C_RES], 1
        mov eax, 0x80000000
        cdq
        mov ecx, -1
        I1 idiv, ecx
        SHOW "rax", rax

        CASE "ud2"
        mov qword [C_RES], 1
        I0 ud2

        CASE "non-canonical read"
        mov qword [C_RES], 1
        mov rbx, VA_NC
        mov eax, 0x1234
        I2 mov, rax, [rbx]
        SHOW "rax", rax

        CASE "int3"
        I0 int3

        CASE "int 0x80, rsp = 8 mod 16"
        sub rsp, 8
        mov eax, 21
        I1 int, 0x80
        add rsp, 8
        SHOW "rax", rax

        CASE "int 0x80, rsp = 0 mod 16"
        mov eax, 0x4000
        I1 int, 0x80
        SHOW "rax", rax

        mov rax, [PV_EXC_COUNT]
        SHOW "exceptions", rax
        CSUM_PRINT
        EXIT 0

; ---- the exception hook: rdi = frame ------------------------------------------
hook:
        mov rbx, rdi
        PUTS "  exc "
        PUTHEXN [rbx + PV_F_VEC], 2
        CSUM [rbx + PV_F_VEC]
        cmp qword [rbx + PV_F_VEC], 14
        jne .nocr2
        mov rax, cr2
        PUTS " cr2="
        PUTHEX rax
        CSUM rax
        mov rax, [rbx + PV_F_ERR]
        and rax, [ERRMASK]
        cmp qword [ERRMASK], 0xffff
        je .fullerr
        PUTS " err&~1="
        jmp .err
.fullerr:
        PUTS " err="
.err:   PUTHEXN rax, 4
        CSUM rax
        jmp .rip
.nocr2: cmp qword [rbx + PV_F_VEC], 13
        jne .rip
        PUTS " err="
        PUTHEXN [rbx + PV_F_ERR], 4
        CSUM [rbx + PV_F_ERR]
.rip:   PUTS " rip="
        mov rax, [rbx + PV_F_RIP]
        cmp rax, [C_AT]
        jne .r1
        PUTS "at"
        mov eax, 1
        jmp .r3
.r1:    cmp rax, [C_AFTER]
        jne .r2
        PUTS "after"
        mov eax, 2
        jmp .r3
.r2:    cmp rax, [C_TGT]
        jne .rhex
        PUTS "target"
        mov eax, 3
        jmp .r3
.rhex:  PUTHEX rax
.r3:    CSUM rax
        PUTS " rsp="
        mov rax, [rbx + PV_F_RSP]
        sub rax, [C_RSP]
        PUTHEX rax
        CSUM rax
        PUTS " fl="
        mov rax, [rbx + PV_F_RFLAGS]
        and eax, 0xCD5
        PUTHEXN rax, 3
        CSUM rax
        cmp qword [C_REGS], 0
        je .noregs
        PUTS " rcx="
        PUTHEX [rbx + PV_F_RCX]
        CSUM [rbx + PV_F_RCX]
        PUTS " rsi-src="
        mov rax, [rbx + PV_F_RSI]
        mov rcx, VA + 0x8000
        sub rax, rcx
        PUTHEX rax
        CSUM rax
        PUTS " rdi-dst="
        mov rax, [rbx + PV_F_RDI]
        mov rcx, VA + 0xA000
        sub rax, rcx
        PUTHEX rax
        CSUM rax
.noregs:
        cmp qword [rbx + PV_F_VEC], 0x80
        jne .noalign
        ; where the CPU put the frame: RIP slot - (old RSP rounded down to 16)
        PUTS " frame="
        lea rax, [rbx + PV_F_RIP]
        mov rcx, [rbx + PV_F_RSP]
        and rcx, -16
        sub rax, rcx
        PUTHEX rax
        CSUM rax
.noalign:
        NL
        ; what to do
        mov rax, [rbx + PV_F_VEC]
        cmp eax, 14
        je .pf
        cmp eax, 0x80
        je .syscall
        cmp eax, 3
        je .done
        cmp qword [C_RES], 0            ; a fault: skip the instruction
        je .stuck
        mov qword [C_RES], 0
        mov rax, [C_AFTER]
        mov [rbx + PV_F_RIP], rax
        ret
.pf:    mov rax, [FIX_PTR]
        test rax, rax
        jz .stuck
        mov rcx, [FIX_VAL]
        mov [rax], rcx
        mov qword [FIX_PTR], 0
        mov rax, cr2
        invlpg [rax]
        ret
.syscall:
        shl qword [rbx + PV_F_RAX], 1   ; "return value": rax * 2
.done:  ret
.stuck: PUTS "no repair for this exception"
        NL
        EXIT 5

; entry: rsi = va, edx = level -> rax = &entry in the tables of r15
entry:
        push rdi
        mov rdi, r15
        call pv_entry
        pop rdi
        ret

        PV_LIB
