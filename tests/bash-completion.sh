#!/bin/sh
# bash-completion.sh - completion/elfault, sourced in bash: COMPREPLY for
# the commands, each command's options (every long option its --help
# shows), the words of --format, --policy, --show, --color and --target
# (as --opt=WORD, split at '=' as bash splits it, and as --opt WORD),
# directories for --allow-read, files and scripts.
. "${srcdir:-.}/tests/lib.sh"

command -v bash > /dev/null || skip_all "no bash"
completion=$(cd "${srcdir:-.}" && pwd)/completion/elfault
cd "$TESTDATA" || exit 1

# reply WORD...: COMPREPLY, sorted, for the command line WORD... (the last
# word the one completed, COMP_WORDS as bash splits them).
reply() {
	bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_elfault; printf "%s\n" "${COMPREPLY[@]}"' \
		"$completion" "$@" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}
# expect WANT WORD...: the reply is WANT.
expect() {
	want=$1
	shift
	got=$(reply "$@")
	if [ "$got" = "$want" ]; then
		ok "elfault ${*#elfault }: $want"
	else
		not_ok "elfault ${*#elfault }: '$got', want '$want'"
	fi
}

if bash -c '. "$0"; complete -p elfault' "$completion" > /dev/null 2>&1; then
	ok "sourced, it completes elfault"
else
	not_ok "sourced, it completes elfault"
fi
expect "help maps replay run sections" elfault ""
expect "replay" elfault re
expect "--help --usage --version -V -h" elfault -
expect "maps" elfault help ma
expect "--policy" elfault replay --pol
expect "--color --compare-policies" elfault replay --co
expect "clock fifo lru lru2q opt" elfault replay --policy = ""
expect "fifo" elfault replay --policy f
expect "--policy=lru --policy=lru2q" elfault replay --policy=lr
expect "brief csv pdf png svg text yaml" elfault replay --format = ""
expect "tables timeline walk" elfault replay --picture = ""
expect "text yaml" elfault sections --format = ""
expect "yaml" elfault maps -f y
expect "pdf png svg text yaml" elfault maps --format = ""
expect "each end" elfault replay --show = ""
expect "always auto never" elfault replay --color = ""
expect "i386 i386-on-x86-64 x86-64" elfault maps --target = ""
expect "replay replay-bad" elfault replay --allow-read = rep
expect "replay/belady.yaml" elfault replay replay/bel
expect "seed/a.ld seed/a.out seed/a.s" elfault sections seed/a
expect "replay/programs" elfault replay -q replay/pro
expect "" elfault replay --memory = ""
expect "--continue" elfault run --con
expect "seed/a.ld seed/a.out seed/a.s" elfault run --record seed/a
expect "seed/a.ld seed/a.out seed/a.s" elfault run -q seed/a

# Every long option each command's --help shows is offered, and each
# value list is the one --help gives.
for command in sections maps replay run; do
	offered=$(reply elfault $command --)
	for option in $("$ELFAULT" $command --help |
			sed -n 's/^ *\(-[a-zA-Z?], \)*--\([a-z-]*\).*/\2/p' | sort -u); do
		case " $offered " in
		*" --$option "*) ok "$command --$option is offered" ;;
		*) not_ok "$command --$option is not offered" ;;
		esac
	done
done
for policy in $(reply elfault replay --policy = ""); do
	"$ELFAULT" replay --help | grep -q "$policy" &&
		ok "--policy $policy: in --help" ||
		not_ok "--policy $policy: not in --help"
done
for target in $(reply elfault maps --target = ""); do
	status=0	# (64: not a target; 2: a.out is not for that kernel)
	"$ELFAULT" maps --target=$target "$TESTDATA/seed/a.out" > /dev/null \
		2>&1 || status=$?
	[ $status -ne 64 ] && ok "--target=$target: a target" ||
		not_ok "--target=$target: not a target"
done
finish
