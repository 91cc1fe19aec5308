; mmio.asm -- reads and writes a guest-physical address outside guest RAM: an
; MMIO hole with no device behind it.
;
; Demonstrates: not every guest-physical address is memory. The guest maps
; the virtual page MMIO_VA = 0x40000000 (a 4 KiB PTE, cache-disabled) to
; MMIO_GPA, beyond the end of guest RAM, and a control page right after it
; to an ordinary RAM frame. It then does ROUNDS rounds of: write a byte, a
; word, a dword and a qword (patterns that are neither all zeros nor all
; ones), read each back with the same size, and compare. In RAM every read
; returns what was written. In the hole writes are dropped, and reads
; return a constant: all ones on pagevisor (as a PCI master abort does on
; real hardware), zero on QEMU 7.2 (its unassigned-memory handler returns 0).
; So that the printed output is the same on both, the guest prints whether
; each read matched the write and whether it was "uniform" (every bit
; equal: all zeros or all ones), not the values (-DSHOW_VALUES prints them
; too; that output is not architecture-independent).
; Under EPT a GPA outside every memslot is MMIO: the first access exits with
; EPT_VIOLATION, the hypervisor installs a misconfigured EPT entry (KVM's
; trick) and emulates the access; every later access exits with
; EPT_MISCONFIG and is emulated. Under shadow paging every access to the
; hole faults (a hidden fault the first time, then reserved-bit faults on
; the MMIO shadow entry) and is emulated.
;
; Parameters (-DNAME=value):
;   ROUNDS    rounds of 4 writes + 4 reads (default 4; >= 1)
;   MMIO_GPA  the hole's address (default 0x10000000 = 256 MiB; 4 KiB aligned,
;             above RAM_MIB, and unassigned in QEMU's PC machine too: not
;             0xFEC00000-0xFEFFFFFF (IOAPIC, HPET, local APIC) nor the BIOS
;             ROM at the top of 4 GiB)
;   RAM_MIB   guest RAM (default 64)
; Instructions: a few thousand of setup + about 60 * ROUNDS per page.
;
; Exits. The measured phase (PHASE_BEGIN .. PHASE_END, port 0xE8) is the
; MMIO rounds: X = 8 * ROUNDS accesses to the hole (the same rounds on the
; RAM control page run before the phase).
;   native       no exits
;   ept          phase: EPT_VIOLATION = 1 (the first access; it installs the
;                MMIO entry and is emulated) and EPT_MISCONFIG = X - 1 (one
;                emulated access each); an implementation that retries the
;                first access instead of emulating it has EPT_MISCONFIG = X.
;   shadow-lazy  phase: EXCEPTION_NMI = X (every access faults and is
;   shadow-wp    emulated). Whole run: CR_ACCESS = 1 (the load of the
;                guest's own tables).
;   every virtualized mode: IO_INSTRUCTION = bytes printed + 2 phase marks
;                + 1 exit write, all outside the phase.
;
; Prints: the parameters, ram_same (4 * ROUNDS: every RAM read returned what
; was written), mmio_same (0: every write to the hole was dropped),
; mmio_uniform (4 * ROUNDS: every read of the hole returned all zeros or all
; ones at its size), checksum= over every printed value. Exit code 0.
;
; Physical memory: tables from the pool at 0x400000; the RAM control frame
; 0x1000000.
%include "lib/pv.inc"

%ifndef ROUNDS
%define ROUNDS 4
%endif
%ifndef MMIO_GPA
%define MMIO_GPA 0x10000000
%endif
%ifndef RAM_MIB
%define RAM_MIB 64
%endif

POOL    equ 0x400000
MMIO_VA equ 0x40000000              ; -> MMIO_GPA
RAM_VA  equ 0x40001000              ; -> RAM_PA
RAM_PA  equ 0x1000000
PATTERN equ 0x1122334455667788

%if ROUNDS < 1
%error "ROUNDS must be >= 1"
%endif
%if MMIO_GPA % 4096 || MMIO_GPA < RAM_MIB * 0x100000 || MMIO_GPA >= 0x10000000000
%error "MMIO_GPA must be 4 KiB aligned, above RAM and below 2^40"
%endif
%if RAM_MIB % 2 || RAM_MIB < 32 || RAM_MIB > 1024
%error "RAM_MIB must be even, 32..1024"
%endif

start:  jmp main

; ---- code used under the guest's tables, in the image's first 4 KiB.
set_cr3:
        mov cr3, rax
        ret

; CHECK: rax = value read, rdx = value written, rcx = all ones at the size;
; r12 counts reads equal to the write, r13 uniform reads (0 or all ones)
%macro CHECK 0
        cmp rax, rdx
        jne %%diff
        inc r12
%%diff: test rax, rax
        jz %%uni
        cmp rax, rcx
        jne %%done
%%uni:  inc r13
%%done:
%ifdef SHOW_VALUES
        PUTHEX rax
        NL
%endif
%endmacro

; rounds: ROUNDS rounds on the page at rsi; r12/r13 as for CHECK. Returns by
; jmp r14 (no stack: the phase holds nothing but the page's accesses).
rounds: xor r10d, r10d
.round: mov r9, PATTERN
        xor r9, r10                 ; this round's pattern
        mov rdx, r9                 ; byte
        mov [rsi], dl
        movzx eax, byte [rsi]
        movzx edx, dl
        mov ecx, 0xFF
        CHECK
        mov rdx, r9                 ; word
        mov [rsi + 0x10], dx
        movzx eax, word [rsi + 0x10]
        movzx edx, dx
        mov ecx, 0xFFFF
        CHECK
        mov rdx, r9                 ; dword
        mov [rsi + 0x20], edx
        mov eax, [rsi + 0x20]
        mov edx, edx
        mov ecx, 0xFFFFFFFF
        CHECK
        mov rdx, r9                 ; qword
        mov [rsi + 0x30], rdx
        mov rax, [rsi + 0x30]
        mov rcx, -1
        CHECK
        inc r10
        cmp r10, ROUNDS
        jb .round
        jmp r14

main:   CSUM_INIT
        PUTS "mmio: reads and writes to a guest-physical address outside RAM"
        NL
        SHOWDEC "rounds", ROUNDS
        SHOWHEX "mmio_gpa", MMIO_GPA

        ; ---- kernel identity (2 MiB pages, RAM only); the two test pages
        PV_PT_POOL POOL, POOL + 0x100000
        call pv_pt_alloc
        mov r15, rax
        mov rdi, rax
        xor esi, esi
        mov edx, RAM_MIB * 0x100000
        call pv_ident2m
        mov esi, MMIO_VA
        mov rdx, MMIO_GPA | PTE_P | PTE_W | PTE_PWT | PTE_PCD | PTE_A | PTE_D
        call pv_map4k
        mov esi, RAM_VA
        mov edx, RAM_PA | PTE_P | PTE_W | PTE_A | PTE_D
        call pv_map4k
        mov rax, r15
        call set_cr3

        ; ---- the control: the same rounds on RAM
        mov esi, RAM_VA
        xor r12d, r12d
        xor r13d, r13d
        mov r14, .ram_done
        jmp rounds
.ram_done:
        SHOWDEC "ram_same", r12

        ; ---- the hole
        mov esi, MMIO_VA
        xor r12d, r12d
        xor r13d, r13d
        mov r14, .mmio_done
        PHASE_BEGIN al
        jmp rounds
.mmio_done:
        PHASE_END al
        SHOWDEC "mmio_same", r12
        SHOWDEC "mmio_uniform", r13
        CSUM_PRINT
        EXIT 0

PV_LIB
