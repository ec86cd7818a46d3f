#!/bin/sh
# code.sh - an i386 ELF executable's code from its entry point to the end
# of the segment that holds it: fuzz-run's input for that program (its
# seed).  Fails for a file that is none.
# usage: code.sh PROGRAM > CODE
f=${1:?usage: code.sh PROGRAM}
od -An -v -tu1 -N 4096 "$f" 2>/dev/null | tr -s ' \n' '\n\n' | sed '/^$/d' |
awk '
	{ b[NR - 1] = $1 }
	function u32(o) { return b[o] + 256 * (b[o + 1] + 256 * (b[o + 2] + 256 * b[o + 3])) }
	function u16(o) { return b[o] + 256 * b[o + 1] }
	END {
		if (b[0] != 127 || b[1] != 69 || b[4] != 1 || u16(18) != 3)
			exit 1
		entry = u32(24); phoff = u32(28); n = u16(44)
		for (i = 0; i < n; i++) {
			p = phoff + 32 * i
			if (u32(p) != 1)
				continue
			va = u32(p + 8); fsz = u32(p + 16)
			if (entry >= va && entry < va + fsz) {
				print u32(p + 4) + entry - va, va + fsz - entry
				exit 0
			}
		}
		exit 1
	}' | {
	read -r off len || exit 1
	tail -c +$((off + 1)) "$f" | head -c "$len"
}
