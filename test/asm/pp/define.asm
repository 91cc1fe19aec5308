; Single-line macros: %define, parameters, recursion rules, pasting, the
; string directives and the predefined macros. Recorded with nasm -E.

%define FOO 1
%define BAR(a,b) a+b   ; comment after a definition
mov eax, FOO            ; a comment
mov eax, BAR(1, (2,3))
label:  db "FOO;", 'x' ; FOO inside strings and comments is left alone

; arguments: parentheses, braces and strings protect commas
%define f(x) [x]
%define g(a,b) a-b
f((1,2))
f({1,2})
g( 1 , 2 )
g({1,2},3)
g((1,2),{3})
g("a,b", 'c)')
f
f (7)
f(g(1,2))
f(f(1))
%define h(x) x x
h(1)

; case-insensitive and overloaded definitions
%idefine Foo 9
FOO foo Foo
%define ov 0
%define ov(a) 1
%define ov(a,b) 2
ov ov(x) ov(x,y)

; lazy expansion, %xdefine, self reference, mutual reference
%define LAZY VAL
%define VAL 1
LAZY
%define VAL 2
LAZY
%undef VAL
LAZY
%xdefine X1 VAL
%define VAL 3
X1 VAL
%xdefine SELF 1
%xdefine SELF SELF + 1
SELF
%define REC REC+1
REC
%define e1 e2
%define e2 e1
e1 e2
%define E
a E b
%define q(x)
q(5)end

; pasting
%define P pre
P%+fix P %+ fix
%define FIXN fixed
P %+ FIXN
%define cat(a,b) a%+b
cat(x,y) cat( x , y )
%define M(x) x
M(a)M(b) M(1)M(2) M(a)5 M(5)a
%define A1 one
%define N 1
A %+ N
A%+N
%define X foo %+
X bar

; parameter flags: = evaluates, & stringifies, ! keeps braces, + is greedy
%define s(&x) x
%define e(=x) x
s(a b  c) e(3*4+1) e(0x10)
%define gr(a,b+) a|b
gr(1,2,3) gr(1) gr(1,2)
%define nos(!x) x
nos({a,b}) nos( {c} )
%define k(a,b) a%,b
k(1,2) k(1,) k(,)
%define g0() 7
g0() g0

; %?, %?? and aliases
%define Q(x) %? x %??
Q(1)
%idefine QI(x) %? %??
qi(1)
%defalias AL Z
%define Z 9
AL Z
%undef AL
Z

; string directives
%defstr DS hello   world
DS
%deftok DT 'mov eax, 1'
DT
%strlen SL "abcd"
SL
%substr S1 "hello", 2, 3
%substr S2 "hello", -2
%substr S3 "hello", 2, -1
%substr S4 "hello" 3,2
%substr S5 "hello",9
S1 S2 S3 S4 S5
%strcat SC "ab", 'cd', `e\n`
%strcat SQ 'it''s', "x"
SC SQ
%define IND 3
val_%[IND]
%[P]_thing

; identifiers that are not the macro
%define ?x 5
%define é 6
%define a#b 7
?x é a#b
N.5 1.N N1 $N 0xN N

; predefined macros
__?NASM_MAJOR?__ __NASM_MAJOR__ __?NASM_MINOR?__ __?NASM_VER?__ __?NASM_VERSION_ID?__
__LINE__ __FILE__ __?LINE?__ __?FILE?__
