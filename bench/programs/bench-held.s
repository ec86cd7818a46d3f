# bench-held.s -- COUNT (argv[1], default 1000) forks, one after the
# other, as bench-forks makes them; each child writes 64 "x" to its
# standard error, three in four (those made with a number of forks left
# not a multiple of 4) with a newline after them, and exits.  elfault run's text
# report holds a writer's line until it ends: the lines with a newline
# are shown after their step, the others at the end of the run, so what
# it measures is whether showing a step's ended lines costs that step's
# bytes or every line still held (bench/scaling.sh: elfault run on N and
# 4N forks, side by side; tests/run.sh checks the lines shown).  The
# parent writes "<" to its standard error before the forks and ">" and a
# newline after them: one line, "<>", whose writer is found again after
# all the others.
# Built by bench/programs/build.sh (as --32, ld -m elf_i386).
        .include "bench.inc"
        .set SYS_write,   4
        .data
line:   .fill   64, 1, 'x'
        .byte   '\n'
open:   .ascii  "<"
close:  .ascii  ">\n"
        .text
        .globl  _start
_start: movl    %esp, %ebp
        movl    $open, %ecx
        movl    $1, %edx
        call    say
        ARG     1, 1000
        movl    %eax, %edi              # the forks left
        FORK_REAP 3f
        movl    $close, %ecx
        movl    $2, %edx
        call    say
        EXIT    $0
say:    movl    $SYS_write, %eax        # write(2, %ecx, %edx)
        movl    $2, %ebx
        int     $0x80
        ret
3:      movl    $SYS_write, %eax
        movl    $2, %ebx
        movl    $line, %ecx
        movl    $64, %edx
        testl   $3, %edi                # the forks left, as the child
        jz      4f                      # was made: 4k, no newline
        incl    %edx
4:      int     $0x80
        EXIT    $0
