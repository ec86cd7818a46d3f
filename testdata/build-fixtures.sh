#!/usr/bin/env bash
# build-fixtures.sh -- rebuild every ELF test fixture for elfault.
#
# Usage: testdata/build-fixtures.sh      (from any directory)
#
# Everything is assembled from the sources in seed/ and src/ with GNU as
# and ld (plus objcopy, ar, dd, printf, head); no compiler, no libc, no
# multilib.  The outputs are deterministic (no timestamps, build ids or
# absolute paths end up in them) and are checked in, together with what
# objdump -h says about each of them (expected/), so test results do not
# drift with the toolchain.  Outputs were produced with GNU binutils 2.40.
#
# Layout (all paths relative to this directory):
#   seed/a.s, seed/a.ld  -> seed/a.out         the chapter's program
#                        -> replay/programs/a.out, hostile/a.out
#                                                   copies for the scripts
#   src/*.s              -> elf/*              other well-formed fixtures
#   (derived)            -> bad/*              malformed inputs
#   expected/<path>.sections        stdout of `objdump -h <path>`, run here
#   expected/bad/<name>.sections.err     its stderr, "objdump" -> "elfault"
#   expected/bad/<name>.sections.status  its exit status
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

AS32=(as --32)
AS64=(as --64)
LD32=(ld -m elf_i386 --build-id=none)
LD64=(ld -m elf_x86_64 --build-id=none)

rm -f seed/a.out
# What this script makes, made anew (its answers in expected/ are
# overwritten); bad/ keeps the inputs the fuzzers found, checked in
# beside the ones made here, and expected/ the answers of the other
# generators and tests.
rm -rf elf
mkdir -p elf bad expected/seed expected/elf expected/bad

