#!/bin/sh
# run.sh - elfault run on the replay programs of testdata/replay/programs:
# their page faults, in order, must be those the real i386 kernel took
# running them (testdata/expected/run/rp-NAME.faults: the ground-truth VM's
# list, written by testdata/i386-vm/run/compare.py --list-vm; the VM check
# itself runs in make check-i386-vm), and so must their exit statuses; a
# run's --record must replay with every expectation holding and the same
# faults; and the command's errors.
. "${srcdir:-.}/tests/lib.sh"

programs=$TESTDATA/replay/programs
compare=$TESTDATA/i386-vm/run/compare.py
status=0
"$ELFAULT" run --continue "$programs/rp-seed-pages" > /dev/null 2>&1 ||
	status=$?
[ $status -eq 69 ] && skip_all "built without the Unicorn engine"
command -v python3 > /dev/null && python3 -c 'import yaml' 2> /dev/null ||
	skip_all "python3 with yaml (python3-yaml) is not installed"

# The real kernel's exit statuses (summary.txt of the VM run).  tls,
# vsyscall, traps and cpuid are static glibc's CPU: set_thread_area and
# %gs, calls by sysenter through the vDSO, the signals traps send, cpuid.
for case in seed-pages:0 zero-page:0 fork-cow:0 stack-growth:139 \
	    padzero:0 warm-cache:0 files:0 shmem:0 wait:0 exec:0 output:3 \
	    tls:0 vsyscall:0 traps:0 cpuid:132 proc-calls:138 fault-around:0 \
	    kernel-copy:0 pipe:0 fds:0 page-end:0 code-ahead:0 alias-code:7 \
	    remap-code:7 alias-read:7 split-lea:0 split-lock:0 \
	    split-cmpxchg8b:0 self-alias:7 remap-ahead:7 file-write:7 \
	    around-code:7 sigmask-code:7 cow-code:7 shm-reuse:0 \
	    kernel-zero:0 brk-gone:3 mprotect-same:0 big-output:3 \
	    e2big-name:7 e2big-empty:7 e2big-room:2 vvar-protect:15; do
	name=${case%:*}
	want=${case#*:}
	status=0
	(cd "$TESTDATA/replay" && "$ELFAULT" run --continue --format=yaml \
		"programs/rp-$name") > "$scratch/run.yaml" 2> "$scratch/err" ||
		status=$?
	python3 "$compare" --list "$scratch/run.yaml" > "$scratch/faults"
	check_file "run rp-$name: the real kernel's faults, in order" \
		"$TESTDATA/expected/run/rp-$name.faults" "$scratch/faults"
	code=$(sed -n 's/^exit-code: //p' "$scratch/run.yaml")
	if [ $status -eq 0 ] && [ "$code" = "$want" ]; then
		ok "run rp-$name: exit code $want, as on the real kernel"
	else
		not_ok "run rp-$name: status $status, exit code $code (want $want)"
		sed 's/^/# /' "$scratch/err"
	fi
done

# A step that writes more than the text report holds for lines not shown
# yet (1 MiB): rp-big-output's sendfile of 3 MiB shows the first MiB, as
# one line, and counts the rest.  (Its faults and exit status, above, are
# the VM's; it is not in the VM check's list, whose comparison of the
# output wants all of it, where the YAML report keeps 1 MiB.)
status=0
(cd "$TESTDATA/replay" && "$ELFAULT" run --continue programs/rp-big-output) \
	> "$scratch/out" 2>&1 || status=$?
shown=$(grep '^pid 1> ' "$scratch/out" | head -n 1 | wc -c)
if [ $status -eq 0 ] && [ "$(grep -c '^pid 1> ' "$scratch/out")" -eq 2 ] &&
   [ "$shown" -eq $((7 + 4 * 1048576 + 1)) ] &&
   grep -qx 'pid 1> \[2097152 more bytes in one step, not shown\]' \
	"$scratch/out"; then
	ok "run rp-big-output: 1 MiB of its 3 MiB line shown, the rest counted"
else
	not_ok "run rp-big-output: status $status, a first line of $shown bytes"
fi

# One writer's long unended line holds no one else's back: rp-output-hog's
# 1 MiB of "A" without a newline is shown whole when its stderr "x\n"
# comes (the cap reached), then that line, then stdout's newline.
status=0
(cd "$TESTDATA/replay" && "$ELFAULT" run --continue programs/rp-output-hog) \
	> "$scratch/out" 2>&1 || status=$?
grep '^pid 1' "$scratch/out" | cut -c1-12 > "$scratch/lines"
printf 'pid 1> AAAAA\npid 1 2> x\npid 1> \npid 1 rp-out\n' > "$scratch/want"
if [ $status -eq 0 ] && cmp -s "$scratch/lines" "$scratch/want" &&
   [ "$(grep '^pid 1> A' "$scratch/out" | wc -c)" -eq $((7 + 1048576 + 1)) ]
then
	ok "run rp-output-hog: the 1 MiB line, then the other writer's"
else
	not_ok "run rp-output-hog: status $status"
	sed 's/^/# /' "$scratch/lines"
fi

# Lines held while others are shown: bench-held's 200 children each
# write 64 "x" to stderr, three in four with a newline.  The 150 ended
# lines come after their steps (all pids from 3 to 201 but 6, 10 ...
# 198), then the parent's "<" and ">\n", written before and after the
# forks - its writer found again after the ended lines were packed away
# - and the 50 unended ones at the end in the order their bytes came
# (pids 2, 6 ... 198): the report looks only at the pieces written since
# the last step.
status=0
"$ELFAULT" run --quiet "${srcdir:-.}/bench/programs/bench-held" 200 \
	> "$scratch/out" 2>&1 || status=$?
grep '^pid [0-9]* 2> ' "$scratch/out" > "$scratch/lines"
{
	awk 'BEGIN { for (p = 2; p <= 201; p++) if (p % 4 != 2) print p
		     print 1
		     for (p = 2; p <= 201; p += 4) print p }' |
	while read -r pid; do
		line=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
		[ "$pid" = 1 ] && line='<>'
		printf 'pid %d 2> %s\n' "$pid" "$line"
	done
} > "$scratch/want"
if [ $status -eq 0 ] && cmp -s "$scratch/lines" "$scratch/want"; then
	ok "run bench-held 200: ended lines after their steps, the held ones at the end in order"
