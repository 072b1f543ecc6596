#!/usr/bin/env python3
"""Main-content extraction scored on WCXB's development split (../shared/corpora/wcxb-dev), the
way WCXB's own evaluate.py scores it: per page, word-level F1 of the extracted text against
`ground_truth.main_content` (lowercased `\\w+` tokens, bags compared), averaged over pages, per page
type (`_internal.page_type.primary`, "category" counted as "collection").

telex runs in one process over all pages (`telex _extract-batch`); trafilatura (the peer), when
asked with --peer, runs in a venv under .build/ (created on first use: `pip install trafilatura`)
with its default settings, and its output is cached per trafilatura version.

Usage: scripts/score-wcxb.py [TELEX_BINARY] [--half even|odd|all] [--peer] [--worst N]
                             [--only ID[,ID...]] [--type TYPE] [--save FILE] [--compare FILE]
  --half even|odd   pages with an even / odd number (develop on one half, check the other now and then)
  --save FILE       write telex's per-page scores as JSON;  --compare FILE  print pages that moved
"""
import collections, gzip, json, os, re, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared/corpora/wcxb-dev")
WORK = os.path.join(ROOT, ".build/wcxb")
VENV = os.path.join(ROOT, ".build/venv-trafilatura")
TYPES = ["article", "forum", "product", "collection", "listing", "documentation", "service"]
TOKEN = re.compile(r"\w+")


def tokens(text):
    return TOKEN.findall(text.lower()) if text else []


def word_f1(predicted, reference):
    """(precision, recall, F1) as WCXB's evaluate.py computes them."""
    p, r = tokens(predicted), tokens(reference)
    if not r:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return (0.0, 0.0, 0.0)
    overlap = sum((collections.Counter(p) & collections.Counter(r)).values())
    precision, recall = overlap / len(p), overlap / len(r)
    return (precision, recall, 2 * precision * recall / (precision + recall) if overlap else 0.0)


def load_pages():
    """[(id, html_path, url, page_type, reference)] for every page, HTML decompressed under .build/wcxb."""
    os.makedirs(os.path.join(WORK, "html"), exist_ok=True)
    pages = []
    gt_dir = os.path.join(CORPUS, "ground-truth")
    for name in sorted(os.listdir(gt_dir)):
        if not name.endswith(".json"):
            continue
        file_id = name[:-5]
        data = json.load(open(os.path.join(gt_dir, name), encoding="utf-8"))
        gt = data.get("ground_truth") or {}
        pt = ((data.get("_internal") or {}).get("page_type") or {})
        pt = pt.get("primary", "article") if isinstance(pt, dict) else (pt or "article")
        pt = "collection" if pt == "category" else pt
        path = os.path.join(WORK, "html", file_id + ".html")
        if not os.path.exists(path):
            with gzip.open(os.path.join(CORPUS, "html", file_id + ".html.gz"), "rb") as src, open(path, "wb") as dst:
                dst.write(src.read())
        pages.append((file_id, path, data.get("url") or "https://example.com/", pt, gt.get("main_content") or ""))
    return pages


def run_telex(binary, pages):
    manifest = os.path.join(WORK, "manifest.tsv")
    with open(manifest, "w", encoding="utf-8") as f:
        for file_id, path, url, _, _ in pages:
            f.write(f"{file_id}\t{path}\t{url}\n")
    start = time.time()
    out = subprocess.run([binary, "_extract-batch", manifest], capture_output=True, check=True)
    elapsed = time.time() - start
    results = {}
    for line in out.stdout.decode("utf-8").splitlines():
        row = json.loads(line)
        results[row["id"]] = row
    return results, elapsed


