# swap_c2.s -- rule (c): an anonymous page written, then fork(); paged out
# AFTER the fork by the parent: first madvise(MADV_PAGEOUT) (6.1 skips pages
# whose mapcount != 1), then by writing to the test cgroup's memory.reclaim;
# then: parent reads, child reads, child writes, parent writes.  Pages 0-3
# are written; page 0 is the one under test.
        .include "common.inc"
        .include "swapsub.inc"
        .include "forkhelp.inc"
        .set NPAGES, 4

        .text
        .globl  _start
_start:
        PRETOUCH
        movl    $0, wstatus
        movl    $SYS_mmap2, %eax
        xorl    %ebx, %ebx
        movl    $NPAGES*PAGE, %ecx
        movl    $3, %edx
        movl    $0x22, %esi
        movl    $-1, %edi
        xorl    %ebp, %ebp
        int     $0x80
        movl    %eax, base
        movl    %eax, %edi
        xorl    %ecx, %ecx
1:      leal    0x5a000000(%ecx), %edx
        movl    %edx, (%edi)
        addl    $PAGE, %edi
        incl    %ecx
        cmpl    $NPAGES, %ecx
        jne     1b
        TAG     "P0 written"
        PMRANGE base, $NPAGES
        DUMP    "/proc/vmstat"
        movl    $SYS_fork, %eax
        int     $0x80
        testl   %eax, %eax
        jz      child_main
        movl    %eax, child
        WAITCHILD                       # child did C0 and stopped
        TAG     "P1 madvise pageout p0 after fork (mapcount 2)"
        PAGEOUT base, $PAGE
        PMRANGE base, $NPAGES
        DUMP    "/proc/vmstat"
        TAG     "P1 write 4M to memory.reclaim"
        movl    $SYS_open, %eax
        movl    $reclaim, %ebx
        movl    $1, %ecx
        int     $0x80
        movl    %eax, %esi
        call    print_rc
        movl    $SYS_write, %eax
        movl    %esi, %ebx
        movl    $amount, %ecx
        movl    $amount_len, %edx
        int     $0x80
        call    print_rc
        movl    $SYS_close, %eax
        movl    %esi, %ebx
        int     $0x80
        TAG     "P1 after memory.reclaim"
        PMRANGE base, $NPAGES
        DUMP    "/proc/swaps"
        DUMP    "/proc/vmstat"
        STEP                            # child: C1 (pagemap after reclaim)
        TAG     "P2 before parent read"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        movl    base, %esi
        movl    (%esi), %eax            # PARENT READ page 0
        movl    %eax, val
        TAG     "P2 after parent read"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        STOP                            # harness snapshot of the parent
        STEP                            # child: C2 read, C3 write
        TAG     "P4 before parent write"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        movl    base, %esi
        movl    $0x99999999, (%esi)     # PARENT WRITE page 0
        TAG     "P4 after parent write"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        STOP
        CONTCHILD                       # child exits
        movl    $SYS_waitpid, %eax
        movl    child, %ebx
        movl    $wstatus, %ecx
        xorl    %edx, %edx
        int     $0x80
        movl    val, %eax
        call    print_rc
        EXIT    $0

child_main:
        TAG     "C0 child after fork"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        STOP
        TAG     "C1 child after parent's reclaim"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        STOP
        TAG     "C2 child before read"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        movl    base, %esi
        movl    (%esi), %eax            # CHILD READ page 0
        movl    %eax, val
        TAG     "C2 child after read"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        movl    base, %esi
        movl    $0x88888888, (%esi)     # CHILD WRITE page 0
        TAG     "C3 child after write"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        STOP
        TAG     "C4 child exits"
        movl    val, %eax
        call    print_rc
        EXIT    $0

        .section .rodata
reclaim: .asciz "/sys/fs/cgroup/t/memory.reclaim"
        MSG     amount, "4M"
        .data
base:   .long   0
child:  .long   0
wstatus: .long  0
val:    .long   0