else
	not_ok "run bench-held 200: status $status"
	diff "$scratch/want" "$scratch/lines" | head -5 | sed 's/^/# /'
fi

# --record: a script that replays the run, faults and all (vsyscall:
# its sysenter: steps; traps: its trap: steps; pipe: a reader that sleeps).
for name in fork-cow files wait vsyscall traps pipe; do
	(cd "$TESTDATA/replay" && "$ELFAULT" run --continue --format=yaml \
		--record "$scratch/rec.yaml" "programs/rp-$name") \
		> "$scratch/run.yaml" 2> "$scratch/run.err"
	status=0
	(cd "$TESTDATA/replay" && "$ELFAULT" replay --format=yaml \
		--allow-read "$TESTDATA" "$scratch/rec.yaml") \
		> "$scratch/replay.yaml" 2> "$scratch/err" || status=$?
	python3 "$compare" --list "$scratch/run.yaml" > "$scratch/a"
	python3 "$compare" --list "$scratch/replay.yaml" > "$scratch/b"
	if [ $status -eq 0 ] && [ -s "$scratch/a" ]; then
		ok "run --record rp-$name: replays with every expectation"
	else
		not_ok "run --record rp-$name: replay exit status $status"
		sed 's/^/# /' "$scratch/err"
	fi
	check_file "run --record rp-$name: the replay's faults the run's" \
		"$scratch/a" "$scratch/b"
done

# The address-space calls a program makes, as a script's syscall: steps:
# mmap2's errors, an anonymous mapping where the real kernel put
# rp-zero-page's (its fault list above), mprotect's EINVAL for an
# unaligned address, munmap, and brk(0) the program's break.
cat > "$scratch/mm.yaml" <<EOF
steps:
  - exec: $programs/rp-seed-pages
  - syscall: mmap2
    args: [0, 4096, 1, 2, 7, 0]
    expect: { result: EBADF }
  - syscall: mmap2
    args: [0, 4096, 1, 2, 1, 0]
    expect: { result: ENODEV }
  - syscall: mmap2
    args: [0, 8192, 3, 0x22, -1, 0]
    expect: { result: 0xb7ff8000 }
  - syscall: mprotect
    args: [0xb7ff8001, 4096, 1]
    expect: { result: EINVAL }
  - syscall: munmap
    args: [0xb7ff8000, 8192]
    expect: { result: 0 }
  - syscall: brk
    args: [0]
    expect: { result: 0x0804b000 }
