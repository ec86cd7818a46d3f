#!/usr/bin/env bash
# bench/replay.sh - `elfault replay` on generated scripts of 10^4 to 10^6
# steps (10^7 with BENCH_MAX_EXP=7), two kinds (bench/replay-script.awk):
# "hits", where nearly every step is a TLB hit or a walk, and "faults",
# where every step is an anonymous page fault.  For each it prints steps/s,
# faults/s, peak RSS (flat in the script's length: the reader streams) and
# the time libyaml's parser alone needs for the same file (bench/yaml-parse),
# measured in the same run; replay/parse is the ratio of the two, and
# "own steps/s" counts steps per second of replay time beyond the parse
# (elfault's own work: checks, MMU, faults, the report).
# Goals (issue 6): >= 2 M steps/s, >= 1 M faults/s, RSS flat.
#
# usage: bench/replay.sh [ELFAULT] [YAML-PARSE] [SEED-ELF]
set -euo pipefail
elfault=${1:-./elfault}
parse=${2:-./bench/yaml-parse}
seed=$(readlink -f "${3:-$(dirname "$0")/../testdata/seed/a.out}")
max_exp=${BENCH_MAX_EXP:-6}
awk_script=$(dirname "$0")/replay-script.awk

if head -c 2 "$elfault" | grep -q '#!'; then
	dir=$(dirname "$elfault")
	export LD_LIBRARY_PATH="$dir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
	elfault="$dir/.libs/$(basename "$elfault")"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# seconds and peak RSS (KiB) of a command, its output to FILE
measure() {
	local out=$1; shift
	/usr/bin/time -f '%e %M' -o "$scratch/time" "$@" > "$out" 2>/dev/null
	cat "$scratch/time"
}

printf '%-8s %-6s %10s %10s %8s %8s %7s %12s %13s\n' steps kind steps/s \
	faults/s 'RSS KiB' 'replay s' 'parse s' replay/parse 'own steps/s'
for exp in $(seq 4 "$max_exp"); do
	n=$((10 ** exp))
	for kind in hits faults; do
		awk -v steps="$n" -v kind="$kind" -v exe="$seed" \
			-f "$awk_script" > "$scratch/script.yaml"
		read -r parse_s _ < <(measure /dev/null "$parse" "$scratch/script.yaml")
		read -r replay_s rss < <(measure "$scratch/out" "$elfault" replay \
			--quiet "$scratch/script.yaml")
		summary=$(tail -n 1 "$scratch/out")
		steps=${summary%% steps*}
		faults=$(echo "$summary" | sed 's/.*steps, \([0-9]*\) faults.*/\1/')
		awk -v n="$n" -v k="$kind" -v s="$steps" -v f="$faults" \
		    -v rs="$replay_s" -v ps="$parse_s" -v rss="$rss" 'BEGIN {
			if (rs <= 0) rs = 0.01; if (ps <= 0) ps = 0.01
			own = rs > ps ? s / (rs - ps) : 0
			printf "%-8d %-6s %10.0f %10.0f %8d %8.2f %7.2f %12.2f %13.0f\n",
			       n, k, s / rs, f / rs, rss, rs, ps, rs / ps, own }'
	done
done
