bits 64
default abs
add al, cl
add cl, dl
add dl, r9b
add r9b, r12b
add r12b, r15b
add r15b, al
add byte [rax], cl
add byte [rbx+8], cl
add byte [rbp-8], cl
add byte [rsp], cl
add byte [rsp+0x10], cl
add byte [r12], cl
add byte [r13], cl
add byte [r13+0x7f], cl
add dl, byte [rax]
add dl, byte [rbx+8]
add dl, byte [rbp-8]
add dl, byte [rsp]
add dl, byte [rsp+0x10]
add dl, byte [r12]
add al, 1
add cl, 1
add r15b, 1
add al, -1
add cl, -1
add r15b, -1
add al, 127
add cl, 127
add r15b, 127
add al, -128
add cl, -128
add r15b, -128
add byte [rbx+4], 3
add byte [rel $+0x100], 0x55
add ax, cx
add cx, dx
add dx, r8w
add r8w, r11w
add r11w, r15w
add r15w, ax
add word [rax], cx
add word [rbx+8], cx
add word [rbp-8], cx
add word [rsp], cx
add word [rsp+0x10], cx
add word [r12], cx
add word [r13], cx
add word [r13+0x7f], cx
add dx, word [rax]
add dx, word [rbx+8]
add dx, word [rbp-8]
add dx, word [rsp]
add dx, word [rsp+0x10]
add dx, word [r12]
add ax, 1
add cx, 1
add r15w, 1
add ax, -1
add cx, -1
add r15w, -1
add ax, 127
add cx, 127
add r15w, 127
add ax, -128
add cx, -128
add r15w, -128
add ax, 4660
add cx, 4660
add r15w, 4660
add ax, -4660
add cx, -4660
add r15w, -4660
add word [rbx+4], 3
add word [rel $+0x100], 0x55
add word [rbx+4], 0x1234
add eax, ecx
add ecx, edx
add edx, r10d
add r10d, r13d
add r13d, r15d
add r15d, eax
add dword [rax], ecx
add dword [rbx+8], ecx
add dword [rbp-8], ecx
add dword [rsp], ecx
add dword [rsp+0x10], ecx
add dword [r12], ecx
add dword [r13], ecx
add dword [r13+0x7f], ecx
add edx, dword [rax]
add edx, dword [rbx+8]
add edx, dword [rbp-8]
add edx, dword [rsp]
add edx, dword [rsp+0x10]
add edx, dword [r12]
add eax, 1
add ecx, 1
add r15d, 1
add eax, -1
add ecx, -1
add r15d, -1
add eax, 127
add ecx, 127
add r15d, 127
add eax, -128
add ecx, -128
add r15d, -128
add eax, 4660
add ecx, 4660
add r15d, 4660
add eax, -4660
add ecx, -4660
add r15d, -4660
add eax, 2147483647
add ecx, 2147483647
add r15d, 2147483647
add dword [rbx+4], 3
add dword [rel $+0x100], 0x55
add dword [rbx+4], 0x1234
add rax, rcx
add rcx, rdx
add rdx, r13
add r13, r14
add r14, r15
add r15, rax
add qword [rax], rcx
add qword [rbx+8], rcx
add qword [rbp-8], rcx
add qword [rsp], rcx
add qword [rsp+0x10], rcx
add qword [r12], rcx
add qword [r13], rcx
add qword [r13+0x7f], rcx
add rdx, qword [rax]
add rdx, qword [rbx+8]
add rdx, qword [rbp-8]
add rdx, qword [rsp]
add rdx, qword [rsp+0x10]
add rdx, qword [r12]
add rax, 1
add rcx, 1
add r15, 1
add rax, -1
add rcx, -1
add r15, -1
add rax, 127
add rcx, 127
add r15, 127
add rax, -128
add rcx, -128
add r15, -128
add rax, 4660
add rcx, 4660
add r15, 4660
add rax, -4660
add rcx, -4660
add r15, -4660
add rax, 2147483647
add rcx, 2147483647
add r15, 2147483647
add qword [rbx+4], 3
add qword [rel $+0x100], 0x55
add qword [rbx+4], 0x1234
lock add dword [rax], 5
lock add qword [rdi+8], rcx
or al, cl
or cl, dl
or dl, r9b
or r9b, r12b
or r12b, r15b
or r15b, al
or byte [rax], cl
or byte [rbx+8], cl
or byte [rbp-8], cl
or byte [rsp], cl
or byte [rsp+0x10], cl
or byte [r12], cl
or byte [r13], cl
or byte [r13+0x7f], cl
or dl, byte [rax]
or dl, byte [rbx+8]
or dl, byte [rbp-8]
or dl, byte [rsp]
or dl, byte [rsp+0x10]
or dl, byte [r12]
or al, 1
or cl, 1
or r15b, 1
or al, -1
or cl, -1
or r15b, -1
or al, 127
or cl, 127
or r15b, 127
or al, -128
or cl, -128
or r15b, -128
or byte [rbx+4], 3
or byte [rel $+0x100], 0x55
or ax, cx
or cx, dx
or dx, r8w
or r8w, r11w
or r11w, r15w
or r15w, ax
or word [rax], cx
or word [rbx+8], cx
or word [rbp-8], cx
or word [rsp], cx
or word [rsp+0x10], cx
or word [r12], cx
or word [r13], cx
or word [r13+0x7f], cx
or dx, word [rax]
or dx, word [rbx+8]
or dx, word [rbp-8]
or dx, word [rsp]
or dx, word [rsp+0x10]
or dx, word [r12]
or ax, 1
or cx, 1
or r15w, 1
or ax, -1
or cx, -1
or r15w, -1
or ax, 127
or cx, 127
or r15w, 127
or ax, -128
or cx, -128
or r15w, -128
or ax, 4660
or cx, 4660
or r15w, 4660
or ax, -4660
or cx, -4660
or r15w, -4660
or word [rbx+4], 3
or word [rel $+0x100], 0x55
or word [rbx+4], 0x1234
or eax, ecx
or ecx, edx
or edx, r10d
or r10d, r13d
or r13d, r15d
or r15d, eax
or dword [rax], ecx
or dword [rbx+8], ecx
or dword [rbp-8], ecx
or dword [rsp], ecx
or dword [rsp+0x10], ecx
or dword [r12], ecx
or dword [r13], ecx
or dword [r13+0x7f], ecx
or edx, dword [rax]
or edx, dword [rbx+8]
or edx, dword [rbp-8]
or edx, dword [rsp]
or edx, dword [rsp+0x10]
or edx, dword [r12]
or eax, 1
or ecx, 1
or r15d, 1
or eax, -1
or ecx, -1
or r15d, -1
or eax, 127
or ecx, 127
or r15d, 127
or eax, -128
or ecx, -128
or r15d, -128
or eax, 4660
or ecx, 4660
or r15d, 4660
or eax, -4660
or ecx, -4660
or r15d, -4660
or eax, 2147483647
or ecx, 2147483647
or r15d, 2147483647
or dword [rbx+4], 3
or dword [rel $+0x100], 0x55
or dword [rbx+4], 0x1234
or rax, rcx
or rcx, rdx
or rdx, r13
or r13, r14
or r14, r15
or r15, rax
or qword [rax], rcx
or qword [rbx+8], rcx
or qword [rbp-8], rcx
or qword [rsp], rcx
or qword [rsp+0x10], rcx
or qword [r12], rcx
or qword [r13], rcx
or qword [r13+0x7f], rcx
or rdx, qword [rax]
or rdx, qword [rbx+8]
or rdx, qword [rbp-8]
or rdx, qword [rsp]
or rdx, qword [rsp+0x10]
or rdx, qword [r12]
or rax, 1
or rcx, 1
or r15, 1
or rax, -1
or rcx, -1
or r15, -1
or rax, 127
or rcx, 127
or r15, 127
or rax, -128
or rcx, -128
or r15, -128
or rax, 4660
or rcx, 4660
or r15, 4660
or rax, -4660
or rcx, -4660
or r15, -4660
or rax, 2147483647
or rcx, 2147483647
or r15, 2147483647
or qword [rbx+4], 3
or qword [rel $+0x100], 0x55
or qword [rbx+4], 0x1234
lock or dword [rax], 5
lock or qword [rdi+8], rcx
adc al, cl
adc cl, dl
adc dl, r9b
adc r9b, r12b
adc r12b, r15b
adc r15b, al
adc byte [rax], cl
adc byte [rbx+8], cl
adc byte [rbp-8], cl
adc byte [rsp], cl
adc byte [rsp+0x10], cl
adc byte [r12], cl
adc byte [r13], cl
adc byte [r13+0x7f], cl
adc dl, byte [rax]
adc dl, byte [rbx+8]
adc dl, byte [rbp-8]
adc dl, byte [rsp]
adc dl, byte [rsp+0x10]
adc dl, byte [r12]
adc al, 1
adc cl, 1
adc r15b, 1
adc al, -1
adc cl, -1
adc r15b, -1
adc al, 127
adc cl, 127
adc r15b, 127
adc al, -128
adc cl, -128
adc r15b, -128
adc byte [rbx+4], 3
adc byte [rel $+0x100], 0x55
adc ax, cx
adc cx, dx
adc dx, r8w
adc r8w, r11w
adc r11w, r15w
adc r15w, ax
adc word [rax], cx
adc word [rbx+8], cx
adc word [rbp-8], cx
adc word [rsp], cx
adc word [rsp+0x10], cx
adc word [r12], cx
adc word [r13], cx
adc word [r13+0x7f], cx
adc dx, word [rax]
adc dx, word [rbx+8]
adc dx, word [rbp-8]
adc dx, word [rsp]
adc dx, word [rsp+0x10]
adc dx, word [r12]
adc ax, 1
adc cx, 1
adc r15w, 1
adc ax, -1
adc cx, -1
adc r15w, -1
adc ax, 127
adc cx, 127
adc r15w, 127
adc ax, -128
adc cx, -128
adc r15w, -128
adc ax, 4660
adc cx, 4660
adc r15w, 4660
adc ax, -4660
adc cx, -4660
adc r15w, -4660
adc word [rbx+4], 3
adc word [rel $+0x100], 0x55
adc word [rbx+4], 0x1234
adc eax, ecx
adc ecx, edx
adc edx, r10d
adc r10d, r13d
adc r13d, r15d
adc r15d, eax
adc dword [rax], ecx
adc dword [rbx+8], ecx
adc dword [rbp-8], ecx
adc dword [rsp], ecx
adc dword [rsp+0x10], ecx
adc dword [r12], ecx
adc dword [r13], ecx
adc dword [r13+0x7f], ecx
adc edx, dword [rax]
adc edx, dword [rbx+8]
adc edx, dword [rbp-8]
adc edx, dword [rsp]
adc edx, dword [rsp+0x10]
adc edx, dword [r12]
adc eax, 1
adc ecx, 1
adc r15d, 1
adc eax, -1
adc ecx, -1
adc r15d, -1
adc eax, 127
adc ecx, 127
adc r15d, 127
adc eax, -128
adc ecx, -128
adc r15d, -128
adc eax, 4660
adc ecx, 4660
adc r15d, 4660
adc eax, -4660
adc ecx, -4660
adc r15d, -4660
adc eax, 2147483647
adc ecx, 2147483647
adc r15d, 2147483647
adc dword [rbx+4], 3
adc dword [rel $+0x100], 0x55
adc dword [rbx+4], 0x1234
adc rax, rcx
adc rcx, rdx
adc rdx, r13
adc r13, r14
adc r14, r15
adc r15, rax
adc qword [rax], rcx
adc qword [rbx+8], rcx
adc qword [rbp-8], rcx
adc qword [rsp], rcx
adc qword [rsp+0x10], rcx
adc qword [r12], rcx
adc qword [r13], rcx
adc qword [r13+0x7f], rcx
adc rdx, qword [rax]
adc rdx, qword [rbx+8]
adc rdx, qword [rbp-8]
adc rdx, qword [rsp]
adc rdx, qword [rsp+0x10]
adc rdx, qword [r12]
adc rax, 1
adc rcx, 1
adc r15, 1
adc rax, -1
adc rcx, -1
adc r15, -1
adc rax, 127
adc rcx, 127
adc r15, 127
adc rax, -128
adc rcx, -128
adc r15, -128
adc rax, 4660
adc rcx, 4660
adc r15, 4660
adc rax, -4660
adc rcx, -4660
adc r15, -4660
adc rax, 2147483647
adc rcx, 2147483647
adc r15, 2147483647
adc qword [rbx+4], 3
adc qword [rel $+0x100], 0x55
adc qword [rbx+4], 0x1234
lock adc dword [rax], 5
lock adc qword [rdi+8], rcx
sbb al, cl
sbb cl, dl
sbb dl, r9b
sbb r9b, r12b
sbb r12b, r15b
sbb r15b, al
sbb byte [rax], cl
sbb byte [rbx+8], cl
sbb byte [rbp-8], cl
sbb byte [rsp], cl
sbb byte [rsp+0x10], cl
sbb byte [r12], cl
sbb byte [r13], cl
sbb byte [r13+0x7f], cl
sbb dl, byte [rax]
sbb dl, byte [rbx+8]
sbb dl, byte [rbp-8]
sbb dl, byte [rsp]
sbb dl, byte [rsp+0x10]
sbb dl, byte [r12]
sbb al, 1
sbb cl, 1
sbb r15b, 1
sbb al, -1
sbb cl, -1
sbb r15b, -1
sbb al, 127
sbb cl, 127
sbb r15b, 127
sbb al, -128
sbb cl, -128
sbb r15b, -128
sbb byte [rbx+4], 3
sbb byte [rel $+0x100], 0x55
sbb ax, cx
sbb cx, dx
sbb dx, r8w
sbb r8w, r11w
sbb r11w, r15w
sbb r15w, ax
sbb word [rax], cx
sbb word [rbx+8], cx
sbb word [rbp-8], cx
sbb word [rsp], cx
sbb word [rsp+0x10], cx
sbb word [r12], cx
sbb word [r13], cx
sbb word [r13+0x7f], cx
sbb dx, word [rax]
sbb dx, word [rbx+8]
sbb dx, word [rbp-8]
sbb dx, word [rsp]
sbb dx, word [rsp+0x10]
sbb dx, word [r12]
sbb ax, 1
sbb cx, 1
sbb r15w, 1
sbb ax, -1
sbb cx, -1
sbb r15w, -1
sbb ax, 127
sbb cx, 127
sbb r15w, 127
sbb ax, -128
sbb cx, -128
sbb r15w, -128
sbb ax, 4660
sbb cx, 4660
sbb r15w, 4660
sbb ax, -4660
sbb cx, -4660
sbb r15w, -4660
sbb word [rbx+4], 3
sbb word [rel $+0x100], 0x55
sbb word [rbx+4], 0x1234
sbb eax, ecx
sbb ecx, edx
sbb edx, r10d
sbb r10d, r13d
sbb r13d, r15d
sbb r15d, eax
sbb dword [rax], ecx
sbb dword [rbx+8], ecx
sbb dword [rbp-8], ecx
sbb dword [rsp], ecx
sbb dword [rsp+0x10], ecx
sbb dword [r12], ecx
sbb dword [r13], ecx
sbb dword [r13+0x7f], ecx
sbb edx, dword [rax]
sbb edx, dword [rbx+8]
sbb edx, dword [rbp-8]
sbb edx, dword [rsp]
sbb edx, dword [rsp+0x10]
sbb edx, dword [r12]
sbb eax, 1
sbb ecx, 1
sbb r15d, 1
sbb eax, -1
sbb ecx, -1
sbb r15d, -1
sbb eax, 127
sbb ecx, 127
sbb r15d, 127
sbb eax, -128
sbb ecx, -128
sbb r15d, -128
sbb eax, 4660
sbb ecx, 4660
sbb r15d, 4660
sbb eax, -4660
sbb ecx, -4660
sbb r15d, -4660
sbb eax, 2147483647
sbb ecx, 2147483647
sbb r15d, 2147483647
sbb dword [rbx+4], 3
sbb dword [rel $+0x100], 0x55
sbb dword [rbx+4], 0x1234
sbb rax, rcx
sbb rcx, rdx
sbb rdx, r13
sbb r13, r14
sbb r14, r15
sbb r15, rax
sbb qword [rax], rcx
sbb qword [rbx+8], rcx
sbb qword [rbp-8], rcx
sbb qword [rsp], rcx
sbb qword [rsp+0x10], rcx
sbb qword [r12], rcx
sbb qword [r13], rcx
sbb qword [r13+0x7f], rcx
sbb rdx, qword [rax]
sbb rdx, qword [rbx+8]
sbb rdx, qword [rbp-8]
sbb rdx, qword [rsp]
sbb rdx, qword [rsp+0x10]
sbb rdx, qword [r12]
sbb rax, 1
sbb rcx, 1
sbb r15, 1
sbb rax, -1
sbb rcx, -1
sbb r15, -1
sbb rax, 127
sbb rcx, 127
sbb r15, 127
sbb rax, -128
sbb rcx, -128
sbb r15, -128
sbb rax, 4660
sbb rcx, 4660
sbb r15, 4660
sbb rax, -4660
sbb rcx, -4660
sbb r15, -4660
sbb rax, 2147483647
sbb rcx, 2147483647
sbb r15, 2147483647
sbb qword [rbx+4], 3
sbb qword [rel $+0x100], 0x55
sbb qword [rbx+4], 0x1234
lock sbb dword [rax], 5
lock sbb qword [rdi+8], rcx
and al, cl
and cl, dl
and dl, r9b
and r9b, r12b
and r12b, r15b
and r15b, al
and byte [rax], cl
and byte [rbx+8], cl
and byte [rbp-8], cl
and byte [rsp], cl
and byte [rsp+0x10], cl
and byte [r12], cl
and byte [r13], cl
and byte [r13+0x7f], cl
and dl, byte [rax]
and dl, byte [rbx+8]
and dl, byte [rbp-8]
and dl, byte [rsp]
and dl, byte [rsp+0x10]
and dl, byte [r12]
and al, 1
and cl, 1
and r15b, 1
and al, -1
and cl, -1
and r15b, -1
and al, 127
and cl, 127
and r15b, 127
and al, -128
and cl, -128
and r15b, -128
and byte [rbx+4], 3
and byte [rel $+0x100], 0x55
and ax, cx
and cx, dx
and dx, r8w
and r8w, r11w
and r11w, r15w
and r15w, ax
and word [rax], cx
and word [rbx+8], cx
and word [rbp-8], cx
and word [rsp], cx
and word [rsp+0x10], cx
and word [r12], cx
and word [r13], cx
and word [r13+0x7f], cx
and dx, word [rax]
and dx, word [rbx+8]
and dx, word [rbp-8]
and dx, word [rsp]
and dx, word [rsp+0x10]
and dx, word [r12]
and ax, 1
and cx, 1
and r15w, 1
and ax, -1
and cx, -1
and r15w, -1
and ax, 127
and cx, 127
and r15w, 127
and ax, -128
and cx, -128
and r15w, -128
and ax, 4660
and cx, 4660
and r15w, 4660
and ax, -4660
and cx, -4660
and r15w, -4660
and word [rbx+4], 3
and word [rel $+0x100], 0x55
and word [rbx+4], 0x1234
and eax, ecx
and ecx, edx
and edx, r10d
and r10d, r13d
and r13d, r15d
and r15d, eax
and dword [rax], ecx
and dword [rbx+8], ecx
and dword [rbp-8], ecx
and dword [rsp], ecx
and dword [rsp+0x10], ecx
and dword [r12], ecx
and dword [r13], ecx
and dword [r13+0x7f], ecx
and edx, dword [rax]
and edx, dword [rbx+8]
and edx, dword [rbp-8]
and edx, dword [rsp]
and edx, dword [rsp+0x10]
and edx, dword [r12]
and eax, 1
and ecx, 1
and r15d, 1
and eax, -1
and ecx, -1
and r15d, -1
and eax, 127
and ecx, 127
and r15d, 127
and eax, -128
and ecx, -128
and r15d, -128
and eax, 4660
and ecx, 4660
and r15d, 4660
and eax, -4660
and ecx, -4660
and r15d, -4660
and eax, 2147483647
and ecx, 2147483647
and r15d, 2147483647
and dword [rbx+4], 3
and dword [rel $+0x100], 0x55
and dword [rbx+4], 0x1234
and rax, rcx
and rcx, rdx
and rdx, r13
and r13, r14
and r14, r15
and r15, rax
and qword [rax], rcx
and qword [rbx+8], rcx
and qword [rbp-8], rcx
and qword [rsp], rcx
and qword [rsp+0x10], rcx
and qword [r12], rcx
and qword [r13], rcx
and qword [r13+0x7f], rcx
and rdx, qword [rax]
and rdx, qword [rbx+8]
and rdx, qword [rbp-8]
and rdx, qword [rsp]
and rdx, qword [rsp+0x10]
and rdx, qword [r12]
and rax, 1
and rcx, 1
and r15, 1
and rax, -1
and rcx, -1
and r15, -1
and rax, 127
and rcx, 127
and r15, 127
and rax, -128
and rcx, -128
and r15, -128
and rax, 4660
and rcx, 4660
and r15, 4660
and rax, -4660
and rcx, -4660
and r15, -4660
and rax, 2147483647
and rcx, 2147483647
and r15, 2147483647
and qword [rbx+4], 3
and qword [rel $+0x100], 0x55
and qword [rbx+4], 0x1234
lock and dword [rax], 5
lock and qword [rdi+8], rcx
sub al, cl
sub cl, dl
sub dl, r9b
sub r9b, r12b
sub r12b, r15b
sub r15b, al
sub byte [rax], cl
sub byte [rbx+8], cl
sub byte [rbp-8], cl
sub byte [rsp], cl
sub byte [rsp+0x10], cl
sub byte [r12], cl
sub byte [r13], cl
sub byte [r13+0x7f], cl
sub dl, byte [rax]
sub dl, byte [rbx+8]
sub dl, byte [rbp-8]
sub dl, byte [rsp]
sub dl, byte [rsp+0x10]
sub dl, byte [r12]
sub al, 1
sub cl, 1
sub r15b, 1
sub al, -1
sub cl, -1
sub r15b, -1
sub al, 127
sub cl, 127
sub r15b, 127
sub al, -128
sub cl, -128
sub r15b, -128
sub byte [rbx+4], 3
sub byte [rel $+0x100], 0x55
sub ax, cx
sub cx, dx
sub dx, r8w
sub r8w, r11w
sub r11w, r15w
sub r15w, ax
sub word [rax], cx
sub word [rbx+8], cx
sub word [rbp-8], cx
sub word [rsp], cx
sub word [rsp+0x10], cx
sub word [r12], cx
sub word [r13], cx
sub word [r13+0x7f], cx
sub dx, word [rax]
sub dx, word [rbx+8]
sub dx, word [rbp-8]
sub dx, word [rsp]
sub dx, word [rsp+0x10]
sub dx, word [r12]
sub ax, 1
sub cx, 1
sub r15w, 1
sub ax, -1
sub cx, -1
sub r15w, -1
sub ax, 127
sub cx, 127
sub r15w, 127
sub ax, -128
sub cx, -128
sub r15w, -128
sub ax, 4660
sub cx, 4660
sub r15w, 4660
sub ax, -4660
sub cx, -4660
sub r15w, -4660
sub word [rbx+4], 3
sub word [rel $+0x100], 0x55
sub word [rbx+4], 0x1234
sub eax, ecx
sub ecx, edx
sub edx, r10d
sub r10d, r13d
sub r13d, r15d
sub r15d, eax
sub dword [rax], ecx
sub dword [rbx+8], ecx
sub dword [rbp-8], ecx
sub dword [rsp], ecx
sub dword [rsp+0x10], ecx
sub dword [r12], ecx
sub dword [r13], ecx
sub dword [r13+0x7f], ecx
sub edx, dword [rax]
sub edx, dword [rbx+8]
sub edx, dword [rbp-8]
sub edx, dword [rsp]
sub edx, dword [rsp+0x10]
sub edx, dword [r12]
sub eax, 1
sub ecx, 1
sub r15d, 1
sub eax, -1
sub ecx, -1
sub r15d, -1
sub eax, 127
sub ecx, 127
sub r15d, 127
sub eax, -128
sub ecx, -128
sub r15d, -128
sub eax, 4660
sub ecx, 4660
sub r15d, 4660
sub eax, -4660
sub ecx, -4660
sub r15d, -4660
sub eax, 2147483647
sub ecx, 2147483647
sub r15d, 2147483647
sub dword [rbx+4], 3
sub dword [rel $+0x100], 0x55
sub dword [rbx+4], 0x1234
sub rax, rcx
sub rcx, rdx
sub rdx, r13
sub r13, r14
sub r14, r15
sub r15, rax
sub qword [rax], rcx
sub qword [rbx+8], rcx
sub qword [rbp-8], rcx
sub qword [rsp], rcx
sub qword [rsp+0x10], rcx
sub qword [r12], rcx
sub qword [r13], rcx
sub qword [r13+0x7f], rcx
sub rdx, qword [rax]
sub rdx, qword [rbx+8]
sub rdx, qword [rbp-8]
sub rdx, qword [rsp]
sub rdx, qword [rsp+0x10]
sub rdx, qword [r12]
sub rax, 1
sub rcx, 1
sub r15, 1
sub rax, -1
sub rcx, -1
sub r15, -1
sub rax, 127
sub rcx, 127
sub r15, 127
sub rax, -128
sub rcx, -128
sub r15, -128
sub rax, 4660
sub rcx, 4660
sub r15, 4660
sub rax, -4660
sub rcx, -4660
sub r15, -4660
sub rax, 2147483647
sub rcx, 2147483647
sub r15, 2147483647
sub qword [rbx+4], 3
sub qword [rel $+0x100], 0x55
sub qword [rbx+4], 0x1234
lock sub dword [rax], 5
lock sub qword [rdi+8], rcx
xor al, cl
xor cl, dl
xor dl, r9b
xor r9b, r12b
xor r12b, r15b
xor r15b, al
xor byte [rax], cl
xor byte [rbx+8], cl
xor byte [rbp-8], cl
xor byte [rsp], cl
xor byte [rsp+0x10], cl
xor byte [r12], cl
xor byte [r13], cl
xor byte [r13+0x7f], cl
xor dl, byte [rax]
xor dl, byte [rbx+8]
xor dl, byte [rbp-8]
xor dl, byte [rsp]
xor dl, byte [rsp+0x10]
xor dl, byte [r12]
xor al, 1
xor cl, 1
xor r15b, 1
xor al, -1
xor cl, -1
xor r15b, -1
xor al, 127
xor cl, 127
xor r15b, 127
xor al, -128
xor cl, -128
xor r15b, -128
xor byte [rbx+4], 3
xor byte [rel $+0x100], 0x55
xor ax, cx
xor cx, dx
xor dx, r8w
xor r8w, r11w
xor r11w, r15w
xor r15w, ax
xor word [rax], cx
xor word [rbx+8], cx
xor word [rbp-8], cx
xor word [rsp], cx
xor word [rsp+0x10], cx
xor word [r12], cx
xor word [r13], cx
xor word [r13+0x7f], cx
xor dx, word [rax]
xor dx, word [rbx+8]
xor dx, word [rbp-8]
xor dx, word [rsp]
xor dx, word [rsp+0x10]
xor dx, word [r12]
xor ax, 1
xor cx, 1
xor r15w, 1
xor ax, -1
xor cx, -1
xor r15w, -1
xor ax, 127
xor cx, 127
xor r15w, 127
xor ax, -128
xor cx, -128
xor r15w, -128
xor ax, 4660
xor cx, 4660
xor r15w, 4660
xor ax, -4660
xor cx, -4660
xor r15w, -4660
xor word [rbx+4], 3
xor word [rel $+0x100], 0x55
xor word [rbx+4], 0x1234
xor eax, ecx
xor ecx, edx
xor edx, r10d
xor r10d, r13d
xor r13d, r15d
xor r15d, eax
xor dword [rax], ecx
xor dword [rbx+8], ecx
xor dword [rbp-8], ecx
xor dword [rsp], ecx
xor dword [rsp+0x10], ecx
xor dword [r12], ecx
xor dword [r13], ecx
xor dword [r13+0x7f], ecx
xor edx, dword [rax]
xor edx, dword [rbx+8]
xor edx, dword [rbp-8]
xor edx, dword [rsp]
xor edx, dword [rsp+0x10]
xor edx, dword [r12]
xor eax, 1
xor ecx, 1
xor r15d, 1
xor eax, -1
xor ecx, -1
xor r15d, -1
xor eax, 127
xor ecx, 127
xor r15d, 127
xor eax, -128
xor ecx, -128
xor r15d, -128
xor eax, 4660
xor ecx, 4660
xor r15d, 4660
xor eax, -4660
xor ecx, -4660
xor r15d, -4660
xor eax, 2147483647
xor ecx, 2147483647
xor r15d, 2147483647
xor dword [rbx+4], 3
xor dword [rel $+0x100], 0x55
xor dword [rbx+4], 0x1234
xor rax, rcx
xor rcx, rdx
xor rdx, r13
xor r13, r14
xor r14, r15
xor r15, rax
xor qword [rax], rcx
xor qword [rbx+8], rcx
xor qword [rbp-8], rcx
xor qword [rsp], rcx
xor qword [rsp+0x10], rcx
xor qword [r12], rcx
xor qword [r13], rcx
xor qword [r13+0x7f], rcx
xor rdx, qword [rax]
xor rdx, qword [rbx+8]
xor rdx, qword [rbp-8]
xor rdx, qword [rsp]
xor rdx, qword [rsp+0x10]
xor rdx, qword [r12]
xor rax, 1
xor rcx, 1
xor r15, 1
xor rax, -1
xor rcx, -1
xor r15, -1
xor rax, 127
xor rcx, 127
xor r15, 127
xor rax, -128
xor rcx, -128
xor r15, -128
xor rax, 4660
xor rcx, 4660
xor r15, 4660
xor rax, -4660
xor rcx, -4660
xor r15, -4660
xor rax, 2147483647
xor rcx, 2147483647
xor r15, 2147483647
xor qword [rbx+4], 3
xor qword [rel $+0x100], 0x55
xor qword [rbx+4], 0x1234
lock xor dword [rax], 5
lock xor qword [rdi+8], rcx
cmp al, cl
cmp cl, dl
cmp dl, r9b
cmp r9b, r12b
cmp r12b, r15b
cmp r15b, al
cmp byte [rax], cl
cmp byte [rbx+8], cl
cmp byte [rbp-8], cl
cmp byte [rsp], cl
cmp byte [rsp+0x10], cl
cmp byte [r12], cl
cmp byte [r13], cl
cmp byte [r13+0x7f], cl
cmp dl, byte [rax]
cmp dl, byte [rbx+8]
cmp dl, byte [rbp-8]
cmp dl, byte [rsp]
cmp dl, byte [rsp+0x10]
cmp dl, byte [r12]
cmp al, 1
cmp cl, 1
cmp r15b, 1
cmp al, -1
cmp cl, -1
cmp r15b, -1
cmp al, 127
cmp cl, 127
cmp r15b, 127
cmp al, -128
cmp cl, -128
cmp r15b, -128
cmp byte [rbx+4], 3
cmp byte [rel $+0x100], 0x55
cmp ax, cx
cmp cx, dx
cmp dx, r8w
cmp r8w, r11w
cmp r11w, r15w
cmp r15w, ax
cmp word [rax], cx
cmp word [rbx+8], cx
cmp word [rbp-8], cx
cmp word [rsp], cx
cmp word [rsp+0x10], cx
cmp word [r12], cx
cmp word [r13], cx
cmp word [r13+0x7f], cx
cmp dx, word [rax]
cmp dx, word [rbx+8]
cmp dx, word [rbp-8]
cmp dx, word [rsp]
cmp dx, word [rsp+0x10]
cmp dx, word [r12]
cmp ax, 1
cmp cx, 1
cmp r15w, 1
cmp ax, -1
cmp cx, -1
cmp r15w, -1
cmp ax, 127
cmp cx, 127
cmp r15w, 127
cmp ax, -128
cmp cx, -128
cmp r15w, -128
cmp ax, 4660
cmp cx, 4660
cmp r15w, 4660
cmp ax, -4660
cmp cx, -4660
cmp r15w, -4660
cmp word [rbx+4], 3
cmp word [rel $+0x100], 0x55
cmp word [rbx+4], 0x1234
cmp eax, ecx
cmp ecx, edx
cmp edx, r10d
cmp r10d, r13d
cmp r13d, r15d
cmp r15d, eax
cmp dword [rax], ecx
cmp dword [rbx+8], ecx
cmp dword [rbp-8], ecx
cmp dword [rsp], ecx
cmp dword [rsp+0x10], ecx
cmp dword [r12], ecx
cmp dword [r13], ecx
cmp dword [r13+0x7f], ecx
cmp edx, dword [rax]
cmp edx, dword [rbx+8]
cmp edx, dword [rbp-8]
cmp edx, dword [rsp]
cmp edx, dword [rsp+0x10]
cmp edx, dword [r12]
cmp eax, 1
cmp ecx, 1
cmp r15d, 1
cmp eax, -1
cmp ecx, -1
cmp r15d, -1
cmp eax, 127
cmp ecx, 127
cmp r15d, 127
cmp eax, -128
cmp ecx, -128
cmp r15d, -128
cmp eax, 4660
cmp ecx, 4660
cmp r15d, 4660
cmp eax, -4660
cmp ecx, -4660
cmp r15d, -4660
cmp eax, 2147483647
cmp ecx, 2147483647
cmp r15d, 2147483647
cmp dword [rbx+4], 3
cmp dword [rel $+0x100], 0x55
cmp dword [rbx+4], 0x1234
cmp rax, rcx
cmp rcx, rdx
cmp rdx, r13
cmp r13, r14
cmp r14, r15
cmp r15, rax
cmp qword [rax], rcx
cmp qword [rbx+8], rcx
cmp qword [rbp-8], rcx
cmp qword [rsp], rcx
cmp qword [rsp+0x10], rcx
cmp qword [r12], rcx
cmp qword [r13], rcx
cmp qword [r13+0x7f], rcx
cmp rdx, qword [rax]
cmp rdx, qword [rbx+8]
cmp rdx, qword [rbp-8]
cmp rdx, qword [rsp]
cmp rdx, qword [rsp+0x10]
cmp rdx, qword [r12]
cmp rax, 1
cmp rcx, 1
cmp r15, 1
cmp rax, -1
cmp rcx, -1
cmp r15, -1
cmp rax, 127
cmp rcx, 127
cmp r15, 127
cmp rax, -128
cmp rcx, -128
cmp r15, -128
cmp rax, 4660
cmp rcx, 4660
cmp r15, 4660
cmp rax, -4660
cmp rcx, -4660
cmp r15, -4660
cmp rax, 2147483647
cmp rcx, 2147483647
cmp r15, 2147483647
cmp qword [rbx+4], 3
cmp qword [rel $+0x100], 0x55
cmp qword [rbx+4], 0x1234
nop
test al, cl
test cl, dl
test dl, r9b
test r9b, r12b
test r12b, r15b
test r15b, al
test byte [rax], cl
test byte [rbx+8], cl
test byte [rbp-8], cl
test byte [rsp], cl
test byte [rsp+0x10], cl
test byte [r12], cl
test byte [r13], cl
test byte [r13+0x7f], cl
test al, 1
test cl, 1
test r15b, 1
test al, -1
test cl, -1
test r15b, -1
test al, 127
test cl, 127
test r15b, 127
test al, -128
test cl, -128
test r15b, -128
test byte [rbx+4], 3
test byte [rel $+0x100], 0x55
test ax, cx
test cx, dx
test dx, r8w
test r8w, r11w
test r11w, r15w
test r15w, ax
test word [rax], cx
test word [rbx+8], cx
test word [rbp-8], cx
test word [rsp], cx
test word [rsp+0x10], cx
test word [r12], cx
test word [r13], cx
test word [r13+0x7f], cx
test ax, 1
test cx, 1
test r15w, 1
test ax, -1
test cx, -1
test r15w, -1
test ax, 127
test cx, 127
test r15w, 127
test ax, -128
test cx, -128
test r15w, -128
test ax, 4660
test cx, 4660
test r15w, 4660
test ax, -4660
test cx, -4660
test r15w, -4660
test word [rbx+4], 3
test word [rel $+0x100], 0x55
test word [rbx+4], 0x1234
test eax, ecx
test ecx, edx
test edx, r10d
test r10d, r13d
test r13d, r15d
test r15d, eax
test dword [rax], ecx
test dword [rbx+8], ecx
test dword [rbp-8], ecx
test dword [rsp], ecx
test dword [rsp+0x10], ecx
test dword [r12], ecx
test dword [r13], ecx
test dword [r13+0x7f], ecx
test eax, 1
test ecx, 1
test r15d, 1
test eax, -1
test ecx, -1
test r15d, -1
test eax, 127
test ecx, 127
test r15d, 127
test eax, -128
test ecx, -128
test r15d, -128
test eax, 4660
test ecx, 4660
test r15d, 4660
test eax, -4660
test ecx, -4660
test r15d, -4660
test eax, 2147483647
test ecx, 2147483647
test r15d, 2147483647
test dword [rbx+4], 3
test dword [rel $+0x100], 0x55
test dword [rbx+4], 0x1234
test rax, rcx
test rcx, rdx
test rdx, r13
test r13, r14
test r14, r15
test r15, rax
test qword [rax], rcx
test qword [rbx+8], rcx
test qword [rbp-8], rcx
test qword [rsp], rcx
test qword [rsp+0x10], rcx
test qword [r12], rcx
test qword [r13], rcx
test qword [r13+0x7f], rcx
test rax, 1
test rcx, 1
test r15, 1
test rax, -1
test rcx, -1
test r15, -1
test rax, 127
test rcx, 127
test r15, 127
test rax, -128
test rcx, -128
test r15, -128
test rax, 4660
test rcx, 4660
test r15, 4660
test rax, -4660
test rcx, -4660
test r15, -4660
test rax, 2147483647
test rcx, 2147483647
test r15, 2147483647
test qword [rbx+4], 3
test qword [rel $+0x100], 0x55
test qword [rbx+4], 0x1234
nop
mov al, cl
mov cl, dl
mov dl, r9b
mov r9b, r12b
mov r12b, r15b
mov r15b, al
mov cl, byte [rax]
mov byte [rax], r15b
mov cl, byte [rbx+8]
mov byte [rbx+8], r15b
mov cl, byte [rbp-8]
mov byte [rbp-8], r15b
mov cl, byte [rsp]
mov byte [rsp], r15b
mov cl, byte [rsp+0x10]
mov byte [rsp+0x10], r15b
mov cl, byte [r12]
mov byte [r12], r15b
mov cl, byte [r13]
mov byte [r13], r15b
mov cl, byte [r13+0x7f]
mov byte [r13+0x7f], r15b
mov cl, byte [rax+rcx]
mov byte [rax+rcx], r15b
mov cl, byte [rbx+rdx*2+1]
mov byte [rbx+rdx*2+1], r15b
mov cl, byte [rsi+r9*4-0x80]
mov byte [rsi+r9*4-0x80], r15b
mov cl, byte [r15+r14*8+0x12345678]
mov byte [r15+r14*8+0x12345678], r15b
mov cl, byte [rcx*8+0x1000]
mov byte [rcx*8+0x1000], r15b
mov cl, byte [0x2000]
mov byte [0x2000], r15b
mov cl, byte [rel $+0x40]
mov byte [rel $+0x40], r15b
mov cl, byte [eax]
mov byte [eax], r15b
mov cl, byte [ebx+ecx*4+4]
mov byte [ebx+ecx*4+4], r15b
mov cl, byte [fs:rax]
mov byte [fs:rax], r15b
mov cl, byte [gs:0x18]
mov byte [gs:0x18], r15b
mov cl, byte [rbp]
mov byte [rbp], r15b
mov al, 0
mov r15b, 0
mov al, 1
mov r15b, 1
mov al, -1
mov r15b, -1
mov al, 127
mov r15b, 127
mov byte [rax], 5
mov byte [r12+rax*2+8], -2
mov ax, cx
mov cx, dx
mov dx, r8w
mov r8w, r11w
mov r11w, r15w
mov r15w, ax
mov cx, word [rax]
mov word [rax], r15w
mov cx, word [rbx+8]
mov word [rbx+8], r15w
mov cx, word [rbp-8]
mov word [rbp-8], r15w
mov cx, word [rsp]
mov word [rsp], r15w
mov cx, word [rsp+0x10]
mov word [rsp+0x10], r15w
mov cx, word [r12]
mov word [r12], r15w
mov cx, word [r13]
mov word [r13], r15w
mov cx, word [r13+0x7f]
mov word [r13+0x7f], r15w
mov cx, word [rax+rcx]
mov word [rax+rcx], r15w
mov cx, word [rbx+rdx*2+1]
mov word [rbx+rdx*2+1], r15w
mov cx, word [rsi+r9*4-0x80]
mov word [rsi+r9*4-0x80], r15w
mov cx, word [r15+r14*8+0x12345678]
mov word [r15+r14*8+0x12345678], r15w
mov cx, word [rcx*8+0x1000]
mov word [rcx*8+0x1000], r15w
mov cx, word [0x2000]
mov word [0x2000], r15w
mov cx, word [rel $+0x40]
mov word [rel $+0x40], r15w
mov cx, word [eax]
mov word [eax], r15w
mov cx, word [ebx+ecx*4+4]
mov word [ebx+ecx*4+4], r15w
mov cx, word [fs:rax]
mov word [fs:rax], r15w
mov cx, word [gs:0x18]
mov word [gs:0x18], r15w
mov cx, word [rbp]
mov word [rbp], r15w
mov ax, 0
mov r15w, 0
mov ax, 1
mov r15w, 1
mov ax, -1
mov r15w, -1
mov ax, 127
mov r15w, 127
mov ax, 4660
mov r15w, 4660
mov word [rax], 5
mov word [r12+rax*2+8], -2
mov eax, ecx
mov ecx, edx
mov edx, r10d
mov r10d, r13d
mov r13d, r15d
mov r15d, eax
mov ecx, dword [rax]
mov dword [rax], r15d
mov ecx, dword [rbx+8]
mov dword [rbx+8], r15d
mov ecx, dword [rbp-8]
mov dword [rbp-8], r15d
mov ecx, dword [rsp]
mov dword [rsp], r15d
mov ecx, dword [rsp+0x10]
mov dword [rsp+0x10], r15d
mov ecx, dword [r12]
mov dword [r12], r15d
mov ecx, dword [r13]
mov dword [r13], r15d
mov ecx, dword [r13+0x7f]
mov dword [r13+0x7f], r15d
mov ecx, dword [rax+rcx]
mov dword [rax+rcx], r15d
mov ecx, dword [rbx+rdx*2+1]
mov dword [rbx+rdx*2+1], r15d
mov ecx, dword [rsi+r9*4-0x80]
mov dword [rsi+r9*4-0x80], r15d
mov ecx, dword [r15+r14*8+0x12345678]
mov dword [r15+r14*8+0x12345678], r15d
mov ecx, dword [rcx*8+0x1000]
mov dword [rcx*8+0x1000], r15d
mov ecx, dword [0x2000]
mov dword [0x2000], r15d
mov ecx, dword [rel $+0x40]
mov dword [rel $+0x40], r15d
mov ecx, dword [eax]
mov dword [eax], r15d
mov ecx, dword [ebx+ecx*4+4]
mov dword [ebx+ecx*4+4], r15d
mov ecx, dword [fs:rax]
mov dword [fs:rax], r15d
mov ecx, dword [gs:0x18]
mov dword [gs:0x18], r15d
mov ecx, dword [rbp]
mov dword [rbp], r15d
mov eax, 0
mov r15d, 0
mov eax, 1
mov r15d, 1
mov eax, -1
mov r15d, -1
mov eax, 127
mov r15d, 127
mov eax, 4660
mov r15d, 4660
mov dword [rax], 5
mov dword [r12+rax*2+8], -2
mov rax, rcx
mov rcx, rdx
mov rdx, r13
mov r13, r14
mov r14, r15
mov r15, rax
mov rcx, qword [rax]
mov qword [rax], r15
mov rcx, qword [rbx+8]
mov qword [rbx+8], r15
mov rcx, qword [rbp-8]
mov qword [rbp-8], r15
mov rcx, qword [rsp]
mov qword [rsp], r15
mov rcx, qword [rsp+0x10]
mov qword [rsp+0x10], r15
mov rcx, qword [r12]
mov qword [r12], r15
mov rcx, qword [r13]
mov qword [r13], r15
mov rcx, qword [r13+0x7f]
mov qword [r13+0x7f], r15
mov rcx, qword [rax+rcx]
mov qword [rax+rcx], r15
mov rcx, qword [rbx+rdx*2+1]
mov qword [rbx+rdx*2+1], r15
mov rcx, qword [rsi+r9*4-0x80]
mov qword [rsi+r9*4-0x80], r15
mov rcx, qword [r15+r14*8+0x12345678]
mov qword [r15+r14*8+0x12345678], r15
mov rcx, qword [rcx*8+0x1000]
mov qword [rcx*8+0x1000], r15
mov rcx, qword [0x2000]
mov qword [0x2000], r15
mov rcx, qword [rel $+0x40]
mov qword [rel $+0x40], r15
mov rcx, qword [eax]
mov qword [eax], r15
mov rcx, qword [ebx+ecx*4+4]
mov qword [ebx+ecx*4+4], r15
mov rcx, qword [fs:rax]
mov qword [fs:rax], r15
mov rcx, qword [gs:0x18]
mov qword [gs:0x18], r15
mov rcx, qword [rbp]
mov qword [rbp], r15
mov rax, 0
mov r15, 0
mov rax, 1
mov r15, 1
mov rax, -1
mov r15, -1
mov rax, 127
mov r15, 127
mov rax, 4660
mov r15, 4660
mov qword [rax], 5
mov qword [r12+rax*2+8], -2
mov rax, 0x123456789abcdef0
mov r11, 0x8000000000000000
mov rcx, strict qword 5
mov eax, 0xffffffff
mov r9d, 0x80000000
mov al, [qword 0x1234]
mov ax, [qword 0x1234]
mov eax, [qword 0x123456789]
mov rax, [qword 0x1234]
mov [qword 0x1234], al
mov [qword 0x1234], rax
mov rax, cr0
mov cr0, rbx
mov r9, cr0
mov cr0, r14
mov rax, cr2
mov cr2, rbx
mov r9, cr2
mov cr2, r14
mov rax, cr3
mov cr3, rbx
mov r9, cr3
mov cr3, r14
mov rax, cr4
mov cr4, rbx
mov r9, cr4
mov cr4, r14
mov rax, cr8
mov cr8, rbx
mov r9, cr8
mov cr8, r14
mov es, ax
mov es, word [rax]
mov es, r9d
mov ss, ax
mov ss, word [rax]
mov ss, r9d
mov ds, ax
mov ds, word [rax]
mov ds, r9d
mov fs, ax
mov fs, word [rax]
mov fs, r9d
mov gs, ax
mov gs, word [rax]
mov gs, r9d
mov ax, es
mov eax, es
mov word [rbx], es
mov r10, es
mov ax, cs
mov eax, cs
mov word [rbx], cs
mov r10, cs
mov ax, ss
mov eax, ss
mov word [rbx], ss
mov r10, ss
mov ax, ds
mov eax, ds
mov word [rbx], ds
mov r10, ds
mov ax, fs
mov eax, fs
mov word [rbx], fs
mov r10, fs
mov ax, gs
mov eax, gs
mov word [rbx], gs
mov r10, gs
movzx ax, cl
movzx r15w, r15b
movzx dx, byte [rsi+4]
movsx ax, cl
movsx r15w, r15b
movsx dx, byte [rsi+4]
movzx eax, cl
movzx r15d, r15b
movzx edx, byte [rsi+4]
movsx eax, cl
movsx r15d, r15b
movsx edx, byte [rsi+4]
movzx rax, cl
movzx r15, r15b
movzx rdx, byte [rsi+4]
movsx rax, cl
movsx r15, r15b
movsx rdx, byte [rsi+4]
movzx eax, cx
movzx r15d, r15w
movzx edx, word [rsi+4]
movsx eax, cx
movsx r15d, r15w
movsx edx, word [rsi+4]
movzx rax, cx
movzx r15, r15w
movzx rdx, word [rsi+4]
movsx rax, cx
movsx r15, r15w
movsx rdx, word [rsi+4]
movzx eax, ah
movsx ecx, bh
movsxd rax, ecx
movsxd r8, dword [rbx]
movsxd rdx, r15d
lea rax, [rax]
lea rax, [rbx+8]
lea rax, [rbp-8]
lea rax, [rsp]
lea rax, [rsp+0x10]
lea rax, [r12]
lea rax, [r13]
lea rax, [r13+0x7f]
lea rax, [rax+rcx]
lea rax, [rbx+rdx*2+1]
lea rax, [rsi+r9*4-0x80]
lea rax, [r15+r14*8+0x12345678]
lea rax, [rcx*8+0x1000]
lea rax, [0x2000]
lea rax, [rel $+0x40]
lea rax, [eax]
lea rax, [ebx+ecx*4+4]
lea rax, [fs:rax]
lea rax, [gs:0x18]
lea rax, [rbp]
lea eax, [rbx+rcx]
lea r10, [rel $+0x100]
lea ax, [rbx]
xchg al, cl
xchg cl, r15b
xchg byte [rax], dl
xchg dl, byte [rbx+8]
xchg ax, cx
xchg cx, r15w
xchg word [rax], dx
xchg dx, word [rbx+8]
xchg eax, ecx
xchg ecx, r15d
xchg dword [rax], edx
xchg edx, dword [rbx+8]
xchg rax, rcx
xchg rcx, r15
xchg qword [rax], rdx
xchg rdx, qword [rbx+8]
xchg rax, r8
xchg eax, ebx
xchg ax, r9w
xchg eax, eax
xchg r8, rax
push rax
pop rax
push rcx
pop rcx
push rdx
pop rdx
push rbx
pop rbx
push rsp
pop rsp
push rbp
pop rbp
push rsi
pop rsi
push rdi
pop rdi
push r8
pop r8
push r9
pop r9
push r10
pop r10
push r11
pop r11
push r12
pop r12
push r13
pop r13
push r14
pop r14
push r15
pop r15
push ax
pop ax
push r9w
pop r9w
push qword [rax]
pop qword [rax]
push qword [rbx+8]
pop qword [rbx+8]
push qword [rbp-8]
pop qword [rbp-8]
push qword [rsp]
pop qword [rsp]
push qword [rsp+0x10]
pop qword [rsp+0x10]
push qword [r12]
pop qword [r12]
push word [rax]
pop word [rax]
push 0
push 5
push -5
push 127
push 128
push 4096
push -4096
push 2147483647
push word 5
push word 0x1234
pushfq
popfq
pushf
popf
leave
cmovo rax, rbx
cmovo r9d, dword [rcx]
cmovo dx, r10w
seto al
seto ah
seto r15b
seto byte [rdi]
seto sil
jo $+0x10
jo $-0x10
jo near $+0x1000
jo near $-0x2000
cmovno rax, rbx
cmovno r9d, dword [rcx]
cmovno dx, r10w
setno al
setno ah
setno r15b
setno byte [rdi]
setno sil
jno $+0x10
jno $-0x10
jno near $+0x1000
jno near $-0x2000
cmovb rax, rbx
cmovb r9d, dword [rcx]
cmovb dx, r10w
setb al
setb ah
setb r15b
setb byte [rdi]
setb sil
jb $+0x10
jb $-0x10
jb near $+0x1000
jb near $-0x2000
cmovae rax, rbx
cmovae r9d, dword [rcx]
cmovae dx, r10w
setae al
setae ah
setae r15b
setae byte [rdi]
setae sil
jae $+0x10
jae $-0x10
jae near $+0x1000
jae near $-0x2000
cmove rax, rbx
cmove r9d, dword [rcx]
cmove dx, r10w
sete al
sete ah
sete r15b
sete byte [rdi]
sete sil
je $+0x10
je $-0x10
je near $+0x1000
je near $-0x2000
cmovne rax, rbx
cmovne r9d, dword [rcx]
cmovne dx, r10w
setne al
setne ah
setne r15b
setne byte [rdi]
setne sil
jne $+0x10
jne $-0x10
jne near $+0x1000
jne near $-0x2000
cmovbe rax, rbx
cmovbe r9d, dword [rcx]
cmovbe dx, r10w
setbe al
setbe ah
setbe r15b
setbe byte [rdi]
setbe sil
jbe $+0x10
jbe $-0x10
jbe near $+0x1000
jbe near $-0x2000
cmova rax, rbx
cmova r9d, dword [rcx]
cmova dx, r10w
seta al
seta ah
seta r15b
seta byte [rdi]
seta sil
ja $+0x10
ja $-0x10
ja near $+0x1000
ja near $-0x2000
cmovs rax, rbx
cmovs r9d, dword [rcx]
cmovs dx, r10w
sets al
sets ah
sets r15b
sets byte [rdi]
sets sil
js $+0x10
js $-0x10
js near $+0x1000
js near $-0x2000
cmovns rax, rbx
cmovns r9d, dword [rcx]
cmovns dx, r10w
setns al
setns ah
setns r15b
setns byte [rdi]
setns sil
jns $+0x10
jns $-0x10
jns near $+0x1000
jns near $-0x2000
cmovp rax, rbx
cmovp r9d, dword [rcx]
cmovp dx, r10w
setp al
setp ah
setp r15b
setp byte [rdi]
setp sil
jp $+0x10
jp $-0x10
jp near $+0x1000
jp near $-0x2000
cmovnp rax, rbx
cmovnp r9d, dword [rcx]
cmovnp dx, r10w
setnp al
setnp ah
setnp r15b
setnp byte [rdi]
setnp sil
jnp $+0x10
jnp $-0x10
jnp near $+0x1000
jnp near $-0x2000
cmovl rax, rbx
cmovl r9d, dword [rcx]
cmovl dx, r10w
setl al
setl ah
setl r15b
setl byte [rdi]
setl sil
jl $+0x10
jl $-0x10
jl near $+0x1000
jl near $-0x2000
cmovge rax, rbx
cmovge r9d, dword [rcx]
cmovge dx, r10w
setge al
setge ah
setge r15b
setge byte [rdi]
setge sil
jge $+0x10
jge $-0x10
jge near $+0x1000
jge near $-0x2000
cmovle rax, rbx
cmovle r9d, dword [rcx]
cmovle dx, r10w
setle al
setle ah
setle r15b
setle byte [rdi]
setle sil
jle $+0x10
jle $-0x10
jle near $+0x1000
jle near $-0x2000
cmovg rax, rbx
cmovg r9d, dword [rcx]
cmovg dx, r10w
setg al
setg ah
setg r15b
setg byte [rdi]
setg sil
jg $+0x10
jg $-0x10
jg near $+0x1000
jg near $-0x2000
cmovc rax, rbx
cmovc r9d, dword [rcx]
cmovc dx, r10w
setc al
setc ah
setc r15b
setc byte [rdi]
setc sil
jc $+0x10
jc $-0x10
jc near $+0x1000
jc near $-0x2000
cmovnc rax, rbx
cmovnc r9d, dword [rcx]
cmovnc dx, r10w
setnc al
setnc ah
setnc r15b
setnc byte [rdi]
setnc sil
jnc $+0x10
jnc $-0x10
jnc near $+0x1000
jnc near $-0x2000
cmovz rax, rbx
cmovz r9d, dword [rcx]
cmovz dx, r10w
setz al
setz ah
setz r15b
setz byte [rdi]
setz sil
jz $+0x10
jz $-0x10
jz near $+0x1000
jz near $-0x2000
cmovnz rax, rbx
cmovnz r9d, dword [rcx]
cmovnz dx, r10w
setnz al
setnz ah
setnz r15b
setnz byte [rdi]
setnz sil
jnz $+0x10
jnz $-0x10
jnz near $+0x1000
jnz near $-0x2000
cmovna rax, rbx
cmovna r9d, dword [rcx]
cmovna dx, r10w
setna al
setna ah
setna r15b
setna byte [rdi]
setna sil
jna $+0x10
jna $-0x10
jna near $+0x1000
jna near $-0x2000
cmovnbe rax, rbx
cmovnbe r9d, dword [rcx]
cmovnbe dx, r10w
setnbe al
setnbe ah
setnbe r15b
setnbe byte [rdi]
setnbe sil
jnbe $+0x10
jnbe $-0x10
jnbe near $+0x1000
jnbe near $-0x2000
bswap eax
bswap ecx
bswap r8d
bswap r15d
bswap rax
bswap rdx
bswap r9
bswap r15
inc al
inc r9b
inc r15b
inc byte [rbx+rcx*4+8]
inc ax
inc r8w
inc r15w
inc word [rbx+rcx*4+8]
inc eax
inc r10d
inc r15d
inc dword [rbx+rcx*4+8]
inc rax
inc r13
inc r15
inc qword [rbx+rcx*4+8]
lock inc qword [rax]
dec al
dec r9b
dec r15b
dec byte [rbx+rcx*4+8]
dec ax
dec r8w
dec r15w
dec word [rbx+rcx*4+8]
dec eax
dec r10d
dec r15d
dec dword [rbx+rcx*4+8]
dec rax
dec r13
dec r15
dec qword [rbx+rcx*4+8]
lock dec qword [rax]
neg al
neg r9b
neg r15b
neg byte [rbx+rcx*4+8]
neg ax
neg r8w
neg r15w
neg word [rbx+rcx*4+8]
neg eax
neg r10d
neg r15d
neg dword [rbx+rcx*4+8]
neg rax
neg r13
neg r15
neg qword [rbx+rcx*4+8]
lock neg qword [rax]
not al
not r9b
not r15b
not byte [rbx+rcx*4+8]
not ax
not r8w
not r15w
not word [rbx+rcx*4+8]
not eax
not r10d
not r15d
not dword [rbx+rcx*4+8]
not rax
not r13
not r15
not qword [rbx+rcx*4+8]
lock not qword [rax]
mul al
mul r9b
mul r15b
mul byte [rbx+rcx*4+8]
mul ax
mul r8w
mul r15w
mul word [rbx+rcx*4+8]
mul eax
mul r10d
mul r15d
mul dword [rbx+rcx*4+8]
mul rax
mul r13
mul r15
mul qword [rbx+rcx*4+8]
imul al
imul r9b
imul r15b
imul byte [rbx+rcx*4+8]
imul ax
imul r8w
imul r15w
imul word [rbx+rcx*4+8]
imul eax
imul r10d
imul r15d
imul dword [rbx+rcx*4+8]
imul rax
imul r13
imul r15
imul qword [rbx+rcx*4+8]
div al
div r9b
div r15b
div byte [rbx+rcx*4+8]
div ax
div r8w
div r15w
div word [rbx+rcx*4+8]
div eax
div r10d
div r15d
div dword [rbx+rcx*4+8]
div rax
div r13
div r15
div qword [rbx+rcx*4+8]
idiv al
idiv r9b
idiv r15b
idiv byte [rbx+rcx*4+8]
idiv ax
idiv r8w
idiv r15w
idiv word [rbx+rcx*4+8]
idiv eax
idiv r10d
idiv r15d
idiv dword [rbx+rcx*4+8]
idiv rax
idiv r13
idiv r15
idiv qword [rbx+rcx*4+8]
imul ax, cx
imul r15w, word [rsi]
imul ax, cx, 3
imul r15w, word [rdi+8], 3
imul ax, cx, -3
imul r15w, word [rdi+8], -3
imul ax, cx, 4660
imul r15w, word [rdi+8], 4660
imul ax, cx, -4660
imul r15w, word [rdi+8], -4660
imul eax, ecx
imul r15d, dword [rsi]
imul eax, ecx, 3
imul r15d, dword [rdi+8], 3
imul eax, ecx, -3
imul r15d, dword [rdi+8], -3
imul eax, ecx, 4660
imul r15d, dword [rdi+8], 4660
imul eax, ecx, -4660
imul r15d, dword [rdi+8], -4660
imul rax, rcx
imul r15, qword [rsi]
imul rax, rcx, 3
imul r15, qword [rdi+8], 3
imul rax, rcx, -3
imul r15, qword [rdi+8], -3
imul rax, rcx, 4660
imul r15, qword [rdi+8], 4660
imul rax, rcx, -4660
imul r15, qword [rdi+8], -4660
rol al, 1
rol al, 5
rol al, cl
rol r15b, 1
rol r15b, 5
rol r15b, cl
rol byte [rax], 1
rol byte [rax+8], 3
rol byte [rax], cl
rol ax, 1
rol ax, 5
rol ax, cl
rol r15w, 1
rol r15w, 5
rol r15w, cl
rol word [rax], 1
rol word [rax+8], 3
rol word [rax], cl
rol eax, 1
rol eax, 5
rol eax, cl
rol r15d, 1
rol r15d, 5
rol r15d, cl
rol dword [rax], 1
rol dword [rax+8], 3
rol dword [rax], cl
rol rax, 1
rol rax, 5
rol rax, cl
rol r15, 1
rol r15, 5
rol r15, cl
rol qword [rax], 1
rol qword [rax+8], 3
rol qword [rax], cl
ror al, 1
ror al, 5
ror al, cl
ror r15b, 1
ror r15b, 5
ror r15b, cl
ror byte [rax], 1
ror byte [rax+8], 3
ror byte [rax], cl
ror ax, 1
ror ax, 5
ror ax, cl
ror r15w, 1
ror r15w, 5
ror r15w, cl
ror word [rax], 1
ror word [rax+8], 3
ror word [rax], cl
ror eax, 1
ror eax, 5
ror eax, cl
ror r15d, 1
ror r15d, 5
ror r15d, cl
ror dword [rax], 1
ror dword [rax+8], 3
ror dword [rax], cl
ror rax, 1
ror rax, 5
ror rax, cl
ror r15, 1
ror r15, 5
ror r15, cl
ror qword [rax], 1
ror qword [rax+8], 3
ror qword [rax], cl
rcl al, 1
rcl al, 5
rcl al, cl
rcl r15b, 1
rcl r15b, 5
rcl r15b, cl
rcl byte [rax], 1
rcl byte [rax+8], 3
rcl byte [rax], cl
rcl ax, 1
rcl ax, 5
rcl ax, cl
rcl r15w, 1
rcl r15w, 5
rcl r15w, cl
rcl word [rax], 1
rcl word [rax+8], 3
rcl word [rax], cl
rcl eax, 1
rcl eax, 5
rcl eax, cl
rcl r15d, 1
rcl r15d, 5
rcl r15d, cl
rcl dword [rax], 1
rcl dword [rax+8], 3
rcl dword [rax], cl
rcl rax, 1
rcl rax, 5
rcl rax, cl
rcl r15, 1
rcl r15, 5
rcl r15, cl
rcl qword [rax], 1
rcl qword [rax+8], 3
rcl qword [rax], cl
rcr al, 1
rcr al, 5
rcr al, cl
rcr r15b, 1
rcr r15b, 5
rcr r15b, cl
rcr byte [rax], 1
rcr byte [rax+8], 3
rcr byte [rax], cl
rcr ax, 1
rcr ax, 5
rcr ax, cl
rcr r15w, 1
rcr r15w, 5
rcr r15w, cl
rcr word [rax], 1
rcr word [rax+8], 3
rcr word [rax], cl
rcr eax, 1
rcr eax, 5
rcr eax, cl
rcr r15d, 1
rcr r15d, 5
rcr r15d, cl
rcr dword [rax], 1
rcr dword [rax+8], 3
rcr dword [rax], cl
rcr rax, 1
rcr rax, 5
rcr rax, cl
rcr r15, 1
rcr r15, 5
rcr r15, cl
rcr qword [rax], 1
rcr qword [rax+8], 3
rcr qword [rax], cl
shl al, 1
shl al, 5
shl al, cl
shl r15b, 1
shl r15b, 5
shl r15b, cl
shl byte [rax], 1
shl byte [rax+8], 3
shl byte [rax], cl
shl ax, 1
shl ax, 5
shl ax, cl
shl r15w, 1
shl r15w, 5
shl r15w, cl
shl word [rax], 1
shl word [rax+8], 3
shl word [rax], cl
shl eax, 1
shl eax, 5
shl eax, cl
shl r15d, 1
shl r15d, 5
shl r15d, cl
shl dword [rax], 1
shl dword [rax+8], 3
shl dword [rax], cl
shl rax, 1
shl rax, 5
shl rax, cl
shl r15, 1
shl r15, 5
shl r15, cl
shl qword [rax], 1
shl qword [rax+8], 3
shl qword [rax], cl
sal al, 1
sal al, 5
sal al, cl
sal r15b, 1
sal r15b, 5
sal r15b, cl
sal byte [rax], 1
sal byte [rax+8], 3
sal byte [rax], cl
sal ax, 1
sal ax, 5
sal ax, cl
sal r15w, 1
sal r15w, 5
sal r15w, cl
sal word [rax], 1
sal word [rax+8], 3
sal word [rax], cl
sal eax, 1
sal eax, 5
sal eax, cl
sal r15d, 1
sal r15d, 5
sal r15d, cl
sal dword [rax], 1
sal dword [rax+8], 3
sal dword [rax], cl
sal rax, 1
sal rax, 5
sal rax, cl
sal r15, 1
sal r15, 5
sal r15, cl
sal qword [rax], 1
sal qword [rax+8], 3
sal qword [rax], cl
shr al, 1
shr al, 5
shr al, cl
shr r15b, 1
shr r15b, 5
shr r15b, cl
shr byte [rax], 1
shr byte [rax+8], 3
shr byte [rax], cl
shr ax, 1
shr ax, 5
shr ax, cl
shr r15w, 1
shr r15w, 5
shr r15w, cl
shr word [rax], 1
shr word [rax+8], 3
shr word [rax], cl
shr eax, 1
shr eax, 5
shr eax, cl
shr r15d, 1
shr r15d, 5
shr r15d, cl
shr dword [rax], 1
shr dword [rax+8], 3
shr dword [rax], cl
shr rax, 1
shr rax, 5
shr rax, cl
shr r15, 1
shr r15, 5
shr r15, cl
shr qword [rax], 1
shr qword [rax+8], 3
shr qword [rax], cl
sar al, 1
sar al, 5
sar al, cl
sar r15b, 1
sar r15b, 5
sar r15b, cl
sar byte [rax], 1
sar byte [rax+8], 3
sar byte [rax], cl
sar ax, 1
sar ax, 5
sar ax, cl
sar r15w, 1
sar r15w, 5
sar r15w, cl
sar word [rax], 1
sar word [rax+8], 3
sar word [rax], cl
sar eax, 1
sar eax, 5
sar eax, cl
sar r15d, 1
sar r15d, 5
sar r15d, cl
sar dword [rax], 1
sar dword [rax+8], 3
sar dword [rax], cl
sar rax, 1
sar rax, 5
sar rax, cl
sar r15, 1
sar r15, 5
sar r15, cl
sar qword [rax], 1
sar qword [rax+8], 3
sar qword [rax], cl
bt ax, cx
bt word [rax], r15w
bt r15w, 7
bt word [rbx+4], 3
bt eax, ecx
bt dword [rax], r15d
bt r15d, 7
bt dword [rbx+4], 3
bt rax, rcx
bt qword [rax], r15
bt r15, 7
bt qword [rbx+4], 3
bts ax, cx
bts word [rax], r15w
bts r15w, 7
bts word [rbx+4], 3
bts eax, ecx
bts dword [rax], r15d
bts r15d, 7
bts dword [rbx+4], 3
bts rax, rcx
bts qword [rax], r15
bts r15, 7
bts qword [rbx+4], 3
lock bts qword [rax], rcx
lock bts dword [rax], 4
btr ax, cx
btr word [rax], r15w
btr r15w, 7
btr word [rbx+4], 3
btr eax, ecx
btr dword [rax], r15d
btr r15d, 7
btr dword [rbx+4], 3
btr rax, rcx
btr qword [rax], r15
btr r15, 7
btr qword [rbx+4], 3
lock btr qword [rax], rcx
lock btr dword [rax], 4
btc ax, cx
btc word [rax], r15w
btc r15w, 7
btc word [rbx+4], 3
btc eax, ecx
btc dword [rax], r15d
btc r15d, 7
btc dword [rbx+4], 3
btc rax, rcx
btc qword [rax], r15
btc r15, 7
btc qword [rbx+4], 3
lock btc qword [rax], rcx
lock btc dword [rax], 4
bsf ax, cx
bsf r15w, word [rsi]
bsf eax, ecx
bsf r15d, dword [rsi]
bsf rax, rcx
bsf r15, qword [rsi]
bsr ax, cx
bsr r15w, word [rsi]
bsr eax, ecx
bsr r15d, dword [rsi]
bsr rax, rcx
bsr r15, qword [rsi]
cbw
cwde
cdqe
cwd
cdq
cqo
jmp $+2
jmp $-0x40
jmp near $+0x1234
jmp near $-0x1234
call $+0x100
call $-0x100
jmp rax
call rax
jmp r11
call r11
jmp qword [rax]
call qword [rax]
jmp qword [rbx+8]
call qword [rbx+8]
jmp qword [rbp-8]
call qword [rbp-8]
jmp qword [rsp]
call qword [rsp]
jmp qword [rsp+0x10]
call qword [rsp+0x10]
jmp qword [r12]
call qword [r12]
ret
ret 8
ret 0x1234
loop $+0x20
loop $-0x20
loope $+0x20
loope $-0x20
loopne $+0x20
loopne $-0x20
loopz $+0x20
loopz $-0x20
loopnz $+0x20
loopnz $-0x20
jrcxz $+0x20
jrcxz $-0x20
jecxz $+0x10
movsb
rep movsb
movsw
rep movsw
movsd
rep movsd
movsq
rep movsq
stosb
rep stosb
stosw
rep stosw
stosd
rep stosd
stosq
rep stosq
lodsb
rep lodsb
lodsw
rep lodsw
lodsd
rep lodsd
lodsq
rep lodsq
cmpsb
repe cmpsb
repne cmpsb
cmpsw
repe cmpsw
repne cmpsw
cmpsd
repe cmpsd
repne cmpsd
cmpsq
repe cmpsq
repne cmpsq
scasb
repe scasb
repne scasb
scasw
repe scasw
repne scasw
scasd
repe scasd
repne scasd
scasq
repe scasq
repne scasq
a32 movsb
fs movsq
hlt
cpuid
rdtsc
rdmsr
wrmsr
iretq
cli
sti
clc
stc
cmc
cld
std
int3
nop
pause
ud2
vmcall
mfence
lfence
sfence
in al, 0xe9
in ax, 0x60
in eax, 0xf4
in al, dx
in ax, dx
in eax, dx
out 0xe9, al
out 0xf4, ax
out 0xf4, eax
out dx, al
out dx, ax
out dx, eax
lgdt [rax]
lidt [rax]
sgdt [rax]
sidt [rax]
invlpg [rax]
lgdt [rbx+8]
lidt [rbx+8]
sgdt [rbx+8]
sidt [rbx+8]
invlpg [rbx+8]
lgdt [rel $+0x100]
lidt [rel $+0x100]
sgdt [rel $+0x100]
sidt [rel $+0x100]
invlpg [rel $+0x100]
lgdt [0x5000]
lidt [0x5000]
sgdt [0x5000]
sidt [0x5000]
invlpg [0x5000]
invpcid rax, [rbx]
invpcid r9, [r10+8]
int 0x80
int 3
int 0
int 0xff
nop eax
nop dword [rax]
nop word [rax+rax+0]
nop dword [rax+0]
nop dword [rax+rax*1+0]
nop dword [rax+0x12345678]
nop qword [rax]
db 0x0f, 0x1f, 0x44, 0x00, 0x00
db 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00
db 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00
db 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
db 0x66, 0x90
