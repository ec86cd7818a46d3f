#!/bin/sh
# golden-maps.sh - `elfault maps` on the fixtures, for every target, diffed
# against reviewed expected output (testdata/expected/maps/).  The cases
# are in tests/maps-cases.  Standard output and error are compared
# together, with the exit status appended.  The i386 target's files were
# checked against the native 6.1 kernel under QEMU (shared/i386-vm).
. "${srcdir:-.}/tests/lib.sh"

cases=$(cd "$(dirname "$0")" && pwd)/maps-cases
cd "$TESTDATA" || exit 1
grep -v '^#' "$cases" | while IFS='|' read -r name args; do
	name=$(echo "$name" | tr -d ' ')
	status=0
	# shellcheck disable=SC2086
	"$ELFAULT" maps $args > "$scratch/out" 2>&1 || status=$?
	echo "exit status $status" >> "$scratch/out"
	normalize < "$scratch/out" > "$scratch/normalized"
	if [ -n "$REGENERATE" ]; then
		cp "$scratch/normalized" "expected/maps/$name"
	fi
	check_file "maps $name" "expected/maps/$name" "$scratch/normalized"
done > "$scratch/tap"
cat "$scratch/tap"
echo "1..$(grep -c '^\(not \)\{0,1\}ok' "$scratch/tap")"
