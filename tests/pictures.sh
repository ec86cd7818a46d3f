#!/bin/sh
# pictures.sh - elfault maps --format=svg|png|pdf: the address space
# (Fig. 14.22) and the ELF file beside its VMAs (Fig. 14.23) of the seed
# program, read back from the SVG's invisible layer (tests/svg-facts.py:
# a real XML parser): the boxes there are, their order and their
# geometry to scale; the PNG's and PDF's bytes; the usage errors.
. "${srcdir:-.}/tests/lib.sh"

seed=$TESTDATA/seed/a.out
facts="python3 ${srcdir:-.}/tests/svg-facts.py"

status=0
"$ELFAULT" maps --format=svg "$seed" > "$scratch/as.svg" 2> "$scratch/err" ||
	status=$?
[ $status -eq 69 ] && skip_all "configured --without-cairo"
command -v python3 > /dev/null || skip_all "no python3 to parse the SVG"

# fact FILE CLASS TITLE-START: the "X Y W H" of the box of CLASS whose
# title starts with TITLE-START.
fact() {
	awk -v class="$2" -v title="$3" '$1 == "rect" && $2 == class &&
		index(substr($0, index($0, $7)), title) == 1 {
		print $3, $4, $5, $6; exit }' "$1"
}

# near A B: the numbers A and B differ by less than 0.01.
near() {
	awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(d < 0.01 && d > -0.01) }'
}

# --- Fig. 14.22 --------------------------------------------------------
if [ $status -eq 0 ] && $facts "$scratch/as.svg" > "$scratch/as" 2> "$scratch/err"; then
	ok "maps --format=svg: an SVG document (XML)"
else
	not_ok "maps --format=svg: an SVG document (XML)"
	sed 's/^/# /' "$scratch/err"
fi
n=$(grep -c '^rect vma ' "$scratch/as")
[ "$n" -eq 6 ] && ok "a box for each of the 6 VMAs" ||
	not_ok "a box for each of the 6 VMAs: $n"
[ "$(grep -c '^rect kernel .* c0000000-ffffffff ' "$scratch/as")" -eq 1 ] &&
	ok "the kernel's quarter, c0000000-ffffffff" || not_ok "the kernel's quarter"
for label in "08048000-08049000 r-xp  1 page" "[stack]" "[heap]" "[vdso]" \
	"bffdf000-c0000000 rw-p  132 KiB" "unmapped, 2.7 GiB" "a.out"; do
	grep -q -x -F "text $label" "$scratch/as" && ok "label '$label'" ||
		not_ok "label '$label'"
done

# The VMAs stacked high to low, a page 16 points, adjacent ones touching.
set -- $(fact "$scratch/as" vma 08048000-08049000); text_y=$2 text_h=$4
set -- $(fact "$scratch/as" vma 08049000-0804a000); data_y=$2 data_h=$4
set -- $(fact "$scratch/as" vma 0804a000-0804b000); heap_y=$2
set -- $(fact "$scratch/as" vma b7ffa000-b7ffe000); vvar_y=$2 vvar_h=$4
set -- $(fact "$scratch/as" vma b7ffe000-b8000000); vdso_y=$2 vdso_h=$4
set -- $(fact "$scratch/as" vma bffdf000-c0000000); stack_y=$2
set -- $(fact "$scratch/as" kernel c0000000); kernel_y=$2 kernel_h=$4
near "$text_h" 16 && near "$data_h" 16 && near "$vdso_h" 32 &&
	near "$vvar_h" 64 && ok "to scale: 1, 1, 2 and 4 pages, 16 points a page" ||
	not_ok "to scale: text $text_h, data $data_h, vdso $vdso_h, vvar $vvar_h"
near "$(echo "$data_y + 16" | bc)" "$text_y" &&
	near "$(echo "$heap_y + 16" | bc)" "$data_y" &&
	near "$(echo "$vdso_y + 32" | bc)" "$vvar_y" &&
	near "$(echo "$kernel_y + $kernel_h" | bc)" "$stack_y" &&
	ok "adjacent VMAs touch, higher addresses above" ||
	not_ok "adjacent VMAs touch: text $text_y data $data_y heap $heap_y"
