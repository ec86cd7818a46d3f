# lib.sh - shared helpers for elfault's shell tests (TAP output).
#
# Sourced by each tests/*.sh; the test harness (automake's tap-driver.sh)
# counts every "ok"/"not ok" line.  ELFAULT is the program under test,
# TESTDATA the fixture directory; both are set by Makefile.am.
: "${ELFAULT:?ELFAULT must name the elfault binary}"
: "${TESTDATA:?TESTDATA must name the testdata directory}"

tap_count=0
tap_failed=0

# TAP test numbers are optional; leaving them out lets a test print its
# lines from subshells (pipelines) and count them at the end.
ok() {
	tap_count=$((tap_count + 1))
	echo "ok - $*"
}

not_ok() {
	tap_count=$((tap_count + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok - $*"
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

finish() {
	echo "1..$tap_count"
	exit 0
}

# check DESCRIPTION EXPECTED-FILE ACTUAL-FILE: one test, diff on failure.
check_file() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diff -u "$2" "$3" | sed 's/^/# /' | head -40
	fi
}

# normalize: the columns of /proc/PID/maps lines (and YAML keys) that
# depend on the checkout - device, inode, the path up to testdata/ and
# the padding after the inode - made the same everywhere
# (tests/differential-maps.sh checks the real ones).
normalize() {
	local here
	here=$(cd "$TESTDATA" && pwd -P)
	sed -e "s| [0-9a-f][0-9a-f]:[0-9a-f][0-9a-f] [0-9][0-9]* *$here/| DEV INODE testdata/|" \
	    -e "s#^\( *\)\(- \)\{0,1\}\(file\|name\|interpreter\): $here/#\1\2\3: testdata/#" \
	    -e "s|^\(  *\)dev: {major: [0-9]*, minor: [0-9]*}$|\1dev: DEV|" \
	    -e "s|^\(  *\)inode: [1-9][0-9]*$|\1inode: INODE|"
}

# one_cpu: a command prefix that runs a program on one CPU (the first
# this shell may use), where elfault reads the script and writes the
# report in place rather than on threads of their own; empty without
# taskset.
one_cpu() {
	local first
	command -v taskset > /dev/null || return 0
	first=$(taskset -pc $$ 2>/dev/null | sed 's/.*: //; s/[-,].*//')
	[ -n "$first" ] && echo "taskset -c $first"
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
