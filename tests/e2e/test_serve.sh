# `telex serve` holds the lock (a second one says who), answers `telex fetch`, exits cleanly on
# SIGTERM, and a SIGKILL mid-pass leaves a cache that opens and fetches again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
serve_pid=
trap '[ -n "$serve_pid" ] && kill -9 $serve_pid 2>/dev/null; stop_site; cleanup' EXIT
start_site 20x20 20
cache="$E2E_TMP/cache"
"$TELEX" serve --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" --log "$E2E_TMP/serve.log" 2>"$E2E_TMP/serve.err" &
serve_pid=$!
for _ in $(seq 1 100); do grep -q "fetched 20 feeds" "$E2E_TMP/serve.log" 2>/dev/null && break; sleep 0.1; done
grep -q "fetched 20 feeds" "$E2E_TMP/serve.log" || fail "serve did not finish its first pass: $(cat "$E2E_TMP/serve.err")"
out=$("$TELEX" serve --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1); status=$?
[ $status = 1 ] || fail "a second serve must exit 1, got $status"
echo "$out" | grep -q "already being fetched by pid $serve_pid" || fail "second serve message: $out"
out=$(timeout 30 "$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch while serving: $out"
echo "$out" | grep -q "holds the fetch lock" || fail "fetch did not ask the daemon: $out"
echo "$out" | grep -q "telex serve (pid $serve_pid) ran the pass:" || fail "fetch did not wait for the pass: $out"
echo "$out" | grep -q "^fetched 20 feeds" || fail "no summary of the daemon's pass: $out"
kill -TERM $serve_pid
for _ in $(seq 1 50); do kill -0 $serve_pid 2>/dev/null || break; sleep 0.1; done
kill -0 $serve_pid 2>/dev/null && fail "serve ignored SIGTERM"
wait $serve_pid; [ $? = 0 ] || fail "serve exited non-zero after SIGTERM"
# SIGKILL mid-pass: as soon as the first feeds of the pass are committed (150 ms per request, two
# at a time on the one host, keeps the pass running for over a second), then the cache must still work.
command -v sqlite3 >/dev/null || fail "sqlite3 is not installed (make installs it: scripts/ensure-deps.sh)"
stop_site; start_site 20x20 150
rm -rf "$cache"
"$TELEX" serve --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>/dev/null &
serve_pid=$!
items() { sqlite3 "$cache/cache.sqlite" 'SELECT COUNT(*) FROM item' 2>/dev/null || echo 0; }
some_items_committed() { [ -f "$cache/cache.sqlite" ] && [ "$(items)" -gt 0 ]; }
wait_until "the first items of serve's pass" some_items_committed
kill -9 $serve_pid; wait $serve_pid 2>/dev/null; serve_pid=
n=$(items)
[ "$n" -gt 0 ] && [ "$n" -lt 400 ] || fail "not killed mid-pass: $n of 400 items"
check=$(sqlite3 "$cache/cache.sqlite" 'PRAGMA integrity_check' 2>&1)
[ "$check" = ok ] || fail "integrity_check after SIGKILL: $check"
out=$("$TELEX" fetch --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch after SIGKILL: $out"
echo "$out" | grep -q "fetched 20 feeds" || fail "fetch after SIGKILL summary: $out"
exit 0
