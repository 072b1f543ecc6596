# Pictures in the reading view (issue 19): a story with a photo (its lead image) and a chart is fetched
# with its pictures, the site stops, and the reader draws them offline as character art between the
# text, in colour (indexed SGR) or, with NO_COLOR, as shapes only; scrolling past them and back gives the
# same screen; a resize draws them again inside the new column; I hides and shows them; Tab stops on a
# picture and o opens its URL in $BROWSER (argv, no shell).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
site="$E2E_TMP/site"
flood_site "$site"
serve_directory "$site"
cat > "$E2E_TMP/feeds.json" <<JSON
{"settings": {"images": "symbols", "image_height": 40},
 "sections": [{"name": "News", "feeds": [{"url": "$SITE_URL/feed.xml", "article": "always"}]}]}
JSON
cache="$E2E_TMP/cache"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch failed: $out"
ls "$cache"/images/*/*.png >/dev/null 2>&1 || fail "no picture kept in $cache/images"
[ "$(ls "$cache"/images/*/*.png | wc -l)" = 2 ] || fail "expected 2 pictures: $(ls -R "$cache/images")"
stop_site

# Rows of block elements (U+2580-U+259F: what the art is drawn with) on screen.
art_rows() { screen | LC_ALL=C.UTF-8 grep -cP '[\x{2580}-\x{259F}]'; }
open_story() {
  wait_for "Valley News" 30
  keys l; wait_for "Floods in the valley"
  keys Enter
  wait_for "Paragraph a1"
}

cat > "$E2E_TMP/fakebrowser" <<SH
#!/bin/sh
printf '%s\n' "\$@" > "$E2E_TMP/browser-argv"
SH
chmod +x "$E2E_TMP/fakebrowser"
start 80 30 "BROWSER='$E2E_TMP/fakebrowser %s' $TELEX --config '$E2E_TMP/feeds.json' --cache '$cache'"
open_story
# The lead photo under the title, drawn once the pictures load.
has_art() { [ "$(art_rows)" -ge 3 ]; }
wait_until "the lead photo as character art" has_art
_tmux capture-pane -p -e | grep -q $'\e\[[0-9;]*[34]8;5;' || fail "the art is not in indexed colours"
# Tab stops on the photo (the story has no link before it); o opens the picture's URL, one argument.
keys Tab
wait_for "Picture (o opens it): $SITE_URL/photo.jpg"
keys o
for i in $(seq 1 100); do [ -f "$E2E_TMP/browser-argv" ] && break; sleep 0.05; done
[ -f "$E2E_TMP/browser-argv" ] || fail "the browser was not started"
[ "$(cat "$E2E_TMP/browser-argv")" = "$SITE_URL/photo.jpg" ] || fail "unexpected browser argv: $(cat "$E2E_TMP/browser-argv")"
wait_for "Paragraph a1"
keys Escape
# The chart further down, its caption under it.
keys Space
wait_for "Rainfall by month, in millimetres."
caption=$(screen | grep -n "Rainfall by month, in millimetres." | cut -d: -f1)
above=$(screen | sed -n "$((caption - 1))p")
echo "$above" | LC_ALL=C.UTF-8 grep -qP '[\x{2580}-\x{259F}]' || fail "no chart above its caption: $(screen)"
# Scrolled past and back: the same screen.
trimmed() { screen | sed 's/ *$//'; }   # trailing blanks depend on how curses cleared a line
keys g; settle
top=$(trimmed)
keys Space Space; settle
keys g; settle
[ "$(trimmed)" = "$top" ] || { diff <(echo "$top") <(trimmed) >&2; fail "scrolling back did not give the same screen"; }
# Resize: drawn again inside the new, wider column.
resize 120 40
wait_until "art after the resize" has_art
settle
# Every cell of art inside the text column (80 wide, centred: columns 20 to 99).
inside_column() {
  screen | python3 -c 'import sys
sys.exit(any(not 20 <= i < 100 for line in sys.stdin for i, c in enumerate(line) if 0x2580 <= ord(c) <= 0x259F))'
}
inside_column || fail "art outside the text column after the resize: $(screen)"
# I hides the pictures (captions stay) and shows them again.
no_art() { [ "$(art_rows)" = 0 ]; }
keys I
wait_until "the pictures hidden by I" no_art
assert_screen "Rainfall by month, in millimetres."
keys I
wait_until "art shown again" has_art
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
assert_terminal_restored

# NO_COLOR: shapes only, no colour sequences.
start 80 30 "NO_COLOR=1 $TELEX --config '$E2E_TMP/feeds.json' --cache '$cache'"
open_story
wait_until "the lead photo as shapes" has_art
_tmux capture-pane -p -e | grep -q $'\e\[[0-9;]*[34]8;5;' && fail "colours drawn under NO_COLOR"
keys Q
wait_exit 15
exit 0
