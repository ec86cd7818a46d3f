#!/bin/sh
# tutorial.sh - elfault(1)'s TUTORIAL, run as a newcomer runs it: in a
# copy of the source tree's top directory (testdata/seed/a.out), each
# "$ COMMAND" of its literal blocks run in turn with elfault on PATH, its
# output (standard output and error) the lines after it; a block after
# a ".\" tutorial-file: PATH" comment is written to PATH first.  The man
# page folds long lines and abbreviates the program's directory, device
# and inode (/.../seed/a.out): the comparison takes both sides with
# whitespace squeezed, and the maps lines' DEV INODE PATH normalized.
. "${srcdir:-.}/tests/lib.sh"

man=${MANDIR:?}/elfault.1
work=$scratch/top
mkdir -p "$work/testdata/seed" "$scratch/steps"
cp "$TESTDATA/seed/a.out" "$work/testdata/seed/"
bindir=$(cd "$(dirname "$ELFAULT")" && pwd)

# The section, split: steps/N.cmd (a command) and steps/N.out (what it
# prints), or steps/N.file (a file's content) and steps/N.path.
sed -n '/^\.Sh TUTORIAL$/,/^\.Sh /p' "$man" | awk -v dir="$scratch/steps" '
	function next_step() { n++; name = sprintf("%s/%03d", dir, n) }
	/^\.\\" tutorial-file: / { path = $3; next }
	/^\.Bd -literal/ {
		literal = 1
		if (path != "") {
			next_step(); print path > (name ".path")
			out = name ".file"; printf "" > out; path = ""
		} else
			out = ""
		next
	}
	/^\.Ed/ { literal = 0; next }
	!literal { next }
	{ gsub(/\\e/, "\\"); gsub(/\\&/, "") }
	/^\$ / && out !~ /\.file$/ {
		next_step(); print substr($0, 3) > (name ".cmd")
		out = name ".out"; printf "" > out; next
	}
	{ print > out }'

# squeeze: whitespace (line breaks included) to single spaces, and the
# maps lines' device, inode and path to the program's name.
squeeze() {
	sed 's|[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f] [0-9][0-9]* *[^ ]*/seed/a.out|DEV INODE .../seed/a.out|' |
		tr -s ' \n' '  '
}

steps=0
for step in $(cd "$scratch/steps" && ls | sed 's/\..*//' | sort -u); do
	base=$scratch/steps/$step
	steps=$((steps + 1))
	if [ -f "$base.path" ]; then
		cp "$base.file" "$work/$(cat "$base.path")"
		continue
	fi
	cmd=$(cat "$base.cmd")
	(cd "$work" && PATH=$bindir:$PATH sh -c "$cmd") > "$scratch/actual" 2>&1
	squeeze < "$base.out" > "$scratch/want"
	squeeze < "$scratch/actual" > "$scratch/got"
	if cmp -s "$scratch/want" "$scratch/got"; then
		ok "tutorial: \$ $cmd"
	else
		not_ok "tutorial: \$ $cmd"
		diff -u "$base.out" "$scratch/actual" | sed 's/^/# /' | head -40
	fi
done
[ $steps -ge 6 ] && ok "tutorial: $steps steps" ||
	not_ok "tutorial: $steps steps, not the section's"
finish