EOF
status=0
"$ELFAULT" replay --allow-read "$TESTDATA" "$scratch/mm.yaml" \
	> "$scratch/out" 2> "$scratch/err" || status=$?
if [ $status -eq 0 ] && grep -q 'mmap2(0, 8192, 3, 34, 0xffffffff, 0) = 0xb7ff8000$' "$scratch/out"; then
	ok "mmap2, mprotect, munmap, brk: results and errnos as the kernel's"
else
	not_ok "mmap2, mprotect, munmap, brk: exit $status"
	sed 's/^/# /' "$scratch/err"
fi

# The descriptor calls as a script's syscall: steps: a pipe in the seed
# program's .bss buffer (0x08049800), a write and a read through it,
# O_NONBLOCK's EAGAIN, the end of file once the writer is closed, FD_CLOEXEC
# by dup2 and dup3, ENOTTY, fstat64, pread64's EINVAL, getdents64's ENOTDIR.
cat > "$scratch/fds.yaml" <<EOF
steps:
  - exec: $programs/rp-seed-pages
  - syscall: pipe
    args: [0x08049800]
    expect: { result: 0 }
  - syscall: write
    args: [4, message, 5]
    expect: { result: 5 }
  - syscall: ioctl
    args: [3, 0x541b, 0x08049808]
    expect: { result: 0 }
  - syscall: read
    args: [3, 0x08049900, 100]
    expect: { result: 5 }
  - syscall: fcntl64
    args: [3, 4, 0x800]
    expect: { result: 0 }
  - syscall: read
    args: [3, 0x08049900, 100]
    expect: { result: EAGAIN }
  - syscall: close
    args: [4]
  - syscall: read
    args: [3, 0x08049900, 100]
    expect: { result: 0 }
  - syscall: dup2
    args: [0, 9]
    expect: { result: 9 }
  - syscall: fcntl
    args: [9, 1]
    expect: { result: 0 }
  - syscall: dup3
    args: [0, 9, 0x80000]
    expect: { result: 9 }
  - syscall: fcntl
    args: [9, 1]
    expect: { result: 1 }
  - syscall: ioctl
    args: [1, 0x5401, 0x08049900]
    expect: { result: ENOTTY }
  - syscall: fstat64
    args: [0, 0x08049a00]
    expect: { result: 0 }
  - syscall: pread64
    args: [0, 0x08049900, 4, 0, 0x80000000]
    expect: { result: EINVAL }
  - syscall: getdents64
    args: [0, 0x08049900, 100]
    expect: { result: ENOTDIR }
EOF
status=0
"$ELFAULT" replay --allow-read "$TESTDATA" "$scratch/fds.yaml" \
	> "$scratch/out" 2> "$scratch/err" || status=$?
if [ $status -eq 0 ] && grep -q 'read(3, 0x8049900, 100) = 5 "a.out"$' "$scratch/out"; then
	ok "pipe, read, write, fcntl, dup2, dup3, ioctl, fstat64, pread64, getdents64 as syscall: steps"
else
	not_ok "the descriptor calls as syscall: steps: exit $status"
	sed 's/^/# /' "$scratch/err"
fi
# A pipe read that would sleep is an error in a script (no other process
# runs to end it), at its line.
cat > "$scratch/sleep.yaml" <<EOF
steps:
  - exec: $programs/rp-seed-pages
  - syscall: pipe
    args: [0x08049800]
  - syscall: read
    args: [3, 0x08049900, 100]
EOF
status=0
"$ELFAULT" replay --allow-read "$TESTDATA" "$scratch/sleep.yaml" \
	> /dev/null 2> "$scratch/err" || status=$?
if [ $status -eq 2 ] && grep -q 'sleep.yaml:5:.*would sleep: its pipe is empty or full' "$scratch/err"; then
	ok "a pipe read that would sleep: the script's error, at its line"
else
	not_ok "a pipe read that would sleep: exit $status"
	sed 's/^/# /' "$scratch/err"
fi

# The program's output: each line after the step that wrote it, marked
# with its pid (and descriptor, when not stdout); a line in two writes is
# one line; the last piece, with no newline, at the end.  With
# --program-output the bytes as written, and none in the report; in YAML
# the output: list.
"$ELFAULT" run "$programs/rp-output" > "$scratch/out" 2>&1
grep '^pid [0-9]*\( [0-9]\)\{0,1\}> ' "$scratch/out" > "$scratch/lines"
printf '%s\n' 'pid 1> one' 'pid 1> two' 'pid 1 2> to stderr\t!' \
	'pid 2> child' 'pid 1 2> \x00' 'pid 1> last' > "$scratch/want"
