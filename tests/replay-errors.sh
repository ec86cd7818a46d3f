#!/bin/sh
# replay-errors.sh - malformed scripts, impossible requests, a missing or
# non-ELF file, exhausted simulated memory and failed expectations: each
# must end with the documented exit status and the one error line
# (SCRIPT:LINE:COLUMN: message) in testdata/expected/replay-bad/, never a
# crash.
. "${srcdir:-.}/tests/lib.sh"

cd "$TESTDATA/replay-bad" || exit 1
for script in *.yaml; do
	name=${script%.yaml}
	status=0
	"$ELFAULT" replay "$script" > /dev/null 2> "$scratch/err" || status=$?
	echo "exit status $status" >> "$scratch/err"
	if [ -n "$REGENERATE" ]; then
		cp "$scratch/err" "../expected/replay-bad/$name"
	fi
	check_file "replay $script" "../expected/replay-bad/$name" "$scratch/err"
	if [ $status -ge 1 ] && [ $status -le 4 ]; then
		ok "replay $script: a documented exit status ($status)"
	else
		not_ok "replay $script: exit status $status"
	fi
done

# The command line itself.
status=0
"$ELFAULT" replay > /dev/null 2>&1 || status=$?
[ $status -eq 64 ] && ok "replay without a SCRIPT: usage error (64)" ||
	not_ok "replay without a SCRIPT: exit status $status"
status=0
"$ELFAULT" replay no-such-script.yaml > /dev/null 2> "$scratch/err" ||
	status=$?
if [ $status -eq 2 ] &&
   grep -q '^elfault: no-such-script.yaml: No such file or directory$' \
	"$scratch/err"; then
	ok "a missing script: one line, exit status 2"
else
	not_ok "a missing script: exit status $status"
fi
status=0
"$ELFAULT" replay --format=xml ../replay/seed-pages.yaml > /dev/null 2>&1 ||
	status=$?
[ $status -eq 64 ] && ok "replay --format=xml: usage error (64)" ||
	not_ok "replay --format=xml: exit status $status"
finish
