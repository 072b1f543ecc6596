# The reading view on the sample edition (issue 8): open the seed's French article, Tab to a
# related story, Enter, read it, Backspace back (scroll and cursor restored), forward again, follow
# an uncached link (fetched from the demo's test server), open in the browser with a fake
# $BROWSER that records its argv, quit. (test_reader_offline.sh walks the same links offline.)
. "$(dirname "$0")/lib.sh"

cat > "$E2E_TMP/fakebrowser" <<SH
#!/bin/sh
printf '%s\n' "\$@" > "$E2E_TMP/browser-argv"
SH
chmod +x "$E2E_TMP/fakebrowser"

SEED="La Russie achète des millions de missiles"
RELATED="Boris Johnson fait face"
UNCACHED="Une infirmière irlandaise"

# Opens the seed article from the lists with the cache-wide search (/ query Enter, then Enter).
open_seed() {
  wait_for "Sections" 30
  keys /; type_text "Russie achète"; keys Enter
  # The results replace the list (the status line counts them) before Enter opens the one found;
  # the seed's title alone may already show in the first section's headlines.
  wait_for "Russie achète  1/1"
  wait_for "$SEED"
  keys Enter
  wait_for "Aurélie Le Goff"
}

start 100 30 "BROWSER='$E2E_TMP/fakebrowser --new %s' $TELEX demo"
open_seed
assert_screen "$SEED"
# Link numbers show; Tab puts the cursor on the first link on screen and the status line shows its URL.
keys Tab
wait_for "[1] http://127.0.0.1:"
# The related story: select it by its number through the links list, then follow it.
keys L
wait_for "Links (Enter follows"
line=$(line_with "$RELATED") || true
[ -n "$line" ] || fail "the links list does not show the related story"
n=$(echo "$line" | sed -E 's/^[^[]*\[([0-9]+)\].*/\1/')
keys Escape
keys '#'; type_text "$n"; keys Enter
wait_for "[$n] http://127.0.0.1:"
settle
# j j j scrolls three lines: the body's first row becomes what was its fourth.
pre=$(screen)
scrolled_three_lines() { [ "$(screen | sed -n 2p)" = "$(echo "$pre" | sed -n 5p)" ]; }
keys j j j
wait_until "three lines of scroll" scrolled_three_lines
settle
before=$(screen)
keys Enter
wait_for "Boris Johnson" 15
wait_gone "Fetching"
wait_for "← 1  → 0" 15
# Back: the seed article at the same scroll position with the same link under the cursor.
keys BSpace
wait_for "← 0  → 1"
wait_for "[$n] http://127.0.0.1:"
settle
# The page body (all but the title bar, which now shows a forward entry, and the status line) is
# exactly as it was before following the link.
body() { sed '1d;$d' | sed 's/ *$//'; }   # trailing blanks depend on how curses cleared a line
[ "$(screen | body)" = "$(echo "$before" | body)" ] || { diff <(echo "$before" | body) <(screen | body) >&2; fail "back did not restore the scroll position"; }
# Forward again, then back.
keys l
wait_for "← 1  → 0"
keys h
wait_for "← 0  → 1"
# The uncached page (in no feed): fetched now from the test server, then shown.
keys L
wait_for "$UNCACHED"
line=$(line_with "$UNCACHED"); n=$(echo "$line" | sed -E 's/^[^[]*\[([0-9]+)\].*/\1/')
keys Escape '#'; type_text "$n"; keys Enter Enter
wait_for "infirmière" 15
keys H
wait_for "History"
assert_screen "▸ "
keys Escape
# o: the fake browser records its argv (no shell: exactly two arguments).
keys o
for i in $(seq 1 100); do [ -f "$E2E_TMP/browser-argv" ] && break; sleep 0.05; done
[ -f "$E2E_TMP/browser-argv" ] || fail "the browser was not started"
[ "$(sed -n 1p "$E2E_TMP/browser-argv")" = "--new" ] || fail "unexpected browser argv: $(cat "$E2E_TMP/browser-argv")"
sed -n 2p "$E2E_TMP/browser-argv" | grep -q '^http://127.0.0.1:' || fail "unexpected browser URL: $(cat "$E2E_TMP/browser-argv")"
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
assert_terminal_restored
