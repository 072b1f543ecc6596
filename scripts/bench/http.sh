#!/usr/bin/env bash
# HTTP client benchmark against hostile servers on 127.0.0.1 (`telex _fixture-server --hostile`):
#   1. slow drip: `telex fetch` of one feed that sends one byte every 2 s (bound: the low-speed limit, 20 s);
#   2. every hostile server in one pass beside a good feed (bound: (N / jobs + 1) x total_timeout);
#   3. gzip bomb: peak RSS of `telex fetch` of 1 MB of gzip that inflates to 1 GiB (the feed limit is 10 MiB);
#   4. `telex serve` with 16 requests stalled on silent servers: CPU over 30 s from /proc/PID/stat
#      (target < 2% of a core), then SIGTERM: seconds until it exits (bound 1 s);
#   5. `telex serve` idle between passes: CPU over 30 s (target < 0.1% of a core).
# With TELEX_BASELINE=path/to/another/telex (e.g. main's build), each run is repeated with that binary
# right after (interleaved), old passes capped at 100 s. IDLE_SECONDS changes the 30 s windows.
# Usage: scripts/bench/http.sh path/to/telex
set -uo pipefail
bin=$(realpath "${1:-.build/release/telex}")
baseline=${TELEX_BASELINE:+$(realpath "$TELEX_BASELINE")}
window=${IDLE_SECONDS:-30}
tmp=$(mktemp -d /tmp/telex-bench-http.XXXXXX)
server_pid=
pids=()
stop_pid() { # pid: SIGTERM, then SIGKILL after 3 s
  kill "$1" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null; wait "$1" 2>/dev/null
}
cleanup() { for p in "${pids[@]}"; do stop_pid "$p"; done; [ -n "$server_pid" ] && stop_pid "$server_pid"; rm -rf "$tmp"; }
trap cleanup EXIT
tck=$(getconf CLK_TCK)

"$bin" _fixture-server --hostile --url-file "$tmp/url" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
[ -s "$tmp/url" ] || { echo "the fixture server did not start"; exit 1; }
base=$(cat "$tmp/url")
echo "hostile servers at $base"

# config NAME SETTINGS FEED...: writes $tmp/NAME.json
config() {
  local name=$1 settings=$2; shift 2
  local feeds="" f
  for f in "$@"; do feeds="$feeds${feeds:+, }{\"url\": \"$base$f\", \"article\": \"never\"}"; done
  printf '{"settings": {%s}, "sections": [{"name": "Bench", "feeds": [%s]}]}\n' "$settings" "$feeds" >"$tmp/$name.json"
}
binaries=("$bin"); labels=("telex")
[ -n "$baseline" ] && { binaries+=("$baseline"); labels+=("baseline"); }

# pass LABEL BIN CONFIG: one `telex fetch`, capped at 100 s; prints wall, peak RSS and the summary line.
pass() {
  local label=$1 b=$2 cfg=$3
  rm -rf "$tmp/cache"
  /usr/bin/time -f "%e %M" -o "$tmp/time" timeout -s KILL 100 "$b" fetch --config "$cfg" --cache "$tmp/cache" --jobs 16 --per-host 16 --no-articles \
    >"$tmp/out" 2>&1
  local rc=$? wall rss
  read -r wall rss < <(tail -n 1 "$tmp/time") || true
  [ $rc = 137 ] || [ -z "${wall:-}" ] && { printf "    %-9s killed after 100 s (no end of its own)\n" "$label"; return; }
  printf "    %-9s wall %6.2f s  peak %5d MB  %s\n" "$label" "$wall" "$((rss / 1024))" "$(grep -E '^fetched|failed ' "$tmp/out" | tail -n 1 | cut -c1-100)"
}

config drip "" /drip.xml
echo "1. slow drip (1 byte / 2 s), one feed: bound 20 s (low_speed_limit 1 KiB/s for low_speed_time 20 s)"
for i in "${!binaries[@]}"; do pass "${labels[$i]}" "${binaries[$i]}" "$tmp/drip.json"; done

hostile=(/good.xml /drip.xml /silent.xml /endless.xml /bomb.xml /loop-a.xml /to-file.xml /busy.xml /page.xml /laughs.xml)
config all "" "${hostile[@]}"
echo "2. every hostile server beside a good feed, ${#hostile[@]} feeds: bound (10/16 + 1) x 60 s = 97.5 s"
for i in "${!binaries[@]}"; do pass "${labels[$i]}" "${binaries[$i]}" "$tmp/all.json"; done

config bomb "" /bomb.xml
echo "3. gzip bomb (1 MB inflating to 1 GiB), max_feed_bytes 10 MiB: peak RSS"
for i in "${!binaries[@]}"; do pass "${labels[$i]}" "${binaries[$i]}" "$tmp/bomb.json"; done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# idle LABEL PID: CPU share of one core over the window
idle() {
  local t0 t1
  t0=$(cpu_ticks "$2"); sleep "$window"; t1=$(cpu_ticks "$2")
  printf "    %-9s %6.2f%% of a core over %d s (%d ticks)\n" "$1" "$(echo "scale=4; ($t1 - $t0) * 100 / $tck / $window" | bc)" "$window" "$((t1 - t0))"
}

silent=(); for n in $(seq 1 16); do silent+=("/silent.xml?n=$n"); done
# Requests stay stalled for the whole window: no low-speed abort, long timeouts (the baseline has no such keys).
config stalled '"timeout": "10m", "total_timeout": "10m", "low_speed_limit": 0' "${silent[@]}"
config stalled-old '"timeout": "10m"' "${silent[@]}"
echo "4. telex serve, 16 requests stalled on silent servers: target < 2% of a core; then SIGTERM: bound 1 s"
for i in "${!binaries[@]}"; do
  cfg=$tmp/stalled.json; [ "${labels[$i]}" = baseline ] && cfg=$tmp/stalled-old.json
  rm -rf "$tmp/cache"
  "${binaries[$i]}" serve --config "$cfg" --cache "$tmp/cache" --jobs 16 --per-host 16 --no-articles >/dev/null 2>&1 &
  pid=$!; pids+=("$pid")
  sleep 3
  idle "${labels[$i]}" "$pid"
  start=$(date +%s.%N); kill -TERM "$pid"
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.02; done
  if kill -0 "$pid" 2>/dev/null; then echo "              SIGTERM: still running after 6 s"; stop_pid "$pid"
  else printf "              SIGTERM to exit: %.2f s\n" "$(echo "$(date +%s.%N) - $start" | bc)"; wait "$pid" 2>/dev/null; fi
done

config quiet '' /good.xml
sed -i 's/"article": "never"}/"article": "never", "interval": "1h"}/' "$tmp/quiet.json"
echo "5. telex serve idle between passes (one feed, due in an hour): target < 0.1% of a core"
for i in "${!binaries[@]}"; do
  rm -rf "$tmp/cache"
  "${binaries[$i]}" serve --config "$tmp/quiet.json" --cache "$tmp/cache" --no-articles >/dev/null 2>&1 &
  pid=$!; pids+=("$pid")
  sleep 3
  idle "${labels[$i]}" "$pid"
  stop_pid "$pid"
done
