; triple-fault.asm -- an exception with no IDT: the machine shuts down.
;
; Demonstrates: at boot IDTR.limit = 0, so the #UD of `ud2` cannot be
; delivered (#GP), neither can that #GP (#DF), nor the #DF: a triple fault.
; Real x86 then enters shutdown; QEMU (run with -no-reboot) exits with status
; 0 without a port-0xF4 value, which run.sh reports as exit code 125
; ("QEMU stopped without a guest exit") -- recorded as the expected code.
; pagevisor must stop with its `triple-fault` reason instead.
; Prints:    "triple-fault: ud2 with no IDT" and a newline, then nothing more
;            (the "not reached" line below must never appear).
; Exit code: none from the guest (QEMU: 125 via run.sh).
%include "../../guests/lib/pv.inc"

start:
        PUTS "triple-fault: ud2 with no IDT"
        NL
        ud2
        PUTS "not reached"
        NL
        EXIT 1

        PV_LIB
