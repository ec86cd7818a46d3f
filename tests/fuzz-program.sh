#!/bin/sh
# fuzz-program.sh - the program fuzz-run (tests/fuzz/README) runs for an
# input is the one tests/fuzz/program.sh makes from it: each replay
# program's code (tests/fuzz/code.sh, its seed), put into seed/a.out's
# layout by program.sh, runs under `elfault run` as the program itself
# does - the same steps, faults, exit code and instructions - so a
# finding's input reproduces outside the fuzzer.  (The fuzz target's own
# file is byte for byte program.sh's: checked when the target is built.)
. "${srcdir:-.}/tests/lib.sh"

fuzz=${srcdir:-.}/tests/fuzz
programs=$TESTDATA/replay/programs
status=0
"$ELFAULT" run --continue "$programs/rp-seed-pages" > /dev/null 2>&1 ||
	status=$?
[ $status -eq 69 ] && skip_all "built without the Unicorn engine"

# the end of a run's report: the totals and how the program ended
tail_of() {
	(cd "$scratch" && "$ELFAULT" run --continue "$1") 2>&1 | tail -n 2 |
		sed "s#^.*/[^/ ]* \(exited\|stopped\)#PROGRAM \1#"
}

for name in seed-pages zero-page fork-cow stack-growth shmem wait output; do
	sh "$fuzz/code.sh" "$programs/rp-$name" > "$scratch/code" &&
	sh "$fuzz/program.sh" "$TESTDATA/seed/a.out" "$scratch/code" \
		> "$scratch/program" && chmod +x "$scratch/program"
	tail_of "$programs/rp-$name" > "$scratch/want"
	tail_of "$scratch/program" > "$scratch/got"
	check_file "rp-$name's code in fuzz-run's layout runs as rp-$name" \
		"$scratch/want" "$scratch/got"
done

# code longer than the room up to the data is cut there
head -c 3000 /dev/zero | tr '\0' '\220' > "$scratch/code"	# nops
sh "$fuzz/program.sh" "$TESTDATA/seed/a.out" "$scratch/code" > "$scratch/program"
size=$(wc -c < "$scratch/program")
if [ "$size" -eq 2040 ]; then
	ok "3000 bytes of code: cut at 1844, the program 2040 bytes"
else
	not_ok "3000 bytes of code: a program of $size bytes (want 2040)"
fi
# fuzz-run's findings (tests/fuzz/regressions/run/): each program ends as
# elfault's run does, with one of its statuses and an error line - never
# killed by a signal.  An invalid instruction (ud2) is a trap: #UD, whose
# SIGILL ends the program (exit code 132), as the real kernel's.
# check_ud WHAT STATUS [AT]: the run ended with a #UD trap (at eip AT),
# its SIGILL ending the program (exit code 132) as the real kernel's.
check_ud() {
	if [ "$2" -eq 0 ] &&
	    grep -q "trap #UD (invalid opcode) ${3:+$3 }.*SIGILL$" \
		"$scratch/out" &&
	    tail -n 1 "$scratch/out" | grep -q 'exited with 132'; then
		ok "$1: trap #UD${3:+ ${3%:}}, SIGILL ends the program (132)"
	else
		not_ok "$1: status $2: $(cat "$scratch/err")"
		grep trap "$scratch/out" | sed 's/^/# /'
	fi
}
printf '\017\013' > "$scratch/code"		# ud2
sh "$fuzz/program.sh" "$TESTDATA/seed/a.out" "$scratch/code" > "$scratch/program"
chmod +x "$scratch/program"
status=0
(cd "$scratch" && "$ELFAULT" run --continue ./program) > "$scratch/out" \
	2> "$scratch/err" || status=$?
if [ $status -eq 0 ] && grep -q 'trap #UD (invalid opcode).*SIGILL$' \
	"$scratch/out" && tail -n 1 "$scratch/out" | grep -q 'exited with 132'
then
	ok "ud2: trap #UD, SIGILL ends the program (132)"
else
	not_ok "ud2: status $status: $(cat "$scratch/err")"
	grep trap "$scratch/out" | sed 's/^/# /'
