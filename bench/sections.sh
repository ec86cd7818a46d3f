#!/usr/bin/env bash
# bench/sections.sh - `elfault sections` against `objdump -h`, measured side
# by side: runs alternate between the two so that the noise of a shared
# machine hits both alike.  Files: the largest ELF files of this machine,
# the object with the most sections we can find, and a large archive.
# Prints the median wall time of each per file and their ratio
# (elfault / objdump); goal: every ratio <= 1.
#
# usage: bench/sections.sh [ELFAULT] [RUNS]   (defaults: ./elfault, 20)
set -euo pipefail
elfault=${1:-./elfault}
runs=${2:-20}

# A libtool wrapper script would add a shell's start-up to every run:
# time the real program behind it.
if head -c 2 "$elfault" | grep -q '#!'; then
	dir=$(dirname "$elfault")
	export LD_LIBRARY_PATH="$dir/lib/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
	elfault="$dir/.libs/$(basename "$elfault")"
fi

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

files=$( { largest_elf; most_sections; largest_archive; } | awk 'NF && !seen[$0]++')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
