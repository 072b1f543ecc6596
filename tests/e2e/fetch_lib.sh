# Helpers for the fetch end-to-end tests: a fixture server process on 127.0.0.1.
# start_site SPEC [LATENCY_MS]: serves a generated site (FEEDSxITEMS); sets $SITE_URL, $SITE_PID,
# and writes $E2E_TMP/feeds.json.
start_site() {
  rm -f "$E2E_TMP/url"
  "$TELEX" _fixture-server --generate "$1" --latency-ms "${2:-0}" --write-feeds "$E2E_TMP/feeds.json" \
    --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
  SITE_PID=$!
  site_listening
}
# serve_directory DIR: serves the files of DIR (a folder's index.html at its URL); sets $SITE_URL, $SITE_PID.
serve_directory() {
  rm -f "$E2E_TMP/url"
  "$TELEX" _fixture-server --directory "$1" --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
  SITE_PID=$!
  site_listening
}
# site_listening: waits for the server's URL file (written once it listens).
site_listening() {
  for _ in $(seq 1 100); do [ -s "$E2E_TMP/url" ] && break; sleep 0.1; done
  [ -s "$E2E_TMP/url" ] || fail "the fixture server did not start"
  SITE_URL=$(cat "$E2E_TMP/url")
}
# stop_site: SIGTERM must stop the server within 3 s (a release build once ignored it).
stop_site() {
  kill "$SITE_PID" 2>/dev/null || return 0
  for _ in $(seq 1 30); do kill -0 "$SITE_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SITE_PID" 2>/dev/null; then kill -9 "$SITE_PID"; fail "the fixture server ignored SIGTERM"; fi
  wait "$SITE_PID" 2>/dev/null
}
