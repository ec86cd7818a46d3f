#!/usr/bin/env python3
"""gen-exec.py - small ELF programs, each aimed at one rule of the kernel's
ELF loader (fs/binfmt_elf.c load_elf_binary) with ASLR off.

usage: gen-exec.py OUTDIR

Every file is written byte by byte here (no toolchain): an ELF header,
program headers, and a payload at file offset 0x1000 whose first bytes
are `mov $1,%eax; int $0x80` (exit) - they are never run, exec is what is
tested.  The names say what the kernel must do: ok-* exec, bad-* fail
(see testdata/README and the expected/exec/ files).
"""
import os
import struct
import sys

PT_LOAD, PT_INTERP, PT_PHDR, PT_GNU_STACK = 1, 3, 6, 0x6474e551
R, W, X = 4, 2, 1
ET_REL, ET_EXEC, ET_DYN = 1, 2, 3
EM_386, EM_ARM, EM_X86_64 = 3, 40, 62
CODE = b'\xb8\x01\x00\x00\x00\xcd\x80'  # mov $1,%eax; int $0x80


def seg(type_, flags, offset, vaddr, filesz, memsz, align=0x1000):
    return dict(type=type_, flags=flags, offset=offset, vaddr=vaddr,
                filesz=filesz, memsz=memsz, align=align)


def elf(phdrs, cls=32, machine=EM_386, etype=ET_EXEC, entry=None,
        phentsize=None, phnum=None, phoff=None, size=0x2000, extra=()):
    """The file: header, program headers at 0x34/0x40, payload at 0x1000,
    EXTRA (offset, bytes) pairs written last."""
    is64 = cls == 64
    ehsize, phsize = (64, 56) if is64 else (52, 32)
    body = bytearray(size)
    body[0x1000:0x1000 + len(CODE)] = CODE
    phoff = ehsize if phoff is None else phoff
    table = bytearray()
    for p in phdrs:
        if is64:
            table += struct.pack('<IIQQQQQQ', p['type'], p['flags'],
                                 p['offset'], p['vaddr'], p['vaddr'],
                                 p['filesz'], p['memsz'], p['align'])
        else:
            table += struct.pack('<IIIIIIII', p['type'], p['offset'],
                                 p['vaddr'], p['vaddr'], p['filesz'],
                                 p['memsz'], p['flags'], p['align'])
    if phoff + len(table) <= len(body):
        body[phoff:phoff + len(table)] = table
    if entry is None:
        loads = [p for p in phdrs if p['type'] == PT_LOAD]
        entry = loads[0]['vaddr'] + 0x1000 - loads[0]['offset'] if loads else 0x08049000
    ident = b'\x7fELF' + bytes([2 if is64 else 1, 1, 1, 0]) + bytes(8)
    fmt = '<HHIQQQIHHHHHH' if is64 else '<HHIIIIIHHHHHH'
    header = ident + struct.pack(fmt, etype, machine, 1, entry, phoff, 0, 0,
                                 ehsize, phentsize or phsize,
                                 len(phdrs) if phnum is None else phnum,
                                 64 if is64 else 40, 0, 0)
    body[0:ehsize] = header
    for offset, data in extra:
        body[offset:offset + len(data)] = data
    return bytes(body)


STACK = seg(PT_GNU_STACK, R | W, 0, 0, 0, 0, 16)
TEXT32 = seg(PT_LOAD, R | X, 0, 0x08048000, 0x1008, 0x1008)
TEXT64 = seg(PT_LOAD, R | X, 0, 0x400000, 0x1008, 0x1008)


def interp(path):
    """A PT_INTERP naming PATH (its bytes at file offset 0x1800)."""
    return seg(PT_INTERP, R, 0x1800, 0x08049800, len(path), len(path), 1), \
        (0x1800, path)


