#!/usr/bin/env bash
# The HTTP client choice, measured (docs/fetch.md, "Why libcurl, measured"): AsyncHTTPClient 1.37.0
# (this directory's probe program) against the hostile fixture servers that scripts/bench/http.sh
# uses for telex: 16 requests stalled on silent servers (CPU over 30 s), a gzip bomb (peak RSS), a
# slow drip (how and when it ends). Not run by `make bench`: the probe's clean build alone takes
# minutes (printed first, debug then release, from an empty scratch directory).
# Usage: scripts/bench-clients/run.sh path/to/telex   (run it under `locked`)
# CONFIGS="release" skips the clean debug build (its cost is printed for each configuration built);
# PROBE=path/to/ahc-probe (a release build made earlier) skips the builds.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(realpath "${1:-.build/release/telex}")
window=${IDLE_SECONDS:-30}
tmp=$(mktemp -d /tmp/telex-bench-clients.XXXXXX)
server_pid=; probe_pid=
cleanup() { for p in $probe_pid $server_pid; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
export TELEX_BUILD_LOCK_HELD=1
scratch="$tmp/build"
[ -n "${PROBE:-}" ] && CONFIGS=" "
for config in ${CONFIGS:-debug release}; do
  rm -rf "$scratch"
  (cd "$here" && swift package --scratch-path "$scratch" resolve >/dev/null 2>&1)
  /usr/bin/time -f "AsyncHTTPClient probe, clean $config build: %e s wall, %U+%S s CPU" \
    swift build --package-path "$here" --scratch-path "$scratch" -c "$config" >/dev/null 2>"$tmp/time" || { cat "$tmp/time"; exit 1; }
  tail -n 1 "$tmp/time"
done
probe=${PROBE:-$scratch/release/ahc-probe}

"$bin" _fixture-server --hostile --url-file "$tmp/url" >/dev/null 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$tmp/url" ] && break; sleep 0.1; done
base=$(cat "$tmp/url")
tck=$(getconf CLK_TCK)

"$probe" stalled "$base/silent.xml" 16 >/dev/null 2>&1 &
probe_pid=$!
sleep 3
t0=$(awk '{print $14 + $15}' "/proc/$probe_pid/stat"); sleep "$window"; t1=$(awk '{print $14 + $15}' "/proc/$probe_pid/stat")
printf "AsyncHTTPClient, 16 requests stalled: %.2f%% of a core over %d s\n" "$(echo "scale=4; ($t1 - $t0) * 100 / $tck / $window" | bc)" "$window"
kill "$probe_pid"; wait "$probe_pid" 2>/dev/null; probe_pid=

/usr/bin/time -f "%M" -o "$tmp/rss" "$probe" bomb "$base/bomb.xml" >"$tmp/out" 2>&1
echo "AsyncHTTPClient, gzip bomb (1 GiB, limit 10 MiB): peak $(( $(tail -n 1 "$tmp/rss") / 1024 )) MB: $(tail -n 1 "$tmp/out" | cut -c1-120)"
# Observed (2026-12-04): the 60 s deadline given to execute(_:timeout:) did not end the body's drip
# (still reading after 222 s; each byte restarts the read timeout). Capped at 100 s, as
# scripts/bench/http.sh caps the old client.
drip=$(timeout -s KILL 100 "$probe" drip "$base/drip.xml" 2>&1 | tail -n 1 | cut -c1-140)
echo "AsyncHTTPClient, slow drip (60 s deadline): ${drip:-killed after 100 s, still reading}"
