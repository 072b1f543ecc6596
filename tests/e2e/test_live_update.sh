# Live updates across processes: the reader is open on an empty cache; another process (`telex
# fetch`) fills it; the reader notices through the change signal and shows the new headlines and
# counts without a key press.
. "$(dirname "$0")/lib.sh"
"$TELEX" _fixture-server --generate 3x5 --write-feeds "$E2E_TMP/feeds.json" --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; cleanup' EXIT
for _ in $(seq 1 100); do [ -s "$E2E_TMP/url" ] && break; sleep 0.05; done
[ -s "$E2E_TMP/url" ] || fail "the fixture server did not start"
start 120 30 "$TELEX --config '$E2E_TMP/feeds.json' --cache '$E2E_TMP/cache'"
wait_for "telex fetch" 15     # the first-run empty state says how to fetch
refute_screen "●"
"$TELEX" fetch --no-articles --config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/cache" >/dev/null 2>&1 || fail "telex fetch failed"
# No key is pressed: the change signal alone brings the headlines in.
wait_for "●" 10
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
