# `telex fetch` fills the cache, a refetch is all 304s, and articles read offline after the server stops.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
start_site 5x10
cache="$E2E_TMP/cache"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch failed: $out"
echo "$out" | grep -q "fetched 5 feeds" || fail "summary: $out"
echo "$out" | grep -q "50 new items" || fail "new items: $out"
echo "$out" | grep -q "^ok  *$SITE_URL/feeds/0.xml (10 items)" || fail "per-feed lines: $out"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "refetch failed: $out"
echo "$out" | grep -q "0 ok, 5 unchanged, 0 failed" || fail "refetch summary: $out"
echo "$out" | grep -q "0 new items" || fail "refetch wrote items: $out"
page="$SITE_URL/a/1/2.html"
out=$("$TELEX" read "$page" --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1); [ $? = 1 ] || fail "uncached read must fail: $out"
echo "$out" | grep -q "is not cached" || fail "uncached message: $out"
"$TELEX" read --fetch "$page" --width 60 --config "$E2E_TMP/feeds.json" --cache "$cache" >/dev/null 2>&1 || fail "read --fetch failed"
stop_site
out=$("$TELEX" read "$page" --width 60 --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "offline read failed: $out"
echo "$out" | grep -q "Related stories" || fail "no related list: $out"
body=$(echo "$out" | sed '/^Links$/,$d; /^Related stories$/,$d')
[ "$(echo "$body" | awk '{ if (length($0) > 60) n++ } END { print n+0 }')" = 0 ] || fail "article lines wider than 60: $body"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" --no-articles 2>&1); status=$?
[ $status = 3 ] || fail "an offline fetch (every feed failing) must exit 3, got $status: $out"
echo "$out" | grep -q "5 failed" || fail "offline fetch summary: $out"
exit 0
