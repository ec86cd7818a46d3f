#!/bin/sh
# golden-sections.sh - `elfault sections` on every fixture in testdata/,
# diffed against objdump 2.40's recorded answer (testdata/expected/).
# For each fixture three tests: standard output, standard error, status;
# then all fixtures in one run, as `objdump -h` takes many files: the
# outputs one after another, status 1 when any file failed.
# Each fixture's own run leaves LeakSanitizer out (in a sanitized build its
# check at exit costs three times the run): the run over every fixture
# does it for all of them at once.
. "${srcdir:-.}/tests/lib.sh"

cd "$TESTDATA" || exit 1
find expected -name '*.sections' | LC_ALL=C sort > "$scratch/expected"
while read -r expected; do
	fixture=${expected#expected/}
	fixture=${fixture%.sections}
	status=0
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		"$ELFAULT" sections "$fixture" > "$scratch/out" 2> "$scratch/err" ||
		status=$?
	check_file "$fixture: standard output" "$expected" "$scratch/out"
	if [ -f "$expected.err" ]; then
		check_file "$fixture: standard error" "$expected.err" "$scratch/err"
	else
		check_file "$fixture: standard error" /dev/null "$scratch/err"
	fi
	want=0
	[ -f "$expected.status" ] && want=$(cat "$expected.status")
	if [ "$status" = "$want" ]; then
		ok "$fixture: exit status $want"
	else
		not_ok "$fixture: exit status $status, expected $want"
	fi
done < "$scratch/expected" > "$scratch/tap"

# All of them in one run: every expected output in turn.
: > "$scratch/all.expected"
: > "$scratch/all.expected-err"
want=0
while read -r expected; do
	cat "$expected" >> "$scratch/all.expected"
	[ -f "$expected.err" ] && cat "$expected.err" >> "$scratch/all.expected-err"
	[ -f "$expected.status" ] && [ "$(cat "$expected.status")" != 0 ] && want=1
	fixture=${expected#expected/}
	echo "${fixture%.sections}"
done < "$scratch/expected" > "$scratch/fixtures"
count=$(wc -l < "$scratch/fixtures")
status=0
tr '\n' '\0' < "$scratch/fixtures" | xargs -0 "$ELFAULT" sections \
	> "$scratch/out" 2> "$scratch/err" || status=$?
# xargs says 123 for "a run exited 1 to 125".
[ "$status" = 123 ] && status=1
{
	check_file "$count fixtures in one run: standard output" \
		"$scratch/all.expected" "$scratch/out"
	check_file "$count fixtures in one run: standard error" \
		"$scratch/all.expected-err" "$scratch/err"
	if [ "$status" = "$want" ]; then
		ok "$count fixtures in one run: exit status $want"
	else
		not_ok "$count fixtures in one run: exit status $status, expected $want"
	fi
} >> "$scratch/tap"
# YAML output, reviewed against readelf -SlW when it was recorded.
find expected -name '*.yaml' | LC_ALL=C sort | while read -r expected; do
	fixture=${expected#expected/}
	fixture=${fixture%.yaml}
	"$ELFAULT" sections --format=yaml "$fixture" > "$scratch/out" 2>&1
	check_file "$fixture: --format=yaml" "$expected" "$scratch/out"
done >> "$scratch/tap"
cat "$scratch/tap"
echo "1..$(grep -c '^\(not \)\{0,1\}ok ' "$scratch/tap")"
