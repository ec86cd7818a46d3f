#!/bin/sh
# replay-pictures.sh - `elfault replay --format=svg|png|pdf`: the pictures
# of a replay (--picture=timeline, tables, walk) and of --compare-policies
# are drawn from the model's data.  Each SVG must parse as XML; its
# invisible layer (canvas.h: a titled <rect> per PTE, frame, bit, fault
# and run, a titled <line> per PTE's arrow) must carry the facts the
# text report prints - frame numbers, PTE flags, the failed bit, the
# Belady size - and its geometry must show what the picture claims: a
# frame shared after fork drawn once, with both PTEs' arrows ending in
# it.  (The text report itself is the goldens' to check: golden-replay.sh.)
. "${srcdir:-.}/tests/lib.sh"

command -v python3 > /dev/null || skip_all "no python3 to read the SVG"
"$ELFAULT" replay --format=svg "$TESTDATA/replay/fork-cow.yaml" \
	> /dev/null 2>&1
[ $? -eq 69 ] && skip_all "elfault built without cairo"

# svg FILE QUERY [ARG]: what the picture says.
#   parse         nothing; exit status 1 if FILE is not well-formed XML
#   titles CLASS  the titles of the boxes and links of CLASS, a line each
#   into TITLE    the titles of the links ending inside the box whose
#                 title starts with TITLE (one box, else an error)
#   texts         the labels
svg() {
	python3 - "$@" <<'EOF'
import sys
import xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
try:
    root = ET.parse(sys.argv[1]).getroot()
except ET.ParseError as e:
    print(e)
    sys.exit(1)
query = sys.argv[2]
def titled(tag):
    for e in root.iter(NS + tag):
        t = e.find(NS + 'title')
        if t is not None:
            yield e, t.text
if query == 'titles':
    for tag in ('rect', 'line'):
        for e, title in titled(tag):
            if sys.argv[3] in (e.get('class') or '').split():
                print(title)
elif query == 'into':
    boxes = [e for e, t in titled('rect') if t.startswith(sys.argv[3])]
    if len(boxes) != 1:
        print('%d boxes titled %s' % (len(boxes), sys.argv[3]))
        sys.exit(1)
    b = boxes[0]
    x, y = float(b.get('x')), float(b.get('y'))
    w, h = float(b.get('width')), float(b.get('height'))
    for e, title in titled('line'):
        x2, y2 = float(e.get('x2')), float(e.get('y2'))
        if x <= x2 <= x + w and y <= y2 <= y + h:
            print(title)
elif query == 'texts':
    for e in root.iter(NS + 'text'):
        print(e.text)
EOF
}

# expect DESCRIPTION EXPECTED ACTUAL-FILE: the file is EXPECTED, line by line.
expect() {
	printf '%s\n' "$2" > "$scratch/expected"
	check_file "$1" "$scratch/expected" "$3"
}

# draws DESCRIPTION FILE: the command that wrote FILE succeeded and FILE
# is one well-formed SVG document.
draws() {
	if [ "$status" -eq 0 ] && svg "$2" parse > "$scratch/why"; then
		ok "$1: exit 0, the SVG parses"
	else
		not_ok "$1: exit $status; $(cat "$scratch/why")"
	fi
}

cd "$TESTDATA/replay" || exit 1
pic="$scratch/pic.svg"

# ---- tables: Fig. 14.24 ---------------------------------------------------
# fork-cow.yaml: step 3 forks, step 6 is the child's copy-on-write write.
status=0
"$ELFAULT" replay --picture=tables:3 fork-cow.yaml > "$pic" || status=$?
draws "tables:3 after fork" "$pic"
svg "$pic" titles frame | grep '^frame 0x19 ' > "$scratch/out"
expect "after fork: frame 0x19 drawn once, mapped twice, shared" \
	"frame 0x19 ref 2 map 2 shared: anonymous 08049000" "$scratch/out"
svg "$pic" into "frame 0x19 " > "$scratch/out"
expect "after fork: both processes' PTEs' arrows end in frame 0x19" \
	"pid 1 pte[73] -> frame 0x19
pid 2 pte[73] -> frame 0x19" "$scratch/out"
svg "$pic" titles pte | grep 'pte\[73\]' > "$scratch/out"
expect "after fork: both PTEs read-only, with their flags" \
	"pid 1 pte[73] 08049000 P US A D -> frame 0x19 ro
