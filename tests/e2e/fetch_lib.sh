# Helpers for the fetch end-to-end tests: a fixture server process on 127.0.0.1.
# start_site SPEC [LATENCY_MS]: serves a generated site (FEEDSxITEMS); sets $SITE_URL, $SITE_PID,
# and writes $E2E_TMP/feeds.json.
start_site() {
  rm -f "$E2E_TMP/url"
  "$TELEX" _fixture-server --generate "$1" --latency-ms "${2:-0}" --write-feeds "$E2E_TMP/feeds.json" \
    --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
  SITE_PID=$!
  for _ in $(seq 1 100); do [ -s "$E2E_TMP/url" ] && break; sleep 0.1; done
  [ -s "$E2E_TMP/url" ] || fail "the fixture server did not start"
  SITE_URL=$(cat "$E2E_TMP/url")
}
stop_site() { kill "$SITE_PID" 2>/dev/null; wait "$SITE_PID" 2>/dev/null; }
