# Saved query sections (feeds.json "queries"): shown after Saved with an unread count that stays live
# while fetches add matching items (no key pressed); opening one lists its matches; the reader's search
# takes the same query language, and a query that does not parse says where.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
start_site 3x5
trap 'stop_site; cleanup' EXIT
# The generated feeds.json with two saved queries (every item of the site, unread; the second feed's).
python3 - "$E2E_TMP/feeds.json" <<'PY'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
config["queries"] = [{"name": "Watch", "query": "feed:/feeds/ unread"},
                     {"name": "Second feed", "query": "feed:/feeds/1.xml"}]
json.dump(config, open(path, "w"), indent=2)
PY
fetch_feed() {
  "$TELEX" fetch --no-articles --config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/cache" --feed "$SITE_URL/feeds/$1.xml" \
    >/dev/null 2>&1 || fail "telex fetch of feed $1 failed"
}
fetch_feed 0
start 120 30 "$TELEX --config '$E2E_TMP/feeds.json' --cache '$E2E_TMP/cache'"
wait_line "? Watch" '\? Watch +5([^0-9]|$)'
assert_screen "? Second feed"
refute_screen "? Second feed 5"
# Another process writes: the counts follow through the change signal alone.
fetch_feed 1
wait_line "? Watch" '\? Watch +10([^0-9]|$)'
wait_line "? Second feed" '\? Second feed +5([^0-9]|$)'
fetch_feed 2
wait_line "? Watch" '\? Watch +15([^0-9]|$)'
# Opening the second query lists feed 1's items only (the preview names the feed on its own line; other feeds'
# stories about the same event may follow it, "Also covered by: Feed 0").
refute_source() { screen | grep -qE "│ $1( |$)" && fail "the preview names $1 as the item's feed"; return 0; }
keys End
wait_for "Feed 1"
refute_source "Feed 0"
refute_source "Feed 2"
# Search in the query language: words with a field.
keys /
type_text 'court feed:/feeds/2.xml'
keys Enter
wait_for "Search: court feed:/feeds/2.xml"
wait_for "Feed 2"
refute_source "Feed 1"
# A query that does not parse: the column of the problem.
keys /
type_text 'court and (city'
keys Enter
wait_for "column 11"
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
