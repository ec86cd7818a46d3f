# rp-e2big-name.s -- execve() whose pointers leave less room than its
# file name: argc 1, envc 524,286, so that the pointers take 2 MiB - 4
# bytes of the 2 MiB limit (bprm_stack_limits()) and the 14 bytes of
# "./nonexistent" do not fit.  6.1's copy_string_kernel() of the name
# fails E2BIG before copy_strings() reads any string: every pointer aims
# at a page never touched, and the real kernel takes no fault in the
# call.  exit(-execve's result): 7 (E2BIG).  (From a review of f4bba19.)
        .text
        .globl _start
_start:
        movl $192, %eax          # the string page: mmap2, never touched
        xorl %ebx, %ebx
        movl $0x1000, %ecx
        movl $3, %edx
        movl $0x22, %esi
        movl $-1, %edi
        xorl %ebp, %ebp
        int $0x80
        movl %eax, str
        movl $192, %eax          # the envp array: 2 MiB + 4 KiB
        xorl %ebx, %ebx
        movl $0x201000, %ecx
        movl $3, %edx
        movl $0x22, %esi
        movl $-1, %edi
        xorl %ebp, %ebp
        int $0x80
        movl %eax, envp
        movl %eax, %edi
        movl $524286, %ecx
        movl str, %eax
        cld
        rep stosl                # envp[0..524285] = str, envp[524286] = 0
        movl str, %eax
        movl %eax, argv
        movl $11, %eax           # execve("./nonexistent", argv, envp)
        movl $name, %ebx
        movl $argv, %ecx
        movl envp, %edx
        int $0x80
        negl %eax
        movl %eax, %ebx
        movl $1, %eax
        int $0x80
        .data
name:   .asciz "./nonexistent"
        .p2align 2
argv:   .long 0, 0
        .bss
        .p2align 2
str:    .long 0
envp:   .long 0
