#!/bin/sh
# Re-record the preprocessor fixtures with the oracle: for each
# test/asm/pp/NAME.asm, `nasm -E` output goes to NAME.expected and nasm's
# diagnostics (warnings, errors) to NAME.diag. Run from anywhere; paths are
# given relative to the repository root, as the test passes them, because
# __FILE__ and %include names show up in the output.
set -eu
cd "$(dirname "$0")/.."
version=$(nasm -v)
case "$version" in
  *"version 2.16.01"*) ;;
  *) echo "warning: expected NASM 2.16.01, found: $version" >&2 ;;
esac
for src in test/asm/pp/*.asm; do
  base=${src%.asm}
  # nasm exits non-zero when a fixture reports errors on purpose; keep going.
  nasm -E -Itest/asm/pp/inc/ "$src" >"$base.expected" 2>"$base.diag" || true
  echo "recorded $base.expected ($(wc -l <"$base.expected") lines, $(wc -l <"$base.diag") diagnostics)"
done
