#!/usr/bin/env bash
# bench/scaling.sh - whether a step's cost depends on the replay's
# history (issue 18: "every step costs time bounded by the machine's
# size, not by the history of the replay").  For each kind of churn -
# work a hostile script can repeat without limit, each round leaving the
# machine as it found it - it runs `elfault replay` on N rounds and on
# 4N rounds, side by side, and prints both times, the ratio and the peak
# RSS of each: about 4 when a round's cost stays flat, 16 when it grows
# with the rounds before it (quadratic).  The kinds:
#   exec-exit   exec: then exit: of a new process;
#   fork-exit   fork: of a child that exits at once, and the parent's
#               wait4() that reaps it;
#   execve      execve() of the program by itself (the mm it replaces
#               freed after the step);
#   shmem       mmap of MAP_SHARED|MAP_ANONYMOUS memory, a write to it
#               (a fault and a page-cache page), munmap (the page freed;
#               the object's record, a few hundred bytes, stays to the
#               end);
#   anon        the same with private anonymous memory;
#   writeback   a write to the next page of a host file mapped shared and
#               writable, on a 1 MiB machine: reclaim writes the dirty
#               pages back, and elfault keeps each page written back (the
#               host file never changes) - found again by its index, not
#               by a search of them all; 4N and 16N rounds, for a
#               search's cost would show only past some 20,000 pages
#               (before: 0.25 s and 2.19 s, ratio 8.8; now 0.15 s and
#               0.61 s).
# Then whether a step's cost depends on the length of the range it names
# (it should not: the kernel's walks of a range pass over a page-directory
# entry with no page table, and drop a shmem object's pages by walking
# the pages it has, not its length).  For each kind, ROUNDS rounds of
# 4 KiB and of 2.5 GiB ranges, side by side: the ratio a small number
# (a walk still reads the range's page-directory entries, 640 here),
# not the ranges' 655,360:
#   range-shmem  mmap of shared anonymous memory at 0x10000000, a write
#                to its first page, mprotect to read-only and munmap of
#                the whole range (the object then freed);
#   range-fork   the same with private anonymous memory, and a fork
#                between the write and the mprotect (the range's PTEs
#                copied), the child exiting and reaped by wait4().
# Last, `elfault run` of bench/programs/bench-forks on N and 4N forks
# (each child exits, the parent reaps it), the ratio about 4: choosing
# the next process to run costs the processes that may still run, not
# every one the run made; and of bench/programs/bench-held, whose
# children each leave a line on standard error, one in four unended:
# showing a step's lines costs that step's bytes, not the lines held
# (16,000 forks: 14.6 s when every held line was looked at after each
# step, 2.0 s now).
# Each time is the best of BENCH_REPEAT runs (default 2); a replay that
# does not exit 0 stops the benchmark.
#
# usage: bench/scaling.sh [ELFAULT [SEED-ELF]]
# env: BENCH_ROUNDS (N, default 5000: 4N processes stay below
#      the 32,767 a replay may make), BENCH_REPEAT.
set -euo pipefail
elfault=$(readlink -f "${1:-./elfault}")
seed=$(readlink -f "${2:-$(dirname "$0")/../testdata/seed/a.out}")
rounds=${BENCH_ROUNDS:-5000}
repeat=${BENCH_REPEAT:-2}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$seed" "$scratch/a.out"
truncate -s $((16 * rounds * 4096)) "$scratch/pages"	# sparse: writeback's