PEER_SCRIPT = r"""
import json, sys, trafilatura
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    file_id, path, url = line.rstrip("\n").split("\t")
    html = open(path, "rb").read()
    try:
        text = trafilatura.extract(html, url=url) or ""
    except Exception as e:
        text = ""
    out[file_id] = text
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def run_peer(pages):
    python = os.path.join(VENV, "bin/python")
    if not os.path.exists(python):
        print("creating", VENV, "(pip install trafilatura)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([os.path.join(VENV, "bin/pip"), "install", "-q", "trafilatura", "lxml_html_clean"], check=True)
    version = subprocess.run([python, "-c", "import trafilatura; print(trafilatura.__version__)"],
                             capture_output=True, text=True, check=True).stdout.strip()
    cache = os.path.join(WORK, f"trafilatura-{version}.json")
    results = json.load(open(cache, encoding="utf-8")) if os.path.exists(cache) else {}
    missing = [p for p in pages if p[0] not in results]
    if missing:
        manifest = os.path.join(WORK, "peer-manifest.tsv")
        with open(manifest, "w", encoding="utf-8") as f:
            for file_id, path, url, _, _ in missing:
                f.write(f"{file_id}\t{path}\t{url}\n")
        script = os.path.join(WORK, "peer.py")
        open(script, "w").write(PEER_SCRIPT)
        part = os.path.join(WORK, "peer-part.json")
        print(f"trafilatura {version}: extracting {len(missing)} pages (cached afterwards)", file=sys.stderr)
        subprocess.run(["nice", "-n", "10", python, script, manifest, part], check=True)
        results.update(json.load(open(part, encoding="utf-8")))
        json.dump(results, open(cache, "w", encoding="utf-8"))
    return version, results


def table(title, rows_by_type):
    print(title)
    print(f"  {'type':<14} {'pages':>5} {'F1':>7} {'P':>7} {'R':>7}")
    everything = []
    for t in TYPES:
        rows = rows_by_type.get(t, [])
        everything += rows
        if rows:
            n = len(rows)
            print(f"  {t:<14} {n:>5} {sum(r[2] for r in rows)/n:>7.3f} {sum(r[0] for r in rows)/n:>7.3f} {sum(r[1] for r in rows)/n:>7.3f}")
    n = len(everything)
    if n:
        print(f"  {'all':<14} {n:>5} {sum(r[2] for r in everything)/n:>7.3f} {sum(r[0] for r in everything)/n:>7.3f} {sum(r[1] for r in everything)/n:>7.3f}")


def main():
    args = sys.argv[1:]
    def option(name, default=None):
        return args[args.index(name) + 1] if name in args else default
    binary = args[0] if args and not args[0].startswith("--") else os.path.join(ROOT, ".build/release/telex")
    half = option("--half", "all")
    worst = int(option("--worst", "15"))
    only = set(option("--only", "").split(",")) - {""}
    only_type = option("--type")
    if not os.path.isdir(CORPUS):
        print(f"skipping WCXB: {CORPUS} is absent")
        return
    pages = load_pages()
    if half in ("even", "odd"):
        pages = [p for p in pages if int(p[0]) % 2 == (0 if half == "even" else 1)]
    if only:
        pages = [p for p in pages if p[0] in only]
    if only_type:
        pages = [p for p in pages if p[3] == only_type]
    results, elapsed = run_telex(binary, pages)
    ours = collections.defaultdict(list)
    scored = []
    for file_id, _, url, pt, ref in pages:
        row = results.get(file_id, {"text": ""})
        s = word_f1(row["text"], ref)
        ours[pt].append(s)
        scored.append((s, file_id, pt, url, row))
    cpu = sum(r.get("cpuMs", 0) for r in results.values())
    print(f"WCXB dev, {half} pages: {len(pages)} pages, telex {elapsed:.1f} s wall for all "
          f"({cpu/1000:.1f} s CPU extracting, {cpu/max(len(pages),1):.1f} ms a page)")
    table("telex (word F1, as WCXB's evaluate.py):", ours)
    if "--peer" in args:
        version, peer = run_peer(pages)
        theirs = collections.defaultdict(list)
        for file_id, _, _, pt, ref in pages:
            theirs[pt].append(word_f1(peer.get(file_id, ""), ref))
        table(f"trafilatura {version} (same pages, same scorer):", theirs)
    slow = sorted(results.values(), key=lambda r: -r.get("cpuMs", 0))[:3]
    print("slowest: " + ", ".join(f"{r['id']} {r.get('cpuMs', 0):.0f} ms ({r.get('outcome')})" for r in slow))
    print(f"worst {worst} pages (F1 P R, type, url):")
    for s, file_id, pt, url, row in sorted(scored, key=lambda x: x[0][2])[:worst]:
        print(f"  {s[2]:.3f} {s[0]:.3f} {s[1]:.3f}  {file_id} {pt:<13} {url[:90]}")
    if option("--show"):
        # One page in detail: what telex kept, and the words it missed or added.
        for s_, file_id, pt, url, row in scored:
            if file_id != option("--show"):
                continue
            ref = next(p[4] for p in pages if p[0] == file_id)
            got, want = collections.Counter(tokens(row["text"])), collections.Counter(tokens(ref))
            print(f"== {file_id} {pt} {url}\n== telex ({len(row['text'])} chars):\n{row['text'][:6000]}\n== gold ({len(ref)} chars):\n{ref[:6000]}")
            print("== missed:", " ".join(w for w, _ in (want - got).most_common(60)))
            print("== extra:", " ".join(w for w, _ in (got - want).most_common(60)))
    if option("--save"):
        json.dump({fid: {"f1": s[2], "p": s[0], "r": s[1], "type": pt} for s, fid, pt, _, _ in scored},
                  open(option("--save"), "w"), indent=0)
    if option("--compare"):
        before = json.load(open(option("--compare")))
        moved = [(s[2] - before[fid]["f1"], fid, pt, before[fid]["f1"], s[2]) for s, fid, pt, _, _ in scored if fid in before]
        moved = [m for m in moved if abs(m[0]) > 0.02]
        print(f"moved by more than 0.02: {len(moved)} pages, {sum(1 for m in moved if m[0] > 0)} up")
        for d, fid, pt, b, a in sorted(moved)[:15]:
            print(f"  {b:.3f} -> {a:.3f}  {fid} {pt}")
        for d, fid, pt, b, a in sorted(moved)[-8:]:
            print(f"  {b:.3f} -> {a:.3f}  {fid} {pt}")


main()
