# A site whose items are all years old (the seed's kind of page, September 2022): after one
# `telex fetch`, each of its ten newest items (articles_per_feed) reads in full with the server stopped.
. "$(dirname "$0")/lib.sh"
site_pid=
trap '[ -n "$site_pid" ] && kill $site_pid 2>/dev/null; cleanup' EXIT
python3 tests/fixtures/sites/old-news/generate.py "$E2E_TMP/site" || fail "the site generator failed"
"$TELEX" _fixture-server --directory "$E2E_TMP/site" --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
site_pid=$!
for _ in $(seq 1 100); do [ -s "$E2E_TMP/url" ] && break; sleep 0.05; done
[ -s "$E2E_TMP/url" ] || fail "the fixture server did not start"
printf '{"sections": [{"name": "Monde", "feeds": [{"url": "%s/feed.xml"}]}]}\n' "$(cat "$E2E_TMP/url")" >"$E2E_TMP/feeds.json"
args=(--config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/cache")
out=$("$TELEX" fetch "${args[@]}" 2>&1) || fail "fetch failed: $out"
echo "$out" | grep -q "12 new items" || fail "summary: $out"
kill $site_pid; wait $site_pid 2>/dev/null; site_pid=
# The ten newest items, newest first, and the story each page carries.
ids=$("$TELEX" list "${args[@]}" --json | python3 -c '
import json, sys
for row in json.load(sys.stdin)[:10]:
    print(row["id"], row["link"].rstrip("/").rsplit("-", 1)[1])')
[ "$(echo "$ids" | wc -l)" = 10 ] || fail "expected 10 items, got: $ids"
while read -r id n; do
  page=$("$TELEX" read "$id" "${args[@]}" --width 72 2>&1) || fail "read $id failed: $page"
  echo "$page" | grep -q "Marqueur de la dépêche $n\." || fail "item $id (dépêche $n) does not read in full offline: $(echo "$page" | head -5)"
  echo "$page" | grep -q "Lire la suite sur 7seizh" && fail "item $id shows the feed's summary, not its page"
done <<<"$ids"
exit 0
