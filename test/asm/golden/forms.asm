; Golden corpus for the instruction encoder: one instruction per line, each
; assembled on its own by NASM 2.16.01 after `bits 64` / `org 0x100000`, its
; bytes (or its error) recorded in forms.expected.json.
; Re-record: node scripts/gen-golden.mjs   (needs nasm on PATH)
; Lines NASM rejects are kept on purpose: they pin the error messages.
; ---- effective addresses (mov r32, m)
mov eax, [rax]
mov eax, [rax+1]
mov eax, [rax-128]
mov eax, [rax+128]
mov eax, [rax+0x7fffffff]
mov eax, [rcx]
mov eax, [rcx+1]
mov eax, [rcx-128]
mov eax, [rcx+128]
mov eax, [rcx+0x7fffffff]
mov eax, [rdx]
mov eax, [rdx+1]
mov eax, [rdx-128]
mov eax, [rdx+128]
mov eax, [rdx+0x7fffffff]
mov eax, [rbx]
mov eax, [rbx+1]
mov eax, [rbx-128]
mov eax, [rbx+128]
mov eax, [rbx+0x7fffffff]
mov eax, [rsp]
mov eax, [rsp+1]
mov eax, [rsp-128]
mov eax, [rsp+128]
mov eax, [rsp+0x7fffffff]
mov eax, [rbp]
mov eax, [rbp+1]
mov eax, [rbp-128]
mov eax, [rbp+128]
mov eax, [rbp+0x7fffffff]
mov eax, [rsi]
mov eax, [rsi+1]
mov eax, [rsi-128]
mov eax, [rsi+128]
mov eax, [rsi+0x7fffffff]
mov eax, [rdi]
mov eax, [rdi+1]
mov eax, [rdi-128]
mov eax, [rdi+128]
mov eax, [rdi+0x7fffffff]
mov eax, [r8]
mov eax, [r8+1]
mov eax, [r8-128]
mov eax, [r8+128]
mov eax, [r8+0x7fffffff]
mov eax, [r9]
mov eax, [r9+1]
mov eax, [r9-128]
mov eax, [r9+128]
mov eax, [r9+0x7fffffff]
mov eax, [r10]
mov eax, [r10+1]
mov eax, [r10-128]
mov eax, [r10+128]
mov eax, [r10+0x7fffffff]
mov eax, [r11]
mov eax, [r11+1]
mov eax, [r11-128]
mov eax, [r11+128]
mov eax, [r11+0x7fffffff]
mov eax, [r12]
mov eax, [r12+1]
mov eax, [r12-128]
mov eax, [r12+128]
mov eax, [r12+0x7fffffff]
mov eax, [r13]
mov eax, [r13+1]
mov eax, [r13-128]
mov eax, [r13+128]
mov eax, [r13+0x7fffffff]
mov eax, [r14]
mov eax, [r14+1]
mov eax, [r14-128]
mov eax, [r14+128]
mov eax, [r14+0x7fffffff]
mov eax, [r15]
mov eax, [r15+1]
mov eax, [r15-128]
mov eax, [r15+128]
mov eax, [r15+0x7fffffff]
mov ecx, [rbx+rax*1]
mov ecx, [rbp+rax*1+8]
mov ecx, [r13+rax*1]
mov ecx, [rax*1+0x1000]
mov ecx, [rbx+rax*2]
mov ecx, [rbp+rax*2+8]
mov ecx, [r13+rax*2]
mov ecx, [rax*2+0x1000]
mov ecx, [rbx+rax*4]
mov ecx, [rbp+rax*4+8]
mov ecx, [r13+rax*4]
mov ecx, [rax*4+0x1000]
mov ecx, [rbx+rax*8]
mov ecx, [rbp+rax*8+8]
mov ecx, [r13+rax*8]
mov ecx, [rax*8+0x1000]
mov ecx, [rbx+rcx*1]
mov ecx, [rbp+rcx*1+8]
mov ecx, [r13+rcx*1]
mov ecx, [rcx*1+0x1000]
mov ecx, [rbx+rcx*2]
mov ecx, [rbp+rcx*2+8]
mov ecx, [r13+rcx*2]
mov ecx, [rcx*2+0x1000]
mov ecx, [rbx+rcx*4]
mov ecx, [rbp+rcx*4+8]
mov ecx, [r13+rcx*4]
mov ecx, [rcx*4+0x1000]
mov ecx, [rbx+rcx*8]
mov ecx, [rbp+rcx*8+8]
mov ecx, [r13+rcx*8]
mov ecx, [rcx*8+0x1000]
mov ecx, [rbx+rdx*1]
mov ecx, [rbp+rdx*1+8]
mov ecx, [r13+rdx*1]
mov ecx, [rdx*1+0x1000]
mov ecx, [rbx+rdx*2]
mov ecx, [rbp+rdx*2+8]
mov ecx, [r13+rdx*2]
mov ecx, [rdx*2+0x1000]
mov ecx, [rbx+rdx*4]
mov ecx, [rbp+rdx*4+8]
mov ecx, [r13+rdx*4]
mov ecx, [rdx*4+0x1000]
mov ecx, [rbx+rdx*8]
mov ecx, [rbp+rdx*8+8]
mov ecx, [r13+rdx*8]
mov ecx, [rdx*8+0x1000]
mov ecx, [rbx+rbx*1]
mov ecx, [rbp+rbx*1+8]
mov ecx, [r13+rbx*1]
mov ecx, [rbx*1+0x1000]
mov ecx, [rbx+rbx*2]
mov ecx, [rbp+rbx*2+8]
mov ecx, [r13+rbx*2]
mov ecx, [rbx*2+0x1000]
mov ecx, [rbx+rbx*4]
mov ecx, [rbp+rbx*4+8]
mov ecx, [r13+rbx*4]
mov ecx, [rbx*4+0x1000]
mov ecx, [rbx+rbx*8]
mov ecx, [rbp+rbx*8+8]
mov ecx, [r13+rbx*8]
mov ecx, [rbx*8+0x1000]
mov ecx, [rbx+rbp*1]
mov ecx, [rbp+rbp*1+8]
mov ecx, [r13+rbp*1]
mov ecx, [rbp*1+0x1000]
mov ecx, [rbx+rbp*2]
mov ecx, [rbp+rbp*2+8]
mov ecx, [r13+rbp*2]
mov ecx, [rbp*2+0x1000]
mov ecx, [rbx+rbp*4]
mov ecx, [rbp+rbp*4+8]
mov ecx, [r13+rbp*4]
mov ecx, [rbp*4+0x1000]
mov ecx, [rbx+rbp*8]
mov ecx, [rbp+rbp*8+8]
mov ecx, [r13+rbp*8]
mov ecx, [rbp*8+0x1000]
mov ecx, [rbx+rsi*1]
mov ecx, [rbp+rsi*1+8]
mov ecx, [r13+rsi*1]
mov ecx, [rsi*1+0x1000]
mov ecx, [rbx+rsi*2]
mov ecx, [rbp+rsi*2+8]
mov ecx, [r13+rsi*2]
mov ecx, [rsi*2+0x1000]
mov ecx, [rbx+rsi*4]
mov ecx, [rbp+rsi*4+8]
mov ecx, [r13+rsi*4]
mov ecx, [rsi*4+0x1000]
mov ecx, [rbx+rsi*8]
mov ecx, [rbp+rsi*8+8]
mov ecx, [r13+rsi*8]
mov ecx, [rsi*8+0x1000]
mov ecx, [rbx+rdi*1]
mov ecx, [rbp+rdi*1+8]
mov ecx, [r13+rdi*1]
mov ecx, [rdi*1+0x1000]
mov ecx, [rbx+rdi*2]
mov ecx, [rbp+rdi*2+8]
mov ecx, [r13+rdi*2]
mov ecx, [rdi*2+0x1000]
mov ecx, [rbx+rdi*4]
mov ecx, [rbp+rdi*4+8]
mov ecx, [r13+rdi*4]
mov ecx, [rdi*4+0x1000]
mov ecx, [rbx+rdi*8]
mov ecx, [rbp+rdi*8+8]
mov ecx, [r13+rdi*8]
mov ecx, [rdi*8+0x1000]
mov ecx, [rbx+r8*1]
mov ecx, [rbp+r8*1+8]
mov ecx, [r13+r8*1]
mov ecx, [r8*1+0x1000]
mov ecx, [rbx+r8*2]
mov ecx, [rbp+r8*2+8]
mov ecx, [r13+r8*2]
mov ecx, [r8*2+0x1000]
mov ecx, [rbx+r8*4]
mov ecx, [rbp+r8*4+8]
mov ecx, [r13+r8*4]
mov ecx, [r8*4+0x1000]
mov ecx, [rbx+r8*8]
mov ecx, [rbp+r8*8+8]
mov ecx, [r13+r8*8]
mov ecx, [r8*8+0x1000]
mov ecx, [rbx+r9*1]
mov ecx, [rbp+r9*1+8]
mov ecx, [r13+r9*1]
mov ecx, [r9*1+0x1000]
mov ecx, [rbx+r9*2]
mov ecx, [rbp+r9*2+8]
mov ecx, [r13+r9*2]
mov ecx, [r9*2+0x1000]
mov ecx, [rbx+r9*4]
mov ecx, [rbp+r9*4+8]
mov ecx, [r13+r9*4]
mov ecx, [r9*4+0x1000]
mov ecx, [rbx+r9*8]
mov ecx, [rbp+r9*8+8]
mov ecx, [r13+r9*8]
mov ecx, [r9*8+0x1000]
mov ecx, [rbx+r10*1]
mov ecx, [rbp+r10*1+8]
mov ecx, [r13+r10*1]
mov ecx, [r10*1+0x1000]
mov ecx, [rbx+r10*2]
mov ecx, [rbp+r10*2+8]
mov ecx, [r13+r10*2]
mov ecx, [r10*2+0x1000]
mov ecx, [rbx+r10*4]
mov ecx, [rbp+r10*4+8]
mov ecx, [r13+r10*4]
mov ecx, [r10*4+0x1000]
mov ecx, [rbx+r10*8]
mov ecx, [rbp+r10*8+8]
mov ecx, [r13+r10*8]
mov ecx, [r10*8+0x1000]
mov ecx, [rbx+r11*1]
mov ecx, [rbp+r11*1+8]
mov ecx, [r13+r11*1]
mov ecx, [r11*1+0x1000]
mov ecx, [rbx+r11*2]
mov ecx, [rbp+r11*2+8]
mov ecx, [r13+r11*2]
mov ecx, [r11*2+0x1000]
mov ecx, [rbx+r11*4]
mov ecx, [rbp+r11*4+8]
mov ecx, [r13+r11*4]
mov ecx, [r11*4+0x1000]
mov ecx, [rbx+r11*8]
mov ecx, [rbp+r11*8+8]
mov ecx, [r13+r11*8]
mov ecx, [r11*8+0x1000]
mov ecx, [rbx+r12*1]
mov ecx, [rbp+r12*1+8]
mov ecx, [r13+r12*1]
mov ecx, [r12*1+0x1000]
mov ecx, [rbx+r12*2]
mov ecx, [rbp+r12*2+8]
mov ecx, [r13+r12*2]
mov ecx, [r12*2+0x1000]
mov ecx, [rbx+r12*4]
mov ecx, [rbp+r12*4+8]
mov ecx, [r13+r12*4]
mov ecx, [r12*4+0x1000]
mov ecx, [rbx+r12*8]
mov ecx, [rbp+r12*8+8]
mov ecx, [r13+r12*8]
mov ecx, [r12*8+0x1000]
mov ecx, [rbx+r13*1]
mov ecx, [rbp+r13*1+8]
mov ecx, [r13+r13*1]
mov ecx, [r13*1+0x1000]
mov ecx, [rbx+r13*2]
mov ecx, [rbp+r13*2+8]
mov ecx, [r13+r13*2]
mov ecx, [r13*2+0x1000]
mov ecx, [rbx+r13*4]
mov ecx, [rbp+r13*4+8]
mov ecx, [r13+r13*4]
mov ecx, [r13*4+0x1000]
mov ecx, [rbx+r13*8]
mov ecx, [rbp+r13*8+8]
mov ecx, [r13+r13*8]
mov ecx, [r13*8+0x1000]
mov ecx, [rbx+r14*1]
mov ecx, [rbp+r14*1+8]
mov ecx, [r13+r14*1]
mov ecx, [r14*1+0x1000]
mov ecx, [rbx+r14*2]
mov ecx, [rbp+r14*2+8]
mov ecx, [r13+r14*2]
mov ecx, [r14*2+0x1000]
mov ecx, [rbx+r14*4]
mov ecx, [rbp+r14*4+8]
mov ecx, [r13+r14*4]
mov ecx, [r14*4+0x1000]
mov ecx, [rbx+r14*8]
mov ecx, [rbp+r14*8+8]
mov ecx, [r13+r14*8]
mov ecx, [r14*8+0x1000]
mov ecx, [rbx+r15*1]
mov ecx, [rbp+r15*1+8]
mov ecx, [r13+r15*1]
mov ecx, [r15*1+0x1000]
mov ecx, [rbx+r15*2]
mov ecx, [rbp+r15*2+8]
mov ecx, [r13+r15*2]
mov ecx, [r15*2+0x1000]
mov ecx, [rbx+r15*4]
mov ecx, [rbp+r15*4+8]
mov ecx, [r13+r15*4]
mov ecx, [r15*4+0x1000]
mov ecx, [rbx+r15*8]
mov ecx, [rbp+r15*8+8]
mov ecx, [r13+r15*8]
mov ecx, [r15*8+0x1000]
mov eax, [rax*2]
mov eax, [rax*3]
mov eax, [rax*5]
mov eax, [rax*9]
mov eax, [r12*2]
mov eax, [rsp*1]
mov eax, [rax*1+rsp]
mov eax, [rsp+rax]
mov eax, [rax+rsp]
mov eax, [rax+rsp*1+5]
mov eax, [r12+r12]
mov eax, [r13+r13*2]
mov eax, [rax+0]
mov eax, [rbp+0]
mov eax, [rax+0x100000000]
mov eax, [rax-0x80000000]
mov eax, [rax+0x80000000]
mov eax, [byte rax+4]
mov eax, [dword rax+4]
mov eax, [dword rax]
mov eax, [byte rbp]
mov eax, [byte rax+400]
mov eax, [dword r12]
mov eax, [0x1234]
mov eax, [abs 0x1234]
mov eax, [-1]
mov eax, [0x7fffffff]
mov eax, [0x80000000]
mov eax, [dword 0x10]
mov eax, [byte 0x10]
mov eax, [rel 5]
x: mov eax, [rel x]
x: mov eax, [rel x+0x1000]
x: mov eax, [x]
x: mov eax, [abs x]
x: mov eax, [rax+x]
x: mov eax, [rax+x-x+4]
mov eax, [eax]
mov eax, [ebp]
mov eax, [esp]
mov eax, [r8d]
mov eax, [eax*4+8]
mov eax, [ebx+ecx*2+0x10]
mov eax, [r12d+r13d*8]
a32 mov eax, [0x10]
a32 mov eax, [eax]
a64 mov eax, [rax]
mov eax, [fs:0x10]
mov eax, [gs:rax]
mov eax, [fs:rax+rbx*4+8]
x: mov eax, [rel fs:x]
mov eax, [cs:rax]
mov eax, [ds:rax]
mov eax, [es:rax]
mov eax, [ss:rax]
mov eax, [rsp*2]
mov eax, [rax*3+rbx]
mov eax, [eax+rax]
a32 mov eax, [rax]
mov eax, [qword rax+4]
mov ah, [r8]
; ---- mov
mov al, bl
mov r8b, cl
mov dl, r15b
mov sil, [rax]
mov [rax], sil
mov r9b, [r10+r11*8]
mov [rsp+8], r12b
mov cl, 0
mov byte [rbx], 0
mov cl, 1
mov byte [rbx], 1
mov cl, -1
mov byte [rbx], -1
mov cl, 127
mov byte [rbx], 127
mov cl, -128
mov byte [rbx], -128
mov cl, 128
mov byte [rbx], 128
mov cl, 255
mov byte [rbx], 255
mov al, [qword 0x1234]
mov [qword 0x1234], al
mov al, [abs 0x1234]
mov al, [0x1234]
mov ax, bx
mov r8w, cx
mov dx, r15w
mov si, [rax]
mov [rax], si
mov r9w, [r10+r11*8]
mov [rsp+8], r12w
mov cx, 0
mov word [rbx], 0
mov cx, 1
mov word [rbx], 1
mov cx, -1
mov word [rbx], -1
mov cx, 127
mov word [rbx], 127
mov cx, 128
mov word [rbx], 128
mov cx, -128
mov word [rbx], -128
mov cx, -129
mov word [rbx], -129
mov cx, 0x7fff
mov word [rbx], 0x7fff
mov cx, -0x8000
mov word [rbx], -0x8000
mov cx, 0xffff
mov word [rbx], 0xffff
mov cx, 0xff80
mov word [rbx], 0xff80
mov ax, [qword 0x1234]
mov [qword 0x1234], ax
mov ax, [abs 0x1234]
mov ax, [0x1234]
mov eax, ebx
mov r8d, ecx
mov edx, r15d
mov esi, [rax]
mov [rax], esi
mov r9d, [r10+r11*8]
mov [rsp+8], r12d
mov ecx, 0
mov dword [rbx], 0
mov ecx, 1
mov dword [rbx], 1
mov ecx, -1
mov dword [rbx], -1
mov ecx, 127
mov dword [rbx], 127
mov ecx, 128
mov dword [rbx], 128
mov ecx, -128
mov dword [rbx], -128
mov ecx, -129
mov dword [rbx], -129
mov ecx, 0x7fffffff
mov dword [rbx], 0x7fffffff
mov ecx, -0x80000000
mov dword [rbx], -0x80000000
mov ecx, 0xffffffff
mov dword [rbx], 0xffffffff
mov ecx, 0xffffff80
mov dword [rbx], 0xffffff80
mov eax, [qword 0x1234]
mov [qword 0x1234], eax
mov eax, [abs 0x1234]
mov eax, [0x1234]
mov rax, rbx
mov r8, rcx
mov rdx, r15
mov rsi, [rax]
mov [rax], rsi
mov r9, [r10+r11*8]
mov [rsp+8], r12
mov rcx, 0
mov qword [rbx], 0
mov rcx, 1
mov qword [rbx], 1
mov rcx, -1
mov qword [rbx], -1
mov rcx, 127
mov qword [rbx], 127
mov rcx, 128
mov qword [rbx], 128
mov rcx, -128
mov qword [rbx], -128
mov rcx, -129
mov qword [rbx], -129
mov rcx, 0x7fffffff
mov qword [rbx], 0x7fffffff
mov rcx, -0x80000000
mov qword [rbx], -0x80000000
mov rcx, 0xffffffff
mov qword [rbx], 0xffffffff
mov rcx, -0x80000001
mov qword [rbx], -0x80000001
mov rcx, 0x80000000
mov qword [rbx], 0x80000000
mov rax, [qword 0x1234]
mov [qword 0x1234], rax
mov rax, [abs 0x1234]
mov rax, [0x1234]
mov rax, 0
mov r9, 0
mov rax, 1
mov r9, 1
mov rax, -1
mov r9, -1
mov rax, 0x7fffffff
mov r9, 0x7fffffff
mov rax, 0x80000000
mov r9, 0x80000000
mov rax, 0xffffffff
mov r9, 0xffffffff
mov rax, 0x100000000
mov r9, 0x100000000
mov rax, -0x80000000
mov r9, -0x80000000
mov rax, -0x80000001
mov r9, -0x80000001
mov rax, 0x7fffffffffffffff
mov r9, 0x7fffffffffffffff
mov rax, -0x8000000000000000
mov r9, -0x8000000000000000
mov rax, 0x123456789abcdef0
mov r9, 0x123456789abcdef0
mov rax, qword 5
mov rax, dword 5
mov rax, strict qword 5
mov rax, strict dword 5
mov rax, strict 5
mov eax, strict dword 5
mov qword [rax], 0x80000000
mov qword [rax], -5
mov dword [rax], 0x1ffffffff
x: mov rax, x
x: mov eax, x
x: mov ax, x
x: mov al, x
x: mov qword [rax], x
x: mov rax, x-x+5
mov ah, al
mov ah, bh
mov spl, 5
mov sil, [rax]
mov ah, sil
mov r8b, ah
mov ah, 5
mov dword eax, 5
mov word eax, 5
mov byte [rax], word 5
mov [rax], 5
mov ax, ds
mov eax, ds
mov rax, ds
mov [rax], ds
mov word [rax], fs
mov qword [rax], gs
mov dword [rax], ds
mov ds, ax
mov ds, eax
mov ds, rax
mov ss, [rax]
mov es, word [rax]
mov fs, qword [rax]
mov cs, ax
mov cr0, rax
mov cr2, rbx
mov cr3, r15
mov cr4, rcx
mov cr8, rax
mov rax, cr0
mov r9, cr3
mov rbx, cr8
mov cr0, eax
mov eax, cr0
mov ebx, [qword 0x1234]
mov al, [byte 0x1234]
mov rax, [qword 0x12345678]
; ---- movzx movsx movsxd lea xchg bswap
movzx ax, bl
movzx eax, bl
movzx rax, bl
movzx eax, bx
movzx rax, bx
movzx r10, r11b
movzx eax, ah
movzx rax, ah
movzx ax, [rax]
movzx eax, byte [rax]
movzx eax, word [rax]
movzx r8, word [r9]
movzx eax, [rax]
movzx ax, word [rax]
movzx eax, sil
movsx ax, bl
movsx eax, bl
movsx rax, bl
movsx eax, bx
movsx rax, bx
movsx r10, r11b
movsx eax, ah
movsx rax, ah
movsx ax, [rax]
movsx eax, byte [rax]
movsx eax, word [rax]
movsx r8, word [r9]
movsx eax, [rax]
movsx ax, word [rax]
movsx eax, sil
movsxd rax, ebx
movsxd r8, dword [rax]
movsxd rax, [rax]
movsx rax, ebx
movsx rax, dword [rax]
movsxd eax, ebx
movzx rax, ebx
lea ax, [rax+rbx*4+8]
lea ax, [rel $]
lea eax, [rax+rbx*4+8]
lea eax, [rel $]
lea rax, [rax+rbx*4+8]
lea rax, [rel $]
lea r12, [rax+rbx*4+8]
lea r12, [rel $]
lea r13d, [rax+rbx*4+8]
lea r13d, [rel $]
lea eax, byte [rax]
lea rax, qword [rbx]
lea eax, 5
x: lea rax, [rel x]
lea rax, [eax]
lea rsp, [rsp+8]
xchg ax, ax
xchg ax, ax
xchg ax, cx
xchg cx, ax
xchg ax, r8w
xchg r8w, ax
xchg ax, r15w
xchg r15w, ax
xchg cx, dx
xchg r9w, [rax]
xchg [rax], r9w
xchg eax, eax
xchg eax, eax
xchg eax, ecx
xchg ecx, eax
xchg eax, r8d
xchg r8d, eax
xchg eax, r15d
xchg r15d, eax
xchg ecx, edx
xchg r9d, [rax]
xchg [rax], r9d
xchg rax, rax
xchg rax, rax
xchg rax, rcx
xchg rcx, rax
xchg rax, r8
xchg r8, rax
xchg rax, r15
xchg r15, rax
xchg rcx, rdx
xchg r9, [rax]
xchg [rax], r9
xchg al, al
xchg al, cl
xchg cl, dl
xchg ah, bl
xchg [rax], al
xchg spl, r9b
lock xchg [rax], eax
lock xchg eax, [rax]
bswap eax
bswap r8d
bswap rax
bswap r15
bswap ax
; ---- push pop
push rax
pop rax
push rsp
pop rsp
push r8
pop r8
push r15
pop r15
push ax
pop ax
push r9w
pop r9w
push eax
pop eax
push qword [rax]
push word [rax]
pop qword [rax]
pop word [rbx+8]
push [rax]
push dword [rax]
push fs
push gs
pop fs
pop gs
push es
push cs
push ss
push ds
pop ds
pop cs
push 0
push word 0
push dword 0
push strict dword 0
push 1
push word 1
push dword 1
push strict dword 1
push -1
push word -1
push dword -1
push strict dword -1
push 127
push word 127
push dword 127
push strict dword 127
push 128
push word 128
push dword 128
push strict dword 128
push -128
push word -128
push dword -128
push strict dword -128
push -129
push word -129
push dword -129
push strict dword -129
push 0x7fff
push word 0x7fff
push dword 0x7fff
push strict dword 0x7fff
push 0x8000
push word 0x8000
push dword 0x8000
push strict dword 0x8000
push 0x7fffffff
push qword 0x7fffffff
push dword 0x7fffffff
push strict dword 0x7fffffff
push -0x80000000
push qword -0x80000000
push dword -0x80000000
push strict dword -0x80000000
push 0xffffffff
push qword 0xffffffff
push dword 0xffffffff
push strict dword 0xffffffff
push 0x80000000
push qword 0x80000000
push dword 0x80000000
push strict dword 0x80000000
x: push x
push strict qword 5
push byte 5
pushf
popf
pushfq
popfq
pushfw
popfw
pushfd
popfd
; ---- cmovcc setcc
cmovo eax, ebx
seto al
cmovno eax, ebx
setno al
cmovb eax, ebx
setb al
cmovc eax, ebx
setc al
cmovnae eax, ebx
setnae al
cmovae eax, ebx
setae al
cmovnb eax, ebx
setnb al
cmovnc eax, ebx
setnc al
cmove eax, ebx
sete al
cmovz eax, ebx
setz al
cmovne eax, ebx
setne al
cmovnz eax, ebx
setnz al
cmovbe eax, ebx
setbe al
cmovna eax, ebx
setna al
cmova eax, ebx
seta al
cmovnbe eax, ebx
setnbe al
cmovs eax, ebx
sets al
cmovns eax, ebx
setns al
cmovp eax, ebx
setp al
cmovpe eax, ebx
setpe al
cmovnp eax, ebx
setnp al
cmovpo eax, ebx
setpo al
cmovl eax, ebx
setl al
cmovnge eax, ebx
setnge al
cmovge eax, ebx
setge al
cmovnl eax, ebx
setnl al
cmovle eax, ebx
setle al
cmovng eax, ebx
setng al
cmovg eax, ebx
setg al
cmovnle eax, ebx
setnle al
cmove ax, [rax]
cmovne r8, [r9+r10]
cmovz rax, r15
cmove al, bl
sete ah
setne spl
sete r9b
sete byte [rax]
sete [rax]
sete word [rax]
setg [rbx+rcx*8+16]
; ---- arithmetic and logic
add al, bl
add r9b, r14b
add dl, [rax]
add [rax+8], r10b
add al, 0
add bl, 0
add byte [rax], 0
add al, 1
add bl, 1
add byte [rax], 1
add al, -1
add bl, -1
add byte [rax], -1
add al, 127
add bl, 127
add byte [rax], 127
add al, -128
add bl, -128
add byte [rax], -128
add al, 128
add bl, 128
add byte [rax], 128
add al, 255
add bl, 255
add byte [rax], 255
add ax, bx
add r9w, r14w
add dx, [rax]
add [rax+8], r10w
add ax, 0
add bx, 0
add word [rax], 0
add ax, 1
add bx, 1
add word [rax], 1
add ax, -1
add bx, -1
add word [rax], -1
add ax, 127
add bx, 127
add word [rax], 127
add ax, 128
add bx, 128
add word [rax], 128
add ax, -128
add bx, -128
add word [rax], -128
add ax, -129
add bx, -129
add word [rax], -129
add ax, 0x7fff
add bx, 0x7fff
add word [rax], 0x7fff
add ax, -0x8000
add bx, -0x8000
add word [rax], -0x8000
add ax, 0xffff
add bx, 0xffff
add word [rax], 0xffff
add ax, 0xff80
add bx, 0xff80
add word [rax], 0xff80
add eax, ebx
add r9d, r14d
add edx, [rax]
add [rax+8], r10d
add eax, 0
add ebx, 0
add dword [rax], 0
add eax, 1
add ebx, 1
add dword [rax], 1
add eax, -1
add ebx, -1
add dword [rax], -1
add eax, 127
add ebx, 127
add dword [rax], 127
add eax, 128
add ebx, 128
add dword [rax], 128
add eax, -128
add ebx, -128
add dword [rax], -128
add eax, -129
add ebx, -129
add dword [rax], -129
add eax, 0x7fffffff
add ebx, 0x7fffffff
add dword [rax], 0x7fffffff
add eax, -0x80000000
add ebx, -0x80000000
add dword [rax], -0x80000000
add eax, 0xffffffff
add ebx, 0xffffffff
add dword [rax], 0xffffffff
add eax, 0xffffff80
add ebx, 0xffffff80
add dword [rax], 0xffffff80
add rax, rbx
add r9, r14
add rdx, [rax]
add [rax+8], r10
add rax, 0
add rbx, 0
add qword [rax], 0
add rax, 1
add rbx, 1
add qword [rax], 1
add rax, -1
add rbx, -1
add qword [rax], -1
add rax, 127
add rbx, 127
add qword [rax], 127
add rax, 128
add rbx, 128
add qword [rax], 128
add rax, -128
add rbx, -128
add qword [rax], -128
add rax, -129
add rbx, -129
add qword [rax], -129
add rax, 0x7fffffff
add rbx, 0x7fffffff
add qword [rax], 0x7fffffff
add rax, -0x80000000
add rbx, -0x80000000
add qword [rax], -0x80000000
add rax, 0xffffffff
add rbx, 0xffffffff
add qword [rax], 0xffffffff
add rax, -0x80000001
add rbx, -0x80000001
add qword [rax], -0x80000001
add rax, 0x80000000
add rbx, 0x80000000
add qword [rax], 0x80000000
add eax, byte 5
add eax, byte 200
add eax, dword 5
add eax, strict dword 5
add rax, strict qword 5
add rax, strict dword 5
add [rax], byte 5
add [rax], 5
add rax, 0xffffffff
add rax, 0x80000000
add ax, 0x1ff80
add al, 300
x: add eax, x
x: add rax, x
lock add [rax], eax
lock add dword [rax], 5
lock add eax, ebx
add ah, 5
add ah, bh
or al, bl
or r9b, r14b
or dl, [rax]
or [rax+8], r10b
or al, 0
or bl, 0
or byte [rax], 0
or al, 1
or bl, 1
or byte [rax], 1
or al, -1
or bl, -1
or byte [rax], -1
or al, 127
or bl, 127
or byte [rax], 127
or al, -128
or bl, -128
or byte [rax], -128
or al, 128
or bl, 128
or byte [rax], 128
or al, 255
or bl, 255
or byte [rax], 255
or ax, bx
or r9w, r14w
or dx, [rax]
or [rax+8], r10w
or ax, 0
or bx, 0
or word [rax], 0
or ax, 1
or bx, 1
or word [rax], 1
or ax, -1
or bx, -1
or word [rax], -1
or ax, 127
or bx, 127
or word [rax], 127
or ax, 128
or bx, 128
or word [rax], 128
or ax, -128
or bx, -128
or word [rax], -128
or ax, -129
or bx, -129
or word [rax], -129
or ax, 0x7fff
or bx, 0x7fff
or word [rax], 0x7fff
or ax, -0x8000
or bx, -0x8000
or word [rax], -0x8000
or ax, 0xffff
or bx, 0xffff
or word [rax], 0xffff
or ax, 0xff80
or bx, 0xff80
or word [rax], 0xff80
or eax, ebx
or r9d, r14d
or edx, [rax]
or [rax+8], r10d
or eax, 0
or ebx, 0
or dword [rax], 0
or eax, 1
or ebx, 1
or dword [rax], 1
or eax, -1
or ebx, -1
or dword [rax], -1
or eax, 127
or ebx, 127
or dword [rax], 127
or eax, 128
or ebx, 128
or dword [rax], 128
or eax, -128
or ebx, -128
or dword [rax], -128
or eax, -129
or ebx, -129
or dword [rax], -129
or eax, 0x7fffffff
or ebx, 0x7fffffff
or dword [rax], 0x7fffffff
or eax, -0x80000000
or ebx, -0x80000000
or dword [rax], -0x80000000
or eax, 0xffffffff
or ebx, 0xffffffff
or dword [rax], 0xffffffff
or eax, 0xffffff80
or ebx, 0xffffff80
or dword [rax], 0xffffff80
or rax, rbx
or r9, r14
or rdx, [rax]
or [rax+8], r10
or rax, 0
or rbx, 0
or qword [rax], 0
or rax, 1
or rbx, 1
or qword [rax], 1
or rax, -1
or rbx, -1
or qword [rax], -1
or rax, 127
or rbx, 127
or qword [rax], 127
or rax, 128
or rbx, 128
or qword [rax], 128
or rax, -128
or rbx, -128
or qword [rax], -128
or rax, -129
or rbx, -129
or qword [rax], -129
or rax, 0x7fffffff
or rbx, 0x7fffffff
or qword [rax], 0x7fffffff
or rax, -0x80000000
or rbx, -0x80000000
or qword [rax], -0x80000000
or rax, 0xffffffff
or rbx, 0xffffffff
or qword [rax], 0xffffffff
or rax, -0x80000001
or rbx, -0x80000001
or qword [rax], -0x80000001
or rax, 0x80000000
or rbx, 0x80000000
or qword [rax], 0x80000000
or eax, byte 5
or eax, byte 200
or eax, dword 5
or eax, strict dword 5
or rax, strict qword 5
or rax, strict dword 5
or [rax], byte 5
or [rax], 5
or rax, 0xffffffff
or rax, 0x80000000
or ax, 0x1ff80
or al, 300
x: or eax, x
x: or rax, x
lock or [rax], eax
lock or dword [rax], 5
lock or eax, ebx
or ah, 5
or ah, bh
adc al, bl
adc r9b, r14b
adc dl, [rax]
adc [rax+8], r10b
adc al, 0
adc bl, 0
adc byte [rax], 0
adc al, 1
adc bl, 1
adc byte [rax], 1
adc al, -1
adc bl, -1
adc byte [rax], -1
adc al, 127
adc bl, 127
adc byte [rax], 127
adc al, -128
adc bl, -128
adc byte [rax], -128
adc al, 128
adc bl, 128
adc byte [rax], 128
adc al, 255
adc bl, 255
adc byte [rax], 255
adc ax, bx
adc r9w, r14w
adc dx, [rax]
adc [rax+8], r10w
adc ax, 0
adc bx, 0
adc word [rax], 0
adc ax, 1
adc bx, 1
adc word [rax], 1
adc ax, -1
adc bx, -1
adc word [rax], -1
adc ax, 127
adc bx, 127
adc word [rax], 127
adc ax, 128
adc bx, 128
adc word [rax], 128
adc ax, -128
adc bx, -128
adc word [rax], -128
adc ax, -129
adc bx, -129
adc word [rax], -129
adc ax, 0x7fff
adc bx, 0x7fff
adc word [rax], 0x7fff
adc ax, -0x8000
adc bx, -0x8000
adc word [rax], -0x8000
adc ax, 0xffff
adc bx, 0xffff
adc word [rax], 0xffff
adc ax, 0xff80
adc bx, 0xff80
adc word [rax], 0xff80
adc eax, ebx
adc r9d, r14d
adc edx, [rax]
adc [rax+8], r10d
adc eax, 0
adc ebx, 0
adc dword [rax], 0
adc eax, 1
adc ebx, 1
adc dword [rax], 1
adc eax, -1
adc ebx, -1
adc dword [rax], -1
adc eax, 127
adc ebx, 127
adc dword [rax], 127
adc eax, 128
adc ebx, 128
adc dword [rax], 128
adc eax, -128
adc ebx, -128
adc dword [rax], -128
adc eax, -129
adc ebx, -129
adc dword [rax], -129
adc eax, 0x7fffffff
adc ebx, 0x7fffffff
adc dword [rax], 0x7fffffff
adc eax, -0x80000000
adc ebx, -0x80000000
adc dword [rax], -0x80000000
adc eax, 0xffffffff
adc ebx, 0xffffffff
adc dword [rax], 0xffffffff
adc eax, 0xffffff80
adc ebx, 0xffffff80
adc dword [rax], 0xffffff80
adc rax, rbx
adc r9, r14
adc rdx, [rax]
adc [rax+8], r10
adc rax, 0
adc rbx, 0
adc qword [rax], 0
adc rax, 1
adc rbx, 1
adc qword [rax], 1
adc rax, -1
adc rbx, -1
adc qword [rax], -1
adc rax, 127
adc rbx, 127
adc qword [rax], 127
adc rax, 128
adc rbx, 128
adc qword [rax], 128
adc rax, -128
adc rbx, -128
adc qword [rax], -128
adc rax, -129
adc rbx, -129
adc qword [rax], -129
adc rax, 0x7fffffff
adc rbx, 0x7fffffff
adc qword [rax], 0x7fffffff
adc rax, -0x80000000
adc rbx, -0x80000000
adc qword [rax], -0x80000000
adc rax, 0xffffffff
adc rbx, 0xffffffff
adc qword [rax], 0xffffffff
adc rax, -0x80000001
adc rbx, -0x80000001
adc qword [rax], -0x80000001
adc rax, 0x80000000
adc rbx, 0x80000000
adc qword [rax], 0x80000000
adc eax, byte 5
adc eax, byte 200
adc eax, dword 5
adc eax, strict dword 5
adc rax, strict qword 5
adc rax, strict dword 5
adc [rax], byte 5
adc [rax], 5
adc rax, 0xffffffff
adc rax, 0x80000000
adc ax, 0x1ff80
adc al, 300
x: adc eax, x
x: adc rax, x
lock adc [rax], eax
lock adc dword [rax], 5
lock adc eax, ebx
adc ah, 5
adc ah, bh
sbb al, bl
sbb r9b, r14b
sbb dl, [rax]
sbb [rax+8], r10b
sbb al, 0
sbb bl, 0
sbb byte [rax], 0
sbb al, 1
sbb bl, 1
sbb byte [rax], 1
sbb al, -1
sbb bl, -1
sbb byte [rax], -1
sbb al, 127
sbb bl, 127
sbb byte [rax], 127
sbb al, -128
sbb bl, -128
sbb byte [rax], -128
sbb al, 128
sbb bl, 128
sbb byte [rax], 128
sbb al, 255
sbb bl, 255
sbb byte [rax], 255
sbb ax, bx
sbb r9w, r14w
sbb dx, [rax]
sbb [rax+8], r10w
sbb ax, 0
sbb bx, 0
sbb word [rax], 0
sbb ax, 1
sbb bx, 1
sbb word [rax], 1
sbb ax, -1
sbb bx, -1
sbb word [rax], -1
sbb ax, 127
sbb bx, 127
sbb word [rax], 127
sbb ax, 128
sbb bx, 128
sbb word [rax], 128
sbb ax, -128
sbb bx, -128
sbb word [rax], -128
sbb ax, -129
sbb bx, -129
sbb word [rax], -129
sbb ax, 0x7fff
sbb bx, 0x7fff
sbb word [rax], 0x7fff
sbb ax, -0x8000
sbb bx, -0x8000
sbb word [rax], -0x8000
sbb ax, 0xffff
sbb bx, 0xffff
sbb word [rax], 0xffff
sbb ax, 0xff80
sbb bx, 0xff80
sbb word [rax], 0xff80
sbb eax, ebx
sbb r9d, r14d
sbb edx, [rax]
sbb [rax+8], r10d
sbb eax, 0
sbb ebx, 0
sbb dword [rax], 0
sbb eax, 1
sbb ebx, 1
sbb dword [rax], 1
sbb eax, -1
sbb ebx, -1
sbb dword [rax], -1
sbb eax, 127
sbb ebx, 127
sbb dword [rax], 127
sbb eax, 128
sbb ebx, 128
sbb dword [rax], 128
sbb eax, -128
sbb ebx, -128
sbb dword [rax], -128
sbb eax, -129
sbb ebx, -129
sbb dword [rax], -129
sbb eax, 0x7fffffff
sbb ebx, 0x7fffffff
sbb dword [rax], 0x7fffffff
sbb eax, -0x80000000
sbb ebx, -0x80000000
sbb dword [rax], -0x80000000
sbb eax, 0xffffffff
sbb ebx, 0xffffffff
sbb dword [rax], 0xffffffff
sbb eax, 0xffffff80
sbb ebx, 0xffffff80
sbb dword [rax], 0xffffff80
sbb rax, rbx
sbb r9, r14
sbb rdx, [rax]
sbb [rax+8], r10
sbb rax, 0
sbb rbx, 0
sbb qword [rax], 0
sbb rax, 1
sbb rbx, 1
sbb qword [rax], 1
sbb rax, -1
sbb rbx, -1
sbb qword [rax], -1
sbb rax, 127
sbb rbx, 127
sbb qword [rax], 127
sbb rax, 128
sbb rbx, 128
sbb qword [rax], 128
sbb rax, -128
sbb rbx, -128
sbb qword [rax], -128
sbb rax, -129
sbb rbx, -129
sbb qword [rax], -129
sbb rax, 0x7fffffff
sbb rbx, 0x7fffffff
sbb qword [rax], 0x7fffffff
sbb rax, -0x80000000
sbb rbx, -0x80000000
sbb qword [rax], -0x80000000
sbb rax, 0xffffffff
sbb rbx, 0xffffffff
sbb qword [rax], 0xffffffff
sbb rax, -0x80000001
sbb rbx, -0x80000001
sbb qword [rax], -0x80000001
sbb rax, 0x80000000
sbb rbx, 0x80000000
sbb qword [rax], 0x80000000
sbb eax, byte 5
sbb eax, byte 200
sbb eax, dword 5
sbb eax, strict dword 5
sbb rax, strict qword 5
sbb rax, strict dword 5
sbb [rax], byte 5
sbb [rax], 5
sbb rax, 0xffffffff
sbb rax, 0x80000000
sbb ax, 0x1ff80
sbb al, 300
x: sbb eax, x
x: sbb rax, x
lock sbb [rax], eax
lock sbb dword [rax], 5
lock sbb eax, ebx
sbb ah, 5
sbb ah, bh
and al, bl
and r9b, r14b
and dl, [rax]
and [rax+8], r10b
and al, 0
and bl, 0
and byte [rax], 0
and al, 1
and bl, 1
and byte [rax], 1
and al, -1
and bl, -1
and byte [rax], -1
and al, 127
and bl, 127
and byte [rax], 127
and al, -128
and bl, -128
and byte [rax], -128
and al, 128
and bl, 128
and byte [rax], 128
and al, 255
and bl, 255
and byte [rax], 255
and ax, bx
and r9w, r14w
and dx, [rax]
and [rax+8], r10w
and ax, 0
and bx, 0
and word [rax], 0
and ax, 1
and bx, 1
and word [rax], 1
and ax, -1
and bx, -1
and word [rax], -1
and ax, 127
and bx, 127
and word [rax], 127
and ax, 128
and bx, 128
and word [rax], 128
and ax, -128
and bx, -128
and word [rax], -128
and ax, -129
and bx, -129
and word [rax], -129
and ax, 0x7fff
and bx, 0x7fff
and word [rax], 0x7fff
and ax, -0x8000
and bx, -0x8000
and word [rax], -0x8000
and ax, 0xffff
and bx, 0xffff
and word [rax], 0xffff
and ax, 0xff80
and bx, 0xff80
and word [rax], 0xff80
and eax, ebx
and r9d, r14d
and edx, [rax]
and [rax+8], r10d
and eax, 0
and ebx, 0
and dword [rax], 0
and eax, 1
and ebx, 1
and dword [rax], 1
and eax, -1
and ebx, -1
and dword [rax], -1
and eax, 127
and ebx, 127
and dword [rax], 127
and eax, 128
and ebx, 128
and dword [rax], 128
and eax, -128
and ebx, -128
and dword [rax], -128
and eax, -129
and ebx, -129
and dword [rax], -129
and eax, 0x7fffffff
and ebx, 0x7fffffff
and dword [rax], 0x7fffffff
and eax, -0x80000000
and ebx, -0x80000000
and dword [rax], -0x80000000
and eax, 0xffffffff
and ebx, 0xffffffff
and dword [rax], 0xffffffff
and eax, 0xffffff80
and ebx, 0xffffff80
and dword [rax], 0xffffff80
and rax, rbx
and r9, r14
and rdx, [rax]
and [rax+8], r10
and rax, 0
and rbx, 0
and qword [rax], 0
and rax, 1
and rbx, 1
and qword [rax], 1
and rax, -1
and rbx, -1
and qword [rax], -1
and rax, 127
and rbx, 127
and qword [rax], 127
and rax, 128
and rbx, 128
and qword [rax], 128
and rax, -128
and rbx, -128
and qword [rax], -128
and rax, -129
and rbx, -129
and qword [rax], -129
and rax, 0x7fffffff
and rbx, 0x7fffffff
and qword [rax], 0x7fffffff
and rax, -0x80000000
and rbx, -0x80000000
and qword [rax], -0x80000000
and rax, 0xffffffff
and rbx, 0xffffffff
and qword [rax], 0xffffffff
and rax, -0x80000001
and rbx, -0x80000001
and qword [rax], -0x80000001
and rax, 0x80000000
and rbx, 0x80000000
and qword [rax], 0x80000000
and eax, byte 5
and eax, byte 200
and eax, dword 5
and eax, strict dword 5
and rax, strict qword 5
and rax, strict dword 5
and [rax], byte 5
and [rax], 5
and rax, 0xffffffff
and rax, 0x80000000
and ax, 0x1ff80
and al, 300
x: and eax, x
x: and rax, x
lock and [rax], eax
lock and dword [rax], 5
lock and eax, ebx
and ah, 5
and ah, bh
sub al, bl
sub r9b, r14b
sub dl, [rax]
sub [rax+8], r10b
sub al, 0
sub bl, 0
sub byte [rax], 0
sub al, 1
sub bl, 1
sub byte [rax], 1
sub al, -1
sub bl, -1
sub byte [rax], -1
sub al, 127
sub bl, 127
sub byte [rax], 127
sub al, -128
sub bl, -128
sub byte [rax], -128
sub al, 128
sub bl, 128
sub byte [rax], 128
sub al, 255
sub bl, 255
sub byte [rax], 255
sub ax, bx
sub r9w, r14w
sub dx, [rax]
sub [rax+8], r10w
sub ax, 0
sub bx, 0
sub word [rax], 0
sub ax, 1
sub bx, 1
sub word [rax], 1
sub ax, -1
sub bx, -1
sub word [rax], -1
sub ax, 127
sub bx, 127
sub word [rax], 127
sub ax, 128
sub bx, 128
sub word [rax], 128
sub ax, -128
sub bx, -128
sub word [rax], -128
sub ax, -129
sub bx, -129
sub word [rax], -129
sub ax, 0x7fff
sub bx, 0x7fff
sub word [rax], 0x7fff
sub ax, -0x8000
sub bx, -0x8000
sub word [rax], -0x8000
sub ax, 0xffff
sub bx, 0xffff
sub word [rax], 0xffff
sub ax, 0xff80
sub bx, 0xff80
sub word [rax], 0xff80
sub eax, ebx
sub r9d, r14d
sub edx, [rax]
sub [rax+8], r10d
sub eax, 0
sub ebx, 0
sub dword [rax], 0
sub eax, 1
sub ebx, 1
sub dword [rax], 1
sub eax, -1
sub ebx, -1
sub dword [rax], -1
sub eax, 127
sub ebx, 127
sub dword [rax], 127
sub eax, 128
sub ebx, 128
sub dword [rax], 128
sub eax, -128
sub ebx, -128
sub dword [rax], -128
sub eax, -129
sub ebx, -129
sub dword [rax], -129
sub eax, 0x7fffffff
sub ebx, 0x7fffffff
sub dword [rax], 0x7fffffff
sub eax, -0x80000000
sub ebx, -0x80000000
sub dword [rax], -0x80000000
sub eax, 0xffffffff
sub ebx, 0xffffffff
sub dword [rax], 0xffffffff
sub eax, 0xffffff80
sub ebx, 0xffffff80
sub dword [rax], 0xffffff80
sub rax, rbx
sub r9, r14
sub rdx, [rax]
sub [rax+8], r10
sub rax, 0
sub rbx, 0
sub qword [rax], 0
sub rax, 1
sub rbx, 1
sub qword [rax], 1
sub rax, -1
sub rbx, -1
sub qword [rax], -1
sub rax, 127
sub rbx, 127
sub qword [rax], 127
sub rax, 128
sub rbx, 128
sub qword [rax], 128
sub rax, -128
sub rbx, -128
sub qword [rax], -128
sub rax, -129
sub rbx, -129
sub qword [rax], -129
sub rax, 0x7fffffff
sub rbx, 0x7fffffff
sub qword [rax], 0x7fffffff
sub rax, -0x80000000
sub rbx, -0x80000000
sub qword [rax], -0x80000000
sub rax, 0xffffffff
sub rbx, 0xffffffff
sub qword [rax], 0xffffffff
sub rax, -0x80000001
sub rbx, -0x80000001
sub qword [rax], -0x80000001
sub rax, 0x80000000
sub rbx, 0x80000000
sub qword [rax], 0x80000000
sub eax, byte 5
sub eax, byte 200
sub eax, dword 5
sub eax, strict dword 5
sub rax, strict qword 5
sub rax, strict dword 5
sub [rax], byte 5
sub [rax], 5
sub rax, 0xffffffff
sub rax, 0x80000000
sub ax, 0x1ff80
sub al, 300
x: sub eax, x
x: sub rax, x
lock sub [rax], eax
lock sub dword [rax], 5
lock sub eax, ebx
sub ah, 5
sub ah, bh
xor al, bl
xor r9b, r14b
xor dl, [rax]
xor [rax+8], r10b
xor al, 0
xor bl, 0
xor byte [rax], 0
xor al, 1
xor bl, 1
xor byte [rax], 1
xor al, -1
xor bl, -1
xor byte [rax], -1
xor al, 127
xor bl, 127
xor byte [rax], 127
xor al, -128
xor bl, -128
xor byte [rax], -128
xor al, 128
xor bl, 128
xor byte [rax], 128
xor al, 255
xor bl, 255
xor byte [rax], 255
xor ax, bx
xor r9w, r14w
xor dx, [rax]
xor [rax+8], r10w
xor ax, 0
xor bx, 0
xor word [rax], 0
xor ax, 1
xor bx, 1
xor word [rax], 1
xor ax, -1
xor bx, -1
xor word [rax], -1
xor ax, 127
xor bx, 127
xor word [rax], 127
xor ax, 128
xor bx, 128
xor word [rax], 128
xor ax, -128
xor bx, -128
xor word [rax], -128
xor ax, -129
xor bx, -129
xor word [rax], -129
xor ax, 0x7fff
xor bx, 0x7fff
xor word [rax], 0x7fff
xor ax, -0x8000
xor bx, -0x8000
xor word [rax], -0x8000
xor ax, 0xffff
xor bx, 0xffff
xor word [rax], 0xffff
xor ax, 0xff80
xor bx, 0xff80
xor word [rax], 0xff80
xor eax, ebx
xor r9d, r14d
xor edx, [rax]
xor [rax+8], r10d
xor eax, 0
xor ebx, 0
xor dword [rax], 0
xor eax, 1
xor ebx, 1
xor dword [rax], 1
xor eax, -1
xor ebx, -1
xor dword [rax], -1
xor eax, 127
xor ebx, 127
xor dword [rax], 127
xor eax, 128
xor ebx, 128
xor dword [rax], 128
xor eax, -128
xor ebx, -128
xor dword [rax], -128
xor eax, -129
xor ebx, -129
xor dword [rax], -129
xor eax, 0x7fffffff
xor ebx, 0x7fffffff
xor dword [rax], 0x7fffffff
xor eax, -0x80000000
xor ebx, -0x80000000
xor dword [rax], -0x80000000
xor eax, 0xffffffff
xor ebx, 0xffffffff
xor dword [rax], 0xffffffff
xor eax, 0xffffff80
xor ebx, 0xffffff80
xor dword [rax], 0xffffff80
xor rax, rbx
xor r9, r14
xor rdx, [rax]
xor [rax+8], r10
xor rax, 0
xor rbx, 0
xor qword [rax], 0
xor rax, 1
xor rbx, 1
xor qword [rax], 1
xor rax, -1
xor rbx, -1
xor qword [rax], -1
xor rax, 127
xor rbx, 127
xor qword [rax], 127
xor rax, 128
xor rbx, 128
xor qword [rax], 128
xor rax, -128
xor rbx, -128
xor qword [rax], -128
xor rax, -129
xor rbx, -129
xor qword [rax], -129
xor rax, 0x7fffffff
xor rbx, 0x7fffffff
xor qword [rax], 0x7fffffff
xor rax, -0x80000000
xor rbx, -0x80000000
xor qword [rax], -0x80000000
xor rax, 0xffffffff
xor rbx, 0xffffffff
xor qword [rax], 0xffffffff
xor rax, -0x80000001
xor rbx, -0x80000001
xor qword [rax], -0x80000001
xor rax, 0x80000000
xor rbx, 0x80000000
xor qword [rax], 0x80000000
xor eax, byte 5
xor eax, byte 200
xor eax, dword 5
xor eax, strict dword 5
xor rax, strict qword 5
xor rax, strict dword 5
xor [rax], byte 5
xor [rax], 5
xor rax, 0xffffffff
xor rax, 0x80000000
xor ax, 0x1ff80
xor al, 300
x: xor eax, x
x: xor rax, x
lock xor [rax], eax
lock xor dword [rax], 5
lock xor eax, ebx
xor ah, 5
xor ah, bh
cmp al, bl
cmp r9b, r14b
cmp dl, [rax]
cmp [rax+8], r10b
cmp al, 0
cmp bl, 0
cmp byte [rax], 0
cmp al, 1
cmp bl, 1
cmp byte [rax], 1
cmp al, -1
cmp bl, -1
cmp byte [rax], -1
cmp al, 127
cmp bl, 127
cmp byte [rax], 127
cmp al, -128
cmp bl, -128
cmp byte [rax], -128
cmp al, 128
cmp bl, 128
cmp byte [rax], 128
cmp al, 255
cmp bl, 255
cmp byte [rax], 255
cmp ax, bx
cmp r9w, r14w
cmp dx, [rax]
cmp [rax+8], r10w
cmp ax, 0
cmp bx, 0
cmp word [rax], 0
cmp ax, 1
cmp bx, 1
cmp word [rax], 1
cmp ax, -1
cmp bx, -1
cmp word [rax], -1
cmp ax, 127
cmp bx, 127
cmp word [rax], 127
cmp ax, 128
cmp bx, 128
cmp word [rax], 128
cmp ax, -128
cmp bx, -128
cmp word [rax], -128
cmp ax, -129
cmp bx, -129
cmp word [rax], -129
cmp ax, 0x7fff
cmp bx, 0x7fff
cmp word [rax], 0x7fff
cmp ax, -0x8000
cmp bx, -0x8000
cmp word [rax], -0x8000
cmp ax, 0xffff
cmp bx, 0xffff
cmp word [rax], 0xffff
cmp ax, 0xff80
cmp bx, 0xff80
cmp word [rax], 0xff80
cmp eax, ebx
cmp r9d, r14d
cmp edx, [rax]
cmp [rax+8], r10d
cmp eax, 0
cmp ebx, 0
cmp dword [rax], 0
cmp eax, 1
cmp ebx, 1
cmp dword [rax], 1
cmp eax, -1
cmp ebx, -1
cmp dword [rax], -1
cmp eax, 127
cmp ebx, 127
cmp dword [rax], 127
cmp eax, 128
cmp ebx, 128
cmp dword [rax], 128
cmp eax, -128
cmp ebx, -128
cmp dword [rax], -128
cmp eax, -129
cmp ebx, -129
cmp dword [rax], -129
cmp eax, 0x7fffffff
cmp ebx, 0x7fffffff
cmp dword [rax], 0x7fffffff
cmp eax, -0x80000000
cmp ebx, -0x80000000
cmp dword [rax], -0x80000000
cmp eax, 0xffffffff
cmp ebx, 0xffffffff
cmp dword [rax], 0xffffffff
cmp eax, 0xffffff80
cmp ebx, 0xffffff80
cmp dword [rax], 0xffffff80
cmp rax, rbx
cmp r9, r14
cmp rdx, [rax]
cmp [rax+8], r10
cmp rax, 0
cmp rbx, 0
cmp qword [rax], 0
cmp rax, 1
cmp rbx, 1
cmp qword [rax], 1
cmp rax, -1
cmp rbx, -1
cmp qword [rax], -1
cmp rax, 127
cmp rbx, 127
cmp qword [rax], 127
cmp rax, 128
cmp rbx, 128
cmp qword [rax], 128
cmp rax, -128
cmp rbx, -128
cmp qword [rax], -128
cmp rax, -129
cmp rbx, -129
cmp qword [rax], -129
cmp rax, 0x7fffffff
cmp rbx, 0x7fffffff
cmp qword [rax], 0x7fffffff
cmp rax, -0x80000000
cmp rbx, -0x80000000
cmp qword [rax], -0x80000000
cmp rax, 0xffffffff
cmp rbx, 0xffffffff
cmp qword [rax], 0xffffffff
cmp rax, -0x80000001
cmp rbx, -0x80000001
cmp qword [rax], -0x80000001
cmp rax, 0x80000000
cmp rbx, 0x80000000
cmp qword [rax], 0x80000000
cmp eax, byte 5
cmp eax, byte 200
cmp eax, dword 5
cmp eax, strict dword 5
cmp rax, strict qword 5
cmp rax, strict dword 5
cmp [rax], byte 5
cmp [rax], 5
cmp rax, 0xffffffff
cmp rax, 0x80000000
cmp ax, 0x1ff80
cmp al, 300
x: cmp eax, x
x: cmp rax, x
lock cmp [rax], eax
lock cmp dword [rax], 5
lock cmp eax, ebx
cmp ah, 5
cmp ah, bh
test al, bl
test r9b, r12b
test [rax], bpl
test bpl, [rax]
test al, 0
test bl, 0
test byte [rax], 0
test al, 1
test bl, 1
test byte [rax], 1
test al, -1
test bl, -1
test byte [rax], -1
test al, 127
test bl, 127
test byte [rax], 127
test al, -128
test bl, -128
test byte [rax], -128
test al, 128
test bl, 128
test byte [rax], 128
test al, 255
test bl, 255
test byte [rax], 255
test ax, bx
test r9w, r12w
test [rax], bp
test bp, [rax]
test ax, 0
test bx, 0
test word [rax], 0
test ax, 1
test bx, 1
test word [rax], 1
test ax, -1
test bx, -1
test word [rax], -1
test ax, 127
test bx, 127
test word [rax], 127
test ax, 128
test bx, 128
test word [rax], 128
test ax, -128
test bx, -128
test word [rax], -128
test ax, -129
test bx, -129
test word [rax], -129
test ax, 0x7fff
test bx, 0x7fff
test word [rax], 0x7fff
test ax, -0x8000
test bx, -0x8000
test word [rax], -0x8000
test ax, 0xffff
test bx, 0xffff
test word [rax], 0xffff
test ax, 0xff80
test bx, 0xff80
test word [rax], 0xff80
test eax, ebx
test r9d, r12d
test [rax], ebp
test ebp, [rax]
test eax, 0
test ebx, 0
test dword [rax], 0
test eax, 1
test ebx, 1
test dword [rax], 1
test eax, -1
test ebx, -1
test dword [rax], -1
test eax, 127
test ebx, 127
test dword [rax], 127
test eax, 128
test ebx, 128
test dword [rax], 128
test eax, -128
test ebx, -128
test dword [rax], -128
test eax, -129
test ebx, -129
test dword [rax], -129
test eax, 0x7fffffff
test ebx, 0x7fffffff
test dword [rax], 0x7fffffff
test eax, -0x80000000
test ebx, -0x80000000
test dword [rax], -0x80000000
test eax, 0xffffffff
test ebx, 0xffffffff
test dword [rax], 0xffffffff
test eax, 0xffffff80
test ebx, 0xffffff80
test dword [rax], 0xffffff80
test rax, rbx
test r9, r12
test [rax], rbp
test rbp, [rax]
test rax, 0
test rbx, 0
test qword [rax], 0
test rax, 1
test rbx, 1
test qword [rax], 1
test rax, -1
test rbx, -1
test qword [rax], -1
test rax, 127
test rbx, 127
test qword [rax], 127
test rax, 128
test rbx, 128
test qword [rax], 128
test rax, -128
test rbx, -128
test qword [rax], -128
test rax, -129
test rbx, -129
test qword [rax], -129
test rax, 0x7fffffff
test rbx, 0x7fffffff
test qword [rax], 0x7fffffff
test rax, -0x80000000
test rbx, -0x80000000
test qword [rax], -0x80000000
test rax, 0xffffffff
test rbx, 0xffffffff
test qword [rax], 0xffffffff
test rax, -0x80000001
test rbx, -0x80000001
test qword [rax], -0x80000001
test rax, 0x80000000
test rbx, 0x80000000
test qword [rax], 0x80000000
test [rax], 5
test eax, byte 5
test rax, 0xffffffff
inc al
inc r11b
inc byte [rax+rbx]
inc ax
inc r11w
inc word [rax+rbx]
inc eax
inc r11d
inc dword [rax+rbx]
inc rax
inc r11
inc qword [rax+rbx]
inc [rax]
lock inc dword [rax]
inc ah
dec al
dec r11b
dec byte [rax+rbx]
dec ax
dec r11w
dec word [rax+rbx]
dec eax
dec r11d
dec dword [rax+rbx]
dec rax
dec r11
dec qword [rax+rbx]
dec [rax]
lock dec dword [rax]
dec ah
neg al
neg r11b
neg byte [rax+rbx]
neg ax
neg r11w
neg word [rax+rbx]
neg eax
neg r11d
neg dword [rax+rbx]
neg rax
neg r11
neg qword [rax+rbx]
neg [rax]
lock neg dword [rax]
neg ah
not al
not r11b
not byte [rax+rbx]
not ax
not r11w
not word [rax+rbx]
not eax
not r11d
not dword [rax+rbx]
not rax
not r11
not qword [rax+rbx]
not [rax]
lock not dword [rax]
not ah
mul al
mul r11b
mul byte [rax+rbx]
mul ax
mul r11w
mul word [rax+rbx]
mul eax
mul r11d
mul dword [rax+rbx]
mul rax
mul r11
mul qword [rax+rbx]
mul [rax]
lock mul dword [rax]
mul ah
div al
div r11b
div byte [rax+rbx]
div ax
div r11w
div word [rax+rbx]
div eax
div r11d
div dword [rax+rbx]
div rax
div r11
div qword [rax+rbx]
div [rax]
lock div dword [rax]
div ah
idiv al
idiv r11b
idiv byte [rax+rbx]
idiv ax
idiv r11w
idiv word [rax+rbx]
idiv eax
idiv r11d
idiv dword [rax+rbx]
idiv rax
idiv r11
idiv qword [rax+rbx]
idiv [rax]
lock idiv dword [rax]
idiv ah
imul al
imul r11b
imul byte [rax+rbx]
imul ax
imul r11w
imul word [rax+rbx]
imul eax
imul r11d
imul dword [rax+rbx]
imul rax
imul r11
imul qword [rax+rbx]
imul [rax]
lock imul dword [rax]
imul ah
imul ax, bx
imul r9w, [rax]
imul ax, cx, 5
imul ax, cx, 1000
imul ax, [rbx], -1
imul ax, 127
imul ax, 128
imul ax, byte 5
imul ax, ax, strict word 5
imul ax, [rax], word 300
imul eax, ebx
imul r9d, [rax]
imul eax, ecx, 5
imul eax, ecx, 1000
imul eax, [rbx], -1
imul eax, 127
imul eax, 128
imul eax, byte 5
imul eax, eax, strict dword 5
imul eax, [rax], dword 300
imul rax, rbx
imul r9, [rax]
imul rax, rcx, 5
imul rax, rcx, 1000
imul rax, [rbx], -1
imul rax, 127
imul rax, 128
imul rax, byte 5
imul rax, rax, strict dword 5
imul rax, [rax], dword 300
imul eax, ebx, 0xffffffff
imul rax, rbx, 0x80000000
imul rax, 0xffffffff
x: imul eax, ebx, x
imul eax, [rax], byte 5
cbw
cwde
cdqe
cwd
cdq
cqo
; ---- shifts rotates bits
rol dl, 1
rol r9b, cl
rol bl, 5
rol byte [rax], 1
rol byte [rax], cl
rol byte [rax], 31
rol dx, 1
rol r9w, cl
rol bx, 5
rol word [rax], 1
rol word [rax], cl
rol word [rax], 31
rol edx, 1
rol r9d, cl
rol ebx, 5
rol dword [rax], 1
rol dword [rax], cl
rol dword [rax], 31
rol rdx, 1
rol r9, cl
rol rbx, 5
rol qword [rax], 1
rol qword [rax], cl
rol qword [rax], 31
rol eax, strict 1
rol eax, byte 1
rol eax, 0
rol eax, 255
rol eax, 256
rol eax, -1
rol [rax], 1
ror dl, 1
ror r9b, cl
ror bl, 5
ror byte [rax], 1
ror byte [rax], cl
ror byte [rax], 31
ror dx, 1
ror r9w, cl
ror bx, 5
ror word [rax], 1
ror word [rax], cl
ror word [rax], 31
ror edx, 1
ror r9d, cl
ror ebx, 5
ror dword [rax], 1
ror dword [rax], cl
ror dword [rax], 31
ror rdx, 1
ror r9, cl
ror rbx, 5
ror qword [rax], 1
ror qword [rax], cl
ror qword [rax], 31
ror eax, strict 1
ror eax, byte 1
ror eax, 0
ror eax, 255
ror eax, 256
ror eax, -1
ror [rax], 1
rcl dl, 1
rcl r9b, cl
rcl bl, 5
rcl byte [rax], 1
rcl byte [rax], cl
rcl byte [rax], 31
rcl dx, 1
rcl r9w, cl
rcl bx, 5
rcl word [rax], 1
rcl word [rax], cl
rcl word [rax], 31
rcl edx, 1
rcl r9d, cl
rcl ebx, 5
rcl dword [rax], 1
rcl dword [rax], cl
rcl dword [rax], 31
rcl rdx, 1
rcl r9, cl
rcl rbx, 5
rcl qword [rax], 1
rcl qword [rax], cl
rcl qword [rax], 31
rcl eax, strict 1
rcl eax, byte 1
rcl eax, 0
rcl eax, 255
rcl eax, 256
rcl eax, -1
rcl [rax], 1
rcr dl, 1
rcr r9b, cl
rcr bl, 5
rcr byte [rax], 1
rcr byte [rax], cl
rcr byte [rax], 31
rcr dx, 1
rcr r9w, cl
rcr bx, 5
rcr word [rax], 1
rcr word [rax], cl
rcr word [rax], 31
rcr edx, 1
rcr r9d, cl
rcr ebx, 5
rcr dword [rax], 1
rcr dword [rax], cl
rcr dword [rax], 31
rcr rdx, 1
rcr r9, cl
rcr rbx, 5
rcr qword [rax], 1
rcr qword [rax], cl
rcr qword [rax], 31
rcr eax, strict 1
rcr eax, byte 1
rcr eax, 0
rcr eax, 255
rcr eax, 256
rcr eax, -1
rcr [rax], 1
shl dl, 1
shl r9b, cl
shl bl, 5
shl byte [rax], 1
shl byte [rax], cl
shl byte [rax], 31
shl dx, 1
shl r9w, cl
shl bx, 5
shl word [rax], 1
shl word [rax], cl
shl word [rax], 31
shl edx, 1
shl r9d, cl
shl ebx, 5
shl dword [rax], 1
shl dword [rax], cl
shl dword [rax], 31
shl rdx, 1
shl r9, cl
shl rbx, 5
shl qword [rax], 1
shl qword [rax], cl
shl qword [rax], 31
shl eax, strict 1
shl eax, byte 1
shl eax, 0
shl eax, 255
shl eax, 256
shl eax, -1
shl [rax], 1
sal dl, 1
sal r9b, cl
sal bl, 5
sal byte [rax], 1
sal byte [rax], cl
sal byte [rax], 31
sal dx, 1
sal r9w, cl
sal bx, 5
sal word [rax], 1
sal word [rax], cl
sal word [rax], 31
sal edx, 1
sal r9d, cl
sal ebx, 5
sal dword [rax], 1
sal dword [rax], cl
sal dword [rax], 31
sal rdx, 1
sal r9, cl
sal rbx, 5
sal qword [rax], 1
sal qword [rax], cl
sal qword [rax], 31
sal eax, strict 1
sal eax, byte 1
sal eax, 0
sal eax, 255
sal eax, 256
sal eax, -1
sal [rax], 1
shr dl, 1
shr r9b, cl
shr bl, 5
shr byte [rax], 1
shr byte [rax], cl
shr byte [rax], 31
shr dx, 1
shr r9w, cl
shr bx, 5
shr word [rax], 1
shr word [rax], cl
shr word [rax], 31
shr edx, 1
shr r9d, cl
shr ebx, 5
shr dword [rax], 1
shr dword [rax], cl
shr dword [rax], 31
shr rdx, 1
shr r9, cl
shr rbx, 5
shr qword [rax], 1
shr qword [rax], cl
shr qword [rax], 31
shr eax, strict 1
shr eax, byte 1
shr eax, 0
shr eax, 255
shr eax, 256
shr eax, -1
shr [rax], 1
sar dl, 1
sar r9b, cl
sar bl, 5
sar byte [rax], 1
sar byte [rax], cl
sar byte [rax], 31
sar dx, 1
sar r9w, cl
sar bx, 5
sar word [rax], 1
sar word [rax], cl
sar word [rax], 31
sar edx, 1
sar r9d, cl
sar ebx, 5
sar dword [rax], 1
sar dword [rax], cl
sar dword [rax], 31
sar rdx, 1
sar r9, cl
sar rbx, 5
sar qword [rax], 1
sar qword [rax], cl
sar qword [rax], 31
sar eax, strict 1
sar eax, byte 1
sar eax, 0
sar eax, 255
sar eax, 256
sar eax, -1
sar [rax], 1
shld ax, bx, 4
shld eax, ebx, 31
shld rax, rbx, 63
shld [rax], ecx, 5
shld [rax], r9, cl
shld r10w, r11w, cl
shld eax, ebx, 300
shrd ax, bx, 4
shrd eax, ebx, 31
shrd rax, rbx, 63
shrd [rax], ecx, 5
shrd [rax], r9, cl
shrd r10w, r11w, cl
shrd eax, ebx, 300
bt ax, bx
bt eax, ebx
bt rax, r9
bt [rax], ecx
bt [rax], r10
bt ax, 5
bt eax, 31
bt rax, 63
bt dword [rax], 7
bt qword [r8], 40
bt eax, 300
bt [rax], 5
lock bt [rax], eax
lock bt dword [rax], 1
bts ax, bx
bts eax, ebx
bts rax, r9
bts [rax], ecx
bts [rax], r10
bts ax, 5
bts eax, 31
bts rax, 63
bts dword [rax], 7
bts qword [r8], 40
bts eax, 300
bts [rax], 5
lock bts [rax], eax
lock bts dword [rax], 1
btr ax, bx
btr eax, ebx
btr rax, r9
btr [rax], ecx
btr [rax], r10
btr ax, 5
btr eax, 31
btr rax, 63
btr dword [rax], 7
btr qword [r8], 40
btr eax, 300
btr [rax], 5
lock btr [rax], eax
lock btr dword [rax], 1
btc ax, bx
btc eax, ebx
btc rax, r9
btc [rax], ecx
btc [rax], r10
btc ax, 5
btc eax, 31
btc rax, 63
btc dword [rax], 7
btc qword [r8], 40
btc eax, 300
btc [rax], 5
lock btc [rax], eax
lock btc dword [rax], 1
bsf ax, bx
bsf eax, [rax]
bsf r8, r9
bsf rax, qword [rbx]
bsr ax, bx
bsr eax, [rax]
bsr r8, r9
bsr rax, qword [rbx]
; ---- control transfer
x: jmp x
x: jmp short x
x: jmp near x
x: jmp strict x
x: jmp strict short x
x: jmp strict near x
x: jmp qword x
x: jmp dword x
x: jmp word x
x: jmp byte x
x: jmp short qword x
jmp $+2
jmp $+0x81
jmp $+0x82
jmp $-0x7e
jmp $-0x7f
jmp $+0x10000
jmp short $+0x81
jmp short $+0x82
jmp 0x100005
jmp short 0x100005
jmp 0x7fffffff
jmp rax
jmp r15
jmp eax
jmp [rax]
jmp qword [rax]
jmp dword [rax]
jmp word [rax]
jmp [rel $]
jmp near [rax]
x: call x
x: call near x
x: call short x
x: call strict x
call $+0x1000
call 1234
call rax
call r12
call eax
call [rax]
call qword [rel $+8]
call [rbx+rcx*8]
call near rax
jo $
jo $+0x1000
jo near $
jno $
jno $+0x1000
jno near $
jb $
jb $+0x1000
jb near $
jc $
jc $+0x1000
jc near $
jnae $
jnae $+0x1000
jnae near $
jae $
jae $+0x1000
jae near $
jnb $
jnb $+0x1000
jnb near $
jnc $
jnc $+0x1000
jnc near $
je $
je $+0x1000
je near $
jz $
jz $+0x1000
jz near $
jne $
jne $+0x1000
jne near $
jnz $
jnz $+0x1000
jnz near $
jbe $
jbe $+0x1000
jbe near $
jna $
jna $+0x1000
jna near $
ja $
ja $+0x1000
ja near $
jnbe $
jnbe $+0x1000
jnbe near $
js $
js $+0x1000
js near $
jns $
jns $+0x1000
jns near $
jp $
jp $+0x1000
jp near $
jpe $
jpe $+0x1000
jpe near $
jnp $
jnp $+0x1000
jnp near $
jpo $
jpo $+0x1000
jpo near $
jl $
jl $+0x1000
jl near $
jnge $
jnge $+0x1000
jnge near $
jge $
jge $+0x1000
jge near $
jnl $
jnl $+0x1000
jnl near $
jle $
jle $+0x1000
jle near $
jng $
jng $+0x1000
jng near $
jg $
jg $+0x1000
jg near $
jnle $
jnle $+0x1000
jnle near $
x: jz short x
x: jz strict x
x: jz strict short x
x: jz qword x
x: jz near qword x
jz $+0x81
jz $+0x82
jz $-0x7e
jz $-0x7f
jz 0x100005
x: jz short x+0x100
loop $
loop $, ecx
loop $, rcx
loop $, cx
loop short $
loop $+0x81
loop $+0x82
loope $
loope $, ecx
loope $, rcx
loope $, cx
loope short $
loope $+0x81
loope $+0x82
loopz $
loopz $, ecx
loopz $, rcx
loopz $, cx
loopz short $
loopz $+0x81
loopz $+0x82
loopne $
loopne $, ecx
loopne $, rcx
loopne $, cx
loopne short $
loopne $+0x81
loopne $+0x82
loopnz $
loopnz $, ecx
loopnz $, rcx
loopnz $, cx
loopnz short $
loopnz $+0x81
loopnz $+0x82
jrcxz $
jecxz $
jcxz $
jrcxz short $
jrcxz $+0x82
jecxz $-0x7e
ret
ret 5
ret 0xffff
ret 65536
ret -1
ret word 5
ret dword 5
retn
retn 8
retf
retf 8
retq
retq 8
retw
retw 5
retnw 5
retfq
retfq 5
retfw 5
retfd
retd
retnq
enter 1, 2
enter 0xffff, 31
leave
int 0
int 0x80
int 255
int 256
int -1
int3
int1
icebp
int03
int01
into
iret
iretd
iretq
iretw
; ---- strings
movsb
movsw
movsd
movsq
rep movsb
rep movsq
repe movsw
repne movsd
a32 movsb
o16 movsb
o64 movsb
cmpsb
cmpsw
cmpsd
cmpsq
rep cmpsb
rep cmpsq
repe cmpsw
repne cmpsd
a32 cmpsb
o16 cmpsb
o64 cmpsb
stosb
stosw
stosd
stosq
rep stosb
rep stosq
repe stosw
repne stosd
a32 stosb
o16 stosb
o64 stosb
lodsb
lodsw
lodsd
lodsq
rep lodsb
rep lodsq
repe lodsw
repne lodsd
a32 lodsb
o16 lodsb
o64 lodsb
scasb
scasw
scasd
scasq
rep scasb
rep scasq
repe scasw
repne scasd
a32 scasb
o16 scasb
o64 scasb
insb
insw
insd
outsb
outsw
outsd
rep insb
rep outsd
rep rep movsb
rep repne movsb
repe repz movsb
o16 o32 movsb
o16 o16 movsb
a32 a64 movsb
lock lock add [rax], eax
; ---- ports flags system
in al, 0
in al, 255
in al, dx
out 0x80, al
out dx, al
in ax, 0
in ax, 255
in ax, dx
out 0x80, ax
out dx, ax
in eax, 0
in eax, 255
in eax, dx
out 0x80, eax
out dx, eax
in al, 256
in eax, edx
out 256, al
in rax, dx
hlt
cli
sti
clc
stc
cmc
cld
std
lahf
sahf
xlatb
xlat
cpuid
rdtsc
rdtscp
rdmsr
wrmsr
rdpmc
ud2
ud2a
clts
invd
wbinvd
syscall
sysret
swapgs
vmcall
vmlaunch
vmresume
vmxoff
lfence
mfence
sfence
pause
nop
o16 nop
rep nop
lock nop
a32 nop
nop eax
nop rax
nop ax
nop r8d
nop dword [rax]
nop word [rax+rax]
nop qword [r12]
nop [rax]
invlpg [rax]
invlpg [r12+8]
invlpg byte [rax]
invlpg qword [rax]
lgdt [rax]
lidt [rbx]
sgdt [rcx]
sidt [rdx]
lgdt qword [rax]
lidt tword [rax]
x: lgdt [rel x]
lldt ax
lldt [rax]
lldt word [rax]
ltr r9w
ltr [rax]
sldt ax
sldt eax
sldt rax
sldt r8
sldt [rax]
str ax
str eax
str rax
str r8
str [rax]
invpcid rax, [rbx]
invpcid r8, [r9+8]
invpcid rax, oword [rbx]
invpcid eax, [rbx]
invpcid rax, qword [rbx]
; ---- atomics and prefixes
xadd [rax], al
xadd [rax], ax
xadd [rax], eax
xadd [rax], rax
xadd ecx, edx
xadd r8, r9
xadd bl, cl
lock xadd [rax], ecx
lock xadd [r12+r13], r14b
cmpxchg [rax], al
cmpxchg [rax], ax
cmpxchg [rax], eax
cmpxchg [rax], rax
cmpxchg ecx, edx
cmpxchg r8, r9
cmpxchg bl, cl
lock cmpxchg [rax], ecx
lock cmpxchg [r12+r13], r14b
lock add [fs:eax], ax
rep lock add [rax], eax
lock rep add [rax], eax
lock mov eax, ebx
rep add eax, ebx
lock inc dword [rax]
lock not byte [rax]
lock bt dword [rax], 1
lock cmp [rax], eax
o16 push rax
o64 push rax
o16 add eax, ebx
o32 add eax, ebx
o64 add eax, ebx
o64 add rax, rbx
o16 add ax, bx
o32 add ax, bx
o16 ret
o64 ret
o32 push rax
a16 nop
a32 add eax, [rax]
a64 add eax, [rax]
a32 add eax, [eax]
o64 mov eax, 5
