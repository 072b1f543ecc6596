#!/usr/bin/env bash
# Interleaved rounds of several telex binaries (say main before the search queue, main, this branch) on the
# same 300x60 corpus on 127.0.0.1, 0 ms latency, articles off: each round runs every binary's default cold
# `telex fetch` (which waits for the search index), then its warm pass, and prints wall / CPU / peak RSS and
# the items left in the search queue. Run it under `locked`. Usage: scripts/bench/fetch-rounds.sh ROUNDS BIN...
set -uo pipefail
rounds=$1; shift
tmp=$(mktemp -d /tmp/telex-fetch-rounds.XXXXXX)
. "$(dirname "$0")/../lib/fixture-server.sh"
trap 'stop_fixture_server; rm -rf "$tmp"' EXIT
start_fixture_server "$(realpath "$1")" "$tmp" --generate 300x60 --latency-ms 0 --write-feeds "$tmp/feeds.json" || exit 1
timed() { # file, command...
  local out=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out" "$@" --config "$tmp/feeds.json" --cache "$tmp/cache" --jobs 16 --per-host 16 \
    --no-articles >/dev/null 2>"$tmp/err" || echo "  FAILED: $(tail -n 1 "$tmp/err")"
}
for round in $(seq 1 "$rounds"); do
  for bin in "$@"; do
    rm -rf "$tmp/cache"
    timed "$tmp/cold" "$bin" fetch
    left=$(sqlite3 "$tmp/cache/cache.sqlite" "SELECT COUNT(*) FROM search_queue" 2>/dev/null || echo "-")
    timed "$tmp/warm" "$bin" fetch
    read -r w u s m <"$tmp/cold"; read -r w2 u2 s2 _ <"$tmp/warm"
    printf "round %d %-32s cold wall %5.2f s cpu %5.2f s peak %3d MB queue left %-4s | warm wall %5.2f s cpu %5.2f s\n" \
      "$round" "$bin" "$w" "$(echo "$u + $s" | bc)" $((m / 1024)) "$left" "$w2" "$(echo "$u2 + $s2" | bc)"
  done
done
