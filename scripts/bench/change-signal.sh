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
poller='
import sqlite3, sys, time, os
db, stop = sys.argv[1], sys.argv[2]
while not os.path.exists(db): time.sleep(0.01)
time.sleep(0.05)
conn = sqlite3.connect("file:" + db + "?mode=ro", uri=True)
last = conn.execute("PRAGMA data_version").fetchone()[0]
changes = polls = 0
while not os.path.exists(stop):
    time.sleep(0.1)
    v = conn.execute("PRAGMA data_version").fetchone()[0]
    polls += 1
    if v != last: changes += 1; last = v
print(changes, polls)
'
run() { # label, size, latency, warm(0/1)
  local label=$1 size=$2 latency=$3 warm=$4
  rm -rf "$tmp/cache"
  start_fixture_server "$bin" "$tmp" --generate "$size" --latency-ms "$latency" --write-feeds "$tmp/feeds.json" || exit 1
  # Warm: a first pass fills the cache; cold: the poller opens the cache as soon as the pass creates it.
  [ "$warm" = 1 ] && "$bin" fetch --no-articles --jobs 16 --per-host 16 --config "$tmp/feeds.json" --cache "$tmp/cache" >/dev/null 2>&1
  rm -f "$tmp/stop"
  python3 -c "$poller" "$tmp/cache/cache.sqlite" "$tmp/stop" >"$tmp/poll" &
  local poll_pid=$!
  local start; start=$(date +%s%N)
  "$bin" fetch --no-articles --jobs 16 --per-host 16 --config "$tmp/feeds.json" --cache "$tmp/cache" >"$tmp/out" 2>&1
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 0.3; touch "$tmp/stop"; wait $poll_pid
  read -r changes polls <"$tmp/poll"
  printf "  %-44s %6d ms  %3d data_version changes seen by a 10 Hz poller (%d polls)\n" "$label" "$ms" "$changes" "$polls"
  stop_fixture_server
}
echo "changes of the signal that makes every open reader re-query, during one telex fetch"
run "warm pass, 300 feeds, 50 ms per request" 300x60 50 1
run "cold pass, 20 feeds, 2 s per request" 20x20 2000 0
