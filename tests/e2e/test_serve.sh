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
# SIGKILL mid-pass (50 ms per request keeps the pass running), then the cache must still work.
stop_site; start_site 20x20 50
rm -rf "$cache"
"$TELEX" serve --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>/dev/null &
serve_pid=$!
sleep 0.6
kill -9 $serve_pid; wait $serve_pid 2>/dev/null; serve_pid=
if command -v sqlite3 >/dev/null && [ -f "$cache/cache.sqlite" ]; then
  check=$(sqlite3 "$cache/cache.sqlite" 'PRAGMA integrity_check' 2>&1 | head -1)
  [ "$check" = ok ] || fail "integrity_check after SIGKILL: $check"
fi
out=$("$TELEX" fetch --no-articles --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch after SIGKILL: $out"
echo "$out" | grep -q "fetched 20 feeds" || fail "fetch after SIGKILL summary: $out"
exit 0
