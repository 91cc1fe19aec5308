; A guest-sized program in the style of pagevisor's guests: port I/O
; macros, a string table, page tables built with %rep/%assign.

bits 64
default rel
org 0x100000

%define CONSOLE_PORT 0xE9
%define EXIT_PORT    0xF4
%define PAGE_SIZE    4096
%define PTE_P        (1 << 0)
%define PTE_W        (1 << 1)
%define PTE_PS       (1 << 7)

%macro outb 2
    mov dx, %1
    mov al, %2
    out dx, al
%endmacro

%macro puts 1+
    jmp %%after
%%msg: db %1, 0
%%after:
    lea rsi, [rel %%msg]
    call print
%endmacro

%macro exit 1
    outb EXIT_PORT, %1
    hlt
%endmacro

start:
    puts "hello from the guest", 10
    puts 'page size ', PAGE_SIZE / 1024, "K"
    exit 0

print:
.next:
    lodsb
    test al, al
    jz .done
    outb CONSOLE_PORT, al
    jmp .next
.done:
    ret

    times 4096 - ($ - $$) % 4096 db 0
pml4:
    dq pdpt + PTE_P + PTE_W
    times 511 dq 0
pdpt:
    dq pd + PTE_P + PTE_W
    times 511 dq 0
pd:
%assign i 0
%rep 512
    dq (i * 0x200000) | PTE_P | PTE_W | PTE_PS
%assign i i + 1
%endrep
