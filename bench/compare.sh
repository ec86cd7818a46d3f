#!/usr/bin/env bash
# bench/compare.sh - `elfault replay --compare-policies` one run after
# another (--jobs 1) and over every CPU (--jobs N, N = nproc): the
# wall-clock time of each, best of BENCH_REPEAT (default 2: the machines
# are shared), and their ratio, side by side; the two tables must be
# byte-identical, or the benchmark stops.
#
# The scripts: testdata/replay/show-fork.yaml, the slowest of the shipped
# comparisons, and a generated one (bench/replay-script.awk, KIND=hits,
# BENCH_STEPS steps, default 20000, over 1024 pages in 1G: its sixteen
# sizes from a quarter of its peak up make every policy reclaim).
#
# usage: bench/compare.sh [ELFAULT] [SEED-ELF]
set -euo pipefail
elfault=$(readlink -f "${1:-./elfault}")
here=$(cd "$(dirname "$0")" && pwd)
seed=$(readlink -f "${2:-$here/../testdata/seed/a.out}")
repeat=${BENCH_REPEAT:-2}
steps=${BENCH_STEPS:-20000}
jobs=$(nproc)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# best SECONDS of $repeat runs of elfault replay -c ARGS, the table to FILE.
best() {
	local out=$1 b='' s e t
	shift
	for _ in $(seq "$repeat"); do
		s=$(date +%s%N)
		"$elfault" replay --compare-policies "$@" > "$out"
		e=$(date +%s%N)
		t=$(( (e - s) / 1000000 ))
		if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
	done
	printf '%d.%03d' $((b / 1000)) $((b % 1000))
}

cp "$seed" "$scratch/a.out"	# a script reads under its own directory
awk -v steps="$steps" -v kind=hits -v exe=a.out \
	-f "$here/replay-script.awk" > "$scratch/hits.yaml"
printf '%-28s %10s %10s %8s\n' script "--jobs 1" "--jobs $jobs" ratio
for script in "$here/../testdata/replay/show-fork.yaml" "$scratch/hits.yaml"; do
	one=$(best "$scratch/one" --jobs 1 "$script")
	many=$(best "$scratch/many" --jobs "$jobs" "$script")
	if ! cmp -s "$scratch/one" "$scratch/many"; then
		echo "bench/compare.sh: the tables differ for $script" >&2
		diff -u "$scratch/one" "$scratch/many" >&2
		exit 1
	fi
	name=$(basename "$script")
	[ "$name" = hits.yaml ] && name="hits ($steps steps)"
	printf '%-28s %9ss %9ss %7sx\n' "$name" "$one" "$many" \
		"$(echo "scale=2; $one / $many" | bc)"
done
