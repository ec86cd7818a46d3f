#!/bin/sh
# differential-sections.sh - `elfault sections` against the real `objdump -h`
# on the ELF files and archives of this machine: a bounded, evenly spread
# sample of /usr/bin, /usr/lib/x86_64-linux-gnu and the fixtures.  Every
# byte of standard output and error, and the exit status, must agree.
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

same=0
count=0
while read -r file; do
	count=$((count + 1))
	ostatus=0
	estatus=0
	"$OBJDUMP" -h "$file" > "$scratch/o.out" 2> "$scratch/o.err" || ostatus=$?
	"$ELFAULT" sections "$file" > "$scratch/e.out" 2> "$scratch/e.err" ||
		estatus=$?
	sed 's/^[^ :]*objdump:/elfault:/' "$scratch/o.err" > "$scratch/o.err2"
	if cmp -s "$scratch/o.out" "$scratch/e.out" &&
	   cmp -s "$scratch/o.err2" "$scratch/e.err" &&
	   [ "$ostatus" = "$estatus" ]; then
		same=$((same + 1))
		echo "ok $count - $file"
	else
		echo "not ok $count - $file (exit $estatus, objdump $ostatus)"
		diff -u "$scratch/o.out" "$scratch/e.out" | head -20 | sed 's/^/# /'
		diff -u "$scratch/o.err2" "$scratch/e.err" | head -10 | sed 's/^/# /'
	fi
done < "$scratch/sample"
echo "# identical $same/$count"
echo "1..$count"
