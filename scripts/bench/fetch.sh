#!/usr/bin/env bash
# Fetch benchmark: 300 feeds x 60 items served by the project's test server on 127.0.0.1, with 0 and
# 50 ms of latency per request. telex with articles off (newsboat's work) and on, cold (all new)
# and warm (all 304) passes: wall, CPU (user+sys), peak RSS. Beside them the lower bound (curl
# --parallel-max 16 download + xmllint --stream parse of the same bytes) and newsboat when installed.
# With TELEX_BASELINE=path/to/another/telex (e.g. main's build, to check a change does not slow the
# passes), each telex run is followed by the same run of that binary, interleaved; REPEAT=N runs
# each pair N times; LATENCIES="0" skips the 50 ms runs.
# The cold pass runs with --no-wait-index (the pass itself: the search index is written after it, off the
# critical path) and the index's catch-up (`telex _index`) is timed apart; then the default cold `telex
# fetch` (index written inline, waited for) on a new cache; the targets of issue #20 are
# printed at the end of each latency block with the figures they compare.
# Usage: scripts/bench/fetch.sh path/to/telex [FEEDSxITEMS]
set -uo pipefail
# The peers run in the same rounds: install them like the build's own packages (a clean machine has neither).
"$(dirname "$0")/../ensure-deps.sh" curl libxml2-utils newsboat bc >/dev/null || echo "  (could not install the peers; their lines say so)"
bin=$(realpath "${1:-.build/release/telex}")
size=${2:-300x60}
baseline=${TELEX_BASELINE:+$(realpath "$TELEX_BASELINE")}
repeat=${REPEAT:-1}
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
  last_wall=$wall; last_rss=$((rss / 1024))
  printf "  %-34s wall %6.2f s  cpu %6.2f s  peak %5d MB  %s\n" "$label" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" \
    "$( [ $rc = 0 ] && tail -n 1 "$tmp/out" | cut -c1-110 || echo "FAILED ($rc): $(tail -n 1 "$tmp/err")")"
}

verdict() { # value bound: "ok" or "OVER"
  [ -n "$2" ] && [ "$(echo "$1 <= $2" | bc)" = 1 ] && echo ok || echo OVER
}
targets() { # issue #20's targets against the figures of this run (articles off unless said)
  echo "  targets (this run):"
  if [ -n "$xmllint_wall" ]; then
    local bound; bound=$(echo "2 * ($curl_wall + $xmllint_wall)" | bc)
    echo "    cold pass ${cold_off} s <= 2 x (curl ${curl_wall} + xmllint ${xmllint_wall}, one process) = ${bound} s: $(verdict "$cold_off" "$bound")"
    bound=$(echo "2 * ($curl_wall + $xmllint_each_wall)" | bc)
    echo "    cold pass ${cold_off} s <= 2 x (curl ${curl_wall} + xmllint ${xmllint_each_wall}, a process a file as the issue measured) = ${bound} s: $(verdict "$cold_off" "$bound")"
  fi
  if [ -n "$newsboat_wall" ]; then
    local quarter; quarter=$(echo "scale=2; $newsboat_wall / 4" | bc)
    echo "    cold pass ${cold_off} s <= newsboat ${newsboat_wall} / 4 = ${quarter} s: $(verdict "$cold_off" "$quarter")"
  fi
  echo "    warm pass ${warm_off} s <= 0.25 s: $(verdict "$warm_off" 0.25)"
  if [ -n "${bound_rate:-}" ] && [ -n "${pass_rate:-}" ]; then
    local floor; floor=$(echo "scale=1; 0.8 * $bound_rate" | bc)
    echo "    articles on: ${pass_rate} pages/s >= 80% of the lower bound ${bound_rate} = ${floor}: $(verdict "$floor" "$pass_rate")"
  fi
  local twice; twice=$(echo "2 * $cold_off" | bc)
  echo "    index caught up ${index_off} s <= 2 x cold pass = ${twice} s: $(verdict "$index_off" "$twice")"
  echo "    peak memory of the cold pass ${cold_rss_off} MB <= 60 MB: $(verdict "$cold_rss_off" 60)"
}