pid 2 pte[73] 08049000 P US D -> frame 0x19 ro" "$scratch/out"

status=0
"$ELFAULT" replay --picture=tables:6 fork-cow.yaml > "$pic" || status=$?
draws "tables:6 after the copy-on-write fault" "$pic"
svg "$pic" titles frame | grep -E '^frame 0x(19|1d) ' > "$scratch/out"
expect "after the fault: two frames, neither shared" \
	"frame 0x19 ref 1 map 1: anonymous 08049000
frame 0x1d ref 1 map 1: anonymous 08049000" "$scratch/out"
svg "$pic" into "frame 0x1d " > "$scratch/out"
expect "after the fault: the child's PTE alone points at its copy" \
	"pid 2 pte[73] -> frame 0x1d" "$scratch/out"
svg "$pic" titles pte | grep 'pid 2 pte\[73\]' > "$scratch/out"
expect "after the fault: the child's PTE writable, dirty" \
	"pid 2 pte[73] 08049000 P RW US A D -> frame 0x1d rw" "$scratch/out"

status=0
"$ELFAULT" replay --picture=tables:3,6 fork-cow.yaml > "$pic" || status=$?
draws "tables:3,6 side by side" "$pic"
svg "$pic" texts | grep '^after ' > "$scratch/out"
expect "tables:3,6: a caption a panel, as the report names the step" \
	"after step 3 (line 11): pid 1 parent: fork: pid 2
after step 6 (line 17): pid 2 child: write 0x080497c8 (counter) size 4 value 0x2" \
	"$scratch/out"

status=0
"$ELFAULT" replay --picture=tables show-fork.yaml > "$pic" || status=$?
draws "tables: each show: step" "$pic"
svg "$pic" texts | grep '^after ' | cut -d: -f1 > "$scratch/out"
expect "tables: a panel for each show: step" \
	"after step 4 (line 18)
after step 7 (line 24)
after step 10 (line 31)" "$scratch/out"

# signals.yaml: step 14's SIGSEGV kills the last process; fork-cow.yaml:
# step 12 exits the last one.
status=0
"$ELFAULT" replay --picture=tables signals.yaml > "$pic" || status=$?
draws "tables without show: steps" "$pic"
svg "$pic" texts | grep -E '^(after|at the end)' | cut -d: -f1 > "$scratch/out"
expect "tables: without show: steps, after the last step that left a \
process alive" "after step 13 (line 41)" "$scratch/out"
status=0
"$ELFAULT" replay --picture=tables fork-cow.yaml > "$pic" || status=$?
svg "$pic" texts | grep -E '^(after|at the end)' > "$scratch/out"
expect "tables of fork-cow.yaml: after the child's exit, the parent's" \
	"after step 11 (line 31): pid 2 child: exit" "$scratch/out"
svg "$pic" titles pte | grep -c '^pid 1 ' > "$scratch/out"
expect "tables of fork-cow.yaml: the parent's PTEs in it" 2 "$scratch/out"

# ---- walk --------------------------------------------------------------------
status=0
"$ELFAULT" replay --picture=walk:6 show-fork.yaml > "$pic" || status=$?
draws "walk:6 of show-fork.yaml (pte.W)" "$pic"
svg "$pic" titles bit | grep -E 'failed|pte\.(P|RW)=' > "$scratch/out"
expect "walk pte.W: the PTE's RW bit is the failed one, P is set" \
	"pte.RW=0 failed
pte.P=1" "$scratch/out"
svg "$pic" titles entry > "$scratch/out"
expect "walk pte.W: the PDE and PTE words" \
	"pde[32] = 0x0001b067
pte[73] = 0x00019045" "$scratch/out"
svg "$pic" titles frame > "$scratch/out"
expect "walk pte.W: the frame the PTE names" \
	"frame 0x19, the access refused" "$scratch/out"
svg "$pic" texts | grep -c '^kernel: wp-copy: .*frame 0x19 copied to 0x1d' \
	> "$scratch/out"
expect "walk pte.W: the kernel's line, as the report says it" 1 "$scratch/out"

