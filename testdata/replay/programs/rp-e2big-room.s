# rp-e2big-room.s -- rp-e2big-empty with the last string a byte shorter:
# the "" an empty argv gets fits, the file is opened, and it does not
# exist: exit(-execve's result), 2 (ENOENT).
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
        movb $0, 130988(%edx)
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
