#!/bin/sh
# busybox.sh - elfault run on real programs no one here wrote: applets of
# Debian's busybox-static:i386 (the file `make check-i386-vm` downloads
# for the VM, in run.sh's cache, or $BUSYBOX), each exec'd as ./busybox
# with an empty environment in a directory holding f.txt, d/a, d/b and
# busybox (a symlink to the binary), as testdata/i386-vm/run/check.sh
# runs them against the real kernel: elfault must end the run (status
# 0), the program must exit 0 and print what busybox prints.  A run that
# elfault answered a call with ENOSYS is a TODO (an expected failure)
# naming the calls; skipped where there is no busybox.
. "${srcdir:-.}/tests/lib.sh"

busybox=${BUSYBOX:-${CACHE:-/tmp/i386-truth-cache}/busybox/bin/busybox}
compare=$TESTDATA/i386-vm/run/compare.py
[ -f "$busybox" ] || skip_all "no i386 busybox at $busybox (make" \
	"check-i386-vm downloads busybox-static:i386 there; or set BUSYBOX)"
status=0
"$ELFAULT" run "$TESTDATA/replay/programs/rp-seed-pages" > /dev/null 2>&1 ||
	status=$?
[ $status -eq 69 ] && skip_all "built without the Unicorn engine"
command -v python3 > /dev/null && python3 -c 'import yaml' 2> /dev/null ||
	skip_all "python3 with yaml (python3-yaml) is not installed"

# applet NAME EXPECTED-OUTPUT ARG...: one run, its verdict.
applet() {
	name=$1 want=$2 dir=$scratch/$1
	shift 2
	mkdir -p "$dir/d"
	printf 'one\ntwo\n' > "$dir/f.txt"
	: > "$dir/d/a"
	: > "$dir/d/b"
	ln -s "$busybox" "$dir/busybox"
	status=0
	(cd "$dir" && "$ELFAULT" run --format=yaml ./busybox "$@") \
		> "$dir.yaml" 2> "$dir.err" || status=$?
	code=$(sed -n 's/^exit-code: //p' "$dir.yaml")
	printf '%b' "$want" > "$dir.want"
	python3 "$compare" --output "$dir.yaml" > "$dir.out"
	missing=$(python3 "$compare" --enosys "$dir.yaml")
	if [ $status -eq 0 ] && [ "$code" = 0 ] && cmp -s "$dir.want" "$dir.out"
	then
		ok "busybox $*: exit 0, its output"
		return
	fi
	tap_count=$((tap_count + 1))
	echo "not ok - busybox $*: status $status, exit code $code${missing:+ # TODO not modelled yet (ENOSYS): $missing}"
	[ -n "$missing" ] || tap_failed=$((tap_failed + 1))
	sed 's/^/# /' "$dir.err"
	diff "$dir.want" "$dir.out" | sed 's/^/# /' | head -10
}

applet true '' true
applet echo 'hello world\n' echo hello world
applet cat 'one\ntwo\n' cat f.txt
applet ls 'a\nb\n' ls d
applet sh 'a\n' sh -c 'echo a | cat'
finish
