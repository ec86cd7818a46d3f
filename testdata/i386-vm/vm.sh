# vm.sh - sourced by every testdata/i386-vm/*/check.sh: where the VM tool
# is, and one boot of it whose failure is a skip or an error by one rule.
#
# run.sh (shared/i386-vm) installs qemu and downloads Debian's 32-bit
# kernel and busybox from the package registry the first time, then boots
# the kernel under QEMU.  When it cannot:
#   - the registry did not answer (a download or an install failed):
#     one loud SKIP line that names what could not be fetched, in CI too;
#   - anything else, with CI=true (CI's environment): "Bail out!", an
#     error, for the real i386 kernel is CI's ground truth;
#   - anything else outside CI: a SKIP with the reason.
# Callers set: here (their own directory).  vm_setup sets: testdata,
# elfault, run, and work (a scratch directory, removed at exit; KEEP=DIR
# keeps a copy of it).

# vm_setup [ELFAULT [RUN.SH]]: the program under test (default $ELFAULT)
# and the VM tool (default $I386_VM_RUN, else shared/i386-vm/run.sh
# beside the checkout); a missing tool is a skip (an error in CI).
vm_setup() {
	testdata=$(cd "$here/../.." && pwd)
	elfault=${1:-${ELFAULT:-}}
	[ -n "$elfault" ] || { echo "usage: check.sh ELFAULT [RUN.SH]" >&2; exit 2; }
	elfault=$(cd "$(dirname "$elfault")" && pwd)/$(basename "$elfault")
	run=${2:-${I386_VM_RUN:-$testdata/../../shared/i386-vm/run.sh}}
	[ -x "$run" ] || vm_cannot "no VM tool at $run"
	command -v python3 > /dev/null || vm_cannot "no python3 (run.sh decodes with it)"
	work=$(mktemp -d)
	trap 'vm_cleanup' EXIT
}

# vm_cleanup: the scratch directory goes, copied to $KEEP first if set.
vm_cleanup() {
	if [ -n "${KEEP:-}" ]; then
		mkdir -p "$KEEP" && cp -r "$work/." "$KEEP/"
	fi
	rm -rf "$work"
}

# vm_cannot REASON: the VM cannot run here; a skip, or in CI an error.
vm_cannot() {
	if [ "${CI:-}" = true ]; then
		echo "Bail out! the i386 VM did not run: $1"
		exit 1
	fi
	echo "1..0 # SKIP the i386 VM did not run: $1 (with CI=true: an error)"
	exit 0
}

# vm_unfetched RUN-LOG APT-LOG: what the package registry did not give,
# from run.sh's words and apt's; nothing when that was not the failure
# (run.sh got as far as the boot: everything had been fetched).
vm_unfetched() {
	grep -q '^run\.sh: booting' "$1" && return 0
	{
		sed -n 's/^run\.sh: apt-get download \([^ ]*\) failed.*/\1/p' "$1"
		sed -n 's/^run\.sh: no \(linux-image-[^ ]*\) in apt.*/\1 (not in the package lists)/p' "$1"
		sed -n -e 's/^[EW]: Failed to fetch \([^ ]*\).*/\1/p' \
		       -e 's/^Err:[0-9]* \([^ ]*\) \([^ ]*\) \([^ ]*\).*/\1 \2 \3/p' \
		       -e 's/^E: Unable to locate package \(.*\)/\1/p' \
		       -e 's/^E: Package \(.*\) has no installation candidate/\1/p' "$2"
	} 2> /dev/null | awk 'NF && !seen[$0]++' | sed 's|.*/||' | paste -sd ' ' - ||
		true
}

# vm_boot DIR OUT: run.sh boots the VM on the programs in DIR, results in
# OUT; returns when it ran, else prints the skip or the error and exits.
vm_boot() {
	local cache=${CACHE:-/tmp/i386-truth-cache} apt_before=0 rc=0 missing
	[ -f "$cache/apt.log" ] && apt_before=$(wc -c < "$cache/apt.log")
	OUT="$2" "$run" "$1" ${I386_VM_CONFIG:+"$I386_VM_CONFIG"} > "$2.log" 2>&1 || rc=$?
	[ "$rc" -eq 0 ] && return 0
	tail -n 15 "$2.log" | sed 's/^/# /'
	tail -c +"$((apt_before + 1))" "$cache/apt.log" > "$2.apt.log" 2> /dev/null || true
	missing=$(vm_unfetched "$2.log" "$2.apt.log")
	if [ -n "$missing" ]; then
		echo "1..0 # SKIP the package registry did not answer: could not fetch $missing"
		exit 0
	fi
	vm_cannot "run.sh exited with $rc: $(grep -v '^ *$' "$2.log" | tail -n 1)"
}
