#!/usr/bin/env bash
# bench/replay.sh - `elfault replay` on generated scripts of 10^4 to 10^6
# steps (10^7 with BENCH_MAX_EXP=7), three kinds (bench/replay-script.awk):
# "hits", where nearly every step is a TLB hit or a walk; "faults", where
# every step is an anonymous page fault; "values", hits whose steps also
# give a value (a richer step, more YAML per step).
#
# For each it prints steps/s and faults/s with the report sent to
# /dev/null (elfault's own speed), faults/s with it written to a file
# (what the file system adds), peak RSS (flat in the script's length: the
# reader streams), and, measured in the same run, the time libyaml's
# parser alone needs for the same file (bench/yaml-parse) and the ratio
# of the two: the script is parsed on a thread of its own, so a replay of
# cheap steps cannot go faster than the parse (ratio 1).  Each time is
# the best of BENCH_REPEAT runs (default 2): the machines are shared.
# The script's last step expects the faults it was made to take, and a
# replay that does not exit 0 stops the benchmark.
# Goals (issue 6): >= 2 M steps/s, >= 1 M faults/s, RSS flat.
#
# usage: bench/replay.sh [ELFAULT] [YAML-PARSE] [SEED-ELF]
set -euo pipefail
elfault=${1:-./elfault}
parse=${2:-./bench/yaml-parse}
seed=$(readlink -f "${3:-$(dirname "$0")/../testdata/seed/a.out}")
max_exp=${BENCH_MAX_EXP:-6}
repeat=${BENCH_REPEAT:-2}
awk_script=$(dirname "$0")/replay-script.awk

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

. "$(dirname "$0")/measure.sh"

printf '%-8s %-6s %10s %10s %10s %8s %9s %8s %6s\n' steps kind steps/s \
	faults/s 'to a file' 'RSS KiB' 'replay s' 'parse s' ratio
for exp in $(seq 4 "$max_exp"); do
	n=$((10 ** exp))
	for kind in hits faults values; do
		script=$scratch/script.yaml
		awk -v steps="$n" -v kind="$kind" -v exe="$seed" \
			-f "$awk_script" > "$script"
		steps=$(grep -c '^  - ' "$script")
		faults=$(tail -n 1 "$script" | sed 's/.*minflt: \([0-9]*\).*/\1/')
		read -r parse_s _ < <(measure /dev/null "$parse" "$script")
		read -r replay_s rss < <(measure /dev/null "$elfault" replay \
			--quiet --allow-read "$(dirname "$seed")" "$script")
		read -r file_s _ < <(measure "$scratch/out" "$elfault" replay \
			--quiet --allow-read "$(dirname "$seed")" "$script")
		awk -v n="$n" -v k="$kind" -v s="$steps" -v f="$faults" \
		    -v rs="$replay_s" -v fs="$file_s" -v ps="$parse_s" \
		    -v rss="$rss" 'BEGIN {
			printf "%-8d %-6s %10.0f %10.0f %10.0f %8d %9.4f %8.4f %6.2f\n",
			       n, k, s / rs, f / rs, f / fs, rss, rs, ps, rs / ps }'
	done
done
