#!/bin/sh
# html.sh - elfault maps and replay --html FILE: one self-contained page
# each, checked in
# a real browser (Debian's chromium, headless): it loads, every picture
# is shown and drawn (cairo's glyph references resolve within its own
# SVG), and nothing is cut off (no sideways scrolling, no element past
# the page's edge), in a wide window and a narrow one (500 pixels, headless chromium's least).  The browser runs
# tests/html-check.js in a copy of the page and writes its verdict into
# the DOM it dumps.  Skipped without chromium.
. "${srcdir:-.}/tests/lib.sh"

# The seed program under a long path without spaces, as a build
# directory can be: the page's title must wrap, not widen the page.
long=$scratch/a_directory_name_much_longer_than_a_narrow_window_is_wide_0123456789
mkdir "$long" && cp "$TESTDATA/seed/a.out" "$long/a.out"
seed=$long/a.out
status=0
"$ELFAULT" maps --html "$scratch/maps.html" "$seed" > "$scratch/out" \
	2> "$scratch/err" || status=$?
[ $status -eq 69 ] && skip_all "configured --without-cairo"

# --- without a browser -------------------------------------------------
[ $status -eq 0 ] && ok "maps --html: exit 0" || not_ok "maps --html: exit $status"
"$ELFAULT" maps "$seed" | cmp -s - "$scratch/out" &&
	ok "maps --html: the standard output unchanged" ||
	not_ok "maps --html: the standard output unchanged"
n=$(grep -c '^<svg ' "$scratch/maps.html")
[ "$n" -eq 2 ] && ok "two inline SVG pictures" || not_ok "two inline SVG pictures: $n"
if grep -q -i -E '<(script|link|img|iframe)|src=|url\(["'"'"']?(https?:|//)' \
	"$scratch/maps.html"; then
	not_ok "self-contained: nothing fetched"
else
	ok "self-contained: nothing fetched"
fi
grep -q '^<pre>08048000-08049000 r-xp ' "$scratch/maps.html" &&
	grep -q '^    \.bss  *0804a000-0804a800  zero-filled, anonymous memory' \
		"$scratch/maps.html" &&
	ok "the maps report, and with its sections" || not_ok "the reports"
status=0
"$ELFAULT" maps --html /dev/full "$seed" > /dev/null 2> "$scratch/err" ||
	status=$?
[ $status -eq 70 ] && grep -q 'writing the output failed' "$scratch/err" &&
	ok "--html to a full disk: exit 70" || not_ok "--html to a full disk: exit $status"

# replay: the report as standard output has it, and three pictures.
status=0
"$ELFAULT" replay --html "$scratch/replay.html" \
	"$TESTDATA/replay/fork-cow.yaml" > "$scratch/out" 2> "$scratch/err" ||
	status=$?
[ $status -eq 0 ] && ok "replay --html: exit 0" || not_ok "replay --html: exit $status"
"$ELFAULT" replay "$TESTDATA/replay/fork-cow.yaml" | cmp -s - "$scratch/out" &&
	ok "replay --html: the standard output unchanged" ||
	not_ok "replay --html: the standard output unchanged"
n=$(grep -c '^<svg ' "$scratch/replay.html")
[ "$n" -eq 3 ] && ok "replay: three pictures (timeline, tables, walk)" ||
	not_ok "replay: three pictures: $n"
grep -q '^    kernel: wp-copy: write-protect fault: the page copied; frame 0x19 copied to 0x1d (minor)$' \
	"$scratch/replay.html" &&
	grep -q '^12 steps, 3 faults (3 minor, 0 major, 0 signals), 0 expectations failed$' \
	"$scratch/replay.html" && ok "replay: the text report, to its summary" ||
	not_ok "replay: the text report"
# cairo 1.16 placed the glyphs by uninitialised memory, so that which
# page went wrong hung on the script's path (in the title) and the heap.
if grep -q '<use [^>]* [xy]="-\{0,1\}[0-9]\{8,\}' "$scratch/replay.html"; then
	not_ok "replay: no glyph placed millions of points away"
else
	ok "replay: no glyph placed millions of points away"
fi
status=0
"$ELFAULT" replay --html "$scratch/x.html" --compare-policies \
	"$TESTDATA/replay/belady.yaml" > /dev/null 2>&1 || status=$?
[ $status -eq 64 ] && ok "replay --html --compare-policies: exit 64" ||
	not_ok "replay --html --compare-policies: exit $status"

# --- in the browser --------------------------------------------------------
browser=
for b in chromium chromium-browser google-chrome; do
	command -v "$b" > /dev/null && browser=$b && break
done
if [ -z "$browser" ]; then
	ok "# SKIP no chromium for the browser check (apt-get install chromium)"
	finish
fi

# in_browser PAGE WIDTH: PAGE with the check, loaded in a WIDTH pixels
# wide window; prints the verdict.
in_browser() {
	sed '/^<\/body>$/d; /^<\/html>$/d' "$1" > "$scratch/checked.html"
	{ echo '<script>'; cat "${srcdir:-.}/tests/html-check.js"
	  echo '</script>'; echo '</body></html>'; } >> "$scratch/checked.html"
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --user-data-dir="$scratch/profile" \
		--window-size="$2,900" --dump-dom \
		"file://$scratch/checked.html" 2> "$scratch/browser.err" |
		sed -n 's/.*<p id="verdict">\([^<]*\)<\/p>.*/\1/p'
}

for page in maps:2 replay:3; do
	name=${page%:*} count=${page#*:}
	for width in 1200 500; do
		verdict=$(in_browser "$scratch/$name.html" $width)
		if [ "$verdict" = "verdict: ok, $count pictures" ]; then
			ok "$name --html in $browser, $width pixels wide: $verdict"
		else
			not_ok "$name --html in $browser, $width pixels wide: ${verdict:-no verdict}"
			tail -n 5 "$scratch/browser.err" | sed 's/^/# /'
		fi
	done
done
finish
