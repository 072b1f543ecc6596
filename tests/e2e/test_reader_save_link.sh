# Your place (issue 17): `s` on a link saves the page for later: it appears in Saved, and search
# finds it by words of its text (the page is in no feed: fetched from the demo's test server).
. "$(dirname "$0")/lib.sh"
SEED="La Russie achète des millions de missiles"
UNCACHED="Une infirmière irlandaise"
start 100 30 "$TELEX demo"
wait_for "Sections" 30
keys /; type_text "Russie achète"; keys Enter
wait_for "Russie achète  1/1"
wait_for "$SEED"
keys Enter
wait_for "Aurélie Le Goff"
# The cursor on the uncached link (by its number in the links list), then s.
keys L
wait_for "$UNCACHED"
line=$(line_with "$UNCACHED"); n=$(echo "$line" | sed -E 's/^[^[]*\[([0-9]+)\].*/\1/')
keys Escape '#'; type_text "$n"; keys Enter
wait_for "[$n] http://127.0.0.1:"
refute_screen "Saved for offline reading"
keys s
wait_for "Saved for offline reading (in Saved): $UNCACHED" 20
# Saved lists it: back to the lists, the sections pane, up from the last row (the search, then
# Continue reading: the seed was scrolled to its link) to Saved.
keys q
wait_gone "Aurélie Le Goff"
keys h h G
wait_for "Russie achète  1/1"
for _ in 1 2 3; do
  screen | tail -1 | grep -qF "Saved  1/1" && break
  keys k; settle
done
wait_for "Saved  1/1" 10
assert_screen "$UNCACHED"
# Search finds it by a word of the page's text, not of its title.
keys /; type_text "Galway"; keys Enter
wait_for "Galway  1/1" 15
assert_screen "$UNCACHED"
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
