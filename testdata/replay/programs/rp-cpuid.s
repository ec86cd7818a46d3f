# rp-cpuid.s -- cpuid as glibc's init_cpu_features() reads it (leaves 0,
# 1, 7, 0x80000000, 0x80000001) must answer as QEMU 7.2's qemu32 does
# in the i386 VM: each is checked, a wrong register exits with the check's
# number; when all are right the program ends on ud2 (SIGILL, 132).
        .include "rp.inc"

# LEAF leaf, subleaf, n: cpuid; EAX..EDX must be words n..n+3 of want
        .macro  LEAF leaf, subleaf, n
        movl    $\leaf, %eax
        movl    $\subleaf, %ecx
        cpuid
        cmpl    want + 16 * (\n / 4), %eax
        jne     1f
        cmpl    want + 16 * (\n / 4) + 4, %ebx
        jne     1f
        cmpl    want + 16 * (\n / 4) + 8, %ecx
        jne     1f
        cmpl    want + 16 * (\n / 4) + 12, %edx
        je      2f
1:      movl    $(\n / 4 + 1), %esi
        jmp     fail
2:
        .endm

        LAYOUT
        .section .steps,"ax",@progbits
main:   LEAF    0, 0, 0
        LEAF    1, 0, 4
        LEAF    7, 0, 8                 # above the highest: leaf 4's
        LEAF    0x80000000, 0, 12
        LEAF    0x80000001, 0, 16
        LEAF    0x40000000, 0, 20       # TCG's hypervisor leaf
        ud2

        .section .rodata
        .p2align 2
want:   .long   0x00000004, 0x756e6547, 0x6c65746e, 0x49656e69
        .long   0x00000663, 0x00000800, 0x80000001, 0x0781abfd
        .long   0x00000121, 0x01c0003f, 0x0000003f, 0x00000001
        .long   0x80000004, 0x756e6547, 0x6c65746e, 0x49656e69
        .long   0x00000663, 0, 0, 0
        .long   0x40000001, 0x54474354, 0x43544743, 0x47435447