fi
for f in "${srcdir:-.}"/tests/fuzz/regressions/run/*; do
	[ -f "$f" ] || { not_ok "fuzz-run's findings: none in $f"; continue; }
	sh "$fuzz/program.sh" "$TESTDATA/seed/a.out" "$f" > "$scratch/program"
	chmod +x "$scratch/program"
	status=0
	(cd "$scratch" && "$ELFAULT" run --continue ./program) \
		> "$scratch/out" 2> "$scratch/err" || status=$?
	if [ $status -ge 128 ]; then
		not_ok "fuzz-run finding $(basename "$f"): killed (status $status)"
	elif case $f in *ljmp-register*) ;; *) false ;; esac; then
		# Unicorn 2.0.1 aborted on these (unicorn#1716): now the #UD
		# the CPU raises for a far jmp through a register
		check_ud "fuzz-run finding $(basename "$f")" "$status"
	elif [ $status -eq 0 ] &&
	    tail -n 1 "$scratch/out" | grep -q 'exited with'; then
		# smc-bitmap: code stored to again and again, whose page's
		# bitmap Unicorn 2.0.1 leaked at uc_close() (unicorn#2149):
		# under the sanitizers, a leak would be the status
		ok "fuzz-run finding $(basename "$f"): the program's end reported"
	else
		not_ok "fuzz-run finding $(basename "$f"): status $status: $(head -n 3 "$scratch/err")"
	fi
done

# A far call or jmp through a register (ff /3, ff /5 with mod 3), and
# LOCK on an instruction that cannot be locked, are #UD: the engine guard
# (lib/engine_guard.c) makes Unicorn 2.0.1 translate them so, and leaves
# the same bytes alone where they are operands.  Each case: its code, then the end its run must have - the
# trap's eip, or the exit code.
guard_case() {
	printf "$2" > "$scratch/code"
	sh "$fuzz/program.sh" "$TESTDATA/seed/a.out" "$scratch/code" \
		> "$scratch/program" && chmod +x "$scratch/program"
	status=0
	(cd "$scratch" && "$ELFAULT" run --continue ./program) \
		> "$scratch/out" 2> "$scratch/err" || status=$?
	case $3 in
	eip*) check_ud "$1" "$status" "at $3:" ;;
	*) if [ $status -eq 0 ] && tail -n 1 "$scratch/out" |
			grep -q "exited with $3 after"; then
			ok "$1: exits $3"
		else
			not_ok "$1: status $status, $(tail -n 1 "$scratch/out")"
		fi ;;
	esac
}
guard_case "ljmp *%ecx, a block's first instruction" '\377\351' \
	"eip 0x8048094"
guard_case "lcallw *%ax behind nops, its prefix first" \
	'\220\220\146\377\330' "eip 0x8048096"
guard_case "push \$-1 then ljmp *%eax" '\152\377\377\350' "eip 0x8048096"
# mov $-24, %edi; cmp $-24, %edi (83 ff e8); sete %bl; exit(%ebx)
guard_case "cmp \$-24, %edi (83 ff e8) compares -24" \
	'\277\350\377\377\377\203\377\350\017\224\303\270\001\000\000\000\315\200' 1
# push $-1; call 1f; 1: pop %eax; pop %ebx; neg %ebx; mov $1, %eax; int $0x80
guard_case "push \$-1 then a call (6a ff e8)" \
	'\152\377\350\000\000\000\000\130\133\367\333\270\001\000\000\000\315\200' 1
# LOCK on what cannot be locked (Unicorn 2.0.1 aborted on these)
guard_case "lock cmp %eax, (%eax)" '\360\071\000' "eip 0x8048094"
guard_case "lock bt %eax, %eax" '\360\017\243\300' "eip 0x8048094"
guard_case "mov, then lock cmpl \$1, (%esp)" \
	'\211\300\360\203\074\044\001' "eip 0x8048096"
# mov $0xf0, %al; cmp %eax, %eax (the f0 an operand); exit(0)
guard_case "mov \$0xf0, %al then cmp: runs" \
	'\260\360\071\300\270\001\000\000\000\061\333\315\200' 0
# lock addl $7, (%esp) runs: pop %ebx (argc + 7); exit(%ebx)
guard_case "lock addl \$7, (%esp) runs" \
	'\360\203\004\044\007\133\270\001\000\000\000\315\200' 8
# fuzz-run's leak: pipe() with no descriptor free put its read end only,
# and the pipe (its 16 pages) stayed; with one free, the write end's
# EMFILE.  dup(0) until EMFILE; pipe; close(3); pipe; exit(-errno): 24,
# and under ASan no leak at exit.
guard_case "pipe at EMFILE, no end installed, then one: no pipe left" \
	'\270\051\000\000\000\061\333\315\200\205\300\171\363\203\354\010\270\052\000\000\000\211\343\315\200\270\006\000\000\000\273\003\000\000\000\315\200\270\052\000\000\000\211\343\315\200\211\303\367\333\270\001\000\000\000\315\200' 24
finish
