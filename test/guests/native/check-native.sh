#!/usr/bin/env bash
# check-native.sh -- run the unprivileged guests (isa-*.asm) directly on the
# host CPU (a Linux x86-64 user process, see pvnative.c) and compare with the
# QEMU recordings in test/guests/expected/. Agreement means QEMU's TCG and
# the real CPU produce the same architecturally defined results for them.
# Needs cc (gcc/clang), nasm, an x86-64 Linux host with vm.mmap_min_addr
# <= 0x10000. Usage: test/guests/native/check-native.sh [GUEST.asm ...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
guests_dir=$(dirname "$here")
if [ $# -gt 0 ]; then guests=("$@"); else guests=("$guests_dir"/isa-*.asm); fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/pvnative" "$here/pvnative.c"
fail=0
for g in "${guests[@]}"; do
  name=$(basename "$g" .asm)
  nasm -f bin -i "$(dirname "$g")/" "$g" -o "$tmp/$name.bin"
  set +e
  "$tmp/pvnative" "$tmp/$name.bin" >"$tmp/$name.out"
  code=$?
  set -e
  if cmp -s "$tmp/$name.out" "$guests_dir/expected/$name.out" &&
     [ "$code" = "$(cat "$guests_dir/expected/$name.code")" ]; then
    echo "same   $name (exit $code)"
  else
    echo "DIFFER $name (exit $code)"
    diff "$guests_dir/expected/$name.out" "$tmp/$name.out" | head -20 || true
    fail=1
  fi
done
exit $fail
