; Lines the preprocessor passes through, comments, continuation lines,
; strings and the odd corners of NASM's tokenizer.

bits 64
default rel
org 0x100000

start:
    mov rax, [rbx+8*rcx+0x10]   ; comment
    db "semicolon ; inside", 'and '';'' here', `back\`tick;`
    dd 1.5, 0x1.8p1, 1e3, 1.e2
    mov eax, 1 \
        + 2
%define LONG a, \
  b, \
  c
    db LONG
    nop     	; tabs and spaces
    $start: jmp $start
    dq $, $$
    lbl: ; only a label
	; an indented comment

%define SPACED   value   with   spaces
    db SPACED
%define EMPTY
    EMPTY
    EMPTY nop
