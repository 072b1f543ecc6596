#!/usr/bin/env bash
# Interleaved rounds of two telex binaries (say main's and a branch's release builds) on the same
# 300x60 corpus on 127.0.0.1, 0 ms latency, articles off: cold pass, warm pass, and for a binary that has
# the search queue (`telex _index`), the pass with --no-wait-index, the index catch-up, and the default
# fetch that waits for the index. Run it under `locked`. Usage: scripts/compare-fetch.sh OLD_BIN NEW_BIN [ROUNDS]
set -uo pipefail
cd "$(dirname "$0")/.."
old=$(realpath "$1"); new=$(realpath "$2"); rounds=${3:-3}
tmp=$(mktemp -d /tmp/telex-compare.XXXXXX)
. scripts/lib/fixture-server.sh
trap 'stop_fixture_server; rm -rf "$tmp"' EXIT
start_fixture_server "$new" "$tmp" --generate 300x60 --latency-ms 0 --write-feeds "$tmp/feeds.json" || exit 1
run() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { echo "  $label: FAILED: $(tail -n 1 "$tmp/err")"; return; }
  read -r wall user sys rss < <(tail -n 1 "$tmp/time")
  printf "  %-44s wall %5.2f s  cpu %5.2f s  peak %4d MB\n" "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))"
}
fetch() { "$@" --config "$tmp/feeds.json" --jobs 16 --per-host 16 --no-articles; }
for round in $(seq 1 "$rounds"); do
  echo "round $round"
  for side in old new; do
    bin=${!side}; cache="$tmp/cache-$side"
    if "$bin" _index --help >/dev/null 2>&1; then
      rm -rf "$cache"; run "$side: cold, --no-wait-index (the pass)" fetch "$bin" fetch --cache "$cache" --no-wait-index
      run "$side: index catch-up (_index)" "$bin" _index --cache "$cache"
      run "$side: warm" fetch "$bin" fetch --cache "$cache"
      rm -rf "$cache"; run "$side: cold, waiting for the index" fetch "$bin" fetch --cache "$cache"
    else
      rm -rf "$cache"; run "$side: cold (index in the pass)" fetch "$bin" fetch --cache "$cache"
      run "$side: warm" fetch "$bin" fetch --cache "$cache"
    fi
  done
done
