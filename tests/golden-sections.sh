#!/bin/sh
# golden-sections.sh - `elfault sections` on every fixture in testdata/,
# diffed against objdump 2.40's recorded answer (testdata/expected/).
# For each fixture three tests: standard output, standard error, status.
. "${srcdir:-.}/tests/lib.sh"

cd "$TESTDATA" || exit 1
find expected -name '*.sections' | LC_ALL=C sort | while read -r expected; do
	fixture=${expected#expected/}
	fixture=${fixture%.sections}
	status=0
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
done > "$scratch/tap"
# YAML output, reviewed against readelf -SlW when it was recorded.
find expected -name '*.yaml' | LC_ALL=C sort | while read -r expected; do
	fixture=${expected#expected/}
	fixture=${fixture%.yaml}
	"$ELFAULT" sections --format=yaml "$fixture" > "$scratch/out" 2>&1
	check_file "$fixture: --format=yaml" "$expected" "$scratch/out"
done >> "$scratch/tap"
cat "$scratch/tap"
echo "1..$(grep -c '^\(not \)\{0,1\}ok ' "$scratch/tap")"