awk -v a="$vvar_y" -v b="$heap_y" -v c="$stack_y" -v d="$vdso_y" \
	'BEGIN { exit !(c < d && a + 64 < b) }' &&
	ok "a gap between [vvar] and [heap], [stack] above [vdso]" ||
	not_ok "gaps and order"

# The overview: the line to scale, the kernel's quarter its top quarter.
set -- $(fact "$scratch/as" overview-kernel "the kernel"); top=$2 quarter=$4
set -- $(fact "$scratch/as" overview bffdf000); stack_mid=$(echo "$2 + $4 / 2" | bc -l)
set -- $(fact "$scratch/as" overview 08048000); text_mid=$(echo "$2 + $4 / 2" | bc -l)
awk -v top="$top" -v q="$quarter" -v s="$stack_mid" -v t="$text_mid" 'BEGIN {
	bottom = top + 4 * q
	# the stack (0x21000 bytes) ends at 0xc0000000, the text starts at
	# 0x08048000; a tick is centred on the middle of its VMA
	want_s = bottom - 3 * q - (135168 / 2) / 4294967296 * 4 * q
	want_t = bottom - (134512640 + 2048) / 4294967296 * 4 * q
	exit !((s - want_s)^2 < 0.01 && (t - want_t)^2 < 0.01) }' &&
	ok "overview to scale: [stack] under the kernel's quarter, text at 0x08048000" ||
	not_ok "overview: top $top quarter $quarter stack $stack_mid text $text_mid"

# --- Fig. 14.23 --------------------------------------------------------
"$ELFAULT" maps --sections --format=svg "$seed" > "$scratch/s.svg" &&
	$facts "$scratch/s.svg" > "$scratch/s" && ok "maps --sections --format=svg: XML" ||
	not_ok "maps --sections --format=svg: XML"
n=$(grep -c '^rect section ' "$scratch/s")
[ "$n" -eq 4 ] && ok "the file's 4 sections in memory" || not_ok "4 sections: $n"
[ "$(grep -c '^rect vma ' "$scratch/s")" -eq 3 ] &&
	ok "the program's 3 VMAs" || not_ok "the program's 3 VMAs"
grep -q '^rect file .* not loaded: .symtab .strtab .shstrtab, section headers' \
	"$scratch/s" && ok "what exec does not load, named" || not_ok "not loaded"
set -- $(fact "$scratch/s" vma 08049000-0804a000); d_y=$2 d_h=$4
set -- $(fact "$scratch/s" vma 0804a000-0804b000); h_y=$2 h_h=$4
set -- $(fact "$scratch/s" bss-file ".bss 08049800-0804a000"); bf_y=$2 bf_h=$4
set -- $(fact "$scratch/s" bss-anon ".bss 0804a000-0804a800"); ba_y=$2 ba_h=$4
# .bss: the upper half of the data page (file-backed), the lower half
# of the next, anonymous page.
near "$bf_y" "$d_y" && near "$bf_h" "$(echo "$d_h / 2" | bc -l)" &&
	near "$(echo "$ba_y + $ba_h" | bc)" "$(echo "$h_y + $h_h" | bc)" &&
	near "$ba_h" "$(echo "$h_h / 2" | bc -l)" &&
	ok ".bss split: the file's last page, then anonymous pages" ||
	not_ok ".bss split: data $d_y+$d_h file part $bf_y+$bf_h heap $h_y+$h_h anon $ba_y+$ba_h"
set -- $(fact "$scratch/s" section-memory ".rodata 08048108-080487c5"); r_h=$4
# 0x7c5 - 0x108 bytes at 96 points a page
near "$r_h" "$(echo "(1989 - 264) / 4096 * 96" | bc -l)" &&
	ok ".rodata to scale in its page" || not_ok ".rodata: $r_h"

