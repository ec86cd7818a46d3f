#!/bin/sh
# replay-errors.sh - malformed scripts, impossible requests, a missing or
# non-ELF file, exhausted simulated memory and failed expectations: each
# must end with the documented exit status and the one error line
# (SCRIPT:LINE:COLUMN: message) in testdata/expected/replay-bad/, never a
# crash.
. "${srcdir:-.}/tests/lib.sh"

# The scripts here exec ../seed/a.out and the like: outside their own
# directory, so elfault is told it may read testdata/.
replay_testdata() {
	"$ELFAULT" replay --allow-read "$TESTDATA" "$@"
}

cd "$TESTDATA/replay-bad" || exit 1
for script in *.yaml; do
	name=${script%.yaml}
	status=0
	replay_testdata "$script" > /dev/null 2> "$scratch/err" || status=$?
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

# In YAML, a run that stopped early says why in the document too.
status=0
replay_testdata --format=yaml action-typo.yaml > "$scratch/out" 2> /dev/null ||
	status=$?
if [ $status -eq 2 ] && grep -q '^error:$' "$scratch/out" &&
   grep -q '^  line: 3$' "$scratch/out" && grep -q '^  column: 5$' "$scratch/out" &&
   grep -q '^  kind: script$' "$scratch/out" &&
   grep -q "^  message: 'wirte: is no action" "$scratch/out"; then
	ok "replay --format=yaml of a wrong script: an error record, exit 2"
else
	not_ok "replay --format=yaml of a wrong script: exit status $status"
fi

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

# A failed expectation's lines come after the report of the steps before
# it, though the report (a megabyte here) is written on a thread of its
# own and stderr is not: the line before them is the failing step's.
{
	printf 'steps:\n  - exec: %s\n' "$TESTDATA/seed/a.out"
	printf '  - mmap: 0x40000000\n    length: 0x800000\n    prot: rw\n'
	printf '    flags: [private, anonymous, fixed]\n'
	awk 'BEGIN { for (i = 0; i < 1000; i++)
		printf "  - write: 0x%08x\n", 1073741824 + i * 4096 }'
	printf '  - read: 0x40000000\n    expect: {value: 9}\n'
	awk 'BEGIN { for (i = 1000; i < 2000; i++)
		printf "  - write: 0x%08x\n", 1073741824 + i * 4096 }'
} > "$scratch/order.yaml"
status=0
replay_testdata "$scratch/order.yaml" > "$scratch/out" 2>&1 || status=$?
before=$(grep -B1 ': expectation failed: value$' "$scratch/out" | head -n 1)
if [ $status -eq 1 ] &&
   [ "$before" = "step 1003 (line 1007): pid 1 a.out: read 0x40000000 size 4 = 0, no fault" ]; then
	ok "a failed expectation is reported after the steps before it"
else
	not_ok "a failed expectation's place: exit status $status, after \"$before\""
fi

# A report that cannot be written: one line and exit status 70, whether
# stdout is written on a thread of its own (two CPUs) or not (one).
if [ -w /dev/full ]; then
	for cpus in all one; do
		run=""
		if [ $cpus = one ]; then
			run=$(one_cpu)
			[ -n "$run" ] || continue
		fi
		status=0
		$run "$ELFAULT" replay ../replay/seed-pages.yaml > /dev/full \
			2> "$scratch/err" || status=$?
		if [ $status -eq 70 ] && [ "$(wc -l < "$scratch/err")" -eq 1 ] &&
		   grep -q '^elfault: writing the output failed: No space left on device$' \
			"$scratch/err"; then
			ok "a report to /dev/full ($cpus CPU): one line, exit status 70"
		else
			not_ok "a report to /dev/full ($cpus CPU): exit status $status"
			sed 's/^/# /' "$scratch/err"
		fi
	done
fi

# A bad byte stops the replay at that byte, the steps before it run (but
# the one its line ends: the input is cut at that line).
replay_testdata invalid-utf8.yaml > "$scratch/out" 2> /dev/null
if grep -q '^step 4 ' "$scratch/out" && ! grep -q '^step 6 ' "$scratch/out"; then
	ok "a bad byte on line 9: the steps before it run"