FILES = {
    # A text segment and a .data/.bss segment whose .bss spills 2 pages
    # past the last file page: file VMA, then an anonymous VMA.
    'ok-bss-spill32': elf([TEXT32,
                           seg(PT_LOAD, R | W, 0x1000, 0x0804a000, 0x10, 0x3000),
                           STACK]),
    # A .bss that fits in the last file page: no anonymous VMA.
    'ok-bss-in-page32': elf([TEXT32,
                             seg(PT_LOAD, R | W, 0x1000, 0x0804a000, 0x10, 0x800),
                             STACK]),
    # A segment with no file bytes at all: only anonymous memory.
    'ok-only-bss32': elf([TEXT32,
                          seg(PT_LOAD, R | W, 0, 0x0804b000, 0, 0x2000),
                          STACK]),
    # PT_GNU_STACK asks for an executable stack: [stack] rwx, nothing else.
    'ok-exec-stack32': elf([TEXT32, seg(PT_GNU_STACK, R | W | X, 0, 0, 0, 0, 16)]),
    # No PT_GNU_STACK: READ_IMPLIES_EXEC for a 32-bit program.
    'ok-no-gnu-stack32': elf([TEXT32,
                              seg(PT_LOAD, R | W, 0x1000, 0x0804a000, 0x10, 0x2000)]),
    # The same without PT_GNU_STACK for a 64-bit program: no effect.
    'ok-no-gnu-stack64': elf([TEXT64,
                              seg(PT_LOAD, R | W, 0x1000, 0x402000, 0x10, 0x2000)],
                             cls=64, machine=EM_X86_64),
    # Two PT_LOADs over the same page: the later one replaces the earlier.
    'ok-overlap32': elf([TEXT32,
                         seg(PT_LOAD, R | W, 0, 0x08048000, 0x800, 0x800),
                         STACK]),
    # A segment whose file bytes lie past the end of the file: exec maps
    # it (touching it later is SIGBUS).
    'ok-past-eof32': elf([TEXT32,
                          seg(PT_LOAD, R, 0x5000, 0x08050000, 0x1000, 0x1000),
                          STACK]),
    # ET_EXEC without PT_LOAD: exec succeeds with nothing but the stack
    # and the vDSO (the first fetch faults).
    'ok-no-load32': elf([STACK], entry=0x08048000),
    # A 32-bit PIE-like ET_DYN without PT_INTERP (static PIE): placed
    # below mmap_base.
    'ok-static-pie32': elf([seg(PT_LOAD, R | X, 0, 0, 0x1008, 0x1008),
                            seg(PT_LOAD, R | W, 0x1000, 0x2000, 0x10, 0x3000),
                            STACK], etype=ET_DYN, entry=0x1000),
    # ET_DYN without PT_LOAD: the check on the mapping's total size is
    # inside the PT_LOAD loop, so exec succeeds (the kernel said so).
    'ok-no-load-dyn32': elf([STACK], etype=ET_DYN, entry=0x1000),
    # p_filesz > p_memsz: EINVAL.
    'bad-filesz32': elf([seg(PT_LOAD, R | X, 0, 0x08048000, 0x1008, 0x1000), STACK]),
    # p_offset and p_vaddr disagree modulo the page size: mmap's EINVAL.
    'bad-misaligned32': elf([seg(PT_LOAD, R | X, 0x100, 0x08048000, 0x800, 0x800),
                             STACK]),
    # A segment past the top of user space: ENOMEM from mmap.
    'bad-beyond-task-size32': elf([TEXT32,
                                   seg(PT_LOAD, R | W, 0x1000, 0xfffff000, 0x10, 0x10),
                                   STACK]),
    # The first segment lands on the stack (MAP_FIXED_NOREPLACE): EEXIST
    # on the 64-bit kernel, whose ia32 stack ends at 0xffffe000.
    'bad-on-stack32': elf([seg(PT_LOAD, R | X, 0, 0xfffe0000, 0x1008, 0x1008), STACK],
                          entry=0xfffe1000),
    # The .bss begins in a page wholly past the end of the file: exec
    # cannot zero it (EFAULT on 6.18; the 6.1 686 kernel in the VM ignores
    # padzero()'s failure and runs it: testdata/i386-vm/maps/check.sh).
    'bad-bss-past-eof32': elf([TEXT32,
                               seg(PT_LOAD, R | W, 0x4000, 0x0804c000, 0x10, 0x2000),
                               STACK]),
    # e_phentsize is not sizeof(Elf32_Phdr): ENOEXEC.
    'bad-phentsize32': elf([TEXT32, STACK], phentsize=40),
    # 200 program headers: more than a page (6.1 refuses: ENOEXEC), less
    # than 64 KiB (6.18 takes them; the extra ones read as zeros).
    'phnum200-32': elf([TEXT32, STACK], phnum=200),
    # 2049 program headers: more than 64 KiB: ENOEXEC everywhere.
    'bad-phnum2049-32': elf([TEXT32, STACK], phnum=2049, size=0x11000),
    # The program header table lies past the end of the file: ENOEXEC.
    'bad-phoff32': elf([TEXT32, STACK], phoff=0x10000),
    # A machine the kernel does not run: ENOEXEC.
    'bad-machine32': elf([TEXT32, STACK], machine=EM_ARM),
    # An ELF64 file that says EM_386: ENOEXEC.
    'bad-class64': elf([TEXT64, STACK], cls=64, machine=EM_386),
    # e_shnum 0 and section 0 claiming 2^64-1 (2^32-1) sections: libelf
    # refuses the section headers, the kernel never reads them - it runs.
    'ok-shnum0-64': elf([TEXT64, STACK], cls=64, machine=EM_X86_64,
                        extra=[(0x28, struct.pack('<Q', 0x1800)),
                               (0x1820, struct.pack('<Q', 2**64 - 1))]),
    'ok-shnum0-32': elf([TEXT32, STACK],
                        extra=[(0x20, struct.pack('<I', 0x1800)),
                               (0x1814, struct.pack('<I', 2**32 - 1))]),
    # A relocatable object: ENOEXEC.
    'bad-rel32': elf([TEXT32, STACK], etype=ET_REL),
    # PT_INTERP names a file that does not exist: ENOENT.
    'bad-interp-missing32': elf([interp(b'/no/such/ld.so\0')[0], TEXT32, STACK],
                                extra=[interp(b'/no/such/ld.so\0')[1]]),
    # PT_INTERP without its NUL: ENOEXEC.
    'bad-interp-unterminated32': elf([interp(b'/lib/ld-linux.so.2')[0], TEXT32, STACK],
                                     extra=[interp(b'/lib/ld-linux.so.2')[1]]),
    # 64-bit: ET_DYN without PT_LOAD (exec succeeds, as in 32-bit).
    'ok-no-load-dyn64': elf([STACK], cls=64, machine=EM_X86_64, etype=ET_DYN,
                            entry=0x1000),
}


