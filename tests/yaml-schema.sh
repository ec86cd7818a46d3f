#!/bin/sh
# yaml-schema.sh - every command's --format=yaml, over fixtures that
# reach each part of its document, read back with a real YAML loader
# (PyYAML, Debian's python3-yaml) and checked against the schema of
# elfault(1) (OUTPUT, YAML) by tests/yaml-schema.py: one document, keys
# in kebab-case (a vmstat mapping's are /proc/vmstat's names), no null,
# no address range in a string, each record's keys of their types, and
# keys for "none" left out rather than 0.  Each command's exit status
# is checked too: a document is written whether the run succeeds or not.
. "${srcdir:-.}/tests/lib.sh"

checker=$(cd "$(dirname "$0")" && pwd)/yaml-schema.py
python=${PYTHON3:-python3}
if ! "$python" -c 'import yaml' > /dev/null 2>&1; then
	skip_all "no YAML loader: $python cannot import yaml (python3-yaml)"
fi

cd "$TESTDATA" || exit 1
n=0
: > "$scratch/checks"
# run KIND STATUS ARGS...: elfault ARGS, its output kept for the checker
# as the KIND document; the exit status must be STATUS.
run() {
	kind=$1 want=$2
	shift 2
	n=$((n + 1))
	status=0
	"$ELFAULT" "$@" > "$scratch/$n.yaml" 2> /dev/null || status=$?
	if [ "$status" -eq "$want" ]; then
		ok "elfault $*: exit status $want"
	else
		not_ok "elfault $*: exit status $status, expected $want"
	fi
	printf '%s\n' "$kind:$scratch/$n.yaml:elfault $*: the $kind schema" \
		>> "$scratch/checks"
}

{
	run sections 0 sections --format=yaml seed/a.out
	run sections 0 sections --format=yaml elf/libpair.a
	run sections 0 sections --format=yaml crafted/basic64.o \
		crafted/flags.o
	run sections 1 sections --format=yaml seed/a.out bad/not-elf.txt
	# fuzz-elf's finding: a compressed section whose ch_addralign is
	# 2^63 (alignment: an unsigned 64-bit number, no signed overflow)
	run sections 0 sections --format=yaml bad/align-2-63

	run maps 0 maps --format=yaml --target=i386 seed/a.out
	run maps 0 maps --format=yaml --target=i386 --sections seed/a.out
	run maps 0 maps --format=yaml --target=i386 --stack --env=A=1 \
		seed/a.out x
	run maps 0 maps --format=yaml --target=i386-on-x86-64 --sections \
		--stack seed/a.out
	run maps 0 maps --format=yaml --target=i386 --sysroot=exec/sysroot \
		--sections exec/ok-pie32
	run maps 0 maps --format=yaml --stack elf/x86_64-static-exec one
	run maps 0 maps --format=yaml --sections elf/x86_64-static-pie

	for script in replay/*.yaml; do
		run replay 0 replay --format=yaml "$script"
	done
	run replay 0 replay --format=yaml --show=each replay/seed-pages.yaml
	run replay 0 replay --format=yaml --show=end replay/fork-cow.yaml
	run replay 0 replay --format=yaml --quiet replay/swap-thrash.yaml
	# runs that stop early: an error record after the steps
	run replay 2 replay --format=yaml replay-bad/action-typo.yaml
	run replay 2 replay --format=yaml replay-bad/syntax.yaml
	run replay 2 replay --format=yaml --memory=104K replay/fork-cow.yaml
	run replay 4 replay --format=yaml --allow-read . \
		replay-bad/unexpected-panic.yaml
	run replay 1 replay --format=yaml --allow-read . \
		replay-bad/expect-residency-fails.yaml

	if "$ELFAULT" run --help > /dev/null 2>&1 &&
	   ! "$ELFAULT" run replay/programs/rp-wait 2>&1 |
		grep -q 'without the Unicorn'; then
		run run 0 run --format=yaml replay/programs/rp-kernel-copy
		run run 0 run --format=yaml --continue replay/programs/rp-wait
		run run 0 run --format=yaml --show=end --continue \
			replay/programs/rp-fork-cow
		run run 2 run --format=yaml --max-instructions=5 \
			replay/programs/rp-fork-cow
	fi
	run compare 0 replay --format=yaml --compare-policies \
		--sizes=96K,112K,120K replay/belady.yaml
	run compare 0 replay --format=yaml --compare-policies --swap=0 \
		--sizes=128K replay/swap-thrash.yaml
	"$python" "$checker" < "$scratch/checks"
} > "$scratch/tap"
cat "$scratch/tap"
echo "1..$(grep -c '^\(not \)\{0,1\}ok' "$scratch/tap")"
