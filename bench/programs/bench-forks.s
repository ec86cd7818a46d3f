# bench-forks.s -- COUNT (argv[1], default 1000) forks, one after the
# other: each child exits at once, and the parent reaps it with
# waitpid(-1) before the next.  A run's processes pile up (pids are
# never reused), so what it measures is whether a fork, an exit and the
# choice of the next process to run cost the same late in the run as
# early (bench/scaling.sh: elfault run on N and 4N forks, side by side).
# Built by bench/programs/build.sh (as --32, ld -m elf_i386).
        .include "bench.inc"
        .text
        .globl  _start
_start: movl    %esp, %ebp
        ARG     1, 1000
        movl    %eax, %edi              # the forks left
        FORK_REAP 1f
        EXIT    $0
1:      EXIT    $0                      # the child
