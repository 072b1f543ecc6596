#!/usr/bin/env python3
"""Token-level precision/recall/F1 of `telex extract` against a corpus of pages with reference text.

Usage: scripts/score-extraction.py [TELEX_BINARY] [--corpus DIR] [--worst N] [--only NAME]
Corpora: ../shared/corpora/readability-test-pages/test-pages (source.html + expected.html) and
tests/fixtures/articles/pages (NAME.html + NAME.gold.txt + NAME.url). Bag-of-tokens over
whitespace-split text, as the article-extraction benchmarks measure it.
"""
import collections, html.parser, json, os, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BLOCK = set("p div section article main header footer aside nav h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre figure figcaption table thead tbody tfoot tr td th caption hr br form fieldset address center details summary body html img".split())

class TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.parts = []; self.skip = 0
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"): self.skip += 1
        if tag in BLOCK: self.parts.append(" ")
    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip: self.skip -= 1
        if tag in BLOCK: self.parts.append(" ")
    def handle_data(self, data):
        if not self.skip: self.parts.append(data)

def html_text(s):
    p = TextOf(); p.feed(s); return " ".join("".join(p.parts).split())

def f1(got, want):
    g, w = collections.Counter(got.split()), collections.Counter(want.split())
    common = sum((g & w).values())
    if not g or not w: return (0.0, 0.0, 0.0) if g or w else (1.0, 1.0, 1.0)
    p, r = common / sum(g.values()), common / sum(w.values())
    return (p, r, 0.0 if common == 0 else 2 * p * r / (p + r))

def extract(binary, path, url):
    out = subprocess.run([binary, "extract", path, "--url", url, "--json"], capture_output=True, timeout=60)
    return json.loads(out.stdout or b"{}").get("text", "")

def main():
    args = sys.argv[1:]
    binary = args[0] if args and not args[0].startswith("--") else os.path.join(ROOT, ".build/debug/telex")
    worst = int(args[args.index("--worst") + 1]) if "--worst" in args else 10
    only = args[args.index("--only") + 1] if "--only" in args else None
    corpora = []
    rt = os.path.join(os.path.dirname(ROOT), "shared/corpora/readability-test-pages/test-pages")
    if os.path.isdir(rt):
        pages = []
        for name in sorted(os.listdir(rt)):
            d = os.path.join(rt, name)
            pages.append((name, os.path.join(d, "source.html"), "http://fakehost/test/page.html",
                          lambda d=d: html_text(open(os.path.join(d, "expected.html"), encoding="utf-8").read())))
        corpora.append(("readability-test-pages", pages))
    else:
        print("skipping readability-test-pages: ../shared/corpora is absent")
    own = os.path.join(ROOT, "tests/fixtures/articles/pages")
    if os.path.isdir(own):
        pages = []
        for name in sorted(n[:-5] for n in os.listdir(own) if n.endswith(".html")):
            base = os.path.join(own, name)
            url = open(base + ".url").read().strip() if os.path.exists(base + ".url") else "https://example.com/"
            pages.append((name, base + ".html", url, lambda b=base: " ".join(open(b + ".gold.txt", encoding="utf-8").read().split())))
        corpora.append(("telex-pages", pages))
    for corpus, pages in corpora:
        rows = []
        for name, path, url, want in pages:
            if only and only != name: continue
            got = " ".join(extract(binary, path, url).split())
            rows.append((name,) + f1(got, want()))
        if not rows: continue
        n = len(rows)
        print(f"{corpus}: {n} pages  P={sum(r[1] for r in rows)/n:.3f} R={sum(r[2] for r in rows)/n:.3f} F1={sum(r[3] for r in rows)/n:.3f}")
        for r in sorted(rows, key=lambda r: r[3])[:worst]:
            print(f"  {r[3]:.3f}  P={r[1]:.3f} R={r[2]:.3f}  {r[0]}")

main()
