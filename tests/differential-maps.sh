#!/bin/sh
# differential-maps.sh - `elfault maps` against the running kernel: for each
# program, tests/exec-truth execs it with ASLR off under ptrace and prints
# /proc/PID/maps and the registers at the exec stop (or the errno, or the
# signal that killed it).  elfault must print the same maps, byte for
# byte, and the same initial stack pointer and entry, or the same error.
# The i386-on-x86-64 and x86-64 targets model this machine's kernel (6.18);
# the test is skipped on another kernel or where ptrace is not allowed.
# Whether the host runs each kind of program at all is asked, not assumed:
# an x86-64 kernel without IA-32 emulation (CONFIG_IA32_EMULATION off, or
# ia32_emulation=0) refuses every i386 program with ENOEXEC, so the
# i386-on-x86-64 cases are skipped there (TAP # SKIP, the reason given once
# per kind); a kind the host runs is compared, and a disagreement fails.
# Setuid and setgid programs are left out: the kernel turns ASLR back on
# for them (PER_CLEAR_ON_SETID).
. "${srcdir:-.}/tests/lib.sh"

truth=${EXEC_TRUTH:-$(pwd)/tests/exec-truth}
case $(uname -r) in
6.18.*) ;;
*) skip_all "elfault's 64-bit targets model Linux 6.18; this is $(uname -r)" ;;
esac

# probe KIND FIXTURE: does the host run this kind of program?  Execs a tiny
# static program of the kind; sets $refused to why not, or to nothing.
probe() {
	status=0
	"$truth" "$TESTDATA/$2" > "$scratch/probe" 2>&1 || status=$?
	[ "$status" = 77 ] && skip_all "this host does not allow ptrace"
	[ "$status" = 0 ] || skip_all "cannot exec a test program here ($2)"
	refused=
	if grep -qx 'execve: ENOEXEC' "$scratch/probe"; then
		refused="this host does not run $1 programs (execve of $2: ENOEXEC)"
		echo "# $refused: its cases are skipped"
	fi
}
probe i386 seed/a.out
i386_refused=$refused
probe x86-64 elf/x86_64-static-exec
x86_64_refused=$refused

target_of() {
	case $(od -An -tx1 -j4 -N1 "$1" | tr -d ' ') in
	02) echo x86-64 ;;
	*) echo i386-on-x86-64 ;;
	esac
}

# program_of [-e ENV]... FILE [ARG...]: FILE
program_of() {
	while [ "$1" = -e ]; do
		shift 2
	done
	echo "$1"
}

# compare NAME [-e ENV]... FILE [ARG...]
compare() {
	name=$1
	shift
	target=$(target_of "$(program_of "$@")")
	refused=$x86_64_refused
	[ "$target" = x86-64 ] || refused=$i386_refused
	if [ -n "$refused" ]; then
		echo "ok - $name ($target) # SKIP $refused"
		return
	fi
	"$truth" "$@" > "$scratch/real" 2>&1
	envs=
	while [ "$1" = -e ]; do
		envs="$envs --env=$2"
		shift 2
	done
	if head -n 1 "$scratch/real" | grep -q '^sp='; then
		real_sp=$(sed -n '1s/^sp=\([0-9a-f]*\) .*/\1/p' "$scratch/real")
		real_ip=$(sed -n '1s/.* ip=\([0-9a-f]*\)$/\1/p' "$scratch/real")
		sed 1d "$scratch/real" > "$scratch/real.maps"
		# shellcheck disable=SC2086
		"$ELFAULT" maps --target="$target" $envs "$@" > "$scratch/ours.maps" 2>&1
		# shellcheck disable=SC2086
		"$ELFAULT" maps --target="$target" --format=yaml $envs "$@" \
			> "$scratch/ours.yaml" 2>&1
		sp=$(sed -n 's/^  sp: 0x0*//p' "$scratch/ours.yaml")
		ip=$(sed -n 's/^  entry: 0x0*//p' "$scratch/ours.yaml")
		if cmp -s "$scratch/real.maps" "$scratch/ours.maps" &&
		   [ "$sp" = "$real_sp" ] && [ "$ip" = "$real_ip" ]; then
			echo "ok - $name ($target)"
		else
			echo "not ok - $name ($target): sp $sp/$real_sp ip $ip/$real_ip"
			diff -u "$scratch/real.maps" "$scratch/ours.maps" | sed 's/^/# /'
		fi
		return
	fi
	# shellcheck disable=SC2086
	"$ELFAULT" maps --target="$target" $envs "$@" > /dev/null 2> "$scratch/err"
	want=$(sed 's/^execve: //; s/^killed: SEGV$/SIGSEGV/' "$scratch/real")
	if grep -q "exec fails with $(echo "$want" | sed 's/SIGSEGV/.*(SIGSEGV)/')" \
		"$scratch/err" ||
	   { [ "$want" = SIGSEGV ] && grep -q 'kills the process (SIGSEGV)' "$scratch/err"; }; then
		echo "ok - $name ($target): $want"
	else
		echo "not ok - $name ($target): the kernel says $want, elfault: $(cat "$scratch/err")"
	fi
}

cd "$TESTDATA" || exit 1
{
	for f in seed/a.out elf/i386-exec elf/iamcu-exec elf/x86_64-static-exec \
		 elf/x86_64-static-pie elf/x86_64-pie elf/x86_64-tls-exec \
		 exec/ok-* exec/bad-* exec/phnum*; do
		case $f in *.py) continue ;; esac
		compare "$f" "$TESTDATA/$f"
	done
	# The stack grows a page when the strings cross one.
	compare "seed/a.out with arguments and environment" \
		-e A=1 -e PATH=/usr/bin "$TESTDATA/seed/a.out" x y
	long=$(printf '%04000d' 0)
	compare "seed/a.out with a 4000-byte argument" "$TESTDATA/seed/a.out" "$long"
	compare "seed/a.out with two 4000-byte arguments" "$TESTDATA/seed/a.out" "$long" "$long"
	compare "x86_64-static-exec with a 4000-byte environment string" \
		-e "X=$long" "$TESTDATA/elf/x86_64-static-exec"

	# Programs of this machine, evenly spread, not setuid or setgid.
	find /usr/bin /usr/sbin -maxdepth 1 -type f -perm -u+x ! -perm -4000 \
		! -perm -2000 2>/dev/null | LC_ALL=C sort > "$scratch/programs"
	total=$(wc -l < "$scratch/programs")
	step=$(( total / 120 ))
	[ "$step" -ge 1 ] || step=1
	awk -v step="$step" 'NR % step == 0' "$scratch/programs" |
	while read -r program; do
		[ "$(od -An -c -N4 "$program" | tr -d ' ')" = '177ELF' ] || continue
		compare "$program" "$program"
	done | head -n 60
} > "$scratch/tap"
cat "$scratch/tap"
grep -v '# SKIP' "$scratch/tap" > "$scratch/compared" || true
echo "# identical $(grep -c '^ok' "$scratch/compared")/$(grep -c '^\(not \)\{0,1\}ok' "$scratch/compared")"
echo "1..$(grep -c '^\(not \)\{0,1\}ok' "$scratch/tap")"
