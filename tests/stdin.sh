#!/bin/sh
# stdin.sh - "-" for standard input (POSIX's utility convention): sections
# and replay read it whole (a pipe included), maps execs it as
# /dev/stdin would be; a script read from standard input, /dev/stdin or a
# FIFO has the working directory for its own, for its relative paths and
# for what it may read (elfault(1), SECURITY), never /dev.
. "${srcdir:-.}/tests/lib.sh"

seed=$TESTDATA/seed/a.out

# same NAME EXPECTED ACTUAL: check_file, for outputs made here.
same() { check_file "$@"; }

# sections: a redirection and a pipe, an ELF file and an archive.
"$ELFAULT" sections "$seed" | sed "s|$seed|<stdin>|" > "$scratch/want"
"$ELFAULT" sections - < "$seed" > "$scratch/got"
same "sections - < a.out: as sections a.out, named <stdin>" \
	"$scratch/want" "$scratch/got"
cat "$seed" | "$ELFAULT" sections - > "$scratch/got"
same "sections - from a pipe" "$scratch/want" "$scratch/got"
lib=$TESTDATA/elf/libpair.a
"$ELFAULT" sections "$lib" | sed "s|$lib|<stdin>|" > "$scratch/want"
cat "$lib" | "$ELFAULT" sections - > "$scratch/got"
same "sections - from a pipe: an archive" "$scratch/want" "$scratch/got"
"$ELFAULT" sections --format=yaml "$seed" | sed "s|$seed|<stdin>|" \
	> "$scratch/want"
cat "$seed" | "$ELFAULT" sections --format=yaml - > "$scratch/got"
same "sections --format=yaml -" "$scratch/want" "$scratch/got"
status=0
"$ELFAULT" sections - < /dev/null 2> "$scratch/err" || status=$?
[ $status -eq 1 ] && grep -q "^elfault: '<stdin>': file is empty$" \
	"$scratch/err" && ok "sections - of nothing: empty, exit 1" ||
	not_ok "sections - of nothing: exit $status"

# maps: exec of the file standard input is (the maps name the file).
"$ELFAULT" maps "$seed" > "$scratch/want"
"$ELFAULT" maps - < "$seed" > "$scratch/got"
same "maps - < a.out: the maps of a.out" "$scratch/want" "$scratch/got"
status=0
cat "$seed" | "$ELFAULT" maps - > /dev/null 2> "$scratch/err" || status=$?
[ $status -eq 1 ] && grep -q "^elfault: -: standard input is not a file" \
	"$scratch/err" && ok "maps - from a pipe: refused, exit 1" ||
	not_ok "maps - from a pipe: exit $status"

# replay: the same report from a file, standard input, /dev/stdin, a
# pipe and a FIFO, run where the script's relative paths point.
cd "$TESTDATA/replay" || exit 1
"$ELFAULT" replay fork-cow.yaml > "$scratch/want" 2>&1
"$ELFAULT" replay - < fork-cow.yaml > "$scratch/got" 2>&1
same "replay - < fork-cow.yaml" "$scratch/want" "$scratch/got"
"$ELFAULT" replay /dev/stdin < fork-cow.yaml > "$scratch/got" 2>&1
same "replay /dev/stdin < fork-cow.yaml" "$scratch/want" "$scratch/got"
cat fork-cow.yaml | "$ELFAULT" replay - > "$scratch/got" 2>&1
same "replay - from a pipe" "$scratch/want" "$scratch/got"
if mkfifo "$scratch/fifo" 2> /dev/null; then
	cat fork-cow.yaml > "$scratch/fifo" &
	"$ELFAULT" replay "$scratch/fifo" > "$scratch/got" 2>&1
	wait
	same "replay FIFO: its paths are the working directory's" \
		"$scratch/want" "$scratch/got"
fi
# A script read more than once (opt's first pass, every run of
# --compare-policies) is read from the pipe once.
"$ELFAULT" replay --policy=opt --memory=108K belady.yaml > "$scratch/want" 2>&1
cat belady.yaml | "$ELFAULT" replay --policy=opt --memory=108K - \
	> "$scratch/got" 2>&1
same "replay --policy=opt - from a pipe" "$scratch/want" "$scratch/got"
for format in text yaml csv; do
	"$ELFAULT" replay -c --sizes=104K,108K,112K --format=$format \
		belady.yaml | sed 's|belady.yaml|<stdin>|' > "$scratch/want"
	cat belady.yaml | "$ELFAULT" replay -c --sizes=104K,108K,112K \
		--format=$format - > "$scratch/got" 2>&1
	same "replay -c --format=$format - from a pipe" \
		"$scratch/want" "$scratch/got"
done

# Elsewhere, the relative paths are the working directory's, not /dev's
# and not the script's: programs/a.out is not there.
cd "$TESTDATA" || exit 1
for arg in - /dev/stdin; do
	status=0
	"$ELFAULT" replay $arg < replay/fork-cow.yaml > /dev/null \
		2> "$scratch/err" || status=$?
	name=$arg
	[ "$arg" = - ] && name='<stdin>'
	if [ $status -eq 2 ] && grep -q -x -F \
		"$name:4:11: exec: programs/a.out: No such file or directory" \
		"$scratch/err"; then
		ok "replay $arg from testdata/: programs/a.out is testdata's"
	else
		not_ok "replay $arg from testdata/: exit $status"
		sed 's/^/# /' "$scratch/err"
	fi
done
# What it may read is the working directory's tree, as for a script
# there: seed/a.out inside, ../testdata/seed/a.out too (the same file),
# the parent's files not, unless --allow-read.
sed 's|programs/a.out|seed/a.out|' replay/fork-cow.yaml > "$scratch/inside"
status=0
"$ELFAULT" replay - < "$scratch/inside" > /dev/null 2>&1 || status=$?
[ $status -eq 0 ] && ok "replay -: a file under the working directory" ||
	not_ok "replay -: a file under the working directory: exit $status"
cd seed || exit 1
sed 's|programs/a.out|../replay/programs/a.out|' \
	../replay/fork-cow.yaml > "$scratch/outside"
status=0
"$ELFAULT" replay - < "$scratch/outside" > /dev/null 2> "$scratch/err" ||
	status=$?
[ $status -eq 2 ] && grep -q "<stdin>:4:11: exec: ../replay/programs/a.out: Permission denied: outside the script's directory" \
	"$scratch/err" && ok "replay -: a file outside the working directory is refused" ||
	not_ok "replay -: outside the working directory: exit $status"
status=0
"$ELFAULT" replay --allow-read=../replay - < "$scratch/outside" \
	> /dev/null 2>&1 || status=$?
[ $status -eq 0 ] && ok "replay - --allow-read=DIR: allowed" ||
	not_ok "replay - --allow-read=DIR: exit $status"
# A stream's script errors are named as given.
printf 'steps:\n  - wirte: 0x1000\n' | "$ELFAULT" replay - > /dev/null \
	2> "$scratch/err"
grep -q '^<stdin>:2:5: ' "$scratch/err" &&
	ok "replay -: errors as <stdin>:LINE:COLUMN" ||
	{ not_ok "replay -: errors as <stdin>:LINE:COLUMN"; sed 's/^/# /' "$scratch/err"; }
finish