for latency in ${LATENCIES:-0 50}; do
  start_fixture_server "$bin" "$tmp" --generate "$size" --latency-ms "$latency" --write-feeds "$tmp/feeds.json" || exit 1
  echo "latency ${latency} ms: $size feeds x items from $base (jobs 16, per-host 16)"
  # Articles on: every feed set to `article: always` (the generated summaries are long, so `auto` fetches none).
  sed 's/{"url": \("[^"]*"\)}/{"url": \1, "article": "always"}/' "$tmp/feeds.json" >"$tmp/feeds-always.json"
  for articles in off on; do
    flag=--no-articles; config="$tmp/feeds.json"
    [ $articles = on ] && { flag=; config="$tmp/feeds-always.json"; }
    rm -rf "$tmp/cache"
    measure "telex fetch, articles $articles, cold" "$bin" fetch --config "$config" --cache "$tmp/cache" --jobs 16 --per-host 16 $flag --no-wait-index
    declare "cold_$articles=$last_wall" "cold_rss_$articles=$last_rss"
    cold_line=$(tail -n 1 "$tmp/out")
    measure "  search index catch-up (_index)" "$bin" _index --cache "$tmp/cache"
    declare "index_$articles=$last_wall"
    if command -v sqlite3 >/dev/null; then
      sqlite3 "$tmp/cache/cache.sqlite" "SELECT printf('    search index: %.1f MB for %d items (%d B an item: index %d B, stored text copy %d B)',
          SUM(pgsize) / 1e6, (SELECT COUNT(*) FROM item), SUM(pgsize) / (SELECT COUNT(*) FROM item),
          SUM(CASE WHEN name != 'item_fts_content' THEN pgsize END) / (SELECT COUNT(*) FROM item),
          SUM(CASE WHEN name = 'item_fts_content' THEN pgsize END) / (SELECT COUNT(*) FROM item))
        FROM dbstat WHERE name LIKE 'item_fts%'"
    fi
    if [ $articles = on ]; then
      pages=$(echo "$cold_line" | grep -o '[0-9]* articles' | grep -o '[0-9]*')
      # The pass's own rate for its pages: the pages over the time articles added to the articles-off pass.
      [ -n "$pages" ] && pass_rate=$(echo "scale=1; $pages / ($cold_on - $cold_off)" | bc) &&
        echo "    pages per second (cold, wall): $(echo "scale=1; $pages / $cold_on" | bc) over the whole pass, $pass_rate over the time the pages added"
      # The lower bound of that rate: the same pages fetched (curl, 16 at once) and extracted (`telex
      # _extract-batch`, one process per core) with nothing written, one step after the other.
      if [ -n "$pages" ] && command -v sqlite3 >/dev/null && command -v curl >/dev/null; then
        sqlite3 "$tmp/cache/cache.sqlite" "SELECT url FROM article" >"$tmp/pages.txt"
        rm -rf "$tmp/pages" && mkdir -p "$tmp/pages"
        awk -v d="$tmp/pages" '{printf "url = \"%s\"\noutput = \"%s/%d.html\"\n", $0, d, NR}' "$tmp/pages.txt" >"$tmp/pages.cfg"
        measure "  lower bound: curl the $(wc -l <"$tmp/pages.txt") pages" curl -s --compressed --parallel --parallel-max 16 -K "$tmp/pages.cfg"
        download_wall=$last_wall
        awk -v d="$tmp/pages" '{printf "%d\t%s/%d.html\t%s\n", NR, d, NR, $0}' "$tmp/pages.txt" >"$tmp/manifest"
        split -n l/2 "$tmp/manifest" "$tmp/manifest."
        measure "  lower bound: extract them (2 processes)" sh -c "'$bin' _extract-batch '$tmp/manifest.aa' >/dev/null & '$bin' _extract-batch '$tmp/manifest.ab' >/dev/null; wait"
        bound_rate=$(echo "scale=1; $(wc -l <"$tmp/pages.txt") / ($download_wall + $last_wall)" | bc)
        echo "    pages per second, fetched and extracted without writing (lower bound): $bound_rate"
      fi
    fi
    measure "telex fetch, articles $articles, warm" "$bin" fetch --config "$config" --cache "$tmp/cache" --jobs 16 --per-host 16 $flag
    declare "warm_$articles=$last_wall"
    # What a user of `telex fetch` waits for: the default pass, its index written inline and beside it.
    rm -rf "$tmp/cache"
    measure "telex fetch (default, index included), articles $articles, cold" "$bin" fetch --config "$config" --cache "$tmp/cache" --jobs 16 --per-host 16 $flag
    # The baseline (TELEX_BASELINE), interleaved: its default fetch (waiting for its index if it has one).
    for _ in $(seq 1 "$repeat"); do
      [ -n "$baseline" ] || break
      rm -rf "$tmp/cache"
      measure "baseline fetch, articles $articles, cold" "$baseline" fetch --config "$config" --cache "$tmp/cache" --jobs 16 --per-host 16 $flag
      measure "baseline fetch, articles $articles, warm" "$baseline" fetch --config "$config" --cache "$tmp/cache" --jobs 16 --per-host 16 $flag
    done
  done
  echo "  (articles on: the 10 newest items per feed without a page (articles_per_feed), plus related stories prefetched)"
  # Lower bound: download every feed with curl (16 at once), then a libxml2 stream parse of the bytes.
  mkdir -p "$tmp/dl" && rm -f "$tmp/dl"/*
  : >"$tmp/curl.cfg"
  for i in $(seq 0 $((feeds - 1))); do printf 'url = "%s/feeds/%d.xml"\noutput = "%s/dl/%d.xml"\n' "$base" "$i" "$tmp" "$i" >>"$tmp/curl.cfg"; done
  measure "curl --parallel-max 16 (download)" curl -s --compressed --parallel --parallel-max 16 -K "$tmp/curl.cfg"
  curl_wall=$last_wall; xmllint_wall=""; xmllint_each_wall=""; newsboat_wall=""
  if command -v xmllint >/dev/null; then
    # One process over every file: the parse work itself (300 processes would mostly time process start-up).
    measure "xmllint --stream (parse, 1 process)" sh -c "xmllint --stream --noout '$tmp'/dl/*.xml"
    xmllint_wall=$last_wall
    # As issue #20 measured its bound (0.83 s then): one xmllint per file, process start-ups included.
    measure "xmllint --stream, one process a file" sh -c "for f in '$tmp'/dl/*.xml; do xmllint --stream --noout \"\$f\"; done"
    xmllint_each_wall=$last_wall
  else
    echo "  xmllint not installed (apt-get install libxml2-utils)"
  fi
  echo "  downloaded: $(du -sb "$tmp/dl" | cut -f1) bytes in $(ls "$tmp/dl" | wc -l) files"
  if command -v newsboat >/dev/null; then
    for i in $(seq 0 $((feeds - 1))); do echo "$base/feeds/$i.xml"; done >"$tmp/urls"
    printf 'reload-threads 16\n' >"$tmp/newsboat.conf"
    rm -f "$tmp/newsboat.db"
    measure "newsboat -x reload (16 threads), cold" newsboat -x reload -u "$tmp/urls" -c "$tmp/newsboat.db" -C "$tmp/newsboat.conf"
    newsboat_wall=$last_wall
    measure "newsboat -x reload (16 threads), warm" newsboat -x reload -u "$tmp/urls" -c "$tmp/newsboat.db" -C "$tmp/newsboat.conf"
  else
    echo "  newsboat not installed (apt-get install newsboat)"
  fi
  targets
  stop_fixture_server
done
