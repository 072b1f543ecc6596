#!/usr/bin/env bash
# Article extraction speed and memory: pages/s on typical news pages (~100-250 KB, from
# ../shared/corpora when present, else generated), time for a 1 MB page, and peak RSS.
# Usage: scripts/bench/articles.sh [telex-binary]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/release/telex}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

corpus=../shared/corpora/readability-test-pages/test-pages
typical=()
if [ -d "$corpus" ]; then
  for f in "$corpus"/*/source.html; do
    size=$(stat -c %s "$f")
    if [ "$size" -ge 100000 ] && [ "$size" -le 250000 ]; then typical+=("$f"); fi
  done
fi
# A generated 1 MB page (a long story with nav, widgets and a comment thread) and, without the
# corpus, generated ~150 KB pages.
python3 - "$work" <<'PY'
import sys, random
random.seed(7)
words = "the council said on monday that new rules would take effect next year after months of debate over costs and benefits for residents".split()
def para(n): return " ".join(random.choice(words) for _ in range(n)).capitalize() + "."
def page(target):
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench story</title><meta property="og:title" content="Bench story"></head><body>'
    nav = '<nav class="menu"><ul>' + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(40)) + '</ul></nav>'
    out = [head, nav, '<main><article><h1>Bench story</h1><div class="entry-content">']
    size = sum(map(len, out))
    i = 0
    while size < target * 0.6:
        p = f'<p>{para(60)} <a href="/l{i}">{para(4)}</a> {para(30)}</p>'
        if i % 15 == 7: p += f'<p>READ <a href="/r{i}">{para(10)}</a></p>'
        out.append(p); size += len(p); i += 1
    out.append('</div></article><div id="comments">')
    while size < target:
        c = f'<div class="comment"><p class="author">user{i}</p><p>{para(25)}</p></div>'
        out.append(c); size += len(c); i += 1
    out.append('</div></main><footer>footer</footer></body></html>')
    return "".join(out)
open(sys.argv[1] + "/page-1mb.html", "w").write(page(1_000_000))
for n in range(5):
    open(sys.argv[1] + f"/typical-{n}.html", "w").write(page(150_000))
PY
if [ ${#typical[@]} = 0 ]; then
  echo "(../shared/corpora absent: typical pages are generated)"
  typical=("$work"/typical-*.html)
fi
"$bin" _bench-extract --label "typical pages" --iterations 20 "${typical[@]}"
"$bin" _bench-extract --label "1 MB page" --iterations 20 "$work/page-1mb.html"
# Extraction and layout together, what opening a page costs (bounds: >= 200 typical pages per
# CPU-second, a 1 MB page under 50 ms); layout at the reader's 80 columns and at a narrow 30
# (more breaking, and hyphenation of long words).
echo "bounds: >= 200 typical pages per CPU-second, 1 MB page < 50 ms CPU (extraction + layout)"
"$bin" _bench-extract --label "typical pages, extraction + layout at 80" --layout-width 80 --iterations 20 "${typical[@]}"
"$bin" _bench-extract --label "typical pages, extraction + layout at 30" --layout-width 30 --iterations 20 "${typical[@]}"
"$bin" _bench-extract --label "1 MB page, extraction + layout at 80" --layout-width 80 --iterations 20 "$work/page-1mb.html"
# Memory: one extraction in a fresh process, beside the same process on a tiny page (the baseline
# of a Swift + Foundation + libxml2 process with its first extraction done). _bench-extract also
# prints the RSS before extracting (pages loaded) and the peak.
echo '<html><body><p>A tiny page.</p></body></html>' > "$work/tiny.html"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "tiny page, fresh process: peak RSS %M KB, %U s user, %S s sys" "$bin" _bench-extract --label "tiny page (single)" --iterations 1 "$work/tiny.html"
  /usr/bin/time -f "1 MB page, fresh process: peak RSS %M KB, %U s user, %S s sys" "$bin" _bench-extract --label "1 MB page (single)" --iterations 1 "$work/page-1mb.html"
fi