status=0
"$ELFAULT" replay --picture=walk:2 signals.yaml > "$pic" || status=$?
draws "walk:2 of signals.yaml (pde.P)" "$pic"
svg "$pic" titles bit | grep failed > "$scratch/out"
expect "walk pde.P: the PDE's P bit failed" "pde.P=0 failed" "$scratch/out"
svg "$pic" titles entry > "$scratch/out"
expect "walk pde.P: the PTE not read" "pde[64] = 0x00000000
not read" "$scratch/out"
svg "$pic" titles frame > "$scratch/out"
expect "walk pde.P: no frame" "no frame" "$scratch/out"
svg "$pic" texts | grep -c '^no page table: the PDE is not present$' \
	> "$scratch/out"
expect "walk pde.P: no page table, not one at 0" 1 "$scratch/out"

status=0
"$ELFAULT" replay --picture=walk:6.1 fork-cow.yaml > "$pic" || status=$?
draws "walk:6.1 of fork-cow.yaml (the TLB's entry)" "$pic"
svg "$pic" titles bit > "$scratch/out"
expect "walk from the TLB: its RW failed, no entry read" "tlb.RW=0 failed" \
	"$scratch/out"

status=0
"$ELFAULT" replay --picture=walk fork-cow.yaml > "$pic" || status=$?
draws "walk: the replay's first fault" "$pic"
svg "$pic" texts | grep -c '^step 1 (line 4)' > "$scratch/out"
expect "walk without a step: step 1's fault (exec's padzero)" 1 \
	"$scratch/out"

# ---- timeline ----------------------------------------------------------------
status=0
"$ELFAULT" replay fork-cow.yaml --format=svg > "$pic" || status=$?
draws "timeline (the default picture)" "$pic"
svg "$pic" titles fault > "$scratch/out"
expect "timeline: each fault, its step, process, kind and address" \
	"step 1: pid 1 file-cow at 0x080497f8
step 6: pid 2 wp-copy at 0x080497c8
step 10: pid 1 wp-reuse at 0x080497c8" "$scratch/out"
svg "$pic" titles cow | wc -l | tr -d ' ' > "$scratch/out"
expect "timeline: all three are copy-on-write" 3 "$scratch/out"

status=0
"$ELFAULT" replay --picture=timeline signals.yaml > "$pic" || status=$?
draws "timeline of signals.yaml" "$pic"
for class in minor major cow signal; do
	svg "$pic" titles "$class" | wc -l | tr -d ' '
done | paste -sd' ' - > "$scratch/out"
expect "timeline: no other minor, 1 major, 5 cow (exec's file-cow), 5 signals" \
	"0 1 5 5" "$scratch/out"

# ---- --compare-policies --------------------------------------------------------
status=0
"$ELFAULT" replay --compare-policies --sizes=104K,108K,112K,116K,120K \
	--format=svg belady.yaml > "$pic" || status=$?
draws "--compare-policies --format=svg" "$pic"
svg "$pic" titles anomaly > "$scratch/out"
expect "the plot marks Belady's anomaly where the table names it" \
	"lru2q: Belady's anomaly: 10 faults with 108K, 11 with 112K
clock: Belady's anomaly: 10 faults with 108K, 11 with 112K
fifo: Belady's anomaly: 10 faults with 108K, 11 with 112K" "$scratch/out"
svg "$pic" titles run | grep '^fifo' > "$scratch/out"
expect "the plot: fifo's runs, frames left and faults" \
	"fifo 104K (7 frames left): 13 faults
fifo 108K (8 frames left): 10 faults
fifo 112K (9 frames left): 11 faults
fifo 116K (10 frames left): 6 faults
fifo 120K (11 frames left): 6 faults" "$scratch/out"
svg "$pic" titles run | wc -l | tr -d ' ' > "$scratch/out"
expect "the plot: a point per policy and size" 25 "$scratch/out"

status=0
"$ELFAULT" replay --compare-policies --swap=0 --format=svg belady.yaml \
	> "$pic" || status=$?
draws "--compare-policies --swap=0 --format=svg" "$pic"
svg "$pic" titles failed | grep -c '^fifo .*: a step failed$' > "$scratch/out"
expect "no swap: the runs that could not go on are marked" 7 "$scratch/out"
svg "$pic" texts | grep -c 'try --swap=SIZE' > "$scratch/out"
expect "no swap: the plot says to try --swap, as the table does" 1 \
	"$scratch/out"

