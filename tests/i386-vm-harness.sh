#!/bin/sh
# i386-vm-harness.sh - when the real i386 kernel cannot answer, the VM
# checks (testdata/i386-vm/*/check.sh, `make check-i386-vm`) say so by
# testdata/i386-vm/vm.sh's rule: a package registry that did not answer
# is one SKIP line naming what could not be fetched, in CI too; any other
# failure is an error with CI=true and a skip with its reason without.
# Each case gives the check a stand-in for shared/i386-vm/run.sh that
# fails the way the real one does, and compares what the check printed.
. "${srcdir:-.}/tests/lib.sh"

check=$TESTDATA/i386-vm/maps/check.sh
export CACHE="$scratch/cache"
mkdir -p "$CACHE"

# stand_in NAME EXIT [LINE]...: a run.sh that prints the lines and exits;
# a line "apt: TEXT" goes to apt's log instead, as run.sh's apt-get does.
stand_in() {
	name=$1
	code=$2
	shift 2
	{
		echo '#!/bin/sh'
		for line; do
			case $line in
			apt:*) printf 'echo %s >> "$CACHE/apt.log"\n' "'${line#apt: }'" ;;
			*) printf 'echo %s >&2\n' "'$line'" ;;
			esac
		done
		echo "exit $code"
	} > "$scratch/$name"
	chmod +x "$scratch/$name"
}

# expect NAME CI STATUS FIRST-LINE: run the check with the stand-in NAME
# (CI=true or not), compare its exit status and its first non-comment line.
expect() {
	status=0
	CI=$2 "$check" "$ELFAULT" "$scratch/$1" > "$scratch/out" 2>&1 || status=$?
	got=$(grep -v '^#' "$scratch/out" | head -n 1)
	# (the line's "# SKIP" would be this test's own directive in TAP)
	said=$(printf '%s' "$4" | sed 's/ # SKIP / (skip) /')
	if [ "$status" = "$3" ] && [ "$got" = "$4" ]; then
		ok "$1, CI=$2: $said"
	else
		not_ok "$1, CI=$2: exit $status, expected $3; got: $(printf '%s' "$got" | sed 's/ # SKIP / (skip) /')"
		sed 's/^/# /' "$scratch/out"
	fi
}

stand_in download 1 'run.sh: apt-get download linux-image-6.1.0-50-686:i386' \
	'run.sh: apt-get download linux-image-6.1.0-50-686:i386 failed (see /c/apt.log)'
fetch="1..0 # SKIP the package registry did not answer: could not fetch"
expect download true 0 "$fetch linux-image-6.1.0-50-686:i386"
expect download false 0 "$fetch linux-image-6.1.0-50-686:i386"

stand_in install 100 'run.sh: apt-get install qemu-system-x86 cpio' \
	'apt: Err:1 http://mirror.invalid/debian bookworm InRelease' \
	'apt: E: Failed to fetch http://mirror.invalid/pool/main/q/qemu/qemu-system-x86_7.2_amd64.deb  Temporary failure resolving' \
	'apt: E: Unable to locate package cpio'
expect install true 0 "$fetch debian bookworm InRelease qemu-system-x86_7.2_amd64.deb cpio"

stand_in no-kernel 1 'run.sh: no linux-image-686:i386 in apt; i386 kernel flavours available:'
expect no-kernel true 0 "$fetch linux-image-686:i386 (not in the package lists)"

# A failure once the boot began is not the registry's, whatever apt said.
stand_in timeout 124 'run.sh: booting vmlinuz-6.1.0-50-686 on -cpu qemu32 under TCG' \
	'apt: E: Failed to fetch http://mirror.invalid/old.deb' \
	'run.sh: qemu exited with 124 (124: timeout); see /o/vm/console.log'
expect timeout true 1 "Bail out! the i386 VM did not run: run.sh exited with 124: run.sh: qemu exited with 124 (124: timeout); see /o/vm/console.log"
expect timeout false 0 "1..0 # SKIP the i386 VM did not run: run.sh exited with 124: run.sh: qemu exited with 124 (124: timeout); see /o/vm/console.log (with CI=true: an error)"

# An earlier run's apt failures are not this run's: only the log's new
# part counts.
echo 'E: Failed to fetch http://mirror.invalid/pool/old_1_i386.deb' >> "$CACHE/apt.log"
stand_in not-i386 1 'run.sh: busybox is not an i386 binary'
expect not-i386 true 1 "Bail out! the i386 VM did not run: run.sh exited with 1: run.sh: busybox is not an i386 binary"

expect no-such-tool true 1 "Bail out! the i386 VM did not run: no VM tool at $scratch/no-such-tool"
expect no-such-tool false 0 "1..0 # SKIP the i386 VM did not run: no VM tool at $scratch/no-such-tool (with CI=true: an error)"
finish
