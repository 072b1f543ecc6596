#!/usr/bin/env bash
# `make bench`: runs every scripts/bench/*.sh with the release binary; each prints its own figures.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/telex}
shopt -s nullglob
benches=(scripts/bench/*.sh)
if [ ${#benches[@]} = 0 ]; then echo "no benchmarks yet"; exit 0; fi
status=0
for b in "${benches[@]}"; do
  echo "== $(basename "$b" .sh)"
  bash "$b" "$bin" || { echo "benchmark $b failed"; status=1; }
done
exit $status
