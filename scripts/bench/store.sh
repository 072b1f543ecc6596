#!/usr/bin/env bash
# Cache benchmark: builds caches of 100k (and, with BENCH_STORE_1M=1, 1M) items once under
# .build-bench/store-N (git-ignored; delete a folder to regenerate), then prints the refetch throughput,
# first-page, counts and search latencies, and the peak RSS of a reader process.
# Usage: scripts/bench/store.sh [path/to/release/telex]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/release/telex}
sizes=(100000)
if [ "${BENCH_STORE_1M:-0}" = 1 ]; then sizes+=(1000000); fi
for n in "${sizes[@]}"; do
  dir=.build-bench/store-$n
  echo "-- cache of $n items ($dir)"
  "$bin" _bench-store --phase generate --items "$n" --dir "$dir"
  "$bin" _bench-store --phase refetch --dir "$dir"
  "$bin" _bench-store --phase read --dir "$dir"
done
