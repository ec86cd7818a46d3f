#!/bin/sh
# cli.sh - the command-line shell: --help/--usage/--version, usage errors
# (exit 64, argp's wording), and the man page agreeing with --help.
. "${srcdir:-.}/tests/lib.sh"

# run NAME WANT-STATUS ARGS...: the exit status of elfault ARGS.
run() {
	name=$1 want=$2
	shift 2
	status=0
	"$ELFAULT" "$@" > "$scratch/out" 2> "$scratch/err" || status=$?
	if [ "$status" = "$want" ]; then
		ok "$name: exit $want"
	else
		not_ok "$name: exit $status, expected $want"
		sed 's/^/# /' "$scratch/err"
	fi
}

# has NAME FILE PATTERN: FILE contains the fixed string PATTERN.
has() {
	if grep -q -F -e "$3" "$2"; then ok "$1"; else not_ok "$1"; fi
}

run "--help" 0 --help
has "--help lists the sections command" "$scratch/out" "sections"
run "--version" 0 --version
has "--version names elfault" "$scratch/out" "elfault "
# GNU's --version: the version, a copyright, the licence, no warranty;
# --help ends with the bug address, the one the man pages give.
has "--version: a copyright" "$scratch/out" "Copyright (C) "
has "--version: the licence" "$scratch/out" \
	"License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>."
has "--version: no warranty" "$scratch/out" \
	"There is NO WARRANTY, to the extent permitted by law."
[ "$(sed -n 1p "$scratch/out")" = "elfault 0.1.0" ] &&
	ok "--version: its first line is NAME VERSION" ||
	not_ok "--version: first line '$(sed -n 1p "$scratch/out")'"
run "--help" 0 --help
bug=$(sed -n 's/^Report bugs to <\(.*\)>\.$/\1/p' "$scratch/out")
if [ -n "$bug" ] && grep -q -F "$bug" "$MANDIR/elfault.1" &&
   grep -q -F "$bug" "$MANDIR/elfault-script.5"; then
	ok "--help: the bug address, as in BUGS"
else
	not_ok "--help: bug address '$bug' not in the man pages' BUGS"
fi
for page in elfault.1 elfault-script.5; do
	for section in AUTHORS BUGS; do
		grep -q -x ".Sh $section" "$MANDIR/$page" &&
			ok "$page: a $section section" ||
			not_ok "$page: no $section section"
	done
done
run "--usage" 0 --usage
# A full disk: one line and 70, in every command and format.
if [ -w /dev/full ]; then
	for c in "sections" "sections --format=yaml" "maps" "maps --format=yaml"; do
		status=0
		# shellcheck disable=SC2086  # $c is the command and its option
		"$ELFAULT" $c "$TESTDATA/seed/a.out" > /dev/full 2> "$scratch/err" ||
			status=$?
		if [ $status -eq 70 ] && [ "$(wc -l < "$scratch/err")" -eq 1 ] &&
		   grep -q '^elfault: writing the output failed: No space left on device$' \
			"$scratch/err"; then
			ok "$c to /dev/full: one line, exit 70"
		else
			not_ok "$c to /dev/full: exit $status"
		fi
	done
	status=0
	"$ELFAULT" replay -c --sizes 1M,2M "$TESTDATA/replay/belady.yaml" \
		> /dev/full 2> "$scratch/err" || status=$?
	[ $status -eq 70 ] && ok "replay -c to /dev/full: exit 70" ||
		not_ok "replay -c to /dev/full: exit $status"
fi
# Every rendered line of the man pages fits 80 columns (counted as
# columns: wc -L in a UTF-8 locale, where quotes and hyphens are one
# column and several bytes; awk in the C locale, where man prints ASCII).
if command -v man > /dev/null; then
	for page in elfault.1 elfault-script.5; do
		width=$(MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$MANDIR/$page" 2> /dev/null |
			wc -L)
		long=$(MANWIDTH=80 LC_ALL=C man -l "$MANDIR/$page" 2> /dev/null |
			awk 'length > 80' | wc -l)
		if [ "$width" -le 80 ] && [ "$width" -gt 0 ] && [ "$long" -eq 0 ]; then
			ok "$page: every line fits 80 columns"
		else
			not_ok "$page: $width columns wide, $long ASCII lines over 80"
		fi
	done
else
	ok "# SKIP man pages' width: no man(1)"
fi
# The man pages' footer names the version --version prints.
version=$("$ELFAULT" --version | head -n 1)
for page in elfault.1 elfault-script.5; do
	if grep -q -x -F ".Os $version" "$MANDIR/$page"; then
		ok "$page: .Os $version"
	else
		not_ok "$page: .Os is not '$version'"
	fi
