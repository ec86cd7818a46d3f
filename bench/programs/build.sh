#!/usr/bin/env bash
# build.sh -- rebuild the benchmark programs bench-*.s -> bench-* (checked
# in) with GNU as and ld (binutils 2.40): static i386, no libc, ld's
# default layout.
# Usage: bench/programs/build.sh   (from any directory)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in bench-*.s; do
    p=${s%.s}
    as --32 -I . -o "$tmp/$p.o" "$s"
    ld -m elf_i386 --build-id=none -z noexecstack -o "$p" "$tmp/$p.o"
done
