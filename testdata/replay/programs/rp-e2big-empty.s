# rp-e2big-empty.s -- execve() with argv NULL and 16 environment strings
# that fill the 2 MiB limit to the byte, with the 14-byte name
# "./nonexistent" (which does not exist): 6.1 gives an empty argv its ""
# (copy_string_kernel(), checked against bprm->argmin) before
# bprm_execve() opens the file, so the call is E2BIG, not ENOENT.
# exit(-execve's result): 7.  rp-e2big-room is the same with one byte
# of room: ENOENT, 2.  (From a review of f4bba19.)
        .text
        .globl _start
_start:
        movl $192, %eax          # mmap2(0, 2M+4K, RW, PRIVATE|ANON, -1, 0)
        xorl %ebx, %ebx
        movl $0x201000, %ecx
        movl $3, %edx
        movl $0x22, %esi
        movl $-1, %edi
        xorl %ebp, %ebp
        int $0x80
        movl %eax, base
        movl %eax, %edi          # fill 2 MiB with 'A'
        movl $0x200000, %ecx
        movb $'A', %al
        cld
        rep stosb
        movl base, %esi
        xorl %ecx, %ecx          # k = 0..14: NUL at k*128K + 128K-1
1:      movl %ecx, %edx
        shll $17, %edx
        addl %esi, %edx
        movb $0, 131071(%edx)
        movl %edx, envp(,%ecx,4)
        incl %ecx
        cmpl $15, %ecx
        jne 1b
        movl %ecx, %edx          # k = 15: 130990 bytes with its NUL
        shll $17, %edx
        addl %esi, %edx
        movb $0, 130989(%edx)
        movl %edx, envp(,%ecx,4)
        movl $0, envp+64
        movl $11, %eax           # execve("./nonexistent", NULL, envp)
        movl $name, %ebx
        xorl %ecx, %ecx
        movl $envp, %edx
        int $0x80
        negl %eax
        movl %eax, %ebx
        movl $1, %eax
        int $0x80
        .data
name:   .asciz "./nonexistent"
        .bss
        .p2align 2
base:   .long 0
envp:   .space 68
