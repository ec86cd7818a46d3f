#!/bin/sh
# colour.sh - colour only for a person at a terminal: --color=auto (the
# default) colours on a terminal unless NO_COLOR is set and not empty
# (no-color.org) or TERM is dumb; always and never override both; the
# colour adds SGR sequences and nothing else (the golden tests, whose
# output is a file, are colour-free).
. "${srcdir:-.}/tests/lib.sh"

cd "$TESTDATA/replay-bad" || exit 1
# (the scripts here exec ../seed/a.out)
allow=--allow-read=$TESTDATA
esc=$(printf '\033')
# plain FILE: FILE without its SGR sequences.
plain() { sed "s/$esc\\[[0-9;]*m//g" "$1"; }
# coloured NAME FILE: FILE has colour; uncoloured NAME FILE: none.
coloured() {
	if grep -q "$esc\\[" "$2"; then ok "$1: colour"; else not_ok "$1: no colour"; fi
}
uncoloured() {
	if grep -q "$esc\\[" "$2"; then not_ok "$1: colour"; else ok "$1: no colour"; fi
}

# Standard output and standard error are files here: auto is plain.
"$ELFAULT" replay ../replay/fork-cow.yaml > "$scratch/plain" 2>&1
"$ELFAULT" replay $allow expectation-fails.yaml > "$scratch/plain-fails" 2>&1
uncoloured "auto, to a file" "$scratch/plain"
uncoloured "auto, to a file: stderr" "$scratch/plain-fails"
for when in always yes force; do
	"$ELFAULT" replay --color=$when ../replay/fork-cow.yaml \
		> "$scratch/out" 2>&1
	coloured "--color=$when" "$scratch/out"
done
plain "$scratch/out" > "$scratch/stripped"
check_file "--color=always: the plain report and SGR sequences only" \
	"$scratch/plain" "$scratch/stripped"
# The fault kinds, by how the fault ended.
grep -q "kernel: $esc\\[32mfile-cow$esc\\[m: " "$scratch/out" &&
	ok "--color: a page mapped is green" ||
	not_ok "--color: a page mapped is green"
"$ELFAULT" replay --color ../replay/signals.yaml > "$scratch/out" 2>&1
grep -q "kernel: $esc\\[1;31m[a-z-]*$esc\\[m: " "$scratch/out" &&
	ok "--color: a signal is red" || not_ok "--color: a signal is red"
# The error lines: a failed expectation as diff shows it, a script error's
# position, elfault's own prefix.
status=0
"$ELFAULT" replay $allow --color expectation-fails.yaml > /dev/null \
	2> "$scratch/err" || status=$?
[ $status -eq 1 ] && ok "--color: the exit status is the same" ||
	not_ok "--color: exit status $status"
grep -q "^$esc\\[1mexpectation-fails.yaml:4:15:$esc\\[m $esc\\[31mexpectation failed:$esc\\[m fault$" \
	"$scratch/err" && grep -q "^$esc\\[31m-zero-page$esc\\[m$" "$scratch/err" &&
	grep -q "^$esc\\[32m+none$esc\\[m$" "$scratch/err" &&
	ok "--color: a failed expectation, -expected red, +actual green" ||
	not_ok "--color: a failed expectation"
plain "$scratch/err" > "$scratch/stripped"
"$ELFAULT" replay $allow expectation-fails.yaml 2> "$scratch/want" > /dev/null
check_file "--color: stderr is the plain one and SGR sequences" \
	"$scratch/want" "$scratch/stripped"
"$ELFAULT" replay --color bad-policy.yaml 2> "$scratch/err"
grep -q "^$esc\\[1;31mbad-policy.yaml:2:11:$esc\\[m policy: random" \
	"$scratch/err" && ok "--color: a script error's position in red" ||
	not_ok "--color: a script error's position"
"$ELFAULT" replay --color no-such.yaml 2> "$scratch/err"
grep -q "^$esc\\[1;31melfault:$esc\\[m no-such.yaml: " "$scratch/err" &&
	ok "--color: elfault's prefix in red" || not_ok "--color: the prefix"
# never, and NO_COLOR, which always overrides (no-color.org: a flag does).
"$ELFAULT" replay --color=never ../replay/fork-cow.yaml > "$scratch/out" 2>&1
check_file "--color=never" "$scratch/plain" "$scratch/out"
NO_COLOR=1 "$ELFAULT" replay --color=always ../replay/fork-cow.yaml \
	> "$scratch/out" 2>&1
coloured "NO_COLOR=1 --color=always" "$scratch/out"
status=0
"$ELFAULT" replay --color=sometimes ../replay/fork-cow.yaml > /dev/null \
	2> "$scratch/err" || status=$?
[ $status -eq 64 ] && grep -q "color: auto, always or never, not sometimes" \
	"$scratch/err" && ok "--color=sometimes: usage (64)" ||
	not_ok "--color=sometimes: $status"

# On a terminal (script(1) gives one): auto colours, unless NO_COLOR is
# set and not empty, or TERM is dumb; never stays plain.
if command -v script > /dev/null; then
	# tty ENV... -- ARGS: elfault replay ARGS on a terminal, under ENV.
	tty() {
		env "$@" script -qec "'$ELFAULT' replay $allow expectation-fails.yaml" \
			/dev/null < /dev/null > "$scratch/tty" 2>&1
	}
	tty TERM=xterm
	coloured "a terminal" "$scratch/tty"
	tty TERM=xterm NO_COLOR=
	coloured "a terminal, NO_COLOR empty" "$scratch/tty"
	tty TERM=xterm NO_COLOR=1
	uncoloured "a terminal, NO_COLOR=1" "$scratch/tty"
	tty TERM=xterm NO_COLOR=0
	uncoloured "a terminal, NO_COLOR=0 (any value)" "$scratch/tty"
	tty TERM=dumb
	uncoloured "a terminal, TERM=dumb" "$scratch/tty"
	env TERM=xterm script -qec "'$ELFAULT' replay $allow --color=never \
		expectation-fails.yaml" /dev/null < /dev/null > "$scratch/tty" 2>&1
	uncoloured "a terminal, --color=never" "$scratch/tty"
else
	ok "# SKIP on a terminal: no script(1)"
fi
finish
