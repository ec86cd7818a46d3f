#!/bin/sh
# golden-replay.sh - the example scripts in testdata/replay: each must run
# with every expect: holding (exit status 0), and its text and YAML reports
# must match the reviewed files in testdata/expected/replay/.  The
# expect: lines carry the kernel rules; the golden files pin the rest
# (walk, error code, frames, VMAs) so that a change shows as a diff.  The
# maps lines of a show: step are normalized (lib.sh) as maps' are.
. "${srcdir:-.}/tests/lib.sh"

cd "$TESTDATA/replay" || exit 1
for script in *.yaml; do
	name=${script%.yaml}
	for format in text yaml; do
		status=0
		"$ELFAULT" replay --format=$format "$script" > "$scratch/raw" \
			2>&1 || status=$?
		normalize < "$scratch/raw" > "$scratch/out"
		echo "exit status $status" >> "$scratch/out"
		if [ -n "$REGENERATE" ]; then
			cp "$scratch/out" "../expected/replay/$name.$format.out"
		fi
		if [ $status -eq 0 ]; then
			ok "replay $script ($format): every expectation holds"
		else
			not_ok "replay $script ($format): exit status $status"
		fi
		check_file "replay $script ($format) output" \
			"../expected/replay/$name.$format.out" "$scratch/out"
	done
	# On one CPU the script is read and the report written in place, not
	# on threads of their own: the same report, byte for byte.
	cpu=$(one_cpu)
	if [ -n "$cpu" ]; then
		status=0
		$cpu "$ELFAULT" replay "$script" > "$scratch/raw" 2>&1 ||
			status=$?
		normalize < "$scratch/raw" > "$scratch/out"
		echo "exit status $status" >> "$scratch/out"
		check_file "replay $script on one CPU: the same report" \
			"../expected/replay/$name.text.out" "$scratch/out"
	fi
	status=0
	"$ELFAULT" replay --quiet "$script" > "$scratch/quiet" 2>&1 || status=$?
	if [ $status -eq 0 ] && ! grep -q ', no fault$' "$scratch/quiet" &&
	   grep -c '^step ' "$scratch/quiet" > /dev/null; then
		ok "replay --quiet $script: only the steps that fault"
	else
		not_ok "replay --quiet $script"
	fi
done

# --format=brief: a line a step, on three scripts that show its columns
# (Belady's FIFO with three frames: swap-ins and victims; copy-on-write
# after fork; a stack that grows, then a fault past the guard gap).
for name in belady fork-cow stack-growth; do
	status=0
	"$ELFAULT" replay --format=brief "$name.yaml" > "$scratch/raw" 2>&1 ||
		status=$?
	normalize < "$scratch/raw" > "$scratch/out"
	echo "exit status $status" >> "$scratch/out"
	if [ -n "$REGENERATE" ]; then
		cp "$scratch/out" "../expected/replay/$name.brief.out"
	fi
	check_file "replay --format=brief $name.yaml" \
		"../expected/replay/$name.brief.out" "$scratch/out"
done
# --quiz: the same lines with the answers blank, and no counts after.
status=0
"$ELFAULT" replay --quiz belady.yaml > "$scratch/out" 2>&1 || status=$?
echo "exit status $status" >> "$scratch/out"
if [ -n "$REGENERATE" ]; then
	cp "$scratch/out" "../expected/replay/belady.quiz.out"
fi
check_file "replay --quiz belady.yaml" "../expected/replay/belady.quiz.out" \
	"$scratch/out"
status=0
"$ELFAULT" replay --answers belady.yaml > "$scratch/raw" 2>&1 || status=$?
normalize < "$scratch/raw" > "$scratch/out"
echo "exit status $status" >> "$scratch/out"
check_file "replay --answers belady.yaml: the brief report" \
	"../expected/replay/belady.brief.out" "$scratch/out"
finish
