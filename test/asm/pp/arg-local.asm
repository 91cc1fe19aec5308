; %stacksize, %arg and %local: frame offsets as %defines.

%stacksize flat64
%push proc
%assign %$localsize 0
%arg a:qword, b:dword, c:byte
%local x:dword, y:qword
mov rax, a
mov ebx, b
mov cl, c
mov [x], eax
mov [y], rax
sub rsp, %$localsize
%pop
%stacksize large
%arg p:word
mov ax, p
