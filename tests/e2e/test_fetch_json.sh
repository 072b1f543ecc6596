# `telex fetch --json`: one JSON document on stdout (no progress or feed lines), with the pass's counters
# and each feed's outcome; a failing feed says why. Then `telex list --query` over what it stored.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
start_site 2x3
cache="$E2E_TMP/cache"
out=$("$TELEX" fetch --json --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>"$E2E_TMP/err") || fail "fetch --json failed: $out $(cat "$E2E_TMP/err")"
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["status"] == "finished" and d["ran_by"] is None, d
assert (d["feeds_total"], d["ok"], d["failed"], d["new_items"]) == (2, 2, 0, 6), d
assert sorted(f["outcome"] for f in d["feeds"]) == ["ok", "ok"], d["feeds"]
assert all(f["items"] == 3 and f["error"] is None for f in d["feeds"]), d["feeds"]
' || fail "fetch --json document: $out"
# Every feed failing: still one JSON document, exit 3, each feed with its error.
stop_site
out=$("$TELEX" fetch --json --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>/dev/null); status=$?
[ $status = 3 ] || fail "all failing: status $status: $out"
printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["failed"] == 2 and all(f["outcome"] == "failed" and f["error"] for f in d["feeds"]), d
' || fail "failing fetch --json document: $out"
# The stored items through the query language: every item of feed 0, and a parse error with its column.
n=$("$TELEX" list --cache "$cache" --limit 0 --jsonl --query 'feed:feeds/0.xml unread' | wc -l)
[ "$n" = 3 ] || fail "list --query feed: gave $n rows"
out=$("$TELEX" list --cache "$cache" --query 'a and (b or' 2>&1); status=$?
[ $status = 64 ] || fail "query error: status $status: $out"
echo "$out" | grep -q "column 12: a term is missing at the end" || fail "query error message: $out"
exit 0
