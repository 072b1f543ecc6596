#!/usr/bin/env bash
# Change-signal benchmark: how often an open reader is told to re-query during a fetch pass. A poller
# reads PRAGMA data_version ten times a second on its own connection, as the reader does, and counts
# the changes it sees while `telex fetch --no-articles` runs: a warm pass (all 304) of 300 feeds at 50 ms
# per request, and a cold pass of 20 feeds whose server answers after 2 s. Only commits that change
# what a reader shows should count; the progress of a pass is a file beside the cache and must not.
# Usage: scripts/bench/change-signal.sh [path/to/release/telex]
set -uo pipefail
bin=$(realpath "${1:-.build/release/telex}")
tmp=$(mktemp -d /tmp/telex-bench-signal.XXXXXX)
. "$(dirname "$0")/../lib/fixture-server.sh"
trap 'stop_fixture_server; rm -rf "$tmp"' EXIT
# Polls every millisecond (so it sees nearly every commit) and counts, besides, the 100 ms windows
# with a change: the re-queries of a reader, which polls ten times a second.
poller='
import sqlite3, sys, time, os
db, stop = sys.argv[1], sys.argv[2]
while not os.path.exists(db): time.sleep(0.001)
time.sleep(0.01)
conn = sqlite3.connect("file:" + db + "?mode=ro", uri=True)
last = conn.execute("PRAGMA data_version").fetchone()[0]
commits = 0; windows = set()
while not os.path.exists(stop):
    time.sleep(0.001)
    v = conn.execute("PRAGMA data_version").fetchone()[0]
    if v != last:
        commits += 1; last = v; windows.add(int(time.monotonic() * 10))
print(commits, len(windows))
'
run() { # label, size, latency, warm(0/1), articles(0/1)
  local label=$1 size=$2 latency=$3 warm=$4 articles=${5:-0}
  rm -rf "$tmp/cache"
  start_fixture_server "$bin" "$tmp" --generate "$size" --latency-ms "$latency" --write-feeds "$tmp/feeds.json" || exit 1
  # Warm: a first pass fills the cache; cold: the poller opens the cache as soon as the pass creates it.
  [ "$warm" = 1 ] && "$bin" fetch --no-articles --jobs 16 --per-host 16 --config "$tmp/feeds.json" --cache "$tmp/cache" >/dev/null 2>&1
  local config="$tmp/feeds.json" flag=--no-articles
  if [ "$articles" = 1 ]; then
    # Every feed `article: always` (the generated summaries are long, so `auto` fetches none).
    sed 's/{"url": \("[^"]*"\)}/{"url": \1, "article": "always"}/' "$tmp/feeds.json" >"$tmp/feeds-always.json"
    config="$tmp/feeds-always.json"; flag=
  fi
  rm -f "$tmp/stop"
  python3 -c "$poller" "$tmp/cache/cache.sqlite" "$tmp/stop" >"$tmp/poll" &
  local poll_pid=$!
  local start; start=$(date +%s%N)
  "$bin" fetch $flag --jobs 16 --per-host 16 --config "$config" --cache "$tmp/cache" >"$tmp/out" 2>&1
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 0.3; touch "$tmp/stop"; wait $poll_pid
  read -r commits requeries <"$tmp/poll"
  printf "  %-46s %6d ms  %4d commits seen  %4d reader re-queries\n" "$label" "$ms" "$commits" "$requeries"
  stop_fixture_server
}
echo "commits during one telex fetch, as an open reader sees them (PRAGMA data_version)"
run "warm pass, 300 feeds, 50 ms per request" 300x60 50 1
run "cold pass, 20 feeds, 2 s per request" 20x20 2000 0
run "cold pass with articles, 20 feeds x 10 pages, 30 ms" 20x10 30 0 1
