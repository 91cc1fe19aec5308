#!/usr/bin/env bash
# record-qemu.sh -- record what real x86 (QEMU) prints for every pagevisor guest.
#
# For each guests/*.asm and test/guests/*.asm (NAME = file name without .asm):
#   nasm -f bin -w+all -i DIR/ DIR/NAME.asm -o TMP/NAME.bin   (DIR = the guest's directory)
#   /work/shared/qemu-ref/run.sh TMP/NAME.bin
# (run.sh: qemu-system-x86_64 -accel tcg -cpu max -m 64 -no-reboot, guest at GPA
# 0x100000 in the pagevisor boot state, port 0xE9 console, port 0xF4 exit) and
# writes
#   test/guests/expected/NAME.out   the console output, byte for byte
#   test/guests/expected/NAME.code  run.sh's exit status and a newline: the
#                                   guest's port-0xF4 value; 124 = timeout;
#                                   125 = QEMU stopped without a guest exit
#                                   (a triple fault, with -no-reboot)
# plus test/guests/expected/RECORDED.txt (tool versions, the command).
# Every guest runs twice; differing runs are an error (outputs must be
# deterministic). Exit status: 0 when all guests were recorded (or, with
# --check, all match), 1 otherwise.
#
# Usage: scripts/record-qemu.sh [--check] [GUEST.asm ...]
#   --check   compare with the recorded files instead of writing them
#   QEMU_REF=/path/to/run.sh overrides the runner.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runner=${QEMU_REF:-/work/shared/qemu-ref/run.sh}
expected=test/guests/expected
check=0
if [ "${1:-}" = "--check" ]; then check=1; shift; fi
if [ $# -gt 0 ]; then guests=("$@"); else guests=(guests/*.asm test/guests/*.asm); fi
[ -x "$runner" ] || { echo "record-qemu: no runner at $runner" >&2; exit 1; }
command -v nasm >/dev/null || { echo "record-qemu: nasm is missing" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$expected"
declare -A seen=()
fail=0
for g in "${guests[@]}"; do
  name=$(basename "$g" .asm)
  if [ -n "${seen[$name]:-}" ]; then
    echo "record-qemu: two guests named $name ($g, ${seen[$name]})" >&2
    fail=1
    continue
  fi
  seen[$name]=$g
  if ! nasm -f bin -w+all -i "$(dirname "$g")/" "$g" -o "$tmp/$name.bin" 2>"$tmp/$name.nasm"; then
    echo "FAIL $name: nasm"; cat "$tmp/$name.nasm"; fail=1; continue
  fi
  if [ -s "$tmp/$name.nasm" ]; then
    echo "FAIL $name: nasm warnings"; cat "$tmp/$name.nasm"; fail=1; continue
  fi
  for run in 1 2; do
    set +e
    "$runner" "$tmp/$name.bin" >"$tmp/$name.out$run" 2>"$tmp/$name.err$run"
    echo $? >"$tmp/$name.code$run"
    set -e
  done
  if ! cmp -s "$tmp/$name.out1" "$tmp/$name.out2" || ! cmp -s "$tmp/$name.code1" "$tmp/$name.code2"; then
    echo "FAIL $name: two runs differ (not deterministic)"
    diff "$tmp/$name.out1" "$tmp/$name.out2" | head -5 || true
    fail=1
    continue
  fi
  code=$(cat "$tmp/$name.code1")
  lines=$(wc -l <"$tmp/$name.out1")
  if [ $check -eq 1 ]; then
    if cmp -s "$tmp/$name.out1" "$expected/$name.out" && cmp -s "$tmp/$name.code1" "$expected/$name.code"; then
      echo "ok   $name (exit $code, $lines lines)"
    else
      echo "DIFF $name (exit $code, expected $(cat "$expected/$name.code" 2>/dev/null || echo none))"
      diff "$expected/$name.out" "$tmp/$name.out1" | head -10 || true
      fail=1
    fi
  else
    cp "$tmp/$name.out1" "$expected/$name.out"
    cp "$tmp/$name.code1" "$expected/$name.code"
    echo "rec  $name (exit $code, $lines lines)"
  fi
done

if [ $check -eq 0 ] && [ $fail -eq 0 ]; then
  {
    echo "Recorded by scripts/record-qemu.sh."
    echo "Per guest: nasm -f bin -w+all -i DIR/ DIR/GUEST.asm -o GUEST.bin (DIR = its directory)"
    echo "           $runner GUEST.bin > NAME.out; echo \$? > NAME.code"
    echo "nasm: $(nasm -v)"
    echo "qemu: $(qemu-system-x86_64 --version | head -1)"
    echo "qemu command (run.sh): qemu-system-x86_64 -accel tcg -cpu max -m 64 -no-reboot -display none"
    echo "  -serial none -monitor none -nodefaults -kernel boot-stub.bin"
    echo "  -device loader,file=GUEST.bin,addr=0x100000,force-raw=on -debugcon file:CONSOLE"
    echo "  -device isa-debug-exit,iobase=0xf4,iosize=0x04"
  } >"$expected/RECORDED.txt"
fi
exit $fail
