# bench-compute.s -- compute-bound: ITERATIONS (argv[1], default 10000000)
# turns of a loop of 12 register-only instructions (an LCG step, a rotate,
# a few ALU operations, the count and the branch), then exit with the low
# byte of the result.  Its only memory accesses are instruction fetches
# from one page (and the argument's bytes), so it takes a handful of page
# faults in all; what it measures is the CPU between faults.
# Instructions executed: 12 per iteration plus the start-up and exit
# (elfault run prints the count).
# Built by bench/programs/build.sh (as --32, ld -m elf_i386).
        .include "bench.inc"
        .text
        .globl  _start
_start: movl    %esp, %ebp
        ARG     1, 10000000
        movl    %eax, %ecx              # the count
        movl    $12345, %eax            # the LCG's state
        xorl    %ebx, %ebx
        xorl    %edx, %edx
        testl   %ecx, %ecx
        jz      2f
        .p2align 4
1:      imull   $1103515245, %eax, %eax
        addl    $12345, %eax
        movl    %eax, %esi
        roll    $7, %esi
        xorl    %esi, %ebx
        addl    %ebx, %edx
        leal    3(%edx,%ebx,2), %edi
        subl    %edi, %ebx
        andl    $0x7fffffff, %ebx
        orl     $1, %edx
        decl    %ecx
        jnz     1b
2:      addl    %edx, %ebx
        andl    $0xff, %ebx
        EXIT    %ebx
