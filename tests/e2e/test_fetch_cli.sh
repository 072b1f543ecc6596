# `telex fetch` on the command line: an unknown --feed names the closest configured ones (exit 2);
# every feed failing exits 3, a pass where one answers exits 0; the cache directory is 0700 and the
# lock 0600; a lock held by something other than a daemon (a stale PID in the file) is waited out, then
# taken, leaving no request behind; `--cache` at a file and `serve --log` into a missing directory are
# clear errors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
start_site 2x3
cache="$E2E_TMP/cache/sub"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" --feed "$SITE_URL/feeds/7.xml" 2>&1); status=$?
[ $status = 2 ] || fail "unknown --feed: status $status: $out"
echo "$out" | grep -q "is not a feed of" || fail "unknown --feed message: $out"
echo "$out" | grep -qF "$SITE_URL/feeds/0.xml" || fail "no closest feed named: $out"
out=$("$TELEX" fetch --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch failed: $out"
[ "$(stat -c %a "$cache")" = 700 ] || fail "cache directory mode $(stat -c %a "$cache")"
[ "$(stat -c %a "$E2E_TMP/cache")" = 700 ] || fail "parent directory mode $(stat -c %a "$E2E_TMP/cache")"
[ "$(stat -c %a "$cache/fetch.lock")" = 600 ] || fail "lock mode $(stat -c %a "$cache/fetch.lock")"
# A lock held by a process that is not a daemon, its file naming a dead "serve": no request is left for
# it; the fetch waits, then takes the lock once it frees.
printf '2147483000 serve\n' >"$cache/fetch.lock"
flock "$cache/fetch.lock" sleep 1 &
holder=$!
for _ in $(seq 1 50); do flock -n "$cache/fetch.lock" true 2>/dev/null || break; sleep 0.02; done
out=$("$TELEX" fetch --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch behind a held lock: $out"
wait $holder
echo "$out" | grep -q "is fetching for this cache; waiting for it to finish" || fail "no wait message: $out"
echo "$out" | grep -q "fetched 2 feeds" || fail "did not fetch after the lock freed: $out"
left=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM fetch_requests").fetchone()[0])' "$cache/cache.sqlite")
[ "$left" = 0 ] || fail "$left fetch requests left behind"
# Every feed failing: exit 3 (cron notices); one answering: 0.
stop_site
out=$("$TELEX" fetch --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1); status=$?
[ $status = 3 ] || fail "all failing: status $status: $out"
echo "$out" | grep -q "0 ok, 0 unchanged, 2 failed" || fail "all failing summary: $out"
start_site 2x3
out=$("$TELEX" fetch --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch with the server back: $out"
# Bad places.
touch "$E2E_TMP/file"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/file" 2>&1); status=$?
[ $status = 1 ] || fail "--cache at a file: status $status"
echo "$out" | grep -q "it is a file, not a directory" || fail "--cache at a file: $out"
out=$("$TELEX" serve --config "$E2E_TMP/feeds.json" --cache "$cache" --log "$E2E_TMP/missing/serve.log" 2>&1); status=$?
[ $status = 1 ] || fail "--log in a missing directory: status $status"
echo "$out" | grep -q "the directory $E2E_TMP/missing does not exist" || fail "--log message: $out"
exit 0
