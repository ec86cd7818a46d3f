#!/bin/sh
# differential-sections.sh - `elfault sections` against the real `objdump -h`
# on the ELF files and archives of this machine: a bounded, evenly spread
# sample of /usr/bin, /usr/lib/x86_64-linux-gnu and the fixtures.  Every
# byte of standard output and error, and the exit status, must agree.
# Each tool first reads the whole sample in one run (as `objdump -h` takes
# many files); when the two runs differ in anything, every file is run
# again on its own, so that the test names the files that differ.
# Skipped where objdump 2.40 (the version elfault models) is not installed.
. "${srcdir:-.}/tests/lib.sh"

limit=${DIFFERENTIAL_LIMIT:-300}
OBJDUMP=${OBJDUMP:-objdump}
"$OBJDUMP" --version 2>/dev/null | head -n 1 | grep -q ' 2\.40$' ||
	skip_all "objdump 2.40 not found (have: $("$OBJDUMP" --version 2>/dev/null | head -n 1))"

is_elf_or_archive() {
	magic=$(head -c 8 "$1" 2>/dev/null | od -An -c | tr -d ' \n')
	case $magic in
	177ELF*|'!<arch>\n') return 0 ;;
	*) return 1 ;;
	esac
}

# Every k-th candidate, so that the sample spreads over the whole tree.
{
	find /usr/bin /usr/lib/x86_64-linux-gnu -type f -size +0 2>/dev/null |
		LC_ALL=C sort > "$scratch/candidates"
	total=$(wc -l < "$scratch/candidates")
	step=$(( total / (limit * 2) ))
	[ "$step" -ge 1 ] || step=1
	awk -v step="$step" 'NR % step == 0' "$scratch/candidates"
} | while read -r file; do
	is_elf_or_archive "$file" && echo "$file"
done | head -n "$limit" > "$scratch/sample"
(cd "$TESTDATA" && find seed elf crafted -type f ! -name '*.py' ! -name '*.sh' |
	LC_ALL=C sort) | sed "s|^|$TESTDATA/|" >> "$scratch/sample"

# compare_one N FILE: the two tools on one file.
compare_one() {
	ostatus=0
	estatus=0
	"$OBJDUMP" -h "$2" > "$scratch/o.out" 2> "$scratch/o.err" || ostatus=$?
	"$ELFAULT" sections "$2" > "$scratch/e.out" 2> "$scratch/e.err" ||
		estatus=$?
	sed 's/^[^ :]*objdump:/elfault:/' "$scratch/o.err" > "$scratch/o.err2"
	if cmp -s "$scratch/o.out" "$scratch/e.out" &&
	   cmp -s "$scratch/o.err2" "$scratch/e.err" &&
	   [ "$ostatus" = "$estatus" ]; then
		echo "ok $1 - $2"
	else
		echo "not ok $1 - $2 (exit $estatus, objdump $ostatus)"
		diff -u "$scratch/o.out" "$scratch/e.out" | head -20 | sed 's/^/# /'
		diff -u "$scratch/o.err2" "$scratch/e.err" | head -10 | sed 's/^/# /'
	fi
}

# run_all TOOL ARG... > OUT 2> ERR: the tool over the whole sample in one
# process; prints its exit status (xargs's 123 is "a run exited 1-125").
run_all() {
	status=0
	tr '\n' '\0' < "$scratch/sample" | xargs -0 -x "$@" || status=$?
	[ "$status" = 123 ] && status=1
	echo "$status" >&3
}

run_all "$OBJDUMP" -h > "$scratch/o.out" 2> "$scratch/o.err" 3> "$scratch/o.status"
run_all "$ELFAULT" sections > "$scratch/e.out" 2> "$scratch/e.err" 3> "$scratch/e.status"
sed 's/^[^ :]*objdump:/elfault:/' "$scratch/o.err" > "$scratch/o.err2"
count=$(wc -l < "$scratch/sample")
if cmp -s "$scratch/o.out" "$scratch/e.out" &&
   cmp -s "$scratch/o.err2" "$scratch/e.err" &&
   cmp -s "$scratch/o.status" "$scratch/e.status"; then
	echo "ok 1 - $count files in one run of each: the same output, errors and exit status ($(cat "$scratch/e.status"))"
	awk '{ print "ok " NR + 1 " - " $0 }' "$scratch/sample"
	echo "# identical $count/$count"
else
	echo "not ok 1 - $count files in one run of each (exit $(cat "$scratch/e.status"), objdump $(cat "$scratch/o.status")); file by file:"
	diff -u "$scratch/o.out" "$scratch/e.out" | head -20 | sed 's/^/# /'
	diff -u "$scratch/o.err2" "$scratch/e.err" | head -10 | sed 's/^/# /'
	n=1
	while read -r file; do
		n=$((n + 1))
		compare_one "$n" "$file"
	done < "$scratch/sample" > "$scratch/tap"
	cat "$scratch/tap"
	echo "# identical $(grep -c '^ok' "$scratch/tap")/$count"
fi
echo "1..$((count + 1))"
