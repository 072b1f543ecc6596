#!/usr/bin/env bash
# Front-end speed: key press to finished frame headless (reduce + render + diff) over a synthetic
# list of 1M rows paged by keyset, and memory. With a cache directory as $2 (default: the store
# benchmark's) it also times start to first full frame at 120x40 and the reader's peak memory.
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

# Start to first frame on a pseudo-terminal of 120x40 (scripts/bench/first-frame.py: from fork to the read that
# completed the headline counter, then Q), 15 runs; bound 50 ms at 1M items (issue #20).
first_frame() {
  local label=$1; shift
  echo "first frame, 120x40 pty ($label): $(python3 "$(dirname "$0")/first-frame.py" 15 120 40 '[0-9]+/[0-9]+' -- "$@")"
}
first_frame "demo data" "$bin" reader --demo-data
# The pty answers the device attributes query as every terminal does; one that answers nothing makes
# `images: auto` wait out its probe's timeout (500 ms) before the first frame: shown, not bounded.
echo "first frame, 120x40 pty, a terminal that answers no query (demo data): $(python3 "$(dirname "$0")/first-frame.py" 3 120 40 '[0-9]+/[0-9]+' --silent -- "$bin" reader --demo-data)"
if [ -n "$cache" ]; then
  # The benchmark's own sections: with the default feeds.json the reader would take its feeds out of them.
  [ -f "$cache/feeds.json" ] || "$bin" _bench-store --phase config --dir "$cache" >/dev/null
  first_frame "cache $cache" "$bin" reader --cache "$cache" --config "$cache/feeds.json"
  # Peak memory of a reader started on that cache and quit at once (bound 40 MB at 1M items).
  python3 - "$bin" "$cache" <<'PY'
import os, pty, resource, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execv(sys.argv[1], [sys.argv[1], "reader", "--cache", sys.argv[2], "--config", sys.argv[2] + "/feeds.json"])
seen, deadline = b"", time.monotonic() + 30
while b"/" not in seen and time.monotonic() < deadline:
    if select.select([fd], [], [], 0.5)[0]:
        try: seen += os.read(fd, 65536)
        except OSError: break
time.sleep(0.5)  # the idle indexer and the first tick
os.write(fd, b"Q")
while True:
    try: select.select([fd], [], [], 0.1)[0] and os.read(fd, 65536)
    except OSError: pass
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done: break
print("reader peak RSS on that cache (started, idle 0.5 s, quit): %.1f MB (MiB)" % (usage.ru_maxrss / 1024))
PY
else
  echo "first frame on a real cache: pass a cache dir as \$2 (or TELEX_BENCH_CACHE), or run scripts/bench/store.sh first"
fi
