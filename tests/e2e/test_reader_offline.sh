# Offline reading (issue 8): the sample edition is fetched into a cache, its server stops, and the
# reader still opens the seed article, follows its related story from the cache, goes back, and
# reports an uncached link as not reachable without losing the page.
. "$(dirname "$0")/lib.sh"
cache="$E2E_TMP/cache"
out=$("$TELEX" demo --fetch-only --cache "$cache" 2>&1) || fail "demo --fetch-only failed: $out"
[ -f "$cache/demo-feeds.json" ] || fail "demo did not leave demo-feeds.json beside the cache"
# `telex demo` has exited: nothing serves the edition any more.
start 100 30 "$TELEX --cache '$cache' --config '$cache/demo-feeds.json'"
wait_for "Sections" 20
keys /; type_text "Russie achète"; keys Enter
wait_for "Russie achète  1/1"
keys Enter
wait_for "Aurélie Le Goff"
keys L
wait_for "Links (Enter follows"
line=$(line_with "Boris Johnson fait face") || true
[ -n "$line" ] || fail "the links list does not show the related story"
n=$(echo "$line" | sed -E 's/^[^[]*\[([0-9]+)\].*/\1/')
keys Escape '#'; type_text "$n"; keys Enter Enter
# The related story is a cached article: it opens at once, without the server.
wait_for "← 1  → 0" 10
wait_for "Boris Johnson"
refute_screen "Full article not cached"
keys BSpace
wait_for "← 0  → 1"
# The uncached page cannot be fetched offline: an error in the status line, the page stays.
keys L
wait_for "Une infirmière irlandaise"
line=$(line_with "Une infirmière irlandaise"); n=$(echo "$line" | sed -E 's/^[^[]*\[([0-9]+)\].*/\1/')
keys Escape '#'; type_text "$n"; keys Enter Enter
wait_for "Could not load the page"
assert_screen "← 0  → 1"
assert_screen "Related"
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
