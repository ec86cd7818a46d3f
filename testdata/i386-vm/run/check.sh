#!/usr/bin/env bash
# check.sh - differential check of `elfault run` against a real 32-bit
# Linux 6.1 kernel (shared/i386-vm/run.sh: Debian 12's 686 kernel under
# QEMU), in one boot of the VM:
#   - each program of testdata/replay/programs runs in the VM (written to
#     /tmp/rp-S by the replay check's wrapper, wrap.tmpl, and exec'd there
#     with argv {"/tmp/rp-S"}) and under `elfault run --continue` (the
#     VM's harness continues the program after each SIGSTOP snapshot, as
#     --continue does);
#   - busybox applets, Debian's busybox-static:i386 - the VM's
#     /bin/busybox, and on this side the same file from run.sh's cache
#     (CACHE, default /tmp/i386-truth-cache: busybox/bin/busybox) - each
#     exec'd as "./busybox" with argv {"./busybox", APPLET, ARG...} and an
#     empty environment, in a directory holding f.txt ("one\ntwo\n"), d/
#     (the empty files a and b) and busybox, the binary (a hard link in
#     the VM, a copy here, so that readlink(/proc/self/exe) - whose
#     length glibc's start-up allocates by - names it by that directory
#     on both sides): in
#     the VM made by bbwrap.tmpl, here by this script before
#     `elfault run ./busybox APPLET ARG...` in it; the directory has the
#     same path on both sides ($work/el/bb-APPLET);
# and compare.py matches the two fault lists in order - process, user or
# kernel, address, error code, EIP or kernel routine+offset; processes
# the VM's scheduler interleaved otherwise match when each one's faults
# are the same in order - the exit statuses, and the output (standard
# output and error).  A program that
# makes a system call elfault does not model yet is a TODO (an expected
# failure, named), not a pass.  Last, the agreement: "identical N/M
# programs" and "identical N/M faults" (the VM's faults that elfault run
# took at the same place in its list).
#
# usage: check.sh [ELFAULT [RUN.SH]]    (as ../replay/check.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../vm.sh"
vm_setup "$@"
programs="seed-pages zero-page fork-cow stack-growth kernel-copy fault-around
	padzero warm-cache files shmem wait exec output tls vsyscall traps
	cpuid proc-calls pipe fds page-end code-ahead alias-code remap-code
	alias-read split-lea split-lock split-cmpxchg8b self-alias remap-ahead
	file-write around-code sigmask-code cow-code shm-reuse kernel-zero brk-gone
	mprotect-same e2big-name e2big-empty e2big-room vvar-protect"
# The busybox applets: a name, then the applet and its arguments (one
# argument a line after the first; sh's command is one argument).
applets="true echo cat ls sh"
applet_args() {
	case $1 in
	true) printf '%s\n' true ;;
	echo) printf '%s\n' echo hello world ;;
	cat) printf '%s\n' cat f.txt ;;
	ls) printf '%s\n' ls d ;;
	sh) printf '%s\n' sh -c 'echo a | cat' ;;
	esac
}
# What elfault run does not model yet that each of these needs, found by
# running it.  For an applet, found anew each run (compare.py --todo):
# the calls elfault answered with ENOSYS (at first set_thread_area,
# glibc's TLS through %gs, without which busybox exits 127 at its
# start), the calls the real kernel's run made that elfault's did not
# reach, and the programs it exec'd (sh re-execs busybox as
# /proc/self/exe for cat); what the table says when that finds nothing.
# (The programs above need nothing more: pread64 and pipe are modelled.)
todo() {
	case $1 in
	*) ;;
	esac
}
applet_todo() {
	local found
	found=$(python3 "$here/compare.py" --todo --exec ./busybox \
		"busybox $1" "$2" "$3")
	if [ -n "$found" ]; then echo "$found"; else todo "bb-$1"; fi
}
bin=$testdata/replay/programs
mkdir "$work/vm"
for s in $programs; do
	name=rp-$s
	id=$(echo "$name" | tr -dc 'a-z0-9')
	cp "$bin/$name" "$work/vm/fx_$id.bin"
	sed "s|@NAME@|$name|g; s|@FILE@|fx_$id.bin|g" \
		"$here/../replay/wrap.tmpl" > "$work/vm/wrap_$id.s"
done

