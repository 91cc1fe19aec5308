#!/usr/bin/env bash
# gen-disasm-expected.sh -- record objdump's disassembly of the CPU decoder corpus.
#
# Assembles test/cpu/corpus/corpus.asm with nasm and writes test/cpu/corpus/corpus.expected:
# one line per instruction, "offset<TAB>hex bytes<TAB>objdump -M intel text" (spacing as objdump
# prints it; the test normalises runs of blanks). Run it again after changing corpus.asm
# (regenerate corpus.asm itself with test/cpu/corpus/gen-corpus.py).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$here/test/cpu/corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nasm -f bin "$dir/corpus.asm" -o "$work/corpus.bin"
objdump -D -b binary -m i386:x86-64 -M intel --insn-width=16 "$work/corpus.bin" |
  awk -F'\t' '/^ *[0-9a-f]+:\t/ { off=$1; sub(/^ */, "", off); sub(/:$/, "", off); b=$2; sub(/ +$/, "", b); print off "\t" b "\t" $3 }' \
  > "$dir/corpus.expected"
echo "wrote $(wc -l < "$dir/corpus.expected") lines to $dir/corpus.expected"
