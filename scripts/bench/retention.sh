#!/usr/bin/env bash
# Retention benchmark: 120 simulated days of fetching (10 feeds x 10 new items a day, with their
# article pages and one related story each), every item read the day it arrives, retention_days 30.
# Prints the cache's size on disk every 10 days, with retention (it must stay flat once the first
# items pass 30 days) and, beside it, without (the growth retention prevents).
# Usage: scripts/bench/retention.sh [path/to/release/telex] [DAYS]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/release/telex}
days=${2:-120}
tmp=$(mktemp -d /tmp/telex-bench-retention.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
echo "-- with retention"
"$(dirname "$bin")/telex-fixture-server" bench-retention --dir "$tmp/with" --days "$days"
echo "-- without retention (for comparison)"
"$(dirname "$bin")/telex-fixture-server" bench-retention --dir "$tmp/without" --days "$days" --no-prune
