#!/usr/bin/env bash
# check.sh - compare `elfault maps --target=i386` with a real 32-bit Linux
# 6.1 kernel: shared/i386-vm/run.sh boots Debian 12's 686 kernel under QEMU
# (the first run installs qemu and downloads the kernel) and runs, for each
# fixture, a small program (runfix.tmpl) that writes the fixture to
# /tmp/NAME, execs it under ptrace with argv {"/tmp/NAME"} and an empty
# environment, and prints esp, eip and /proc/PID/maps at the exec stop.
# elfault must print the same maps (device and inode aside: the VM's files
# are on its tmpfs) and the same esp and entry; for the programs exec
# refuses (exec/bad-*, a text file), the same errno, or the same SIGSEGV
# when the failure comes past exec's point of no return.  `make check-i386-vm`
# runs it and ../replay/check.sh; a VM that cannot run is a skip, or in CI
# an error (../vm.sh says when).
#
# usage: check.sh [ELFAULT [RUN.SH]]    (default: $ELFAULT; TAP on stdout)
# env: KEEP=DIR keeps the programs, the VM results and elfault outputs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../vm.sh"
vm_setup "$@"

fixtures="seed/a.out elf/i386-exec elf/iamcu-exec exec/vm-pie-self32
	exec/phnum200-32 bad/not-elf.txt
	$(cd "$testdata" && ls exec/ok-*32 exec/bad-* | grep -v ok-pie32)"
for f in $fixtures; do
	name=$(basename "$f" | tr -dc 'a-z0-9')
	cp "$testdata/$f" "$work/fx_$name.bin"
	sed "s|@NAME@|$name|g; s|@FILE@|fx_$name.bin|g" "$here/runfix.tmpl" \
		> "$work/run_$name.s"
	echo "$name $f" >> "$work/names"
done
vm_boot "$work" "$work/out"

# error_name HEX: the errno's name (runfix.tmpl prints execve's errno in hex)
error_name() {
	case $((0x$1)) in
	1) echo EPERM ;; 2) echo ENOENT ;; 5) echo EIO ;; 7) echo E2BIG ;;
	8) echo ENOEXEC ;; 12) echo ENOMEM ;; 13) echo EACCES ;;
	14) echo EFAULT ;; 17) echo EEXIST ;; 22) echo EINVAL ;;
	80) echo ELIBBAD ;; *) echo "errno $((0x$1))" ;;
	esac
}

# same_error OUT ERR: does elfault's error (ERR) say what the kernel did
# (OUT: "execve=ERRNO" or "killed=SIGNAL")?
same_error() {
	local errno signal
	errno=$(sed -n 's/^execve=//p' "$1")
	signal=$(sed -n 's/^killed=//p' "$1")
	if [ -n "$errno" ]; then
		real="execve: $(error_name "$errno")"
		grep -q "exec fails with $(error_name "$errno") ([^)]*):" "$2"
	elif [ -n "$signal" ]; then
		real="killed by signal $((0x$signal))"
		[ "$((0x$signal))" -eq 11 ] &&
			grep -q 'so the kernel kills the process (SIGSEGV)' "$2"
	else
		real="no answer: $(head -c 200 "$1")"
		return 1
	fi
}

n=0
fail=0
while read -r name f; do
	n=$((n + 1))
	out=$work/out/run_$name/out.txt
	cp "$testdata/$f" "/tmp/$name"
	if ! grep -q '^esp=' "$out"; then
		# exec failed: the same errno, or the same signal past the point
		# of no return
		"$elfault" maps --target=i386 "/tmp/$name" > /dev/null 2> "$work/err" || true
		rm -f "/tmp/$name"
		if same_error "$out" "$work/err"; then
			echo "ok $n - $f: $real"
		else
			fail=$((fail + 1))
			echo "not ok $n - $f: the kernel: $real; elfault: $(cat "$work/err")"
		fi
		continue
	fi
	if ! "$elfault" maps --target=i386 "/tmp/$name" > "$work/ours.full" 2>&1; then
		fail=$((fail + 1))
		echo "not ok $n - $f: the kernel runs it; elfault: $(cat "$work/ours.full")"
		sed 's/^/# the kernel: /' "$out"
		rm -f "/tmp/$name"
		continue
	fi
	sed '/^$/,$d' "$work/ours.full" |
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
