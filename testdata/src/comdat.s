# src/comdat.s -- x86-64 object with COMDAT section groups.
#
# Purpose: SHT_GROUP sections (GRP_COMDAT) as C++ inline functions and
# template instances produce: group "inline_fn" holds .text.inline_fn and
# its .rela.text.inline_fn, group "shared_var" holds .data.shared_var; a
# third, non-COMDAT group ("plain_group", no comdat flag) holds two sections.
#
# Build:  as --64 -o elf/comdat.o src/comdat.s

        .text
        .globl  use_them
        .type   use_them, @function
use_them:
        call    inline_fn
        movl    shared_var(%rip), %eax
        ret
        .size   use_them, . - use_them

        .section .text.inline_fn,"axG",@progbits,inline_fn,comdat
        .weak   inline_fn
        .type   inline_fn, @function
inline_fn:
        call    use_them                # relocation inside the group
        movl    $42, %eax
        ret
        .size   inline_fn, . - inline_fn

        .section .data.shared_var,"awG",@progbits,shared_var,comdat
        .p2align 2
        .weak   shared_var
        .type   shared_var, @object
shared_var: .long 7
        .size   shared_var, 4

        .section .rodata.plain_a,"aG",@progbits,plain_group
        .globl  plain_group
plain_group: .asciz "plain group member a"
        .section .rodata.plain_b,"aG",@progbits,plain_group
        .asciz  "plain group member b"
