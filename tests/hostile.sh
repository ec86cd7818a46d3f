#!/bin/sh
# hostile.sh - the hostile corpus (testdata/hostile/README): scripts a
# hostile user hands in, run as a teacher would, with no option: each
# must end with its documented exit status and exactly the lines in
# testdata/expected/hostile/ on standard error - a refusal that names
# --allow-read for every host file outside the script's directory,
# through "..", an absolute path or a symbolic link, whether the file
# exists or not - never a crash, and within its bounds.
. "${srcdir:-.}/tests/lib.sh"

cd "$TESTDATA/hostile" || exit 1
for script in *.yaml; do
	name=${script%.yaml}
	status=0
	"$ELFAULT" replay --quiet "$script" > /dev/null 2> "$scratch/err" ||
		status=$?
	echo "exit status $status" >> "$scratch/err"
	if [ -n "$REGENERATE" ]; then
		cp "$scratch/err" "../expected/hostile/$name"
	fi
	check_file "replay $script" "../expected/hostile/$name" "$scratch/err"
done

# What the command line allows is read: the same script runs.
status=0
"$ELFAULT" replay --quiet --allow-read .. exec-dotdot.yaml > /dev/null \
	2> "$scratch/err" || status=$?
if [ $status -eq 0 ] && [ ! -s "$scratch/err" ]; then
	ok "replay --allow-read .. exec-dotdot.yaml: runs ../seed/a.out"
else
	not_ok "replay --allow-read .. exec-dotdot.yaml: exit status $status"
fi
status=0
"$ELFAULT" replay --quiet --allow-read .. exec-link-dir.yaml > /dev/null \
	2> "$scratch/err" || status=$?
if [ $status -eq 0 ]; then
	ok "replay --allow-read .. exec-link-dir.yaml: through the link too"
else
	not_ok "replay --allow-read .. exec-link-dir.yaml: exit status $status"
fi
status=0
"$ELFAULT" replay --allow-read no-such-dir exec-dotdot.yaml > /dev/null \
	2> "$scratch/err" || status=$?
if [ $status -eq 64 ] &&
   grep -q '^elfault replay: --allow-read no-such-dir: No such file or directory$' \
	"$scratch/err"; then
	ok "replay --allow-read of a missing directory: usage error (64)"
else
	not_ok "replay --allow-read no-such-dir: exit status $status"
fi
finish
