# rp-exec.s -- the system calls of testdata/replay/exec.yaml (see rp.inc),
# linked with rp-files.ld's layout (rp-exec.ld): execve() of itself
# (/proc/self/exe) with argv {"/proc/self/exe", "again"}, the path and
# the argument vector in a .rodata page nothing has touched; the new image
# (argc 2) then reads its .data.
        .include "rp.inc"
        .set SYS_execve, 11
        .text
        .globl  _start
_start: cmpl    $1, (%esp)              # argc: 1, then 2 after execve()
        jne     again
        movl    $SYS_execve, %eax       # (2) syscall: execve
        movl    $self, %ebx
        movl    $argv2, %ecx
        movl    $envp, %edx
        int     $0x80
        movl    $2, %esi                # it returned: FAIL
        jmp     fail
again:  MARK    2
        movl    counter, %eax           # (3) read: counter
        CHECK   3, 7
        MARK    3
        EXIT    $0
        FAIL_EXIT

        .section .rodata
        .globl  self, argv2, envp
self:   .asciz  "/proc/self/exe"
again_s:
        .asciz  "again"
failmsg:
        .ascii  "FAIL\n"
        .p2align 2
argv2:  .long   self, again_s, 0
envp:   .long   0
        .data
        .globl  counter
counter:
        .long   7
        .bss
        .skip   16

# Non-executable stack (PT_GNU_STACK RW-), like seed/a.out.
        .section .note.GNU-stack,"",@progbits
