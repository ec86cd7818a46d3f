#!/usr/bin/env bash
# make-fuzz.sh - rebuild testdata/fuzz/: mutants of the fixtures (mutate.py,
# fixed seeds) and objdump's answers for them, as regression tests for
# hostile input.  Mutants where elfault knowingly differs from objdump are
# dropped and listed in KNOWN-DIFFERENCES with the reason.
#
# expected/fuzz/NAME.sections{,.err,.status}: `objdump -h fuzz/NAME` run in
# testdata/ (GNU objdump 2.40), "objdump:" replaced by "elfault:".
# ELFAULT (default ../../elfault) must be a built elfault, to find the
# known differences.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
testdata=$(dirname "$here")
elfault=${ELFAULT:-$testdata/../elfault}
cd "$testdata"
find fuzz -maxdepth 1 -type f -name 's*-*' -delete
mkdir -p expected/fuzz
rm -f expected/fuzz/*

inputs_a="seed/a.out elf/i386-rel.o elf/x86_64-rel.o elf/libtiny.so elf/x86_64-pie elf/libpair.a elf/comdat.o"
inputs_b="elf/x86_64-static-exec elf/debug-zlib.o elf/x86_64-tls-exec elf/misc-sections.o elf/iamcu.o elf/x32.o"
# shellcheck disable=SC2086
python3 fuzz/mutate.py 1 200 fuzz $inputs_a
# shellcheck disable=SC2086
python3 fuzz/mutate.py 7 200 fuzz $inputs_b

{
	echo "# Mutants left out of testdata/fuzz: elfault differs from objdump on"
	echo "# them by design or by a documented limit (see elfault(1))."
} > fuzz/KNOWN-DIFFERENCES
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for f in fuzz/s*-*; do
	status=0
	objdump -h "$f" > "$scratch/out" 2> "$scratch/err" || status=$?
	sed -i 's/^objdump:/elfault:/' "$scratch/err"
	estatus=0
	"$elfault" sections "$f" > "$scratch/eout" 2> "$scratch/eerr" || estatus=$?
	if ! cmp -s "$scratch/out" "$scratch/eout" ||
	   ! cmp -s "$scratch/err" "$scratch/eerr" || [ "$status" != "$estatus" ]; then
		if [ ! -s "$f" ]; then
			why="empty file: objdump prints nothing, elfault says so"
		elif head -c 8 "$f" | grep -q '^!<arch>'; then
			why="archive objdump reads differently: damaged symbol index or member header"
		else
			why="libelf refuses the file: BFD's warnings before its refusal are not given"
		fi
		echo "$(basename "$f"): $why" >> fuzz/KNOWN-DIFFERENCES
		rm -f "$f"
		continue
	fi
	cp "$scratch/out" "expected/$f.sections"
	cp "$scratch/err" "expected/$f.sections.err"
	echo "$status" > "expected/$f.sections.status"
done
echo "$(ls fuzz/s*-* | wc -l) mutants kept; $(grep -c '^s' fuzz/KNOWN-DIFFERENCES) left out"
