#!/usr/bin/env bash
# run.sh - run elfault's libFuzzer targets, each for SECONDS (or for
# RUNS executions), on a seed corpus made from testdata/, with its
# dictionary; print executions, coverage and findings per target, one
# "TARGET: N execs, cov C, ft F, corpus K, findings X" line each, and
# exit 1 when any target found a crash, a leak or a timeout (its input
# is kept in OUT/TARGET/, to be added to tests/fuzz/regressions/TARGET/).
#
# usage: run.sh [-t SECONDS | -r RUNS] [-j JOBS] [-o OUT] [TARGET...]
#   TARGET: elf exec script replay run (default: all; run when built,
#   with the Unicorn engine); the builds come from
#   ./configure --enable-fuzzing CC=clang; make (tests/fuzz/fuzz-*).
# env: TESTDATA (default: the tree's), FUZZ_BIN (default: tests/fuzz).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
testdata=${TESTDATA:-$here/../../testdata}
testdata=$(cd "$testdata" && pwd)
bin=${FUZZ_BIN:-tests/fuzz}
limit=(-max_total_time=60)
out=fuzz-out
jobs=1
while getopts t:r:o:j: opt; do
	case $opt in
	t) limit=(-max_total_time="$OPTARG") ;;
	r) limit=(-runs="$OPTARG") ;;
	o) out=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) exit 64 ;;
	esac
done
shift $((OPTIND - 1))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	targets=(elf exec script replay)
	[ -x "$bin/fuzz-run" ] && targets+=(run)
fi
export TESTDATA=$testdata
# the targets write each input to a file: on tmpfs when there is one
[ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && export TMPDIR=/dev/shm

# seeds TARGET DIR: the seed corpus, copied from testdata/.
seeds() {
	case $1 in
	elf) cp "$testdata"/seed/a.out "$testdata"/elf/* "$testdata"/bad/* \
		"$testdata"/crafted/*.o "$testdata"/fuzz/s1-* "$2"/ 2>/dev/null ;;
	exec) cp "$testdata"/seed/a.out "$testdata"/exec/ok-* \
		"$testdata"/exec/bad-* "$testdata"/elf/*exec* \
		"$testdata"/elf/*pie* "$2"/ 2>/dev/null ;;
	script|replay) for f in "$testdata"/replay/*.yaml \
		"$testdata"/replay-bad/*.yaml; do
			cp "$f" "$2/$(basename "$(dirname "$f")")-$(basename "$f")"
		done ;;
	run) for f in "$testdata"/seed/a.out "$testdata"/replay/programs/*; do
			sh "$here/code.sh" "$f" > "$2/$(basename "$f")" ||
				rm -f "$2/$(basename "$f")"
		done ;;
	esac
	return 0
}

failed=0
for t in "${targets[@]}"; do
	dir=$out/$t
	mkdir -p "$dir/corpus" "$dir/seeds"
	seeds "$t" "$dir/seeds"
	dict=$here/elf.dict
	case $t in
	script|replay) dict=$dir/script.dict
		sh "$here/dict.sh" "$here/../../man/elfault-script.5" > "$dict" ;;
	run) dict=$dir/run.dict
		sh "$here/run-dict.sh" "$here/../../lib/syscalls.h" > "$dict" ;;
	esac
	max_len=65536
	[ "$t" = replay ] && max_len=8192
	[ "$t" = run ] && max_len=1844	# the code's room in seed/a.out
	parallel=()	# -jobs: N processes, each logging to fuzz-I.log here
	[ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
	"$bin/fuzz-$t" "${limit[@]}" "${parallel[@]}" -dict="$dict" \
		-max_len=$max_len -timeout=20 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix="$dir/" \
		"$dir/corpus" "$dir/seeds" > "$dir/log" 2>&1
	rc=$?
	# -jobs: each job's log is its own (libFuzzer copies a job's log
	# into its own output when the job ends - counting both would count
	# it twice, and a job still running when it was stopped only here)
	logs=("$dir/log")
	if [ "$jobs" -gt 1 ]; then
		logs=()
		for f in fuzz-*.log; do
			[ -f "$f" ] || continue
			mv "$f" "$dir/job-${f#fuzz-}"
			logs+=("$dir/job-${f#fuzz-}")
		done
	fi
	cat "${logs[@]}" /dev/null > "$dir/stats"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/stats" |
		awk '{ n += $1 } END { print n + 0 }')
	# the most any job reached (a job's own figures only grow)
	cov=$(grep -o 'cov: [0-9]*' "$dir/stats" | cut -d' ' -f2 | sort -n |
		tail -n 1)
	ft=$(grep -o 'ft: [0-9]*' "$dir/stats" | cut -d' ' -f2 | sort -n |
		tail -n 1)
	rm -f "$dir/stats"
	corpus=$(find "$dir/corpus" -type f | wc -l)
	findings=$(find "$dir" -maxdepth 1 -type f \
		\( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
		   -o -name 'oom-*' \) | wc -l)
	echo "$t: $execs execs, cov ${cov:-?}, ft ${ft:-?}, corpus $corpus, findings $findings (exit $rc)"
	if [ "$findings" -ne 0 ] || [ "$rc" -ne 0 ]; then
		failed=1
		grep -m 5 -E 'ERROR|SUMMARY|==[0-9]+==' "$dir/log" | sed 's/^/  /'
	fi
done
exit $failed
