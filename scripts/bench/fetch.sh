#!/usr/bin/env bash
# Fetch benchmark: 300 feeds x 60 items served by the project's test server on 127.0.0.1, with 0 and
# 50 ms of latency per request. telex with articles off (newsboat's work) and on, cold (all new)
# and warm (all 304) passes: wall, CPU (user+sys), peak RSS. Beside them the lower bound (curl
# --parallel-max 16 download + xmllint --stream parse of the same bytes) and newsboat when installed.
# Usage: scripts/bench/fetch.sh path/to/telex [FEEDSxITEMS]
set -uo pipefail
bin=$(realpath "${1:-.build/release/telex}")
size=${2:-300x60}
feeds=${size%x*}
tmp=$(mktemp -d /tmp/telex-bench-fetch.XXXXXX)
. "$(dirname "$0")/../lib/fixture-server.sh"
cleanup() { stop_fixture_server; rm -rf "$tmp"; }
trap cleanup EXIT

measure() { # label, command...: prints wall / cpu / peak RSS, and the command's last line
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  read -r wall user sys rss < <(tail -n 1 "$tmp/time") || true
  last_wall=$wall
  printf "  %-34s wall %6.2f s  cpu %6.2f s  peak %5d MB  %s\n" "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" \
    "$( [ $rc = 0 ] && tail -n 1 "$tmp/out" | cut -c1-110 || echo "FAILED ($rc): $(tail -n 1 "$tmp/err")")"
}

for latency in 0 50; do
  start_fixture_server "$bin" "$tmp" --generate "$size" --latency-ms "$latency" --write-feeds "$tmp/feeds.json" || exit 1
  echo "latency ${latency} ms: $size feeds x items from $base (jobs 16, per-host 16)"
  # Articles on: every feed set to `article: always` (the generated summaries are long, so `auto` fetches none).
  sed 's/{"url": \("[^"]*"\)}/{"url": \1, "article": "always"}/' "$tmp/feeds.json" >"$tmp/feeds-always.json"
  for articles in off on; do
    flag=--no-articles; config="$tmp/feeds.json"
    [ $articles = on ] && { flag=; config="$tmp/feeds-always.json"; }
    rm -rf "$tmp/cache"
    measure "telex fetch, articles $articles, cold" "$bin" fetch --config "$config" --cache "$tmp/cache" --jobs 16 --per-host 16 $flag
    if [ $articles = on ]; then
      pages=$(tail -n 1 "$tmp/out" | grep -o '[0-9]* articles' | grep -o '[0-9]*')
      [ -n "$pages" ] && echo "    pages extracted per second (cold, wall): $(echo "scale=1; $pages / $last_wall" | bc)"
    fi
    measure "telex fetch, articles $articles, warm" "$bin" fetch --config "$config" --cache "$tmp/cache" --jobs 16 --per-host 16 $flag
  done
  echo "  (articles on: the 10 newest items per feed without a page (articles_per_feed), plus related stories prefetched)"
  # Lower bound: download every feed with curl (16 at once), then a libxml2 stream parse of the bytes.
  mkdir -p "$tmp/dl" && rm -f "$tmp/dl"/*
  : >"$tmp/curl.cfg"
  for i in $(seq 0 $((feeds - 1))); do printf 'url = "%s/feeds/%d.xml"\noutput = "%s/dl/%d.xml"\n' "$base" "$i" "$tmp" "$i" >>"$tmp/curl.cfg"; done
  measure "curl --parallel-max 16 (download)" curl -s --compressed --parallel --parallel-max 16 -K "$tmp/curl.cfg"
  if command -v xmllint >/dev/null; then
    # One process over every file: the parse work itself (300 processes would mostly time process start-up).
    measure "xmllint --stream (parse, 1 process)" sh -c "xmllint --stream --noout '$tmp'/dl/*.xml"
  else
    echo "  xmllint not installed (apt-get install libxml2-utils)"
  fi
  echo "  downloaded: $(du -sb "$tmp/dl" | cut -f1) bytes in $(ls "$tmp/dl" | wc -l) files"
  if command -v newsboat >/dev/null; then
    for i in $(seq 0 $((feeds - 1))); do echo "$base/feeds/$i.xml"; done >"$tmp/urls"
    printf 'reload-threads 16\n' >"$tmp/newsboat.conf"
    rm -f "$tmp/newsboat.db"
    measure "newsboat -x reload (16 threads), cold" newsboat -x reload -u "$tmp/urls" -c "$tmp/newsboat.db" -C "$tmp/newsboat.conf"
    measure "newsboat -x reload (16 threads), warm" newsboat -x reload -u "$tmp/urls" -c "$tmp/newsboat.db" -C "$tmp/newsboat.conf"
  else
    echo "  newsboat not installed (apt-get install newsboat)"
  fi
  stop_fixture_server
done