# ---- PNG, PDF, --output ---------------------------------------------------------
status=0
"$ELFAULT" replay --picture=tables:3 --format=png fork-cow.yaml \
	> "$scratch/pic.png" || status=$?
if [ $status -eq 0 ] && [ "$(head -c 4 "$scratch/pic.png" | od -An -c |
			       tr -d ' ')" = "211PNG" ]; then
	ok "--format=png writes a PNG"
else
	not_ok "--format=png: exit $status"
fi
# doc/fork-cow.png, the README's picture, is what the README's command
# draws now: the same width and height (IHDR; the pixels depend on the
# fonts' rasteriser, so they are not compared).
"$ELFAULT" replay --picture=tables:3,6 --format=png -o "$scratch/cow.png" \
	fork-cow.yaml
png_size() {
	od -An -tu1 -j16 -N8 "$1" | tr -s ' ' | sed 's/^ //'
}
if [ "$(png_size "$scratch/cow.png")" = \
     "$(png_size "$TESTDATA/../doc/fork-cow.png")" ]; then
	ok "doc/fork-cow.png: the README's command draws it so"
else
	not_ok "doc/fork-cow.png: $(png_size "$TESTDATA/../doc/fork-cow.png"), drawn now $(png_size "$scratch/cow.png")"
fi
status=0
"$ELFAULT" replay --picture=walk:6 --format=pdf -o "$scratch/pic.pdf" \
	fork-cow.yaml > "$scratch/stdout" || status=$?
if [ $status -eq 0 ] && [ ! -s "$scratch/stdout" ] &&
   [ "$(head -c 5 "$scratch/pic.pdf")" = "%PDF-" ]; then
	ok "-o FILE: the PDF in FILE, nothing on stdout"
else
	not_ok "-o FILE --format=pdf: exit $status"
fi
"$ELFAULT" replay fork-cow.yaml > "$scratch/text"
"$ELFAULT" replay -o "$scratch/text-o" fork-cow.yaml
check_file "-o FILE: the text report, as on stdout" "$scratch/text" \
	"$scratch/text-o"
if command -v script > /dev/null; then
	status=0
	script -qec "$ELFAULT replay --format=png fork-cow.yaml" /dev/null \
		> "$scratch/out" 2>&1 || status=$?
	if [ $status -eq 64 ] && grep -q "not written to a terminal" \
			"$scratch/out"; then
		ok "--format=png to a terminal: refused (64)"
	else
		not_ok "--format=png to a terminal: exit $status"
	fi
fi

# ---- errors ---------------------------------------------------------------------
# refuses STATUS MESSAGE ARGS...: elfault replay ARGS exits STATUS with
# MESSAGE, one line, on stderr and nothing on stdout.
refuses() {
	want=$1 message=$2
	shift 2
	status=0
	"$ELFAULT" replay "$@" > "$scratch/stdout" 2> "$scratch/stderr" ||
		status=$?
	if [ $status -eq "$want" ] && [ ! -s "$scratch/stdout" ] &&
	   grep -qF -- "$message" "$scratch/stderr"; then
		ok "replay $*: $want, $message"
	else
		not_ok "replay $*: exit $status, $(head -n 1 "$scratch/stderr")"
	fi
}
refuses 64 "elfault: --picture walk:4: step 4 took no page fault" \
	--picture=walk:4 fork-cow.yaml
refuses 64 "step 6 took 1 page fault, not 2" --picture=walk:6.2 fork-cow.yaml
refuses 64 "step 99: the replay ran 12 steps" --picture=tables:3,99 \
	fork-cow.yaml
refuses 64 "--picture maps: not one of timeline" --picture=maps \
	fork-cow.yaml
refuses 64 "at most 4 steps" --picture=tables:1,2,3,4,5 fork-cow.yaml
refuses 64 "a step is a number from 1" --picture=walk:0 fork-cow.yaml
refuses 64 "--picture goes with --format=svg, png or pdf" \
	--picture=timeline --format=yaml fork-cow.yaml
refuses 64 "--compare-policies draws its own plot" --compare-policies \
	--picture=timeline belady.yaml
refuses 64 "a picture goes without --quiet" --format=svg -q fork-cow.yaml
refuses 2 "no-such.yaml" --format=svg no-such.yaml

finish
