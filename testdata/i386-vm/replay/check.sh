#!/usr/bin/env bash
# check.sh - differential check of `elfault replay` against the page faults
# of a real 32-bit Linux 6.1 kernel (shared/i386-vm/run.sh: Debian 12's 686
# kernel under QEMU).  For each script S of testdata/replay (seed-pages,
# zero-page, fork-cow, stack-growth, kernel-copy, fault-around, padzero,
# warm-cache, files, shmem, wait, exec),
# testdata/replay/programs/rp-S (rp-S.s, built by build.sh there with
# seed/a.out's layout, or its own rp-S.ld) makes S's accesses and system
# calls at the addresses elfault resolves for them; in the VM a wrapper
# (wrap.tmpl) writes it to /tmp/rp-S and execs it with argv {"/tmp/rp-S"}
# and an empty environment, and the VM records every page fault.  elfault
# replays S with its exec: pointed at a copy of rp-S: named a.out when S
# execs programs/a.out (seed/a.out's copy), rp-S when S execs (and its
# sys-read steps read, "file:") programs/rp-S itself; compare.py matches
# the two fault lists (and the calls' returns) step by step.
#
# usage: check.sh [ELFAULT [RUN.SH]]    (default: $ELFAULT; TAP on stdout,
#        the tables as # lines; a VM that cannot run is a skip, or in CI an
#        error: ../vm.sh)
# env: I386_VM_CONFIG (run.sh's FLAVOUR:QEMU_CPU, default 686:qemu32; 686-pae:qemu32,+nx
#      shows NX's I/D bit), KEEP=DIR keeps the VM results and elfault outputs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../vm.sh"
vm_setup "$@"
scripts="seed-pages zero-page fork-cow stack-growth kernel-copy fault-around padzero
	warm-cache files shmem wait exec"
programs=$testdata/replay/programs
mkdir "$work/vm"
for s in $scripts; do
	name=rp-$s
	id=$(echo "$name" | tr -dc 'a-z0-9')
	cp "$programs/$name" "$work/vm/fx_$id.bin"
	sed "s|@NAME@|$name|g; s|@FILE@|fx_$id.bin|g" "$here/wrap.tmpl" > "$work/vm/wrap_$id.s"
done
vm_boot "$work/vm" "$work/out"
grep -E '^(vmlinuz|paging|CONFIG_X86_PAE|uname|flags|fault_around_bytes):' "$work/out/summary.txt" |
	sed 's/^/# /' | cut -c1-200
n=0
fail=0
for s in $scripts; do
	n=$((n + 1))
	name=rp-$s
	id=$(echo "$name" | tr -dc 'a-z0-9')
	mkdir -p "$work/el/$s"
	# the copy's name: that of the file S execs (a.out, or rp-S itself)
	exe=a.out
	grep -q "^ *- exec: programs/$name\$" "$testdata/replay/$s.yaml" && exe=$name
	cp "$programs/$name" "$work/el/$s/$exe"
	# (rp-S's path: that of its exec: and of its sys-read steps' file:)
	sed -e "s|exec: programs/a\.out|exec: $work/el/$s/a.out|" \
		-e "s|: programs/$name\$|: $work/el/$s/$name|" \
		"$testdata/replay/$s.yaml" > "$work/el/$s/$s.yaml"
	rc=0
	"$elfault" replay --format=yaml "$work/el/$s/$s.yaml" > "$work/el/$s/out.yaml" || rc=$?
	echo "# $s.yaml (elfault replay exit $rc)"
	if python3 "$here/compare.py" "$name" "$work/el/$s/$s.yaml" "$work/el/$s/out.yaml" \
		"$work/out/wrap_$id" "$work/out/summary.txt" > "$work/cmp" && [ "$rc" -eq 0 ]; then
		sed '$d' "$work/cmp"
		echo "ok $n - $s"
	else
		fail=$((fail + 1))
		sed '$d' "$work/cmp"
		echo "not ok $n - $s"
	fi
done
echo "1..$n"
[ "$fail" -eq 0 ]
