# bench-pages.s -- fault-bound: maps PAGES pages (argv[1], default 4096)
# of anonymous memory with mmap2, writes one word in each page, in
# address order (a page fault each: do_anonymous_page() gives each a
# frame), then reads one word of each page again in PASSES more passes
# (argv[2], default 0) - pages present, every load a page the load
# before did not touch, one load in 5 instructions (the issue's measure:
# "every fifth instruction touched a new page").  Exits 0, or 1 when mmap2
# failed.  With PASSES 0 it measures faults; the difference between two
# PASSES measures the CPU walking present memory a page at a time.
# Built by bench/programs/build.sh (as --32, ld -m elf_i386).
        .include "bench.inc"
        .text
        .globl  _start
_start: movl    %esp, %ebp
        ARG     2, 0
        movl    %eax, %edi              # the passes
        ARG     1, 4096
        shll    $12, %eax
        pushl   %eax                    # the length
        movl    %eax, %ecx
        movl    $SYS_mmap2, %eax
        xorl    %ebx, %ebx
        movl    $(PROT_READ | PROT_WRITE), %edx
        movl    $(MAP_PRIVATE | MAP_ANONYMOUS), %esi
        pushl   %edi
        movl    $-1, %edi
        pushl   %ebp
        xorl    %ebp, %ebp
        int     $0x80
        popl    %ebp
        popl    %edi
        cmpl    $-4096, %eax
        ja      9f
        movl    %eax, %esi              # the start
        popl    %edx
        addl    %eax, %edx              # the end
        movl    %esi, %ebx
        .p2align 4
1:      movl    %ebx, (%ebx)            # pass 0: a fault a page
        addl    $4096, %ebx
        cmpl    %edx, %ebx
        jb      1b
        testl   %edi, %edi
        jz      8f
2:      movl    %esi, %ebx              # passes 1..PASSES: no faults
        xorl    %eax, %eax
        xorl    %ecx, %ecx
        .p2align 4
3:      addl    (%ebx), %eax
        incl    %ecx                    # the pages read
        addl    $4096, %ebx
        cmpl    %edx, %ebx
        jb      3b
        decl    %edi
        jnz     2b
8:      EXIT    $0
9:      EXIT    $1
