#!/usr/bin/env bash
# make-crafted.sh - rebuild the hand-crafted ELF files in testdata/crafted/
# and objdump's answers for them.
#
# Each gen/*.py writes small ELF files byte by byte with gen/mkelf.py (our
# own writer, no toolchain involved), each one aimed at one rule of BFD
# 2.40 that `objdump -h` follows: section creation order, flags, LMA, groups,
# compression headers, damaged headers, target fallback.  The rule each
# file exercises is described in ../README.  The files and the expected
# output are checked in; rebuild only when a generator changes.
#
# expected/crafted/NAME.sections{,.err,.status} are the standard output,
# standard error ("objdump:" replaced by "elfault:") and exit status of
# `objdump -h crafted/NAME`, run in testdata/ (GNU objdump 2.40).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
testdata=$(dirname "$here")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

objdump --version | head -1 | grep -q ' 2\.40$' ||
	echo "warning: objdump is not 2.40; expected output may differ" >&2

find "$here" -maxdepth 1 -type f ! -name make-crafted.sh -delete
cp "$here"/gen/*.py "$scratch"/
for gen in "$here"/gen/*.py; do
	[ "$(basename "$gen")" = mkelf.py ] && continue
	(cd "$scratch" && python3 "$(basename "$gen")")
done
rm -f "$scratch"/*.py
rm -rf "$scratch"/__pycache__
mv "$scratch"/* "$here"/

mkdir -p "$testdata/expected/crafted"
rm -f "$testdata"/expected/crafted/*
cd "$testdata"
for f in crafted/*; do
	case $f in crafted/gen|crafted/make-crafted.sh) continue ;; esac
	status=0
	objdump -h "$f" > "expected/$f.sections" 2> "$scratch/err" || status=$?
	sed 's/^objdump:/elfault:/' "$scratch/err" > "expected/$f.sections.err"
	echo "$status" > "expected/$f.sections.status"
done
echo "crafted files rebuilt in $here"
