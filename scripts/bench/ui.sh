#!/usr/bin/env bash
# Front-end speed: key press to finished frame headless (reduce + render + diff) over a synthetic
# list of 1M rows paged by keyset, and memory. With a cache directory as $2 (once the store is
# wired into the reader) it also times start to first full frame in tmux at 120x40.
#   scripts/bench/ui.sh .build/release/telex [CACHE_DIR]
set -uo pipefail
bin=${1:-.build/release/telex}
cache=${2:-${TELEX_BENCH_CACHE:-}}
# Else the store benchmark's cache (scripts/bench/store.sh runs before this one): 1M items when BENCH_STORE_1M built it.
if [ -z "$cache" ]; then
  for d in .build-bench/store-1000000 .build-bench/store-100000; do [ -f "$d/cache.sqlite" ] && { cache=$d; break; }; done
fi
"$bin" _bench-ui --rows 100000 --presses 3000
"$bin" _bench-ui --rows 1000000 --presses 5000

# Start to first frame in tmux: poll capture-pane until the headlines show.
first_frame() {
  local label=$1; shift
  command -v tmux >/dev/null || { echo "first frame ($label): skipped, tmux not installed"; return; }
  local sock="telex-bench-$$" best=""
  for run in 1 2 3 4 5; do
    tmux -L "$sock" -f /dev/null kill-server 2>/dev/null
    local t0; t0=$(date +%s%N)
    tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 -e TERM=tmux-256color "$*; sleep 5"
    local ok=""
    for _ in $(seq 1 2000); do
      if tmux -L "$sock" capture-pane -p 2>/dev/null | grep -qE "[0-9]+/[0-9]+"; then ok=1; break; fi
      sleep 0.002
    done
    local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    tmux -L "$sock" -f /dev/null kill-server 2>/dev/null
    [ -n "$ok" ] || { echo "first frame ($label): headlines never showed"; return; }
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "first frame in tmux 120x40 ($label): best of 5 ${best} ms (includes tmux start and polling)"
}
first_frame "demo data" "$bin reader --demo-data"
if [ -n "$cache" ]; then
  # The benchmark's own sections: with the default feeds.json the reader would take its feeds out of them.
  [ -f "$cache/feeds.json" ] || "$bin" _bench-store --phase config --dir "$cache" >/dev/null
  first_frame "cache $cache" "$bin reader --cache '$cache' --config '$cache/feeds.json'"
else
  echo "first frame on a real cache: pass a cache dir as \$2 (or TELEX_BENCH_CACHE) once the store is wired"
fi
