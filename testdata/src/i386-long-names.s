# src/i386-long-names.s -- i386 static ET_EXEC whose sections exec does not
# load have names of 290 and 251 characters (a hostile file's may be any
# length): the file picture of `elfault maps --sections` names them in a
# row of its own, cut to its room.
#
# Build:  as --32 -o i386-long-names.o src/i386-long-names.s
#         ld -m elf_i386 -o elf/i386-long-names i386-long-names.o
# Runs (static, no libc) and exits 0.

        .text
        .globl  _start
        .type   _start, @function
_start:
        movl    $1, %eax                # exit(0)
        xorl    %ebx, %ebx
        int     $0x80

        .section .note.xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, ""
        .byte   1
        .section .note.ybbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb, ""
        .byte   2
