#!/usr/bin/env bash
# bench/sections.sh - `elfault sections` against `objdump -h`, measured side
# by side: runs alternate between the two so that the noise of a shared
# machine hits both alike.
#  1. Large files, one a run: the largest ELF files of this machine, the
#     object with the most sections we can find, and a large archive; the
#     median wall time of each per file and their ratio.
#  2. Many files in one call: MANY (default 400) ELF files of /usr/bin and
#     /usr/lib/x86_64-linux-gnu, evenly spread, given to one process of
#     each (xargs, as a user would); the median CPU time (user + system,
#     xargs and the tool: perf's task-clock, or bash's `times` without
#     perf) and the ratio.  ELFAULT is
#     run as given: the build tree's ./elfault is the program itself.
# Goal: every ratio (elfault / objdump) <= 1.
#
# usage: bench/sections.sh [ELFAULT] [RUNS] [MANY]   (./elfault, 20, 400)
set -euo pipefail
elfault=${1:-./elfault}
runs=${2:-20}
many=${3:-400}

is_elf() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]; }

largest_elf() {
	find /usr/lib/x86_64-linux-gnu /usr/bin -type f -size +4M 2>/dev/null |
		while read -r f; do is_elf "$f" && echo "$(stat -c %s "$f") $f"; done |
		sort -rn | head -n 4 | cut -d' ' -f2-
}

most_sections() {
	find /usr/lib/x86_64-linux-gnu -name '*.o' -size +1M 2>/dev/null |
		while read -r f; do
			echo "$(readelf -h "$f" 2>/dev/null |
				sed -n 's/.*Number of section headers: *//p') $f"
		done | sort -rn | head -n 1 | cut -d' ' -f2-
}

largest_archive() {
	ls -S /usr/lib/x86_64-linux-gnu/*.a 2>/dev/null | head -n 1
}

now() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Every k-th ELF file of the two trees, k chosen to spread $many over them.
spread_elf() {
	find /usr/bin /usr/lib/x86_64-linux-gnu -type f -size +0 2>/dev/null |
		LC_ALL=C sort > "$tmp/all"
	local step=$(( $(wc -l < "$tmp/all") / (many * 2) ))
	[ "$step" -ge 1 ] || step=1
	awk -v step="$step" 'NR % step == 0' "$tmp/all" |
		while read -r f; do is_elf "$f" && echo "$f"; done |
		awk -v many="$many" 'NR <= many'     # (head would end the loop early)
}

# cpu_ms COMMAND...: milliseconds of CPU (user + system) a command and its
# children took: perf's task-clock where perf works, else bash's `times`
# (coarser) after the command ran in a subshell.
cpu_ms() {
	if [ -n "$perf" ]; then
		perf stat -x, -e task-clock -o "$tmp/perf" "$@" > /dev/null 2>&1 || true
		awk -F, '$3 == "task-clock" { printf "%d\n", $1 }' "$tmp/perf"
		return
	fi
	( "$@" > /dev/null 2>&1 || true
	  times ) | awk 'NR == 2 {
		split($1, u, /[ms]/); split($2, s, /[ms]/)
		printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }'
}
perf=
perf stat -e task-clock true > /dev/null 2>&1 && perf=perf

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$( { largest_elf; most_sections; largest_archive; } | awk 'NF && !seen[$0]++')
printf '%-72s %10s %10s %7s\n' file "objdump ms" "elfault ms" ratio
for f in $files; do
	: > "$tmp/o"
	: > "$tmp/e"
	for _ in $(seq "$runs"); do
		t0=$(now); objdump -h "$f" > /dev/null 2>&1 || true; t1=$(now)
		"$elfault" sections "$f" > /dev/null 2>&1 || true; t2=$(now)
		echo $((t1 - t0)) >> "$tmp/o"
		echo $((t2 - t1)) >> "$tmp/e"
	done
	o=$(median < "$tmp/o")
	e=$(median < "$tmp/e")
	awk -v f="$f" -v o="$o" -v e="$e" 'BEGIN {
		printf "%-72s %10.2f %10.2f %7.2f\n", f, o / 1e6, e / 1e6, e / o }'
done

spread_elf > "$tmp/many"
count=$(wc -l < "$tmp/many")
: > "$tmp/o"
: > "$tmp/e"
for _ in $(seq "$runs"); do
	cpu_ms xargs -a "$tmp/many" -d '\n' objdump -h >> "$tmp/o"
	cpu_ms xargs -a "$tmp/many" -d '\n' "$elfault" sections >> "$tmp/e"
done
o=$(median < "$tmp/o")
e=$(median < "$tmp/e")
awk -v n="$count" -v o="$o" -v e="$e" 'BEGIN {
	printf "%-72s %10s %10s %7s\n", n " ELF files in one call", "objdump cpu", "elfault cpu", "ratio"
	printf "%-72s %10d %10d %7.2f\n", "(ms, user + system)", o, e, (o > 0 ? e / o : 0) }'