check_file "run: the program's output, marked, after its steps" \
	"$scratch/want" "$scratch/lines"
if grep -B1 '^pid 2> child' "$scratch/out" | head -n 1 |
	grep -q 'pid 2 rp-output: write(1, '; then
	ok "run: a line follows the step that wrote it"
else
	not_ok "run: a line follows the step that wrote it"
fi
"$ELFAULT" run --program-output "$scratch/po" "$programs/rp-output" \
	> "$scratch/out" 2>&1
printf 'one\ntwo\nto stderr\t!\n\000child\nlast' > "$scratch/want"
check_file "run --program-output: the bytes as written" \
	"$scratch/want" "$scratch/po"
if grep -q '^pid [0-9]*>' "$scratch/out"; then
	not_ok "run --program-output: no output in the report"
else
	ok "run --program-output: no output in the report"
fi
"$ELFAULT" run --format=yaml "$programs/rp-output" > "$scratch/out.yaml"
python3 -c '
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
for o in doc["output"]:
    print(o["pid"], o["fd"], o["text"])
print("exit-code", doc["exit-code"])' "$scratch/out.yaml" > "$scratch/lines"
printf '%s\n' '1 1 one\ntwo\n' '1 2 to stderr\t!\n\x00' '2 1 child\n' \
	'1 1 last' 'exit-code 3' > "$scratch/want"
check_file "run --format=yaml: output: in the order written" \
	"$scratch/want" "$scratch/lines"
expect_out=$("$ELFAULT" run --program-output /nonexistent/dir/f \
	"$programs/rp-output" 2>&1 > /dev/null; echo "status $?")
case $expect_out in
*"--program-output: /nonexistent/dir/f: No such file"*"status 1")
	ok "run --program-output to a file that cannot be made: exit 1" ;;
*)	not_ok "run --program-output to a file that cannot be made"
	echo "$expect_out" | sed 's/^/# /' ;;
esac

# --show: the running process's VMAs and page tables after every step,
# the frames at the end.
"$ELFAULT" run --show=each "$programs/rp-output" > "$scratch/out" 2>&1
if [ "$(grep -c '^  vmas of pid\|^  no process' "$scratch/out")" -eq \
     "$(grep -c '^step ' "$scratch/out")" ]; then
	ok "run --show=each: a view after every step"
else
	not_ok "run --show=each: a view after every step"
fi
"$ELFAULT" run --show=end --continue "$programs/rp-fork-cow" \
	> "$scratch/out" 2>&1
if grep -q '^at the end:' "$scratch/out" &&
   ! grep -q '^  vmas of pid' "$scratch/out"; then
	ok "run --show=end: the machine once, at the end"
else
	not_ok "run --show=end: the machine once, at the end"
fi
expect_out=$("$ELFAULT" run --show=never "$programs/rp-output" 2>&1 \
	> /dev/null; echo "status $?")
case $expect_out in
*"--show: each or end, not never"*"status 64") ok "run --show=never: usage" ;;
*)	not_ok "run --show=never: usage"; echo "$expect_out" | sed 's/^/# /' ;;
esac

# A program may not open a host file outside the current directory, its
# own and --allow-read's: open("//etc/passwd") fails with EACCES (its
# exit code 13), and one warning names the option.
printf '\152\000\150\163\163\167\144\150\143\057\160\141\150\057\057\145\164\211\343\061\311\270\005\000\000\000\315\200\211\303\367\333\270\001\000\000\000\315\200' \
	> "$scratch/open-code"
sh "${srcdir:-.}/tests/fuzz/program.sh" "$TESTDATA/seed/a.out" \
	"$scratch/open-code" > "$scratch/open-passwd"
chmod +x "$scratch/open-passwd"
status=0
(cd "$scratch" && "$ELFAULT" run ./open-passwd) > "$scratch/out" \
	2> "$scratch/err" || status=$?
