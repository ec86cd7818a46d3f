#!/usr/bin/env bash
# bench/run.sh - `elfault run` on two real i386 programs, side by side
# with the same programs on the real 32-bit kernel in the i386 VM
# (shared/i386-vm/run.sh: Debian 12's 6.1 686 kernel under QEMU), in one
# run.  The programs (bench/programs, built by its build.sh, checked in):
#   bench-compute N   N turns of a 12-instruction register loop: the CPU
#                     between faults (it takes one fault in all);
#   bench-pages P K   P pages of anonymous memory written once each (a
#                     fault a page), then K passes reading one word a
#                     page, one load in five instructions: the CPU
#                     walking present memory a page at a time (every
#                     load a TLB miss, a walk of the page tables).
# Each rate is a difference of two runs of one program, so start-up
# (exec, elfault's own and Unicorn's) cancels out:
#   compute    instructions/s = (I(N) - I(0)) / (T(N) - T(0))
#   page walk  instructions/s = (I(P K) - I(P 0)) / (T(P K) - T(P 0))
#   faults     faults/s       = (F(P 0) - F(1 0)) / (T(P 0) - T(1 0))
# I and F are the instructions and faults elfault counts (the programs
# are deterministic: the VM runs the same instructions; its fault count
# is printed beside elfault's).  T is, for elfault, the wall time of the
# whole `elfault run` with its report written to a file (best of
# BENCH_REPEAT, default 2: the machines are shared); for the VM, the time
# from the program's sched_process_exec to its sched_process_exit in
# the VM's trace: QEMU's TCG emulation of the i386 CPU (a JIT, no KVM)
# running the program and the 6.1 kernel's exec, page faults and exit
# for it, with the trace's events (every fault and system call) recorded
# by ftrace.  The VM runs each program once, its loops longer (below).
# Goals (issue 17): >= 100 M instructions/s on compute-bound code, >= 40
# M/s walking memory a page at a time, faults at the fault engine's own
# rate (bench/bench-fault).
#
# usage: bench/run.sh [ELFAULT [RUN.SH]]
# env: BENCH_ITERATIONS (default 20000000), BENCH_PAGES (4096),
#      BENCH_PASSES (1000), BENCH_REPEAT (2), BENCH_VM=0 (no VM),
#      BENCH_VM_SCALE_COMPUTE (10), BENCH_VM_SCALE_WALK (100).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
elfault=$(readlink -f "${1:-./elfault}")
vm_run=${2:-${I386_VM_RUN:-$here/../../shared/i386-vm/run.sh}}
iterations=${BENCH_ITERATIONS:-20000000}
pages=${BENCH_PAGES:-4096}
passes=${BENCH_PASSES:-1000}
repeat=${BENCH_REPEAT:-2}
programs=$here/programs

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The runs: NAME PROGRAM ARGS..., one a line.
runs="c0 bench-compute 0
cn bench-compute $iterations
p1 bench-pages 1 0
p0 bench-pages $pages 0
pk bench-pages $pages $passes"
# The VM's: the same, but the VM runs the loops VM_SCALE times longer (10
# and 100 by default), for it runs them so fast that the runs' own jitter
# would be the measure.  The programs are linear in their counts, so the
# instructions the VM ran are elfault's difference times the scale.
declare -A scale=([cn]=${BENCH_VM_SCALE_COMPUTE:-10}
		  [pk]=${BENCH_VM_SCALE_WALK:-100})
vm_runs="c0 bench-compute 0
cn bench-compute $((iterations * scale[cn]))
p1 bench-pages 1 0
p0 bench-pages $pages 0
pk bench-pages $pages $((passes * scale[pk]))"

# elfault_run NAME PROGRAM ARGS...: the best wall time of $repeat runs,
# the last report kept in $scratch/NAME.txt; "SECONDS INSTRUCTIONS
# FAULTS" on stdout.  A run that does not end with the program's exit
# stops the benchmark.
elfault_run() {
	local name=$1 prog=$2 best='' s e t
	shift 2
	cp "$programs/$prog" "$scratch/$prog"
	for _ in $(seq "$repeat"); do
		s=$(date +%s%N)
		if ! (cd "$scratch" && "$elfault" run "./$prog" "$@") \
		     > "$scratch/$name.txt" 2> "$scratch/$name.err"; then
			echo "bench/run.sh: elfault run $prog $* failed:" >&2
			cat "$scratch/$name.err" >&2
			exit 1
		fi
		e=$(date +%s%N)
		t=$((e - s))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	awk -v ns="$best" '
		/^[0-9]+ steps, [0-9]+ faults? / { faults = $3 }
		/ exited with [0-9]+ after [0-9]+ instructions$/ {
			insns = $(NF - 1) }
		END { printf "%.6f %d %d\n", ns / 1e9, insns, faults }' \
		"$scratch/$name.txt"
}

