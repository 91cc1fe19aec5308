; %assign and %if: NASM's expression grammar with 64-bit arithmetic.

%assign a 10
%assign b -3
dq a/b, a//b, a %% b, b>>1, b>>>1, b<<2, ~b, !b, -b, +b
%assign r1 a/b
%assign r2 a//b
%assign r3 a % b
%assign r4 a %% b
%assign r5 b>>1
%assign r6 b>>>1
%assign r7 b<<2
%assign r8 ~b
%assign r9 !b
%assign r10 -b
dq r1, r2, r3, r4, r5, r6, r7, r8, r9, r10
%assign t1 1 ? 2 : 3
%assign t2 0 ? 2 : 3
%assign t3 (1 || 0) + (0 ^^ 1) * 2 + (1 && 0) * 4
%assign t4 (5 & 3) | ((5 | 3) << 4) | ((5 ^ 3) << 8)
dq t1, t2, t3, t4
%assign c1 'a'
%assign c2 "ab"
%assign c3 `\x41\n`
%assign c4 'abcd'
%assign c5 `\xff\xff\xff\xff`
dq c1, c2, c3, c4, c5
%assign n1 0x7fffffffffffffff + 1
%assign n2 0ffh + 10b + 0o17 + 0q17 + 17q + 1_000 + $1f + 0d99 + 99d
%assign n3 18446744073709551615 + 1
%assign n4 0x8000000000000000 / -1
%assign n5 1 << 70
%assign n6 -1 >>> 60
%assign n7 -1 >> 60
%assign n8 -9 % 4
%assign n9 ~0 / 2
%assign n10 5 > 3 == 1
%assign n11 -5 < 3
%assign n12 3 = 3
dq n1, n2, n3, n4, n5, n6, n7, n8, n9, n10, n11, n12
%assign cmp (a > b) + (a >= a) * 2 + (a <= 9) * 4 + (b != b) * 8 + (a <> b) * 16 + (a = 10) * 32
dq cmp
%assign i 0
%assign i i+1
%assign i i*7
dq i

%if a > 5 && b < 0
db 'yes1'
%elif a == 10
db 'no'
%else
db 'no'
%endif
%if 0
  %if 1
  db 'never'
  %else
  db 'never2'
  %endif
%elif 0
db 'no'
%elifn 0
db 'elifn'
%endif
%ifdef a
db 'def a'
%endif
%ifndef zz
db 'ndef zz'
%elifdef a
db 'no'
%endif
%if 0
%elifdef a
db 'elifdef'
%endif
%if 1
%else
db 'no'
%endif
%define S 'text'
%ifidn S, 'text'
db 'idn1'
%endif
%ifidn S, "text"
db 'idn2'
%endif
%ifidni ABC,abc
db 'idni'
%endif
%ifidn ABC,abc
db 'no'
%else
db 'idn-case'
%endif
%ifidn a , a
db 'no: whitespace before the comma counts'
%else
db 'idn-space'
%endif
%ifnidn 1,2
db 'nidn'
%endif
%ifnum 42
db 'num'
%endif
%ifnum -5
db 'neg num'
%endif
%ifnum x42
db 'no'
%endif
%ifstr S
db 'str'
%endif
%ifstr 'a' 'b'
db 'str2'
%endif
%ifid foo
db 'id'
%endif
%ifid $x
db 'id2'
%endif
%iftoken a b
db 'no'
%else
db 'not token'
%endif
%iftoken 1
db 'token'
%endif
%define EMPTY
%ifempty EMPTY
db 'empty'
%endif
%ifnempty a
db 'nempty'
%endif
%macro mm 1-2
%endmacro
%ifmacro mm
db 'mac'
%endif
%ifmacro mm 2
db 'mac2'
%endif
%ifmacro mm 3
db 'no'
%endif
%ifmacro mm 0-1
db 'mac01'
%endif
%ifnmacro nothere
db 'nmac'
%endif
%push ctx1
%ifctx ctx1
db 'ctx'
%endif
%ifnctx other
db 'nctx'
%endif
%pop
%ifusable altreg
db 'usable'
%endif
%ifusing altreg
db 'no'
%endif