if [ $status -eq 0 ] && tail -n 1 "$scratch/out" | grep -q 'exited with 13 ' &&
   [ "$(sed "s#$scratch/##" "$scratch/err")" = "elfault: open-passwd: warning: open: //etc/passwd: Permission denied: outside the current directory, the program's and every --allow-read DIR" ]
then
	ok "run: open of /etc/passwd refused, EACCES and one warning"
else
	not_ok "run: open of /etc/passwd: status $status"
	sed 's/^/# /' "$scratch/err"
	tail -n 1 "$scratch/out" | sed 's/^/# /'
fi
status=0
(cd "$scratch" && "$ELFAULT" run --allow-read=/etc ./open-passwd) \
	> "$scratch/out" 2> "$scratch/err" || status=$?
if [ $status -eq 0 ] && [ ! -s "$scratch/err" ] &&
   tail -n 1 "$scratch/out" | grep -q 'exited with 253 '; then
	ok "run --allow-read=/etc: the open succeeds (fd 3: exit code 253)"
else
	not_ok "run --allow-read=/etc: status $status"
	sed 's/^/# /' "$scratch/err"
	tail -n 1 "$scratch/out" | sed 's/^/# /'
fi

# A run's steps say what the CPU did: a call by sysenter, a trap.
(cd "$TESTDATA/replay" && "$ELFAULT" run programs/rp-traps) \
	> "$scratch/out" 2>&1
if grep -q 'trap #DE (divide error) at eip 0x[0-9a-f]*: killed by SIGFPE$' \
	"$scratch/out" && grep -q 'trap #GP (general protection).*SIGSEGV$' \
	"$scratch/out"; then
	ok "run rp-traps: trap steps with their signals"
else
	not_ok "run rp-traps: trap steps with their signals"
	grep trap "$scratch/out" | sed 's/^/# /'
fi
(cd "$TESTDATA/replay" && "$ELFAULT" run programs/rp-vsyscall) \
	> "$scratch/out" 2>&1
if grep -q 'mmap2(0, 4096, 3, 2, 5, 7) by sysenter (the sixth from 0x[0-9a-f]*) = -1 EBADF$' \
	"$scratch/out"; then
	ok "run rp-vsyscall: the sixth argument from the stack"
else
	not_ok "run rp-vsyscall: the sixth argument from the stack"
	grep sysenter "$scratch/out" | sed 's/^/# /'
fi
# Without the vDSO's image its pages are zeros: a warning, and a call
# into them dies.
status=0
(cd "$TESTDATA/replay" && ELFAULT_DATADIR=$scratch/none "$ELFAULT" run \
	--quiet programs/rp-vsyscall) > "$scratch/out" 2> "$scratch/err" ||
	status=$?
if [ $status -eq 0 ] && grep -q 'warning: the vDSO:' "$scratch/err" &&
   tail -n 1 "$scratch/out" | grep -q 'exited with 139'; then
	ok "run without the vDSO's image: a warning, and zero pages"
else
	not_ok "run without the vDSO's image: status $status"
	sed 's/^/# /' "$scratch/err"
fi

# Without --continue the program's own SIGSTOP ends the run.
"$ELFAULT" run "$programs/rp-seed-pages" > "$scratch/out" 2>&1
if tail -n 1 "$scratch/out" | grep -q 'rp-seed-pages stopped (SIGSTOP)'; then
	ok "run: a stopped program ends the run"
else
	not_ok "run: a stopped program ends the run"
	tail -n 3 "$scratch/out" | sed 's/^/# /'
fi

# expect STATUS PATTERN DESCRIPTION -- ARGS: one line on stderr.
expect() {
	want=$1 pattern=$2 what=$3
	shift 4
	status=0
	"$ELFAULT" run "$@" > /dev/null 2> "$scratch/err" || status=$?
	lines=$(wc -l < "$scratch/err")
	[ "$want" -eq 64 ] && lines=1	# argp's usage and its "Try" line
	if [ $status -eq "$want" ] && [ "$lines" -eq 1 ] &&
	   grep -q -- "$pattern" "$scratch/err"; then
		ok "run $what: exit $want, one line"
	else
		not_ok "run $what: exit $status (want $want)"
		sed 's/^/# /' "$scratch/err"
	fi
}
expect 64 'Usage\|usage' "without a program" --
expect 2 'No such file' "of a missing program" -- "$scratch/missing"
expect 2 'not an ELF\|Exec format\|ENOEXEC' "of a text file" -- \
	"$TESTDATA/replay/data.txt"
expect 2 '10 instructions ran' "past --max-instructions" -- \
	--max-instructions 10 --continue "$programs/rp-files"
finish