# vm_times: boots the VM once on every run (a wrapper a program, the
# runs in its list); prints "NAME SECONDS FAULTS" a run, or nothing and
# the reason on stderr when the VM cannot run.
vm_times() {
	local vm=$scratch/vm p id
	mkdir -p "$vm"
	for p in bench-compute bench-pages; do
		id=$(echo "$p" | tr -dc 'a-z0-9')
		cp "$programs/$p" "$vm/fx_$id.bin"
		sed "s|@NAME@|$p|g; s|@FILE@|fx_$id.bin|g" \
			"$programs/wrap.tmpl" > "$vm/wrap_$id.s"
	done
	echo "$vm_runs" | while read -r name prog args; do
		echo "$name /tests/wrap_$(echo "$prog" | tr -dc 'a-z0-9') $args"
	done > "$vm/list"
	if ! OUT="$scratch/out" "$vm_run" "$vm" > "$scratch/vm.log" 2>&1; then
		echo "the VM did not run: $(tail -n 1 "$scratch/vm.log")" >&2
		return 0
	fi
	echo "$vm_runs" | while read -r name prog _; do
		vm_time "$scratch/out/$name" "$prog" | sed "s/^/$name /"
	done
}

# vm_time DIR PROGRAM: "SECONDS FAULTS" from the VM's trace of one test:
# the exec of /tmp/PROGRAM to its pid's exit, and the faults (user and
# kernel) faults.txt shows from that exec on.
vm_time() {
	local t f
	t=$(awk -v file="/tmp/$2" '
		/sched_process_exec: / && index($0, "filename=" file " ") {
			match($0, /pid=[0-9]+/)
			pid = substr($0, RSTART + 4, RLENGTH - 4)
			start = $(NF - 4)
		}
		pid != "" && /sched_process_exit: / &&
		    index($0, " pid=" pid " ") { end = $(NF - 4) }
		END { if (start != "" && end != "") {
			sub(":", "", start); sub(":", "", end)
			printf "%.6f", end - start } }' "$1/trace.txt")
	f=$(awk -v file="/tmp/$2" '
		$0 ~ "^# exec " file " done" { on = 1; next }
		on && /^(user|kernel) / { n++ }
		END { print n + 0 }' "$1/faults.txt")
	echo "${t:--} $f"
}

declare -A T I F VT VF
while read -r name prog args; do
	# shellcheck disable=SC2086  # the arguments are words
	read -r T[$name] I[$name] F[$name] < <(elfault_run "$name" "$prog" $args)
done <<< "$runs"
vm_note="QEMU $(qemu-system-i386 --version 2>/dev/null | head -n 1 |
	sed 's/.*version \([^ ]*\).*/\1/') TCG (no KVM), Linux 6.1 686; its
time: the trace's exec to exit, ftrace recording every fault and call"
if [ "${BENCH_VM:-1}" = 0 ]; then
	vm_note="not run (BENCH_VM=0)"
elif [ ! -x "$vm_run" ]; then
	vm_note="not run (no VM tool at $vm_run)"
else
	while read -r name t f; do
		VT[$name]=$t VF[$name]=$f
	done < <(vm_times 2> "$scratch/vm.why")
	[ -s "$scratch/vm.why" ] && vm_note="not run ($(cat "$scratch/vm.why"))"
fi

# rate WHAT A B ELFAULT|VM: (WHAT[B] - WHAT[A]) / (T[B] - T[A]), the
# VM's count scaled as its run was.
rate() {
	local -n count=$1
	local a=$2 b=$3 ta tb times=1
	if [ "$4" = VM ]; then
		ta=${VT[$a]:-} tb=${VT[$b]:-} times=${scale[$b]:-1}
	else
		ta=${T[$a]} tb=${T[$b]}
	fi
	if [ -z "$ta" ] || [ -z "$tb" ] || [ "$ta" = - ] || [ "$tb" = - ]; then
		echo -
		return
	fi
	awk -v n=$(((count[$b] - count[$a]) * times)) -v t="$ta" -v u="$tb" \
		'BEGIN { if (u - t <= 0) print "-"; else printf "%.0f", n / (u - t) }'
}

# human N: 187300000 -> 187.3 M.
human() {
	awk -v n="$1" 'BEGIN {
		if (n == "-") print "-"
		else if (n >= 1e6) printf "%.1f M", n / 1e6
		else if (n >= 1e3) printf "%.1f K", n / 1e3
		else printf "%d", n }'
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "-" || b == "-" || b == 0) print "-"
		else printf "%.2fx", a / b }'
}

echo "elfault run against the real kernel: the VM is $vm_note"
printf '%-38s %12s %12s %11s %6s\n' measure elfault VM elfault/VM goal
row() {
	local what=$1 goal=$2 e v
	e=$(rate "${@:3:1}" "$4" "$5" elfault)
	v=$(rate "${@:3:1}" "$4" "$5" VM)
	printf '%-38s %12s %12s %11s %6s\n' "$what" "$(human "$e")" \
		"$(human "$v")" "$(ratio "$e" "$v")" "$goal"
}
row "compute: instructions/s" "100 M" I c0 cn
row "page walk: instructions/s" "40 M" I p0 pk
row "page faults: faults/s" "-" F p1 p0
printf '%s\n' "elfault: compute $((I[cn] - I[c0])) instructions in" \
	"$(awk -v a="${T[c0]}" -v b="${T[cn]}" 'BEGIN { printf "%.3f", b - a }') s;" \
	"walk $((I[pk] - I[p0])) instructions over $pages pages;" \
	"$((F[p0] - F[p1])) faults (VM: ${VF[p0]:--} and ${VF[p1]:--} faults" \
	"for $pages pages and 1, elfault ${F[p0]} and ${F[p1]})" | paste -sd ' '
