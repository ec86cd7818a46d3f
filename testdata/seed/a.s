# seed/a.s -- the "very simple process" from the page-fault chapter
# (14.6.1.2 Process Address Space, Revisited), rebuilt from scratch.
#
# Purpose: seed/a.out must reproduce the chapter's `objdump -h a.out` table
# row for row (.text/.rodata/.data/.bss with the exact sizes, addresses,
# file offsets and alignments), and, when run, make the kernel build the
# chapter's memory map:
#   08048000-08049000 r-xp  file offset 0   (.text + .rodata)
#   08049000-0804a000 rw-p  file offset 0   (.data, page shared with file)
#   0804a000-0804b000 rw-p  anonymous       (rest of .bss)
#
# Build (see build-fixtures.sh):
#   as --32 -o a.o seed/a.s
#   ld -m elf_i386 -T seed/a.ld -z noexecstack --build-id=none -o seed/a.out a.o
# Static i386 program, no libc: writes a message from .rodata with
# int $0x80, counts into `counter` (.data), touches every .bss page, exits 0.
# Section sizes are padded with .org/.skip to the chapter's values.

        .text
        .p2align 2
        .globl  _start
        .type   _start, @function
_start:
        movl    $4, %eax                # sys_write
        movl    $1, %ebx                # fd 1
        movl    $message, %ecx
        movl    $message_len, %edx
        int     $0x80
        incl    counter                 # counter++ (file-backed .data page)
        movl    $buffer, %edi           # zero-fill-on-demand .bss pages:
        movl    $(buffer_end - buffer), %ecx
        movl    counter, %eax
1:      movb    %al, (%edi)             # write one byte per 256 bytes,
        addl    $256, %edi              # touching both .bss pages
        subl    $256, %ecx
        jnz     1b
        movl    %edi, last_touched
        call    check
        movl    %eax, %ebx              # exit status from check()
        movl    $1, %eax                # sys_exit
        int     $0x80
        .size   _start, . - _start

        .globl  check
        .type   check, @function
check:                                  # returns 0 iff counter == 1
        movl    counter, %eax
        decl    %eax
        ret
        .size   check, . - check
        .org    0x72, 0x90              # .text is 0x72 bytes (nop padding)

        .section .rodata
        .p2align 2
        .globl  message
        .type   message, @object
message:
        .ascii  "a.out: a very simple process (text, rodata, data, bss)\n"
        .set    message_len, . - message
        .size   message, . - message
        .globl  filler
        .type   filler, @object
filler: # "mostly strings": the rest of the chapter's 0x6bd bytes of .rodata
        .ascii  "08048000-08049000 r-xp 00000000 a.out\n"
        .ascii  "08049000-0804a000 rw-p 00000000 a.out\n"
        .ascii  "0804a000-0804b000 rw-p 00000000 [anon]\n"
        .org    0x6bd, 0
        .size   filler, . - filler

        .data
        .p2align 2
        .globl  counter
        .type   counter, @object
counter:
        .long   0
        .size   counter, 4
        .globl  last_touched
        .type   last_touched, @object
last_touched:
        .long   0
        .size   last_touched, 4
        .globl  table
        .type   table, @object
table:
        .long   1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        .size   table, . - table        # .data is 0x30 bytes

        .bss
        .p2align 5
        .globl  buffer
        .type   buffer, @object
buffer:
        .skip   0x1000
buffer_end:
        .size   buffer, 0x1000
