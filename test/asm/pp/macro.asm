; Multi-line macros: parameter counts, defaults, greedy parameters, local
; labels, rotation, condition codes, overloading, nesting.

%macro m 2
  mov %1, %2
%%lbl: jmp %%lbl
%endmacro
  m eax, 5
  m ebx, {1,2}

%macro d 1-3 def2, def3
  db %0, %1, %2, %3
%endmacro
d 1
d 1, 2
d 1, 2, 3
d 1,

%macro p 1+
  db %1 ; greedy
%endmacro
p 1, 2, 3
lbl: p 4
lbl2 p 5

%macro q 0
%00: nop
  ret
%endmacro
here: q
%macro lbl_capture 0
%00 equ 5
%endmacro
foo lbl_capture
bar: lbl_capture

%macro cc 1
  j%+1 x
  j%-1 y
%endmacro
cc z
cc ae
cc NE

%macro rr 1-*
%rep %0
  db %1
%rotate 1
%endrep
  dd %{1}, %{-1}, %{2:3}, %?, %??
%endmacro
rr a, b, c

%macro ranges 4
dd %{1:4}
dd %{4:1}
dd %{-1:-2}
dd %{2:2}
%endmacro
ranges 1,2,3,4

%imacro MiX 0
db 'mix'
%endmacro
mix
MIX

%macro ov 1
db 'ov1'
%endmacro
%macro ov 2
db 'ov2'
%endmacro
ov 1
ov 1,2
ov
ov 1,2,3

%macro outer 1
%macro inner_%1 0
db '%1'
%endmacro
%endmacro
outer zz
inner_zz

%macro prologue 0-1 16
  push rbp
  mov rbp, rsp
  sub rsp, %1
%endmacro
%macro epilogue 0
  leave
  ret
%endmacro
%macro call_with 1-*
  %assign %%n %0
  %rep %0 - 1
    %rotate -1
    push %1
  %endrep
  %rotate -1
  call %1
  add rsp, 8*(%%n - 1)
%endmacro
%macro print 1
  jmp %%over
  %%str: db %1, 0
  %%over:
  lea rsi, [rel %%str]
%endmacro
f1: prologue
    prologue 32
    call_with myfunc, 1, 2, 3
    call_with nothing
    print "hello, world"
    print 'it''s'
    epilogue

%macro writereg 2
  %ifidni %1, rax
    mov [%2], rax
  %elifidni %1, rbx
    mov [%2], rbx
  %else
    %error "bad register %1"
  %endif
%endmacro
  writereg rax, buf
  writereg RBX, buf

%macro inner 1
  db %1
%endmacro
%macro outer2 2
  inner %1
  inner {%2}
  inner %2
%endmacro
  outer2 1, {2, 3}

%macro def_const 2
  %define CONST_%1 %2
  %xdefine XC_%1 %2 + CONST_%1
%endmacro
  def_const A, 5
  dd CONST_A, XC_A

%macro lbls 0
%%a: %%b: jmp %%a
%endmacro
  lbls
  lbls
x: lbls

%macro count 0+
  db %0
%endmacro
  count
  count 1,2,3
  count {1,2},3
  count ,

%macro twice 1
  %1
  %1
%endmacro
  twice nop
  twice {db 1, 2}

%macro m2 2
db %2, %1
%endmacro
  m2 "a,b", (1,2)
  m2 'x', [rax+1]

%macro early 1
%if %1
%exitmacro
%endif
db 'not early'
%endmacro
early 1
early 0

; a macro that is not recursive does not call itself
%macro a 0
b
%endmacro
%macro b 0
db 'b'
a
%endmacro
a

%imacro Upper 1
db %1
%endmacro
UPPER 1
upper 2
%unimacro upper 1
upper 3
%macro um 0
db 'um'
%endmacro
um
%unmacro um 0
um
%macro loc 1
%define %%x %1
dd %%x
%endmacro
loc 7
