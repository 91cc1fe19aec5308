; %rep blocks and the %push context stack.

%rep 3
db 1
%endrep
%assign i 0
%rep 4
  %assign j 0
  %rep 3
    db i, j
    %assign j j+1
    %if j == 2
      %exitrep
    %endif
  %endrep
  %assign i i+1
%endrep
%rep 0
db 'never'
%endrep
%rep 2
%rep 2
db 'nested'
%endrep
%endrep
%macro fill 2
%rep %1
db %2
%endrep
%endmacro
fill 3, 0xAA
%assign k 1
%rep 64
%assign k k*2
%if k > 100
%exitrep
%endif
%endrep
dd k
%assign n 0
%rep 10
%assign n n+1
%if n > 3
%exitrep
%endif
db n
%endrep

%push outer
%define %$x 1
%$lbl: dd %$x
%push inner
%define %$x 2
%$lbl: dd %$x, %$$x
jmp %$$lbl
%repl renamed
%ifctx renamed
db 'ctx renamed'
%endif
%pop renamed
%ifctx outer
db 'ctx outer'
%endif
%pop

%macro if_ 1
%push if_
j%-1 %$ifnot
%endmacro
%macro else_ 0
%repl else_
jmp %$ifend
%$ifnot:
%endmacro
%macro endif_ 0
%ifctx if_
%$ifnot:
%else
%$ifend:
%endif
%pop
%endmacro
if_ z
nop
else_
int3
endif_
if_ nc
endif_

%macro m 1
%define %%x 1
%%lbl: db %1
%push ctx
%$loc: db 2
%pop
%endmacro
m 5
m 6
