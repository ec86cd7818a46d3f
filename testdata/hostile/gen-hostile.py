#!/usr/bin/env python3
"""gen-hostile.py - the generated part of the hostile corpus (testdata/
hostile/; the README there lists every case): a program whose interpreter
is a host secret, and the scripts too long to write by hand.  (The links
that lead out of the directory are made by tests/hostile.sh in a copy of
it: a release tarball stores a link's target, not the link.)

usage: python3 hostile/gen-hostile.py   (from testdata/, or anywhere)
"""
import importlib.util
import os

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'gen_exec', os.path.join(HERE, '..', 'exec', 'gen-exec.py'))
gen_exec = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen_exec)

def write(name, data, mode=0o644):
    path = os.path.join(HERE, name)
    with open(path, 'wb') as f:
        f.write(data)
    os.chmod(path, mode)


def script(lines):
    return ('\n'.join(lines) + '\n').encode()


def main():
    # PT_INTERP names /etc/passwd: exec fails with EACCES, the
    # interpreter being outside what the script may read.
    interp = gen_exec.interp(b'/etc/passwd\0')
    write('interp-passwd32', gen_exec.elf(
        [interp[0], gen_exec.TEXT32, gen_exec.STACK], extra=[interp[1]]),
        0o755)
    write('fork-storm.yaml', script(
        ['# 5,000 forks of one process: the 4,097th process is refused',
         '# (elfault\'s limit, exit 2), in well under a second.',
         'steps:', '  - exec: a.out'] + ['  - fork: child'] * 5000))
    pairs = []
    for _ in range(1100):
        pairs += ['  - exec: a.out', '  - exit:']
    write('exec-exit.yaml', script(
        ['# 1,100 exec/exit pairs: more than the usual 1024 descriptors,',
         '# none kept open, a few MB whatever the count (exit 0).',
         'steps:'] + pairs))
    # file names of three letters, written into .bss, then open() with
    # O_WRONLY|O_CREAT: 130 files on a machine of 256 frames, whose tmpfs
    # has 128 inodes (shmem_default_max_inodes(): half the frames), the
    # root directory's among them
    rounds = []
    for i in range(130):
        name = [ord('a') + i // 676, ord('a') + i // 26 % 26, ord('a') + i % 26]
        rounds += ['  - write: buffer',
                   '    value: %#x' % (name[0] | name[1] << 8 | name[2] << 16),
                   '  - syscall: open', '    args: [buffer, 0x41, 0644]']
        if i >= 126:
            rounds += ['    expect: { result: %s }' %
                       ('3' if i == 126 else 'ENOSPC')]
        if i < 127:
            rounds += ['  - syscall: close', '    args: [3]']
    write('create-files.yaml', script(
        ['# 130 files created on a machine of 256 frames: its tmpfs has 128',
         '# inodes (nr_inodes, half the frames), one the root directory\'s,',
         '# so the 128th open() with O_CREAT is ENOSPC, and the rest (exit 0).',
         'machine:', '  memory: 1M', 'steps:', '  - exec: a.out'] + rounds))
    # 2.5 GiB ranges: a walk of one costs its page tables, not its
    # length (bench/scaling.sh measures it beside 4 KiB ranges)
    rounds = []
    for i in range(1500):
        fork = i % 3 == 2
        rounds += ['  - mmap: 0x10000000',
                   '    length: 0xa0000000',
                   '    prot: rw',
                   '    flags: [%s, anonymous, fixed]' %
                   ('private' if fork else 'shared'),
                   '  - write: 0x%x' % (0x10000000 + (i % 640) * 0x400000),
                   '    value: 1']
        if fork:
            rounds += ['  - fork: c%d' % i, '  - exit: c%d' % i,
                       '  - switch: parent', '  - syscall: wait4',
                       '    args: [-1, 0, 0, 0]']
        rounds += ['  - mprotect: 0x10000000', '    length: 0xa0000000',
                   '    prot: r', '  - munmap: 0x10000000',
                   '    length: 0xa0000000']
    write('range-churn.yaml', script(
        ['# 1,500 rounds on a 2.5 GiB range at 0x10000000: mmap (shared',
         '# anonymous, or private with a fork every third round), a write,',
         '# mprotect and munmap of the whole range.  Each walk of the range',
         '# passes over its page-directory entries with no table, and the',
         '# shmem object\'s pages are dropped as the cache holds them, not',
         '# page by page of its length: well under a second (exit 0).',
         'steps:', '  - exec: a.out', '    as: parent'] + rounds))
    # execve()'s arguments: 2,000 pointers (then NULL) to one string of 131,071
    # bytes (and its NUL), the pointers first, the string on the next page
    base, at = 0x20000000, 0x2000
    blob = bytearray(b'\0' * at)
    for i in range(2000):
        blob[4 * i:4 * i + 4] = (base + at).to_bytes(4, 'little')
    blob += b'A' * 131071 + b'\0'
    blob += b'\0' * (-len(blob) % 4096)
    write('execve-args.bin', bytes(blob))
    write('execve-args.yaml', script(
        ['# execve() with 2,000 arguments of 128 KiB each (the same string):',
         '# copy_strings() checks each against bprm->argmin (a quarter of',
         '# the stack rlimit, 2 MiB) before it copies it, so the 16th from',
         '# the end is E2BIG and nothing past it is read or held (exit 0).',
         'machine:', '  page-cache: warm', 'steps:', '  - exec: a.out',
         '  - mmap: 0x20000000', '    length: %d' % len(blob), '    prot: r',
         '    flags: [private, fixed]', '    file: execve-args.bin',
         '  - write: buffer', '    value: 0x74756f2e61    # "a.out"',
         '    size: 8', '  - syscall: execve',
         '    args: [buffer, 0x20000000, 0]',
         '    expect: { result: E2BIG }']))
    # shared anonymous memory written page by page on a machine of 256
    # frames without swap: shmem pages cannot be reclaimed, so the OOM
    # killer ends the writer, and the next write has no process
    writes = []
    for i in range(300):
        writes += ['  - write: 0x%x' % (0x10000000 + i * 4096), '    value: 1']
    write('shmem-fill.yaml', script(
        ['# 300 pages of shared anonymous memory written on a machine of',
         '# 256 frames and no swap: a shmem page is swap-backed, so without',
         '# swap reclaim leaves it (elfault once wrote it back into its own',
         '# memory, without end); the OOM killer ends the writer, and the',
         '# next write: has no process to run in (exit 2).',
         'machine:', '  memory: 1M', 'steps:', '  - exec: a.out',
         '  - mmap: 0x10000000', '    length: 0x200000', '    prot: rw',
         '    flags: [shared, anonymous, fixed]'] + writes))
    # 16 processes each with 510 pipes (descriptors 3 to 1022) that no
    # one writes: a pipe's pages come with its writes
    steps = ['  - exec: a.out', '    as: p0']
    steps += ['  - fork: p%d' % i for i in range(1, 16)]
    for i in range(16):
        steps += ['  - switch: p%d' % i]
        steps += ['  - syscall: pipe', '    args: [buffer]'] * 510
    write('pipes.yaml', script(
        ['# 16 processes, each with 510 pipes no one writes (8,160 pipes):',
         '# pipe_write() takes a page for each buffer it fills, so an empty',
         '# pipe costs none - a few MB in all (exit 0).', 'steps:'] + steps))
    write('long-scalar.yaml', script(
        ['# A 2 MiB value: the reader stops a token past 1 MiB, before',
         '# libyaml holds it, and says where it starts (exit 2); the step',
         '# before it runs.  A few MB of memory.',
         'steps:', '  - exec: a.out',
         '  - read: ' + 'x' * (2 << 20)]))


main()