# Section names of any length (a hostile file's): the row that names what
# exec does not load is cut to its room (159 bytes), "..." at the cut -
# before, a 290-byte name wrote past the row's buffer.
"$ELFAULT" maps --sections --format=svg "$TESTDATA/elf/i386-long-names" \
	> "$scratch/long.svg" 2> "$scratch/err" &&
	$facts "$scratch/long.svg" > "$scratch/long" &&
	row=$(sed -n 's/^rect file [0-9. ]* \(not loaded: .*\): file .*/\1/p' \
		"$scratch/long") &&
	[ ${#row} -eq 159 ] && [ "${row%...}" != "$row" ] &&
	[ "${row#not loaded: .note.xaaaa}" != "$row" ] &&
	ok "a 290-byte section name: its row cut at 159 bytes, with ..." ||
	not_ok "a 290-byte section name: row '${row:-}' ($(head -c 200 "$scratch/err"))"

# Every program exec accepts draws both pictures, odd ones included:
# no PT_LOAD (no VMA of the program's own), no section table, PIE, a
# .bss past the file's end (under ASan in CI: no read out of bounds).
for f in "$TESTDATA"/exec/ok-*; do
	name=${f##*/}
	for s in "" "--sections"; do
		# shellcheck disable=SC2086  # $s is an option or nothing
		if "$ELFAULT" maps $s --format=svg "$f" > "$scratch/odd.svg" \
			2> "$scratch/err" && $facts "$scratch/odd.svg" > /dev/null; then
			ok "$name ${s:-(address space)}: drawn, XML"
		else
			not_ok "$name ${s:-(address space)}: drawn, XML"
			sed 's/^/# /' "$scratch/err" | head -5
		fi
	done
done

# --- PNG, PDF, and what is refused ----------------------------------------
"$ELFAULT" maps --format=png --output "$scratch/as.png" "$seed" &&
	head -c 8 "$scratch/as.png" | od -An -tx1 | tr -d ' \n' > "$scratch/magic"
width=$(awk '$1 == "svg" { w = $2; print (w == int(w)) ? w : int(w) + 1 }' "$scratch/as")
png_width=$(od -An -tu1 -j16 -N4 "$scratch/as.png" |
	awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
[ "$(cat "$scratch/magic")" = 89504e470d0a1a0a ] && [ "$png_width" = "$width" ] &&
	ok "--format=png --output: a PNG as wide as the SVG ($width)" ||
	not_ok "PNG: magic $(cat "$scratch/magic"), width $png_width, want $width"
"$ELFAULT" maps --format=pdf "$seed" | head -c 5 | grep -q '^%PDF-' &&
	ok "--format=pdf" || not_ok "--format=pdf"
"$ELFAULT" maps -o "$scratch/text" "$seed" && "$ELFAULT" maps "$seed" |
	cmp -s - "$scratch/text" && ok "--output writes what stdout gets" ||
	not_ok "--output writes what stdout gets"

# refused NAME STATUS MESSAGE ARGS...: exit STATUS, one line with MESSAGE.
refused() {
	name=$1 want=$2 message=$3
	shift 3
	status=0
	"$ELFAULT" "$@" > /dev/null 2> "$scratch/err" || status=$?
	if [ $status -eq "$want" ] && grep -q -F -e "$message" "$scratch/err"; then
		ok "$name: exit $want"
	else
		not_ok "$name: exit $status"
		sed 's/^/# /' "$scratch/err"
	fi
}
refused "--format=gif" 64 "unknown format 'gif' (text, yaml, svg, png or pdf)" \
	maps --format=gif "$seed"
refused "--stack with a picture" 64 "--stack is text only, not --format=svg" \
	maps --stack --format=svg "$seed"
refused "a picture to a full disk" 70 "writing the output failed: " \
	maps --format=svg --output /dev/full "$seed"
refused "--output in a missing directory" 70 "cannot be written" \
	maps --output "$scratch/no/such" "$seed"
# A PNG is not written to a terminal (script(1) gives one).
if command -v script > /dev/null; then
	script -qec "\"$ELFAULT\" maps --format=png \"$seed\"" /dev/null \
		> "$scratch/tty" 2>&1
	status=$?
	[ $status -eq 64 ] && grep -q 'not written to a terminal' "$scratch/tty" &&
		ok "--format=png on a terminal: exit 64" ||
		not_ok "--format=png on a terminal: exit $status"
else
	ok "# SKIP no script(1) for a terminal"
fi
finish
