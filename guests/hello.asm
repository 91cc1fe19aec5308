; hello.asm -- the quick-start guest: the smallest complete pagevisor program.
;
; Demonstrates: the boot protocol (loaded at GPA 0x100000, entered at its first
; byte in 64-bit mode with paging on), console output through port 0xE9 and
; stopping the machine through port 0xF4.
; Prints:       Hello from pagevisor
; Exit code:    0
; Self-contained on purpose (no %include): copy it to start a new guest.
bits 64
org 0x100000

start:
        mov rsi, msg            ; NUL-terminated string
.next:  lodsb                   ; al = [rsi++]
        test al, al
        jz .done
        out 0xE9, al            ; one byte to the console
        jmp .next
.done:  xor eax, eax
        out 0xF4, eax           ; stop the machine, exit code 0
        hlt                     ; not reached

msg:    db "Hello from pagevisor", 10, 0
