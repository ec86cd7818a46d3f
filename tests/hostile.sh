#!/bin/sh
# hostile.sh - the hostile corpus (testdata/hostile/README): scripts a
# hostile user hands in, run as a teacher would, with no option: each
# must end with its documented exit status and exactly the lines in
# testdata/expected/hostile/ on standard error - a refusal that names
# --allow-read for every host file outside the script's directory,
# through "..", an absolute path or a symbolic link, whether the file
# exists or not - never a crash, and within its bounds.
. "${srcdir:-.}/tests/lib.sh"

# A copy of hostile/ beside a copy of seed/, with the links that lead
# out of it (a release tarball cannot hold them).
mkdir "$scratch/t" "$scratch/t/hostile" "$scratch/t/seed" &&
cp "$TESTDATA"/hostile/* "$scratch/t/hostile/" &&
cp "$TESTDATA/seed/a.out" "$scratch/t/seed/" &&
ln -s /etc/passwd "$scratch/t/hostile/link-passwd" &&
ln -s .. "$scratch/t/hostile/link-up" &&
ln -s ../seed/a.out "$scratch/t/hostile/link-seed" &&
cd "$scratch/t/hostile" || exit 1
expected=$TESTDATA/expected/hostile
for script in *.yaml; do
	name=${script%.yaml}
	status=0
	"$ELFAULT" replay --quiet "$script" > /dev/null 2> "$scratch/err" ||
		status=$?
	echo "exit status $status" >> "$scratch/err"
	if [ -n "$REGENERATE" ]; then
		cp "$scratch/err" "$expected/$name"
	fi
	check_file "replay $script" "$expected/$name" "$scratch/err"
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
# pid_max: 32,768 exec/exit pairs, generated here (1 MB): the last exec
# would take pid 32768, which elfault never makes (pids are not reused).
awk 'BEGIN { print "steps:"; for (i = 0; i < 32768; i++)
	print "  - exec: a.out\n  - exit:" }' > "$scratch/pids.yaml"
cp a.out "$scratch/a.out"
status=0
"$ELFAULT" replay --quiet "$scratch/pids.yaml" > /dev/null 2> "$scratch/err" ||
	status=$?
if [ $status -eq 2 ] && [ "$(wc -l < "$scratch/err")" -eq 1 ] &&
   grep -q ':65536:5: exec: pid 32768 would be past pid_max: elfault does not reuse pids, so a replay makes at most 32767 processes$' \
	"$scratch/err"; then
	ok "32768 exec/exit pairs: the last refused at pid_max (exit 2)"
else
	not_ok "32768 exec/exit pairs: exit status $status"
	sed 's/^/# /' "$scratch/err" | head -3
fi
finish
