#!/bin/sh
# program.sh - the program fuzz-run runs for an input: CODE placed at the
# entry point (0x08048094) of SEED (testdata/seed/a.out), whose ELF
# header (without its section table), program headers and data segment
# it keeps, the text segment as long as the code (at most 1844 bytes, the
# room up to the data's file offset, 0x7c8), byte for byte the file
# fuzz-run.c's write_program() makes; so that `elfault run --continue
# PROGRAM` runs a finding outside the fuzzer.
# usage: program.sh SEED CODE > PROGRAM
seed=${1:?usage: program.sh SEED CODE}
code=${2:?usage: program.sh SEED CODE}
head=148		# 0x94: the ELF header and three program headers
room=1844		# 0x7c8 - 0x94
data=1992		# 0x7c8, where the data segment's 0x30 bytes are
n=$(wc -c < "$code")
[ "$n" -gt $room ] && n=$room
size=$((head + n))
le32() {	# N as four little-endian bytes, octal escapes for printf
	printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) $(($1 >> 8 & 255)) \
		$(($1 >> 16 & 255)) $(($1 >> 24 & 255))
}
{
	head -c 32 "$seed"			# e_ident to e_phoff
	head -c 4 /dev/zero			# e_shoff: no section table
	tail -c +37 "$seed" | head -c 12	# e_flags to e_shentsize
	head -c 4 /dev/zero			# e_shnum, e_shstrndx
	tail -c +53 "$seed" | head -c 16	# phdr 0 up to p_filesz
	printf "$(le32 $size)$(le32 $size)"		# p_filesz, p_memsz
	tail -c +77 "$seed" | head -c $((head - 76))	# the rest of the headers
	head -c $n "$code"
	head -c $((data - size)) /dev/zero
	tail -c +$((data + 1)) "$seed" | head -c 48
}
