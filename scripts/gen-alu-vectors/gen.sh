#!/usr/bin/env bash
# Regenerate test/cpu/vectors/*.json from the REAL host CPU.
#   bash scripts/gen-alu-vectors/gen.sh
# Needs: x86-64 Linux host, gcc, nasm.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/test/cpu/vectors"
[ "$(uname -m)" = x86_64 ] || { echo "gen.sh: needs an x86-64 host (this is $(uname -m))" >&2; exit 1; }
command -v gcc >/dev/null || { echo "gen.sh: gcc not found" >&2; exit 1; }
command -v nasm >/dev/null || { echo "gen.sh: nasm not found (apt-get install nasm)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# -mno-red-zone: the inline-asm trampoline pushes below rsp.
gcc -std=gnu11 -O1 -Wall -Wextra -mno-red-zone -o "$tmp/gen" "$here/gen.c"
mkdir -p "$out"
"$tmp/gen" "$out"
du -ch "$out"/*.json | tail -1
