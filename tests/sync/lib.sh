# Shared by the scripts that run a real Tiny Tiny RSS (tests/sync/test_*.sh, scripts/bench/sync.sh).
# Source after setting T (a 0755 temporary directory) and SERVER (tests/sync/ttrss-server.sh).

FEED_PID=""

# start_feed_server: python3's http.server on 127.0.0.1 (a port the kernel picks) serving $T/site,
# live; sets BASE (ends in /) and FEED_PID (a process group: stop_servers ends it whole).
start_feed_server() {
  mkdir -p "$T/site"
  setsid python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$T/site" >"$T/feeds.log" 2>&1 </dev/null &
  FEED_PID=$!
  BASE=""
  for _ in $(seq 200); do
    BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$T/feeds.log" | head -1 || true)
    [ -n "$BASE" ] && return 0
    sleep 0.05
  done
  echo "the fixture feed server did not start: $(cat "$T/feeds.log")" >&2
  return 1
}

# stop_servers: tt-rss (if started in $T/srv), the feed server, then $T itself. Idempotent.
stop_servers() {
  set +e
  "$SERVER" stop "$T/srv" >/dev/null 2>&1
  if [ -n "$FEED_PID" ]; then kill -TERM -- "-$FEED_PID" 2>/dev/null; fi
  rm -rf "$T"
}
