# free-pgtables.s -- a probe for the ground-truth VM: bash
# ../shared/i386-vm/run.sh testdata/i386-vm/probes (out/free-pgtables/
# out.txt: /proc/self/status after each step).  It asked whether munmap()
# frees page tables on the 6.1 i386 kernel (unmap_region(): free_pgtables(),
# free_pgd_range()), and which: 32 MiB of private anonymous memory at
# 0x10000000 (eight 4 MiB slots), a write to each slot's first page, then
# five munmaps.  VmPTE (page tables, not the directory) read 8 kB after
# exec, 40 after the writes, then 24 (the upper half: four tables freed),
# 20 (a whole slot), 20 (a slot less its first page: the VMA left there
# keeps the table), 16 (that page: the slot empty), 16 (the first page of
# a slot whose rest stays mapped).  testdata/replay/free-pgtables.yaml
# makes the same calls; its show: entries steps list the tables elfault
# keeps at each point: 10, 6, 5, 4.
        .include "common.inc"
        .set SYS_mmap2, 192
        .set SYS_munmap, 91
        .set SYS_close, 6
        .macro STATUS
        movl    $SYS_open, %eax
        movl    $path, %ebx
        xorl    %ecx, %ecx
        int     $0x80
        movl    %eax, %esi
        movl    %eax, %ebx
        movl    $SYS_read, %eax
        movl    $buf, %ecx
        movl    $4096, %edx
        int     $0x80
        movl    %eax, %edx
        movl    $SYS_write, %eax
        movl    $1, %ebx
        movl    $buf, %ecx
        int     $0x80
        movl    $SYS_close, %eax
        movl    %esi, %ebx
        int     $0x80
        .endm
        .macro MUNMAP addr, len
        movl    $SYS_munmap, %eax
        movl    \addr, %ebx
        movl    \len, %ecx
        int     $0x80
        .endm

        .text
        .globl  _start
_start:
        STATUS
        movl    $SYS_mmap2, %eax
        movl    $0x10000000, %ebx
        movl    $0x2000000, %ecx
        movl    $3, %edx
        movl    $0x4032, %esi           # MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_NORESERVE
        movl    $-1, %edi
        xorl    %ebp, %ebp
        int     $0x80
        movl    $0x10000000, %eax
1:      movl    $1, (%eax)
        addl    $0x400000, %eax
        cmpl    $0x12000000, %eax
        jb      1b
        STATUS
        MUNMAP  $0x11000000, $0x1000000   # the upper half
        STATUS
        MUNMAP  $0x10400000, $0x400000    # one whole slot in the middle
        STATUS
        MUNMAP  $0x10801000, $0x3ff000    # a slot less its first page
        STATUS
        MUNMAP  $0x10800000, $0x1000      # that first page: the slot alone
        STATUS
        MUNMAP  $0x10000000, $0x1000      # a VMA above in the same slot
        STATUS
        EXIT    $0

        .section .rodata
path:   .asciz  "/proc/self/status"
        .bss
        .balign 4096
buf:    .skip   4096
