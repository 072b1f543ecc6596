# The reader's a and F in a real terminal: `a`, a site's address, Enter: the site's feed is found,
# added to the selected section of feeds.json, fetched, and its headlines appear in that section.
# Then F lists the section's feeds with their status, and d y removes the new one again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
serve_directory tests/fixtures/discovery/site
trap 'stop_site; cleanup' EXIT
site=$SITE_URL
config="$E2E_TMP/feeds.json"
cache="$E2E_TMP/cache"
cat > "$config" <<EOF
{
  "sections": [
    { "name": "World", "feeds": [ { "url": "$site/multi/sport.xml" } ] },
    { "name": "Tech", "feeds": [ { "url": "$site/multi/weather.atom" } ] }
  ]
}
EOF
"$TELEX" fetch --no-articles --config "$config" --cache "$cache" >/dev/null 2>&1 || fail "the first fetch failed"
start 120 30 "$TELEX --config '$config' --cache '$cache'"
wait_for "Rowing club wins the regatta"
refute_screen "Harbour bridge reopens after repairs"

keys a
wait_for "Add a feed to World (its URL or a page of the site):"
type_text "$site/"
keys Enter
# No key is pressed: the feed is found, written to feeds.json, the reader follows the file and fetches
# the new feed, and its headlines come in (the status line says "Added …", then the fetch's summary).
# The fixture's sport feed links its items to the Gazette's own pages (story-1.html…): the same stories,
# so World lists each once, at the newer copy, with the Gazette counted (one story once).
wait_for "Marathon route announced +1" 20
wait_for "Also in: The Loopback Gazette"
refute_screen "Harbour bridge reopens after repairs"
grep -qF "\"url\": \"$site/news.xml\"" "$config" || fail "feeds.json does not have the new feed: $(cat "$config")"
[ -f "$config.bak" ] || fail "no feeds.json.bak"

keys F
wait_for "World: 2 feeds (Enter opens, d removes, m moves, Esc closes)"
wait_for "The Loopback Gazette"
# (The preview says "Also in: The Loopback Gazette" too: the feed list's row is the one with the counts.)
screen | grep -qE "The Loopback Gazette +3 unread / 3 +ok" || fail "the feed list's status: $(screen | grep -F "The Loopback Gazette")"
keys j d
wait_for "Remove The Loopback Gazette? Its saved items are kept."
keys y
wait_for "Removed The Loopback Gazette"
wait_for "World: 1 feed"
grep -qF "$site/news.xml" "$config" && fail "feeds.json still has the removed feed: $(cat "$config")"
keys Escape
wait_gone "World: 1 feed"
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
exit 0
