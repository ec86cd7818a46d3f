#!/bin/sh
# run-dict.sh - fuzz-run's dictionary, from syscalls.h, the calls `elfault
# run` models (and program_run.h's forks): each call's "movl $NR, %eax" (b8 NR as 32 bits) with and
# without the "int $0x80" after it, each path the header names, and the
# i386 idioms the test programs make their calls with.
# usage: run-dict.sh lib/syscalls.h > run.dict
h=${1:?usage: run-dict.sh syscalls.h}
hex4() {	# N as four little-endian bytes, \xNN each
	printf '%08x' "$1" | sed 's/\(..\)\(..\)\(..\)\(..\)/\\x\4\\x\3\\x\2\\x\1/'
}
{
	# and fork (2), clone (120), vfork (190): program_run.h's fork:
	{ grep -o 'SYS_[A-Z0-9_]* = [0-9]*' "$h"; printf 'f = %s\n' 2 120 190; } |
	while read -r _ _ nr; do
		printf '"\\xb8%s"\n' "$(hex4 "$nr")"
		printf '"\\xb8%s\\xcd\\x80"\n' "$(hex4 "$nr")"
	done
	grep -o '/[a-z]*/[a-zA-Z/]*[a-z]' "$h" | grep -v '^/proc/PID' |
		while read -r p; do printf '"%s\\x00"\n' "$p"; done
	printf '%s\n' '"\xcd\x80"' '"\x31\xdb"' '"\x31\xc9"' '"\x31\xd2"' \
		'"\x89\xc3"' '"\xbb\x00\x00\x00\x00"' '"\xb9\xc8\x97\x04\x08"' \
		'"\x8b\x1d\xc8\x97\x04\x08"' '"\x89\x1d\xc8\x97\x04\x08"' \
		'"\xa1\x00\x98\x04\x08"' '"\xa3\x00\x98\x04\x08"' '"\xeb\xfe"' \
		'"\x00\x80\x04\x08"' '"\x00\xe0\xff\xbf"' '"\x94\x80\x04\x08"' \
		'"\x9c\xff\xff\xff"' '"programs/a.out\x00"' '"data.txt\x00"'
} | LC_ALL=C sort -u
