# rp-vvar-protect.s -- mprotect() where VM_MAYWRITE and VM_MAYEXEC are
# clear: [vvar] (VM_READ|VM_MAYREAD|VM_IO|VM_DONTDUMP|VM_PFNMAP).  No
# PT_GNU_STACK, so the process has READ_IMPLIES_EXEC, which
# do_mprotect_pkey() applies only to a VMA with VM_MAYEXEC.  On the real
# 6.1 kernel: mprotect(vvar, PROT_READ) changes nothing (0, still r--p),
# PROT_READ|PROT_WRITE and PROT_EXEC are EACCES, and mprotect([vdso],
# PROT_READ) leaves it r-x (0).  exit = a bit for each: 15.
        .include "rp.inc"
        .set SYS_mprotect, 125
        .set VVAR, 0xb7ffa000
        .set VDSO, 0xb7ffe000

        .text
        .globl  _start
_start: SYSCALL6 SYS_mprotect, $VVAR, $4096, $1       # PROT_READ: 0
        testl   %eax, %eax
        jnz     1f
        orl     $1, bits
1:      SYSCALL6 SYS_mprotect, $VVAR, $4096, $3       # PROT_READ|PROT_WRITE
        cmpl    $-13, %eax                              # EACCES
        jne     2f
        orl     $2, bits
2:      SYSCALL6 SYS_mprotect, $VVAR, $4096, $4       # PROT_EXEC: EACCES
        cmpl    $-13, %eax
        jne     3f
        orl     $4, bits
3:      SYSCALL6 SYS_mprotect, $VDSO, $4096, $1       # [vdso]: 0, still r-x
        testl   %eax, %eax
        jnz     4f
        orl     $8, bits
4:      MARK    1
        STOP
        movl    bits, %ebx
        movl    $SYS_exit, %eax
        int     $0x80

        .bss
        .p2align 2
bits:   .long   0
