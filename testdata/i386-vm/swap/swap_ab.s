# swap_ab.s -- rules (a), (b), (d): 16 anonymous pages, each written with a
# distinct value, paged out with madvise(MADV_PAGEOUT) in a known order;
# then page 5 is read (swap-in) and written; then page 6 is read.
        .include "common.inc"
        .include "swapsub.inc"
        .set NPAGES, 16

        .text
        .globl  _start
_start:
        PRETOUCH
        movl    $SYS_mmap2, %eax        # mmap2(0, 16 pages, RW, PRIVATE|ANON, -1, 0)
        xorl    %ebx, %ebx
        movl    $NPAGES*PAGE, %ecx
        movl    $3, %edx
        movl    $0x22, %esi
        movl    $-1, %edi
        xorl    %ebp, %ebp
        int     $0x80
        movl    %eax, base
        movl    %eax, %edi              # write 0x5a000000+i to word 0 of page i
        xorl    %ecx, %ecx
1:      leal    0x5a000000(%ecx), %edx
        movl    %edx, (%edi)
        addl    $PAGE, %edi
        incl    %ecx
        cmpl    $NPAGES, %ecx
        jne     1b
        TAG     "a0 written"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        STOP                            # stop 1: all present
        TAG     "d pageout p0"
        movl    base, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d pageout p1"
        movl    base, %eax
        addl    $1*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d pageout p2"
        movl    base, %eax
        addl    $2*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d pageout p3"
        movl    base, %eax
        addl    $3*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d pageout p8-p15 in one call"
        movl    base, %eax
        addl    $8*PAGE, %eax
        PAGEOUT %eax, $8*PAGE
        TAG     "d pageout p7"
        movl    base, %eax
        addl    $7*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d pageout p6"
        movl    base, %eax
        addl    $6*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d pageout p5"
        movl    base, %eax
        addl    $5*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d pageout p4"
        movl    base, %eax
        addl    $4*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "a1 all paged out"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        STOP                            # stop 2: all swapped
        movl    base, %esi
        movl    5*PAGE(%esi), %eax      # b: READ page 5 (swapped)
        movl    %eax, val5
        TAG     "b1 after read p5"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        STOP                            # stop 3
        movl    base, %esi
        movl    $0x77777777, 5*PAGE(%esi)       # b: WRITE page 5
        TAG     "b2 after write p5"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        STOP                            # stop 4
        movl    base, %esi
        movl    6*PAGE(%esi), %eax      # READ page 6 (neighbour: readahead?)
        movl    %eax, val6
        TAG     "b3 after read p6"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        movl    base, %esi
        movl    $0x66666666, 6*PAGE(%esi)       # WRITE page 6
        TAG     "b4 after write p6"
        PMRANGE base, $NPAGES
        DUMP    "/proc/self/stat"
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        TAG     "d2 pageout p5 again (swapped in, then written)"
        movl    base, %eax
        addl    $5*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d2 pageout p1 (never swapped in)"
        movl    base, %eax
        addl    $1*PAGE, %eax
        PAGEOUT %eax, $PAGE
        TAG     "d2 after"
        PMRANGE base, $NPAGES
        DUMP    "/proc/vmstat"
        DUMP    "/proc/swaps"
        movl    val5, %eax
        call    print_rc
        movl    val6, %eax
        call    print_rc
        EXIT    $0

        .data
base:   .long   0
val5:   .long   0
val6:   .long   0
