#!/usr/bin/env bash
# Sync benchmark of the Google Reader API and Miniflux clients against the project's FAKE servers for
# those APIs (`telex _fixture-server --aggregator`, written from the APIs' public descriptions; no real
# server is packaged for Debian), on 127.0.0.1, ITEMS items (default 50,000) over ten feeds, half read:
#   1. first sync: wall time, telex's own CPU (user + sys) and peak RSS; bound: CPU under 2 s per
#      10,000 items (issue #16); the wall time includes the fake server's work (another process);
#   2. an incremental sync with nothing new: wall time; bound 1 s on loopback (greader: the unread
#      counts match the cache's, so the unread id list is not read);
#   3. greader: the same with --full (what every 10th sync does).
# Usage: scripts/bench/sync-fakes.sh path/to/telex   (ITEMS=N to change the count)
set -uo pipefail
bin=$(realpath "${1:-.build/release/telex}")
items=${ITEMS:-50000}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
"$REPO/scripts/ensure-deps.sh" time >/dev/null
T=$(mktemp -d /tmp/telex-bench-sync-fakes.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
die() { echo "sync-fakes bench: $*" >&2; exit 1; }

run() {  # run [ARGS]: prints "wall cpu rss" of one telex sync
  /usr/bin/time -f "%e %U %S %M" -o "$T/time" "$bin" sync --no-articles "$@" --config "$T/feeds.json" --cache "$T/cache" >"$T/out" 2>&1 \
    || die "sync failed: $(cat "$T/out")"
  read -r wall user sys rss <"$T/time"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') $rss"
}

for kind in greader miniflux; do
  rm -rf "$T/cache" "$T/url"
  "$bin" _fixture-server --aggregator "$kind" --aggregator-items "$items" --url-file "$T/url" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 1 600); do [ -s "$T/url" ] && break; sleep 0.1; done
  [ -s "$T/url" ] || die "the $kind fake server did not start"
  base=$(cat "$T/url")
  case $kind in
    greader) url="$base/api/greader.php"; secret=pw; auth="" ;;
    miniflux) url="$base/"; secret=fixture-api-key; auth=', "auth": "api_key"' ;;
  esac
  export TELEX_BENCH_SECRET=$secret
  cat >"$T/feeds.json" <<JSON
{"sections": [], "accounts": [{"name": "bench", "type": "$kind", "url": "$url", "user": "ann", "password_env": "TELEX_BENCH_SECRET"$auth}]}
JSON
  read -r wall cpu rss <<<"$(run)"
  grep -q "$items new items" "$T/out" || die "$kind first sync: $(cat "$T/out")"
  bound=$(awk -v n="$items" 'BEGIN { printf "%.1f", 2 * n / 10000 }')
  printf '%s (fake server): first sync of %d items: %.1f s wall, telex CPU %.2f s (bound %.1f s: 2 s per 10,000), peak RSS %d MiB\n' \
    "$kind" "$items" "$wall" "$cpu" "$bound" $((rss / 1024))
  read -r wall cpu rss <<<"$(run)"
  grep -q " 0 new items" "$T/out" || die "$kind incremental sync: $(cat "$T/out")"
  printf '%s (fake server): incremental sync, nothing new (%d items, %d unread): %.2f s wall (bound 1 s), telex CPU %.2f s\n' \
    "$kind" "$items" $((items / 2)) "$wall" "$cpu"
  if [ "$kind" = greader ]; then
    read -r wall cpu rss <<<"$(run --full)"
    printf '%s (fake server): incremental sync --full (every 10th sync): %.2f s wall, telex CPU %.2f s\n' "$kind" "$wall" "$cpu"
  fi
  kill "$server"; wait "$server" 2>/dev/null; server=""
done
