# src/ppc32-be.s -- a hand-assembled big-endian, foreign-machine ELF file.
#
# Purpose: an ELFCLASS32 / ELFDATA2MSB / EM_PPC (20) relocatable object,
# which this x86-only binutils can only read as the generic "elf32-big".
# gas for x86 has no big-endian data directives, so the whole file image is
# spelled out byte by byte with the be16/be32 macros below inside .data and
# then extracted with objcopy:
#   as --32 -o ppc32-be.tmp.o src/ppc32-be.s
#   objcopy -O binary -j .data ppc32-be.tmp.o elf/ppc32-be.o
# Layout: ELF header 0x00, .text 0x34 (8 bytes: li r3,0; blr), .data 0x3c
# (4 bytes), .shstrtab 0x40 (0x1c bytes), section headers 0x5c (5 x 40),
# .bss is SHT_NOBITS 0x100 bytes.  The .if checks pin every offset.

        .macro  be16 v
        .byte   ((\v) >> 8) & 0xff, (\v) & 0xff
        .endm
        .macro  be32 v
        .byte   ((\v) >> 24) & 0xff, ((\v) >> 16) & 0xff, ((\v) >> 8) & 0xff, (\v) & 0xff
        .endm
        .macro  at off
        .if     (. - elf) != \off
        .error  "ppc32-be.s: layout drifted"
        .endif
        .endm
        # name type flags addr offset size link info addralign entsize
        .macro  shdr n, t, f, a, o, s, l, i, al, es
        be32 \n; be32 \t; be32 \f; be32 \a; be32 \o
        be32 \s; be32 \l; be32 \i; be32 \al; be32 \es
        .endm

        .data
elf:    .byte   0x7f, 'E', 'L', 'F'
        .byte   1                       # EI_CLASS   ELFCLASS32
        .byte   2                       # EI_DATA    ELFDATA2MSB
        .byte   1                       # EI_VERSION EV_CURRENT
        .byte   0                       # EI_OSABI   ELFOSABI_SYSV
        .byte   0, 0, 0, 0, 0, 0, 0, 0  # EI_ABIVERSION + padding
        be16    1                       # e_type     ET_REL
        be16    20                      # e_machine  EM_PPC
        be32    1                       # e_version
        be32    0                       # e_entry
        be32    0                       # e_phoff
        be32    0x5c                    # e_shoff
        be32    0                       # e_flags
        be16    52                      # e_ehsize
        be16    0                       # e_phentsize
        be16    0                       # e_phnum
        be16    40                      # e_shentsize
        be16    5                       # e_shnum
        be16    4                       # e_shstrndx
        at      0x34
        be32    0x38600000              # .text: li   r3,0
        be32    0x4e800020              #        blr
        at      0x3c
        be32    42                      # .data: int counter = 42
        at      0x40
        .byte   0                       # .shstrtab
        .asciz  ".text"                 # 1
        .asciz  ".data"                 # 7
        .asciz  ".bss"                  # 13
        .asciz  ".shstrtab"             # 18
        at      0x5c
        shdr    0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        shdr    1, 1, 6, 0, 0x34, 8, 0, 0, 4, 0         # .text  PROGBITS AX
        shdr    7, 1, 3, 0, 0x3c, 4, 0, 0, 4, 0         # .data  PROGBITS WA
        shdr    13, 8, 3, 0, 0x40, 0x100, 0, 0, 8, 0    # .bss   NOBITS   WA
        shdr    18, 3, 0, 0, 0x40, 0x1c, 0, 0, 1, 0     # .shstrtab STRTAB
        at      0x124