# script KIND ROUNDS: the script, on stdout.
script() {
	[ "$1" = writeback ] && printf 'machine:\n  memory: 1M\n'
	echo 'steps:'
	case $1 in
	exec-exit) awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++)
		printf "  - exec: a.out\n  - exit:\n" }' ;;
	fork-exit) printf '  - exec: a.out\n    as: parent\n'
		awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++)
		printf "  - fork: c%d\n  - exit: c%d\n  - switch: parent\n" \
		       "  - syscall: wait4\n    args: [-1, 0, 0, 0]\n", i, i }' ;;
	execve) printf '  - exec: a.out\n'
		# "a.out" written into .bss (the new image's is zero again)
		awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++)
		printf "  - write: buffer\n    value: 0x756f2e61\n" \
		       "  - write: buffer+4\n    value: 0x74\n" \
		       "  - syscall: execve\n    args: [buffer, 0, 0]\n" }' ;;
	range-shmem|range-fork) printf '  - exec: a.out\n    as: parent\n'
		awk -v n="$2" -v len="$3" -v kind="$1" 'BEGIN {
		flags = kind == "range-fork" ? "private" : "shared"
		for (i = 0; i < n; i++) {
			printf "  - mmap: 0x10000000\n    length: %s\n" \
			       "    prot: rw\n    flags: [%s, anonymous, fixed]\n" \
			       "  - write: 0x10000000\n    value: 1\n", len, flags
			if (kind == "range-fork")
				printf "  - fork: c%d\n  - exit: c%d\n" \
				       "  - switch: parent\n  - syscall: wait4\n" \
				       "    args: [-1, 0, 0, 0]\n", i, i
			printf "  - mprotect: 0x10000000\n    length: %s\n" \
			       "    prot: r\n  - munmap: 0x10000000\n" \
			       "    length: %s\n", len, len
		} }' ;;
	shmem|anon) printf '  - exec: a.out\n'
		awk -v n="$2" -v flags="$1" 'BEGIN {
		if (flags == "shmem") flags = "shared, anonymous"
		else flags = "private, anonymous"
		for (i = 0; i < n; i++)
			printf "  - mmap: 0\n    length: 4096\n    prot: rw\n" \
			       "    flags: [%s]\n  - write: 0xb7ff9000\n" \
			       "    value: 1\n  - munmap: 0xb7ff9000\n" \
			       "    length: 4096\n", flags }' ;;
	writeback) printf '  - exec: a.out\n  - mmap: 0x40000000\n'
		printf '    length: %d\n    prot: rw\n    flags: [shared]\n' \
		       $(($2 * 4096))
		printf '    file: pages\n    file-writable: true\n'
		awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++)
		printf "  - write: 0x%x\n    value: 1\n",
		       1073741824 + i * 4096 }' ;;	# 0x40000000 (awk: no hex)
	esac
}

. "$(dirname "$0")/measure.sh"

# side_by_side COMMAND A B: elfault COMMAND --quiet A, then B (each a
# script, or a program and its argument; the best of BENCH_REPEAT runs
# each): "seconds-A RSS-A seconds-B RSS-B ratio", B's time over A's.
side_by_side() {
	local how=$1 ta ra tb rb
	# shellcheck disable=SC2086 # a program's argument splits off
	read -r ta ra < <(measure /dev/null "$elfault" "$how" --quiet $2)
	# shellcheck disable=SC2086
	read -r tb rb < <(measure /dev/null "$elfault" "$how" --quiet $3)
	echo "$ta $ra $tb $rb $(awk -v a="$ta" -v b="$tb" 'BEGIN {
		printf "%.1f", (a > 0 ? b / a : 0) }')"
}

printf '%-10s %8s %9s %8s %9s %6s %9s %9s\n' kind rounds seconds '4x' \
	seconds ratio 'RSS KiB' '4x KiB'
for kind in exec-exit fork-exit execve shmem anon writeback; do
	n=$rounds
	[ "$kind" = writeback ] && n=$((4 * rounds))
	script "$kind" "$n" > "$scratch/$kind-1.yaml"
	script "$kind" $((4 * n)) > "$scratch/$kind-4.yaml"
	read -r t1 r1 t4 r4 ratio < <(side_by_side replay \
		"$scratch/$kind-1.yaml" \
		"$scratch/$kind-4.yaml")
	printf '%-10s %8d %9s %8d %9s %6s %9s %9s\n' "$kind" "$n" "$t1" \
		$((4 * n)) "$t4" "$ratio" "$r1" "$r4"
done

printf '\n%-12s %6s %11s %9s %11s %9s %6s\n' kind rounds 'length' \
	seconds 'length' seconds ratio
for kind in range-shmem range-fork; do
	script "$kind" "$rounds" 4096 > "$scratch/$kind-small.yaml"
	script "$kind" "$rounds" 0xa0000000 > "$scratch/$kind-large.yaml"
	read -r ts _ tl _ ratio < <(side_by_side replay \
		"$scratch/$kind-small.yaml" \
		"$scratch/$kind-large.yaml")
	printf '%-12s %6d %11s %9s %11s %9s %6s\n' "$kind" "$rounds" 4096 \
		"$ts" 0xa0000000 "$tl" "$ratio"
done

printf '\n%-12s %6s %9s %6s %9s %6s %9s %9s\n' run forks seconds '4x' \
	seconds ratio 'RSS KiB' '4x KiB'
for program in bench-forks bench-held; do
	path=$(readlink -f "$(dirname "$0")/programs/$program")
	read -r t1 r1 t4 r4 ratio < <(side_by_side run "$path $rounds" \
		"$path $((4 * rounds))")
	printf '%-12s %6d %9s %6d %9s %6s %9s %9s\n' "$program" "$rounds" \
		"$t1" $((4 * rounds)) "$t4" "$ratio" "$r1" "$r4"
done
