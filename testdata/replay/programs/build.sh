#!/usr/bin/env bash
# build.sh -- rebuild the replay programs rp-*.s -> rp-* (checked in) with
# GNU as and ld (binutils 2.40), linked with rp.ld: seed/a.out's layout
# (or with rp-NAME.ld when there is one).
# Usage: testdata/replay/programs/build.sh   (from any directory)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in rp-*.s; do
    p=${s%.s}
    as --32 -I . -o "$tmp/$p.o" "$s"
    lds=rp.ld
    [ -f "$p.ld" ] && lds=$p.ld         # a layout of its own
    ld -m elf_i386 --build-id=none -T "$lds" -z noexecstack -o "$p" "$tmp/$p.o"
done
