#!/bin/sh
# compare-policies.sh - `elfault replay --compare-policies`: the table and
# its YAML for belady.yaml match the reviewed files, and the numbers are
# the textbook's plus exec's own fault (padzero's) (Belady's string: FIFO
# 9 faults with three frames, 10 with four; LRU 10 and 8; OPT 7 and 6).
. "${srcdir:-.}/tests/lib.sh"

cd "$TESTDATA/replay" || exit 1
sizes=104K,108K,112K,116K,120K
for format in text yaml csv; do
	status=0
	"$ELFAULT" replay --compare-policies --sizes $sizes --format=$format \
		belady.yaml > "$scratch/out" 2>&1 || status=$?
	echo "exit status $status" >> "$scratch/out"
	if [ -n "$REGENERATE" ]; then
		cp "$scratch/out" "../expected/compare/belady.$format.out"
	fi
	check_file "compare-policies belady.yaml ($format)" \
		"../expected/compare/belady.$format.out" "$scratch/out"
done

"$ELFAULT" replay --compare-policies --sizes $sizes belady.yaml \
	> "$scratch/table" 2>&1
# cell POLICY SIZE: the table's entry (a row a size, a column a policy).
cell() {
	awk -v p="$1" -v s="$2" '
		$1 == "memory" { for (i = 1; i <= NF; i++) if ($i == p) c = i }
		$1 == s && c { print $c }' "$scratch/table"
}
row() {
	echo "$(cell "$1" 108K) $(cell "$1" 112K)"
}
check_row() {
	if [ "$(row "$1")" = "$2" ]; then
		ok "$1 with 3 and 4 frames: $2 faults"
	else
		not_ok "$1 with 3 and 4 frames: $(row "$1"), want $2"
	fi
}
check_row fifo "10 11"
check_row lru "11 9"
check_row opt "8 7"
if grep -q "^fifo: Belady's anomaly: 10 faults with 108K, 11 with 112K" \
	"$scratch/table"; then
	ok "the anomaly is named"
else
	not_ok "the anomaly is named"
fi

# Every policy's run alone agrees with its column in the table.
for policy in lru2q clock fifo lru opt; do
	faults=$("$ELFAULT" replay --policy $policy --memory 112K \
		--format=yaml belady.yaml | awk '/^  pgfault:/ { print $2 }')
	want=$(cell $policy 112K)
	if [ "$faults" = "$want" ]; then
		ok "replay --policy $policy --memory 112K: $faults faults"
	else
		not_ok "replay --policy $policy --memory 112K: $faults, table $want"
	fi
done

# The cells run on threads (--jobs; default one per CPU): the same bytes
# as one after another, in every format, whatever the number of threads
# (more threads than CPUs and than cells included).
for script in belady.yaml swap-thrash.yaml fork-swap.yaml; do
	for format in text yaml csv; do
		"$ELFAULT" replay -c --jobs 1 --format=$format $script \
			> "$scratch/one" 2>&1
		for jobs in 2 3 64; do
			"$ELFAULT" replay -c -j $jobs --format=$format $script \
				> "$scratch/many" 2>&1
			check_file "$script ($format): --jobs $jobs as --jobs 1" \
				"$scratch/one" "$scratch/many"
		done
	done
done
for bad in 0 65 two -1 ''; do
	status=0
	"$ELFAULT" replay -c --jobs "$bad" belady.yaml > /dev/null \
		2> "$scratch/err" || status=$?
	[ $status -eq 64 ] && grep -q "jobs: .* is not a number from 1 to 64" \
		"$scratch/err" && ok "--jobs '$bad': usage (64)" ||
		not_ok "--jobs '$bad': $status"
done
status=0
"$ELFAULT" replay -j 2 belady.yaml > /dev/null 2>&1 || status=$?
[ $status -eq 64 ] && ok "--jobs alone: usage (64)" ||
	not_ok "--jobs alone: $status"

# On a terminal, the progress counts every run once, in order, from
# whichever thread finished it, and is cleared before the table.
if command -v script > /dev/null; then
	script -qec "'$ELFAULT' replay -c -j 3 --sizes $sizes belady.yaml \
		> '$scratch/table'" /dev/null < /dev/null > "$scratch/tty" 2>&1
	tr '\r' '\n' < "$scratch/tty" | sed -n 's/^elfault: run \(.*\) $/\1/p' \
		> "$scratch/progress"
	seq 1 24 | sed 's/$/ of 25/' > "$scratch/want"
	check_file "progress on a terminal, --jobs 3: run 1 to 24 of 25" \
		"$scratch/want" "$scratch/progress"
	if tr '\r' '\n' < "$scratch/tty" | tail -n 1 | grep -q '^ *$'; then
		ok "progress: cleared at the end"
	else
		not_ok "progress: not cleared at the end"
	fi
	sed '$d' ../expected/compare/belady.text.out > "$scratch/want"
	check_file "progress on a terminal: the table as without" \
		"$scratch/want" "$scratch/table"
else
	ok "# SKIP progress on a terminal: no script(1)"
fi

# --sizes without --compare-policies, and --memory with it, are usage
# errors.
status=0
"$ELFAULT" replay --sizes 1M belady.yaml > /dev/null 2>&1 || status=$?
[ $status -eq 64 ] && ok "--sizes alone: usage (64)" ||
	not_ok "--sizes alone: $status"
status=0
"$ELFAULT" replay -c --memory 1M belady.yaml > /dev/null 2>&1 || status=$?
[ $status -eq 64 ] && ok "--compare-policies --memory: usage (64)" ||
	not_ok "--compare-policies --memory: $status"

# A script's mistake is reported as in a replay, even when the command
# line overrides the key.
status=0
"$ELFAULT" replay -c ../replay-bad/bad-policy.yaml > /dev/null \
	2> "$scratch/err" || status=$?
if [ $status -eq 2 ] &&
   grep -q '^../replay-bad/bad-policy.yaml:2:11: policy: random' "$scratch/err"
then
	ok "--compare-policies on a bad script: SCRIPT:LINE:COLUMN, status 2"
else
	not_ok "--compare-policies on a bad script: status $status"
fi
status=0
"$ELFAULT" replay --policy fifo ../replay-bad/bad-policy.yaml > /dev/null \
	2>&1 || status=$?
[ $status -eq 2 ] && ok "--policy does not hide a bad policy: (2)" ||
	not_ok "--policy hides a bad policy: ($status)"
finish
