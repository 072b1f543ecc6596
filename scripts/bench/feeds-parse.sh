#!/usr/bin/env bash
# Feed parse throughput (MB/s) over a generated corpus of 300 realistic feeds: telex in-process
# (`telex _bench-parse`), then sfeed and Python's feedparser on the same files when installed.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/release/telex}
# The peers, measured in the same run (installed when missing, as root).
scripts/ensure-deps.sh sfeed python3-feedparser || true
corpus=$(mktemp -d /tmp/telex-bench-feeds.XXXXXX)
trap 'rm -rf "$corpus"' EXIT
python3 scripts/gen-bench-feeds.py "$corpus" 300
bytes=$(cat "$corpus"/* | wc -c)
echo "corpus: $(ls "$corpus" | wc -l) feeds, $bytes bytes"
"$bin" _bench-parse "$corpus" --rounds 3

mbps() { python3 -c "import sys; b,s=float(sys.argv[1]),float(sys.argv[2]); print('%.1f' % (b/1e6/s))" "$1" "$2"; }
now() { date +%s.%N; }

if command -v sfeed >/dev/null; then
  start=$(now)
  for f in "$corpus"/*; do sfeed < "$f" > /dev/null; done
  end=$(now)
  secs=$(python3 -c "print($end-$start)")
  echo "sfeed: $(printf '%.3f' "$secs") s, $(mbps "$bytes" "$secs") MB/s (one process per file)"
  cat "$corpus"/* > "$corpus.all"
  start=$(now); sfeed < "$corpus.all" > /dev/null; end=$(now); rm -f "$corpus.all"
  secs=$(python3 -c "print($end-$start)")
  echo "sfeed: $(printf '%.3f' "$secs") s, $(mbps "$bytes" "$secs") MB/s (all files in one stream)"
else
  echo "sfeed: not installed (apt-get install sfeed)"
fi

py=""
for p in /usr/bin/python3 python3; do if "$p" -c 'import feedparser' 2>/dev/null; then py=$p; break; fi; done
if [ -n "$py" ]; then
  "$py" - "$corpus" "$bytes" <<'PY'
import feedparser, os, sys, time
d, total = sys.argv[1], int(sys.argv[2])
docs = [open(os.path.join(d, f), "rb").read() for f in sorted(os.listdir(d))]
start = time.perf_counter()
items = sum(len(feedparser.parse(x).entries) for x in docs)
secs = time.perf_counter() - start
print("feedparser %s: %.3f s, %.1f MB/s, %d items" % (feedparser.__version__, secs, total / 1e6 / secs, items))
PY
else
  echo "feedparser: not installed (apt-get install python3-feedparser)"
fi