# bbwrap_ID.s for applet A: its arguments as strings, argv pointing at
# them.
shopt -u patsub_replacement 2> /dev/null || true	# & is just &
bb_wrapper() {
	local a=$1 id strings='' argv='' i=0 arg text dir=$work/el/bb-$1
	local dirs='' prefix=''
	id=bb$(echo "$a" | tr -dc 'a-z0-9')
	for arg in $(echo "${dir#/}" | tr / ' '); do
		prefix+=/$arg
		dirs+="        .asciz  \"$prefix\""$'\n'
	done
	while IFS= read -r arg; do
		arg=${arg//\\/\\\\}
		strings+="arg$i:   .asciz  \"${arg//\"/\\\"}\""$'\n'
		argv+=", arg$i"
		i=$((i + 1))
	done < <(applet_args "$a")
	text=$(< "$here/bbwrap.tmpl")
	text=${text//@ID@/$id}
	text=${text//@DIRS@/${dirs%$'\n'}}
	text=${text//@DIR@/$dir}
	text=${text//@ARGV@/$argv}
	printf '%s\n' "${text//@STRINGS@/${strings%$'\n'}}" \
		> "$work/vm/bbwrap_$id.s"
}
for a in $applets; do
	bb_wrapper "$a"
done
vm_boot "$work/vm" "$work/out"
busybox=${CACHE:-/tmp/i386-truth-cache}/busybox/bin/busybox
[ -x "$busybox" ] || vm_cannot "no busybox at $busybox after the VM ran"

n=0 fail=0 same=0 faults_same=0 faults_all=0
# verdict NAME REASON CMP-FILE ERR-FILE RC: one TAP line, the tallies.
verdict() {
	local name=$1 reason=$2 cmp=$3 err=$4 rc=$5 counts
	n=$((n + 1))
	counts=$(sed -n 's/^# [^:]*: \([0-9]*\) faults in elfault run, \([0-9]*\) in the VM, \([0-9]*\) the same.*/\2 \3/p' "$cmp")
	if [ -n "$counts" ]; then
		faults_all=$((faults_all + ${counts% *}))
		faults_same=$((faults_same + ${counts#* }))
	fi
	sed '$d' "$cmp"
	if [ "$(tail -n 1 "$cmp")" = ok ] && [ "$rc" -eq 0 ]; then
		same=$((same + 1))
		echo "ok $n - run $name${reason:+ # TODO $reason (yet identical)}"
	else
		sed 's/^/# /' "$err"
		[ -n "$reason" ] || fail=$((fail + 1))
		echo "not ok $n - run $name${reason:+ # TODO $reason}"
	fi
}

for s in $programs; do
	name=rp-$s
	id=$(echo "$name" | tr -dc 'a-z0-9')
	mkdir -p "$work/el/$s"
	cp "$bin/$name" "$work/el/$s/$name"
	rc=0
	(cd "$work/el/$s" && "$elfault" run --continue --format=yaml \
		"./$name") > "$work/el/$s/out.yaml" 2> "$work/el/$s/err" || rc=$?
	python3 "$here/compare.py" "$name" "$work/el/$s/out.yaml" \
		"$work/out/wrap_$id" "$work/out/summary.txt" > "$work/cmp" || true
	verdict "$s" "$(todo "$s")" "$work/cmp" "$work/el/$s/err" "$rc"
done

for a in $applets; do
	id=bb$(echo "$a" | tr -dc 'a-z0-9')
	dir=$work/el/bb-$a
	mkdir -p "$dir/d"
	printf 'one\ntwo\n' > "$dir/f.txt"
	: > "$dir/d/a"
	: > "$dir/d/b"
	cp "$busybox" "$dir/busybox"
	mapfile -t args < <(applet_args "$a")
	rc=0
	(cd "$dir" && "$elfault" run --continue --format=yaml ./busybox \
		"${args[@]}") > "$dir.yaml" 2> "$dir.err" || rc=$?
	python3 "$here/compare.py" --exec ./busybox "busybox $a" "$dir.yaml" \
		"$work/out/bbwrap_$id" "$work/out/summary.txt" > "$work/cmp" ||
		true
	verdict "busybox ${args[*]}" \
		"$(applet_todo "$a" "$dir.yaml" "$work/out/bbwrap_$id")" \
		"$work/cmp" "$dir.err" "$rc"
done
echo "# identical $same/$n programs"
echo "# identical $faults_same/$faults_all faults"
echo "1..$n"
[ "$fail" -eq 0 ]
