#!/usr/bin/env bash
# check.sh - compare `elfault maps --target=i386` with a real 32-bit Linux
# 6.1 kernel: shared/i386-vm/run.sh boots Debian 12's 686 kernel under QEMU
# (the first run installs qemu and downloads the kernel) and runs, for each
# fixture, a small program (runfix.tmpl) that writes the fixture to
# /tmp/NAME, execs it under ptrace with argv {"/tmp/NAME"} and an empty
# environment, and prints esp, eip and /proc/PID/maps at the exec stop.
# elfault must print the same maps (device and inode aside: the VM's files
# are on its tmpfs) and the same esp and entry.  `make check-i386-vm`
# runs it and ../replay/check.sh; a VM that cannot run is a skip, or in CI
# an error (../vm.sh says when).
#
# usage: check.sh [ELFAULT [RUN.SH]]    (default: $ELFAULT; TAP on stdout)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../vm.sh"
vm_setup "$@"

fixtures="seed/a.out elf/i386-exec elf/iamcu-exec exec/vm-pie-self32
	$(cd "$testdata" && ls exec/ok-*32 | grep -v ok-pie32)"
for f in $fixtures; do
	name=$(basename "$f" | tr -dc 'a-z0-9')
	cp "$testdata/$f" "$work/fx_$name.bin"
	sed "s|@NAME@|$name|g; s|@FILE@|fx_$name.bin|g" "$here/runfix.tmpl" \
		> "$work/run_$name.s"
	echo "$name $f" >> "$work/names"
done
vm_boot "$work" "$work/out"

n=0
fail=0
while read -r name f; do
	n=$((n + 1))
	out=$work/out/run_$name/out.txt
	cp "$testdata/$f" "/tmp/$name"
	"$elfault" maps --target=i386 "/tmp/$name" | sed '/^$/,$d' |
		sed -E 's/ [0-9a-f]{2}:[0-9a-f]{2} [0-9]+ +\/tmp\// FILE \/tmp\//' > "$work/ours"
	sed '1,2d' "$out" |
		sed -E 's/ [0-9a-f]{2}:[0-9a-f]{2} [0-9]+ +\/tmp\// FILE \/tmp\//' > "$work/real"
	regs=$("$elfault" maps --target=i386 --format=yaml "/tmp/$name" |
		sed -n 's/^  sp: 0x/esp=/p; s/^  entry: 0x/eip=/p' | sort | tr '\n' ' ')
	real_regs=$(sed -n '1,2p' "$out" | sort | tr '\n' ' ')
	rm -f "/tmp/$name"
	if cmp -s "$work/ours" "$work/real" && [ "$regs" = "$real_regs" ]; then
		echo "ok $n - $f"
	else
		fail=$((fail + 1))
		echo "not ok $n - $f ($regs / $real_regs)"
		diff "$work/real" "$work/ours" | sed 's/^/# /'
	fi
done < "$work/names"
echo "1..$n"
[ "$fail" -eq 0 ]
