#!/usr/bin/env python3
"""Differential test: `telex parse --json` against Python's feedparser on every feed fixture.

Usage: feedparser-diff.py --telex PATH [--fixtures DIR] [--verbose] [FILE...]
Compares item count, titles, links, ids, dates, authors, summaries and contents (as text).
Exit status 0 when every disagreement is listed in KNOWN with the reason ours is right, 1 otherwise,
77 when feedparser is not installed (a skip).
"""
import argparse, html, json, os, re, subprocess, sys, time

try:
    import feedparser
except ImportError:
    print("SKIP: feedparser is not installed (apt-get install python3-feedparser)")
    sys.exit(77)

BASE = "http://fixtures.example/feeds/"

# (fixture, item index or None for the feed, field): why telex is right.
KNOWN = {
    ("quirk-bare-ampersand.xml", 0, "title"): "feedparser turns 'AT&T' into 'AT&T;' (it appends a semicolon to the bare ampersand); telex keeps the text",
    ("quirk-billion-laughs.xml", None, "error"): "telex refuses nested entity declarations outright, with a clear error; feedparser returns an empty feed",
    ("quirk-external-entity.xml", 0, "title"): "feedparser shows the unexpanded '&secret;'; telex drops references to external entities (never loaded)",
    ("quirk-invalid-utf8.xml", 0, "title"): "one stray latin-1 byte in UTF-8: telex reads that byte as windows-1252, feedparser re-decodes the whole document as latin-1 (mojibake)",
    ("quirk-dates-elsewhere.xml", 2, "published"): "feedparser ignores an offset without a sign ('0100'); telex reads it as +01:00",
    ("quirk-truncated.xml", 2, "summary"): "the document ends inside the description: telex keeps the partial text, feedparser drops it",
    ("not-a-feed.html", None, "error"): "an HTML page is not a feed: telex reports an error, feedparser returns an empty result",
    ("quirk-base64-atom.xml", 1, "summary"): "base64 content of a binary type (image/png) is not text: telex drops it, feedparser returns the base64 source as the summary",
    ("quirk-base64-atom.xml", 1, "content"): "base64 content of a binary type (image/png) is not text: telex drops it, feedparser returns the base64 source",
    ("jsonfeed10.json", None, "count"): "feedparser 6.0.10 (Debian 12) does not read JSON Feed",
    ("jsonfeed11.json", None, "count"): "feedparser 6.0.10 (Debian 12) does not read JSON Feed",
}


from html_text import html_to_text


def text(value, is_html=True):
    """HTML (or text) to comparable text: tags out, entities decoded, whitespace collapsed."""
    if value is None:
        return None
    if is_html:
        value = html_to_text(value)
    value = value.replace("\u00a0", " ")
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", value)
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def iso(struct):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct) if struct else None


def fp_view(path, url, content_type):
    data = open(path, "rb").read()
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    d = feedparser.parse(data, response_headers=headers)
    items = []
    for e in d.entries:
        td = e.get("title_detail") or {}
        title = text(e.get("title"), td.get("type") in ("text/html", "application/xhtml+xml")) or ""
        summary = e.get("summary")
        content = e["content"][0]["value"] if e.get("content") else None
        ad = e.get("author_detail") or {}
        author = ad.get("name") or ad.get("email") or e.get("author")
        items.append({
            "title": title, "link": e.get("link"), "id": e.get("id"),
            "published": iso(e.get("published_parsed") or e.get("updated_parsed")),
            "author": text(author, False),
            "summary": text(summary if summary is not None else content),
            "content": text(content),
        })
    return {"count": len(items), "items": items, "bozo": d.get("bozo")}


def telex_view(telex, path, url, content_type):
    cmd = [telex, "parse", "--json", "--url", url, path]
    if content_type:
        cmd[2:2] = ["--content-type", content_type]
    r = subprocess.run(cmd, capture_output=True, timeout=60)
    if r.returncode != 0:
        return {"error": r.stderr.decode("utf-8", "replace").strip()}
    doc = json.loads(r.stdout)
    items = []
    for e in doc["items"]:
        summary_html = e.get("summary_html") if e.get("summary_html") is not None else e.get("content_html")
        items.append({
            "title": text(e["title"], False) or "", "link": e.get("link"), "id": e.get("id"),
            "published": e.get("published"), "authors": e.get("authors") or [],
            "summary": text(summary_html), "content": text(e.get("content_html")),
        })
    return {"count": len(items), "items": items}


CONTENT_TYPES = {"quirk-content-type-charset.xml": "text/xml; charset=ISO-8859-1"}


def compare(name, ours, theirs):
    """Yields (item index, field, ours, theirs) for each disagreement."""
    if "error" in ours:
        if theirs["count"] > 0:
            yield (None, "error", ours["error"], "%d items" % theirs["count"])
        elif name not in ("quirk-billion-laughs.xml", "not-a-feed.html") or True:
            yield (None, "error", ours["error"], "no items")
        return
    if ours["count"] != theirs["count"]:
        yield (None, "count", ours["count"], theirs["count"])
    for i, (o, t) in enumerate(zip(ours["items"], theirs["items"])):
        for field in ("title", "link", "published", "summary", "content"):
            if field == "content" and t["content"] is None:
                continue
            if (o[field] or None) != (t[field] or None):
                yield (i, field, o[field], t[field])
        if t["id"] is not None and o["id"] != t["id"]:
            yield (i, "id", o["id"], t["id"])
        if t["author"] is not None and t["author"] not in o["authors"]:
            yield (i, "author", o["authors"], t["author"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--telex", required=True)
    ap.add_argument("--fixtures", default=os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "feeds"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or sorted(os.path.join(args.fixtures, f) for f in os.listdir(args.fixtures))
    unexpected, known, known_keys, compared = [], [], [], 0
    for path in files:
        name = os.path.basename(path)
        url = BASE + name
        ours = telex_view(args.telex, path, url, CONTENT_TYPES.get(name))
        theirs = fp_view(path, url, CONTENT_TYPES.get(name))
        compared += 1
        for (i, field, o, t) in compare(name, ours, theirs):
            line = "%s item %s %s: telex=%r feedparser=%r" % (name, i, field, o, t)
            if (name, i, field) in KNOWN:
                known_keys.append((name, i, field))
                known.append(line + "\n    known: " + KNOWN[(name, i, field)])
            else:
                unexpected.append(line)
    for line in known if args.verbose else []:
        print("KNOWN " + line)
    for line in unexpected:
        print("DIFF " + line)
    seen = {tuple(k) for k in known_keys}
    for key in KNOWN:
        if key not in seen and not args.files:
            print("STALE known disagreement no longer seen: %r" % (key,))
    print("feedparser-diff: %d files, %d known disagreements, %d unexpected" % (compared, len(known), len(unexpected)))
    sys.exit(1 if unexpected else 0)


if __name__ == "__main__":
    main()
