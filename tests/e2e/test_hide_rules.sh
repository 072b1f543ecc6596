# Filters (feeds.json "hide", docs/feeds-json.md): an item a rule matches is in no `telex list`, count or
# `telex search`; with "hidden": "store" it is kept aside and comes back when the rule goes, with "drop" the
# fetch never stores it; a rule that does not parse is reported with its line, path and column.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
start_site 2x3
trap 'stop_site; cleanup' EXIT
plain="$E2E_TMP/plain.json"
cp "$E2E_TMP/feeds.json" "$plain"
# The site's items, and the title of feed 0's newest one: the item to hide.
"$TELEX" fetch --no-articles --config "$plain" --cache "$E2E_TMP/look" >/dev/null 2>&1 || fail "first fetch failed"
title=$("$TELEX" list --config "$plain" --cache "$E2E_TMP/look" --feed "$SITE_URL/feeds/0.xml" --limit 1 --jsonl \
  | python3 -c 'import json, sys; print(json.loads(sys.stdin.readline())["title"])')
[ -n "$title" ] || fail "no title to hide"
# hidden.json: feed 0 hides that title (mode from $1); store.json and drop.json.
with_rule() {
  python3 - "$plain" "$E2E_TMP/$1.json" "$title" "$1" <<'PY'
import json, sys
source, target, title, mode = sys.argv[1:]
config = json.load(open(source))
feed = config["sections"][0]["feeds"][0]
feed["hide"] = 'title:"%s"' % title
feed["hidden"] = mode
json.dump(config, open(target, "w"), indent=2)
PY
}
with_rule store
with_rule drop
stored() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1/cache.sqlite" "$2"; }
count_items() { "$TELEX" list --config "$1" --cache "$2" --limit 0 --jsonl | wc -l; }

# store: fetched, kept aside, in no list or search.
"$TELEX" fetch --no-articles --config "$E2E_TMP/store.json" --cache "$E2E_TMP/store" >/dev/null 2>&1 || fail "fetch (store) failed"
out=$("$TELEX" list --config "$E2E_TMP/store.json" --cache "$E2E_TMP/store" --limit 0)
echo "$out" | grep -qF "$title" && fail "telex list shows the hidden item: $out"
[ "$(count_items "$E2E_TMP/store.json" "$E2E_TMP/store")" = 5 ] || fail "store: not 5 items listed"
[ "$(stored "$E2E_TMP/store" "SELECT COUNT(*) FROM hidden_item")" = 1 ] || fail "store: the hidden item is not kept"
out=$("$TELEX" search --config "$E2E_TMP/store.json" --cache "$E2E_TMP/store" "\"$title\"")
echo "$out" | grep -qF "$title" && fail "telex search finds the hidden item: $out"
# The rule removed: the next fetch's configuration brings it back.
"$TELEX" fetch --no-articles --config "$plain" --cache "$E2E_TMP/store" >/dev/null 2>&1 || fail "fetch without the rule failed"
"$TELEX" list --config "$plain" --cache "$E2E_TMP/store" --limit 0 | grep -qF "$title" || fail "the item did not come back"
[ "$(stored "$E2E_TMP/store" "SELECT COUNT(*) FROM hidden_item")" = 0 ] || fail "hidden_item not emptied"

# drop: never stored.
"$TELEX" fetch --no-articles --config "$E2E_TMP/drop.json" --cache "$E2E_TMP/drop" >/dev/null 2>&1 || fail "fetch (drop) failed"
"$TELEX" list --config "$E2E_TMP/drop.json" --cache "$E2E_TMP/drop" --limit 0 | grep -qF "$title" && fail "drop: listed"
[ "$(count_items "$E2E_TMP/drop.json" "$E2E_TMP/drop")" = 5 ] || fail "drop: not 5 items listed"
[ "$(stored "$E2E_TMP/drop" "SELECT COUNT(*) FROM hidden_item")" = 0 ] || fail "drop: kept in hidden_item"
[ "$(stored "$E2E_TMP/drop" "SELECT COUNT(*) FROM item")" = 5 ] || fail "drop: stored in item"

# A rule that does not parse: the file's line, the rule's path and the column.
python3 - "$plain" "$E2E_TMP/bad.json" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["hide"] = ["sport or (x"]
json.dump(config, open(sys.argv[2], "w"), indent=2)
PY
out=$("$TELEX" fetch --no-articles --config "$E2E_TMP/bad.json" --cache "$E2E_TMP/drop" 2>&1) && fail "a broken rule was accepted"
echo "$out" | grep -q 'hide\[0\].*column 10: unclosed (' || fail "broken rule message: $out"
exit 0