done
run "help" 0 help
has "help lists the commands" "$scratch/out" "replay     run a script"
run "help replay" 0 help replay
has "help replay is replay --help" "$scratch/out" "Usage: elfault replay [OPTION...] SCRIPT"
run "help nosuch" 64 help nosuch
has "help nosuch: names it" "$scratch/err" "help: nosuch is no command"
run "-h" 0 -h
has "-h is --help" "$scratch/out" "Usage: elfault [OPTION...] COMMAND"
run "replay -h" 0 replay -h
has "replay -h is replay --help" "$scratch/out" "Usage: elfault replay [OPTION...] SCRIPT"
run "maps FILE -h: the program's argument" 0 maps "$TESTDATA/seed/a.out" -h
run "replay --policy=LRU: any case" 0 replay --policy=LRU \
	"$TESTDATA/replay/belady.yaml"
run "no command" 64
has "no command: says what is missing" "$scratch/err" "a command is required"
run "unknown command" 64 frobnicate
has "unknown command: names it" "$scratch/err" "unknown command 'frobnicate'"
run "sections --help" 0 sections --help
has "sections --help: usage line" "$scratch/out" "Usage: elfault sections [OPTION...] FILE..."
run "sections without FILE" 64 sections
has "sections without FILE: argp's hint" "$scratch/err" "Try \`elfault sections --help'"
run "sections --format=xml" 64 sections --format=xml "$TESTDATA/seed/a.out"
run "sections --format=yaml" 0 sections --format=yaml "$TESTDATA/seed/a.out"
has "sections --format=yaml: a YAML document" "$scratch/out" "- file:"
run "sections --bogus" 64 sections --bogus

# Files that cannot be listed: objdump's words, exit 1, the rest listed.
run "sections on a missing file" 1 sections /no/such/file
has "missing file: objdump's message" "$scratch/err" "elfault: '/no/such/file': No such file"
run "sections on a directory" 1 sections "$TESTDATA"
has "directory: objdump's message" "$scratch/err" "elfault: Warning: '$TESTDATA' is a directory"
run "sections on /dev/null" 1 sections /dev/null
has "/dev/null: objdump's message" "$scratch/err" "elfault: Warning: '/dev/null' is not an ordinary file"
run "a bad file among good ones" 1 sections "$TESTDATA/seed/a.out" /no/such "$TESTDATA/elf/x32.o"
if [ "$(grep -c 'file format' "$scratch/out")" = 2 ]; then
	ok "a bad file among good ones: both good ones listed"
else
	not_ok "a bad file among good ones: both good ones listed"
fi

# replay --show: after each step, or at the end; a usage error otherwise.
run "replay --show=bad" 64 replay --show=bad "$TESTDATA/replay/fork-cow.yaml"
has "--show=bad: what it takes" "$scratch/err" "--show: each or end, not bad"
run "replay --show with --compare-policies" 64 replay --compare-policies \
	--show=end "$TESTDATA/replay/belady.yaml"
run "replay --show=end" 0 replay --show=end "$TESTDATA/replay/fork-cow.yaml"
has "--show=end: the views after the last step" "$scratch/out" "at the end:"
run "replay --show=each" 0 replay --show=each "$TESTDATA/replay/seed-pages.yaml"
if [ "$(grep -c '^step ' "$scratch/out")" = \
     "$(grep -c '^  frames in use: ' "$scratch/out")" ] &&
   grep -q '^  page table of pid 1 (cr3 ' "$scratch/out"; then
	ok "--show=each: a view after every step"
else
	not_ok "--show=each: a view after every step"
fi
run "replay --show=end --format=yaml" 0 replay --show=end --format=yaml \
	"$TESTDATA/replay/show-fork.yaml"
has "--show=end in YAML: the end key" "$scratch/out" "end:"

# example_in NAME MARKER FILE: the literal block after the line MARKER in
# elfault-script(5) is lines of FILE (make check runs FILE).
example_in() {
	sed -n "/^$2\$/,/^\\.Ed\$/p" "$MANDIR/elfault-script.5" |
		sed '1,2d;$d' > "$scratch/example"
	missing=$(grep -v -x -F -f "$3" "$scratch/example")
	if [ -s "$scratch/example" ] && [ -z "$missing" ]; then
		ok "elfault-script.5: the $1 example is in $(basename "$3")"
	else
		not_ok "elfault-script.5: the $1 example is in $(basename "$3")"
	fi
}
example_in show: "shows Fig. 14.24 so:" "$TESTDATA/replay/show-fork.yaml"
example_in syscall: "checked against the real kernel:" \
	"$TESTDATA/replay/files.yaml"

# The man page names every command and every long option --help shows.
man=$MANDIR/elfault.1
for command in $("$ELFAULT" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'); do
	has "elfault.1 documents the $command command" "$man" "$command"
	for option in $("$ELFAULT" "$command" --help |
			sed -n 's/.*--\([a-z][a-z-]*\).*/\1/p' | sort -u); do
		has "elfault.1 documents $command --$option" "$man" "$option"
	done
done

# The man page's first example runs as printed.
sed -n '/^\$ elfault sections testdata\/seed\/a.out$/,/^\.Ed$/p' "$man" |
	sed '1d;$d' > "$scratch/example"
(cd "$TESTDATA/.." && "$ELFAULT" sections testdata/seed/a.out) > "$scratch/actual"
check_file "elfault.1: the sections example is what elfault prints" \
	"$scratch/example" "$scratch/actual"
finish
