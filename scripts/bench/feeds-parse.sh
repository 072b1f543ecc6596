#!/usr/bin/env bash
# Feed parse throughput (MB/s) over a generated corpus of 300 realistic feeds: telex in-process
# (`telex _bench-parse`, best of 3 rounds), then sfeed (best of 3 runs) and Python's feedparser on the same
# files. Wall clock and CPU time (user + system) both: on a shared machine CPU time is the fair comparison.
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
# Hostile input fails fast: the billion-laughs document (bound: 1 s, once a timed test).
laughs=$(mktemp -d /tmp/telex-bench-laughs.XXXXXX)
cp tests/fixtures/feeds/quirk-billion-laughs.xml "$laughs/"
echo "billion laughs: $("$bin" _bench-parse "$laughs" --rounds 1 | head -1 | sed -E 's/.* ([0-9.]+ s),.*/\1/') to fail (bound: 1 s)"
rm -rf "$laughs"

mbps() { python3 -c "import sys; b,s=float(sys.argv[1]),float(sys.argv[2]); print('%.1f' % (b/1e6/s))" "$1" "$2"; }
now() { date +%s.%N; }

if command -v sfeed >/dev/null; then
  start=$(now)
  for f in "$corpus"/*; do sfeed < "$f" > /dev/null; done
  end=$(now)
  secs=$(python3 -c "print($end-$start)")
  echo "sfeed: $(printf '%.3f' "$secs") s, $(mbps "$bytes" "$secs") MB/s (one process per file)"
  cat "$corpus"/* > "$corpus.all"
  # The best of three runs on one stream, wall clock and CPU (user + system), as telex's rounds.
  python3 - "$corpus.all" "$bytes" <<'PY'
import resource, subprocess, sys, time
path, total = sys.argv[1], int(sys.argv[2])
best = best_cpu = float("inf")
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(path, "rb") as stream:
        subprocess.run(["sfeed"], stdin=stream, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    best, best_cpu = min(best, wall), min(best_cpu, cpu)
print("sfeed: %.3f s, %.1f MB/s; CPU %.3f s, %.1f MB/s (all files in one stream)" % (best, total / 1e6 / best, best_cpu, total / 1e6 / best_cpu))
PY
  rm -f "$corpus.all"
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
