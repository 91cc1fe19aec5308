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
# Usage: scripts/record-qemu.sh [--check] [--dirty] [GUEST.asm ...]
#   --check   compare with the recorded files instead of writing them
#   --dirty   also run every guest three more times with guest RAM filled
#             with garbage before it starts (0xA5A5A5A5, 0x5A3C961E,
#             0xFFFFFFFF over [0x4000, 0x9F000), [0x180000, 0x800000) and
#             [0x810000, 64 MiB): a copy of the runner's boot stub does it)
#             and require the same output: the guest never reads memory it
#             did not write, so its output cannot depend on what the
#             firmware left in RAM (QEMU does not zero it)
#   QEMU_REF=/path/to/run.sh overrides the runner.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runner=${QEMU_REF:-/work/shared/qemu-ref/run.sh}
expected=test/guests/expected
check=0 dirty=0
while [ $# -gt 0 ]; do
  case $1 in
    --check) check=1; shift ;;
    --dirty) dirty=1; shift ;;
    *) break ;;
  esac
done
if [ $# -gt 0 ]; then guests=("$@"); else guests=(guests/*.asm test/guests/*.asm); fi
[ -x "$runner" ] || { echo "record-qemu: no runner at $runner" >&2; exit 1; }
command -v nasm >/dev/null || { echo "record-qemu: nasm is missing" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$expected"
patterns=(0xA5A5A5A5 0x5A3C961E 0xFFFFFFFF)
if [ $dirty -eq 1 ]; then
  stub=$(dirname "$runner")/boot-stub.asm
  [ -f "$stub" ] || { echo "record-qemu: --dirty needs $stub" >&2; exit 1; }
  grep -q '^        lidt \[idtr0\]' "$stub" || { echo "record-qemu: --dirty: unexpected $stub" >&2; exit 1; }
  for pat in "${patterns[@]}"; do
    mkdir -p "$tmp/dirty-$pat"
    cp "$runner" "$tmp/dirty-$pat/run.sh"
    # fill RAM in 64-bit mode, after the stub's tables and before the jump
    awk -v pat="$pat" '{ print } /^        lidt \[idtr0\]/ {
      print "        mov eax, " pat
      print "        mov edi, 0x4000"
      print "        mov ecx, (0x9F000 - 0x4000) / 4"
      print "        rep stosd"
      print "        mov edi, 0x180000"
      print "        mov ecx, (0x800000 - 0x180000) / 4"
      print "        rep stosd"
      print "        mov edi, 0x810000"
      print "        mov ecx, (0x4000000 - 0x810000) / 4"
      print "        rep stosd" }' "$stub" >"$tmp/dirty-$pat/boot-stub.asm"
  done
fi
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
  if [ $dirty -eq 1 ]; then
    same=1
    for pat in "${patterns[@]}"; do
      set +e
      "$tmp/dirty-$pat/run.sh" "$tmp/$name.bin" >"$tmp/$name.dout" 2>/dev/null
      echo $? >"$tmp/$name.dcode"
      set -e
      if ! cmp -s "$tmp/$name.out1" "$tmp/$name.dout" || ! cmp -s "$tmp/$name.code1" "$tmp/$name.dcode"; then
        echo "FAIL $name: output depends on RAM contents (filled with $pat)"
        diff "$tmp/$name.out1" "$tmp/$name.dout" | head -5 || true
        same=0
      fi
    done
    if [ $same -eq 0 ]; then fail=1; continue; fi
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