# patch FILE OFFSET OCTAL-ESCAPED-BYTES: overwrite bytes in place.
patch_bytes() {
    # shellcheck disable=SC2059  # $3 is meant to be a printf format
    printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# u32le FILE OFFSET / u16le FILE OFFSET: read a little-endian field.
u32le() { od -An -t u4 -j "$2" -N 4 "$1" | tr -d ' '; }
u16le() { od -An -t u2 -j "$2" -N 2 "$1" | tr -d ' '; }

# ---------------------------------------------------------------- seed --
# The chapter's a.out: exact section table, 3 program headers (see a.ld).
"${AS32[@]}" -o "$tmp/a.o" seed/a.s
"${LD32[@]}" -T seed/a.ld -z noexecstack -o seed/a.out "$tmp/a.o"
# The replay scripts run it from their own tree (replay/programs/: a
# script reads only the files under its directory unless allowed more).
cp seed/a.out replay/programs/a.out
cp seed/a.out hostile/a.out

# ---------------------------------------------------- i386 executables --
"${AS32[@]}" -o "$tmp/i386-exec.o" src/i386-exec.s
"${LD32[@]}" -o elf/i386-exec "$tmp/i386-exec.o"
"${AS32[@]}" -o "$tmp/i386-long-names.o" src/i386-long-names.s
"${LD32[@]}" -o elf/i386-long-names "$tmp/i386-long-names.o"

# ---------------------------------------------------------- relocatable --
"${AS32[@]}" -o elf/i386-rel.o src/i386-rel.s
"${AS64[@]}" -o elf/x86_64-rel.o src/x86_64-rel.s

# -------------------------------------------- x86-64 static exec / PIE --
"${AS64[@]}" -o "$tmp/x86_64-prog.o" src/x86_64-prog.s
"${LD64[@]}" -o elf/x86_64-static-exec "$tmp/x86_64-prog.o"
"${LD64[@]}" -pie --no-dynamic-linker -z text \
    -o elf/x86_64-static-pie "$tmp/x86_64-prog.o"

# ------------------------------------- shared library + dynamic PIE --
"${AS64[@]}" -o "$tmp/libtiny.o" src/libtiny.s
"${LD64[@]}" -shared -soname libtiny.so --hash-style=both \
    -o elf/libtiny.so "$tmp/libtiny.o"
"${AS64[@]}" -o "$tmp/x86_64-pie.o" src/x86_64-pie.s
# shellcheck disable=SC2016  # a literal $ORIGIN for DT_RUNPATH
"${LD64[@]}" -pie -dynamic-linker /lib64/ld-linux-x86-64.so.2 \
    -rpath '$ORIGIN' --hash-style=both \
    -o elf/x86_64-pie "$tmp/x86_64-pie.o" elf/libtiny.so

# ----------------------------------------------------------- debug info --
# Run from this directory with a relative source path, and map the cwd
# to "." so DW_AT_comp_dir does not depend on where the tree is checked out.
"${AS64[@]}" -g --debug-prefix-map "$here"=. -o elf/debug.o src/debug.s
objcopy --compress-debug-sections=zlib     elf/debug.o elf/debug-zlib.o
objcopy --compress-debug-sections=zstd     elf/debug.o elf/debug-zstd.o
objcopy --compress-debug-sections=zlib-gnu elf/debug.o elf/debug-zlib-gnu.o

# ------------------------------------------------------------ comdat, TLS --
"${AS64[@]}" -o elf/comdat.o src/comdat.s
"${AS64[@]}" -o elf/x86_64-tls.o src/tls.s
"${LD64[@]}" -o elf/x86_64-tls-exec elf/x86_64-tls.o

# ------------------------------------------- other ABIs and machines --
as --x32 -o elf/x32.o src/x32.s
"${AS32[@]}" -march=iamcu -o elf/iamcu.o src/iamcu.s
ld -m elf_iamcu --build-id=none -o elf/iamcu-exec elf/iamcu.o
"${AS64[@]}" -o elf/misc-sections.o src/misc-sections.s

# Big-endian PowerPC object, spelled out byte by byte (see src/ppc32-be.s).
"${AS32[@]}" -o "$tmp/ppc32-be.tmp.o" src/ppc32-be.s
objcopy -O binary -j .data "$tmp/ppc32-be.tmp.o" elf/ppc32-be.o

# Foreign machine by patching: elf/x86_64-rel.o with e_machine (offset 18,
# 2 bytes little-endian) changed from EM_X86_64 (62) to EM_AARCH64 (183 =
# 0xb7).  This x86-only objdump then reads it as generic "elf64-little".
cp elf/x86_64-rel.o elf/aarch64-patched.o
patch_bytes elf/aarch64-patched.o 18 '\267\000'

# ---------------------------------------------------------------- archive --
"${AS64[@]}" -o "$tmp/archive-a.o" src/archive-a.s
"${AS64[@]}" -o "$tmp/archive-b.o" src/archive-b.s
(cd "$tmp" && ar rcD libpair.a archive-a.o archive-b.o)
cp "$tmp/libpair.a" elf/libpair.a

# ------------------------------------------------------------ bad inputs --
# Derived from seed/a.out (ELF32 LSB: e_shoff at 0x20, e_shnum at 0x30,
# e_shstrndx at 0x32, 40-byte section headers, sh_offset at +16).
# Each comment says what `objdump -h bad/<name>` prints with binutils 2.40
# (see also expected/bad/<name>.sections{,.err,.status}).
shoff=$(u32le seed/a.out 32)
shnum=$(u16le seed/a.out 48)

# bad/empty: zero-length file.
#   stdout: nothing
#   stderr: nothing (objdump 2.40 skips files of size 0 silently)  exit 1
: > bad/empty

# bad/truncated-ehdr: the first 20 bytes of seed/a.out (ELF header is 52).
#   stdout: nothing
#   stderr: objdump: bad/truncated-ehdr: file format not recognized   exit 1
head -c 20 seed/a.out > bad/truncated-ehdr

# bad/truncated-shdrs: seed/a.out cut 100 bytes into its section header
# table (only 2.5 of its 8 headers remain).
#   stdout: nothing
#   stderr: objdump: bad/truncated-shdrs: file format not recognized  exit 1
head -c $((shoff + 100)) seed/a.out > bad/truncated-shdrs

# bad/shstrndx-out-of-range: e_shstrndx = 80 with e_shnum = 8.
#   stdout: the "file format elf32-i386" line and the column header line,
#           but no section rows
#   stderr: objdump: warning: bad/shstrndx-out-of-range has a corrupt
#           string table index                                    exit 0
cp seed/a.out bad/shstrndx-out-of-range
patch_bytes bad/shstrndx-out-of-range 50 '\120\000'

# bad/section-past-eof: .data (section 3) gets sh_offset = 0x100000, far
# past the end of the 2.7 KB file; sh_offset + sh_size > file size.
#   stdout: the full 4-row table; the .data row shows File off 00100000
#   stderr: objdump: warning: bad/section-past-eof has a section extending
#           past end of file                                      exit 0
cp seed/a.out bad/section-past-eof
patch_bytes bad/section-past-eof $((shoff + 3 * 40 + 16)) '\000\000\020\000'

# bad/ei-data-swapped: seed/a.out with EI_DATA (byte 5) changed from
# ELFDATA2LSB to ELFDATA2MSB, so every header field reads byte-swapped.
#   stdout: nothing
#   stderr: objdump: bad/ei-data-swapped: file format not recognized  exit 1
cp seed/a.out bad/ei-data-swapped
patch_bytes bad/ei-data-swapped 5 '\002'

# bad/not-elf.txt: a plain text file.
#   stdout: nothing
#   stderr: objdump: bad/not-elf.txt: file format not recognized      exit 1
printf 'This is not an ELF file.\nJust two lines of text.\n' > bad/not-elf.txt

[ "$shnum" = 8 ] || { echo "seed/a.out: expected 8 section headers" >&2; exit 1; }

# ------------------------------------------------------ expected output --
# Produced by running objdump -h here, on the relative path.  objdump's
# program name in messages is replaced by elfault's.
if ! objdump --version | head -n 1 | grep -q ' 2\.40$'; then
    echo "warning: expected/ is meant to come from objdump 2.40;" \
         "this is $(objdump --version | head -n 1)" >&2
fi
for f in seed/a.out elf/*; do
    objdump -h "$f" > "expected/$f.sections"
done
for f in bad/*; do
    status=0
    objdump -h "$f" > "expected/$f.sections" 2> "$tmp/err" || status=$?
    sed 's/^objdump:/elfault:/' "$tmp/err" > "expected/$f.sections.err"
    echo "$status" > "expected/$f.sections.status"
done
# objdump skips an empty file without a word (exit 1); elfault says why in
# one line, the only place where its standard error differs from objdump's.
echo "elfault: 'bad/empty': file is empty" > expected/bad/empty.sections.err

echo "fixtures rebuilt in $here"