else
	not_ok "a bad byte on line 9: the steps before it run"
fi

# A 2 MB scalar is refused before libyaml holds it: the error, quickly,
# in little memory.
{
	printf 'steps:\n  - exec: %s\n  - read: ' "$(cd "$TESTDATA/seed" && pwd)/a.out"
	head -c 2000000 /dev/zero | tr '\0' 'a'
	printf '\n'
} > "$scratch/long.yaml"
status=0
replay_testdata "$scratch/long.yaml" > /dev/null 2> "$scratch/err" ||
	status=$?
if [ $status -eq 2 ] &&
   grep -q ':3:9: a value (or a comment) longer than 1 MiB follows$' \
	"$scratch/err"; then
	ok "a 2 MB scalar: refused at its line (exit 2)"
else
	not_ok "a 2 MB scalar: exit status $status"
	sed 's/^/# /' "$scratch/err"
fi

# A directory is no script: its read error, not a position.
status=0
"$ELFAULT" replay "$TESTDATA" > /dev/null 2> "$scratch/err" || status=$?
if [ $status -eq 2 ] && grep -q 'Is a directory$' "$scratch/err"; then
	ok "a directory: 'Is a directory' (exit 2)"
else
	not_ok "a directory: exit status $status"
	sed 's/^/# /' "$scratch/err"
fi

# Processes that have gone cost no scan: 5000 exec/exit pairs run in
# seconds; and a fork storm stops at elfault's limit of 4096 processes
# at once, with one line (exit 2), not after hours.
{
	printf 'steps:\n'
	i=0
	while [ $i -lt 5000 ]; do
		printf '  - exec: %s\n  - exit:\n' "$(cd "$TESTDATA/seed" && pwd)/a.out"
		i=$((i + 1))
	done
} > "$scratch/exec-exit.yaml"
status=0
replay_testdata --quiet "$scratch/exec-exit.yaml" > "$scratch/out" \
	2> "$scratch/err" || status=$?
if [ $status -eq 0 ] && grep -q "^10000 steps" "$scratch/out"; then
	ok "5000 exec/exit pairs: all run"
else
	not_ok "5000 exec/exit pairs: exit status $status"
fi
{
	printf 'steps:\n  - exec: %s\n' "$(cd "$TESTDATA/seed" && pwd)/a.out"
	i=0
	while [ $i -lt 5000 ]; do
		printf '  - fork: c\n'
		i=$((i + 1))
	done
} > "$scratch/forks.yaml"
status=0
replay_testdata --quiet "$scratch/forks.yaml" > /dev/null 2> "$scratch/err" ||
	status=$?
if [ $status -eq 2 ] && [ "$(wc -l < "$scratch/err")" -eq 1 ] &&
   grep -q ':4098:5: fork: 4096 processes at once (alive, or ended and not reaped) is elfault.s limit$' \
	"$scratch/err"; then
	ok "a fork storm: refused at 4096 processes, one line (exit 2)"
else
	not_ok "a fork storm: exit status $status"
	sed 's/^/# /' "$scratch/err" | head -3
fi

# A thousand exec/exit pairs of one file under a limit of 16 descriptors:
# a program file is open only while it is read, and one image serves
# every exec of it.
seed=$(cd "$TESTDATA/seed" && pwd)/a.out
{
	printf 'steps:\n'
	i=0
	while [ $i -lt 1000 ]; do
		printf '  - exec: %s\n  - exit:\n' "$seed"
		i=$((i + 1))
	done
} > "$scratch/many-exec.yaml"
status=0
(ulimit -n 16 && replay_testdata --quiet "$scratch/many-exec.yaml") \
	> "$scratch/out" 2> "$scratch/err" || status=$?
if [ $status -eq 0 ] && grep -q '^2000 steps' "$scratch/out"; then
	ok "1000 execs with 16 descriptors: all run"
else
	not_ok "1000 execs with 16 descriptors: exit status $status"
	sed 's/^/# /' "$scratch/err" | head -3
fi
finish
