#!/usr/bin/env bash
# Scripting without limits (#18), run after store.sh (which builds the caches): `telex list --limit 0 --json` over the store benchmark's cache (1M items
# when BENCH_STORE_1M=1 built it, else 100k; run store.sh first) against the bound of 10 s and 50 MB, and
# `telex parse --json` of a generated 100k-item RSS feed (bound: seconds and tens of MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/release/telex}
dir=.build-bench/store-1000000
[ -f "$dir/cache.sqlite" ] || dir=.build-bench/store-100000
if [ -f "$dir/cache.sqlite" ]; then
  for round in 1 2; do
    /usr/bin/time -f "list --limit 0 --json over $dir: %e s wall, %U s user, max RSS %M KB (bound: 10 s, 50 MB at 1M items)" \
      "$bin" list --cache "$dir" --limit 0 --json | wc -c | sed 's/^/  bytes written: /'
  done
else
  echo "no store benchmark cache yet (scripts/bench/store.sh builds it)"
fi
feed=$(mktemp /tmp/telex-bench-100k.XXXXXX.xml)
trap 'rm -f "$feed"' EXIT
python3 - "$feed" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>\n')
    for i in range(100000):
        f.write('<item><title>Story %d about the council and the market</title><link>https://big.example/%d</link>'
                '<guid>https://big.example/%d</guid><pubDate>Tue, 01 Dec 2026 %02d:%02d:00 GMT</pubDate>'
                '<description>&lt;p&gt;The council met on the market, story %d.&lt;/p&gt;</description></item>\n'
                % (i, i, i, (i // 60) % 24, i % 60, i))
    f.write('</channel></rss>\n')
PY
echo "feed: 100,000 items, $(wc -c < "$feed") bytes"
/usr/bin/time -f "parse --json of the 100k-item feed: %e s wall, %U s user, max RSS %M KB (bound: seconds and tens of MB; the parser's document limit is 32 MiB)" \
  "$bin" parse --json "$feed" | wc -c | sed 's/^/  bytes written: /'