def fake_ld_so(cls):
    """An interpreter shaped like glibc's ld.so: ET_DYN, a read-only page,
    text, read-only data, and data with a .bss that spills a page."""
    machine = EM_X86_64 if cls == 64 else EM_386
    return elf([seg(PT_LOAD, R, 0, 0, 0x1000, 0x1000),
                seg(PT_LOAD, R | X, 0x1000, 0x1000, 0x1008, 0x1008),
                seg(PT_LOAD, R, 0x3000, 0x3000, 0x800, 0x800),
                seg(PT_LOAD, R | W, 0x3800, 0x4800, 0x100, 0x1900),
                STACK], cls=cls, machine=machine, etype=ET_DYN, entry=0x1000,
               size=0x4000)


# A sysroot for --sysroot: interpreters that do not depend on the host.
SYSROOT = {
    'sysroot/lib64/ld-linux-x86-64.so.2': fake_ld_so(64),
    'sysroot/lib/ld-linux.so.2': fake_ld_so(32),
}

# A 32-bit PIE with PT_INTERP: placed at ELF_ET_DYN_BASE (0x400000), its
# interpreter top-down below mmap_base.
FILES['ok-pie32'] = elf([interp(b'/lib/ld-linux.so.2\0')[0],
                         seg(PT_LOAD, R | X, 0, 0, 0x1008, 0x1008),
                         seg(PT_LOAD, R | W, 0x1000, 0x2000, 0x10, 0x10),
                         STACK], etype=ET_DYN, entry=0x1000,
                        extra=[interp(b'/lib/ld-linux.so.2\0')[1]])

# For testdata/i386-vm/check.sh: a PIE whose interpreter is itself, once
# the check has copied it to /tmp/vmpieself32 - so the VM, which has no
# ld.so, still shows where a PIE and its interpreter go on 6.1.
FILES['vm-pie-self32'] = elf([interp(b'/tmp/vmpieself32\0')[0],
                              seg(PT_LOAD, R | X, 0, 0, 0x1008, 0x1008),
                              seg(PT_LOAD, R | W, 0x1000, 0x2000, 0x10, 0x10),
                              STACK], etype=ET_DYN, entry=0x1000,
                             extra=[interp(b'/tmp/vmpieself32\0')[1]])


def main():
    out = sys.argv[1]
    for name, data in sorted(list(FILES.items()) + list(SYSROOT.items())):
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        os.chmod(path, 0o755)


if __name__ == '__main__':
    main()
