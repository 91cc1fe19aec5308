; %include: the name as written, then each -I directory (the tests pass
; -Itest/asm/pp/inc/); include guards; __FILE__ and __LINE__ in includes.

%include "guard.inc"
%include "guard.inc"
dd __LINE__
db __FILE__
%define INCNAME "nested.inc"
%include INCNAME
%pathsearch PS "nested.inc"
db PS
%pathsearch PS2 "not-there.inc"
db PS2
%include "macros.inc"
twice nop
