"""The fields telex and feedparser are compared on, for both oracles (scripts/feedparser-diff.py and
scripts/conformance.py): one reading of each side, one list of fields, one notion of "equal".

Compared: the item count; the feed's title and link; per item (in document order) title, link, id,
date (published, else updated), author, summary and content, all as text (tags out, entities decoded,
whitespace collapsed), because telex keeps HTML as the feed sent it and feedparser sanitizes it.
"""
import json, re, subprocess, time

from html_text import html_to_text


def text(value, is_html=True):
    """HTML (or text) to comparable text: tags out, entities decoded, whitespace collapsed."""
    if value is None:
        return None
    if is_html:
        value = html_to_text(value)
    value = value.replace("\u00a0", " ")
    value = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", value)
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


HTML_TYPES = ("text/html", "application/xhtml+xml")


def iso(struct):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct) if struct else None


def feedparser_view(feedparser, data, url, content_type=None):
    """feedparser's result, reduced to the compared fields."""
    headers = {"content-location": url} if url else {}
    if content_type:
        headers["content-type"] = content_type
    try:
        d = feedparser.parse(data, response_headers=headers)
    except Exception as e:  # feedparser should not raise; count it as nothing read
        return {"count": 0, "items": [], "feed": {}, "bozo": True, "encoding": None, "error": repr(e)}
    items = []
    for e in d.entries:
        td = e.get("title_detail") or {}
        title = text(e.get("title"), td.get("type") in HTML_TYPES) or ""
        # feedparser's values are HTML or plain text as their detail's type says (ours are HTML).
        summary = e.get("summary")
        summary_type = (e.get("summary_detail") or {}).get("type", "text/html")
        content = e["content"][0]["value"] if e.get("content") else None
        content_type = e["content"][0].get("type", "text/html") if e.get("content") else "text/html"
        if summary is None and content is not None:
            summary, summary_type = content, content_type
        ad = e.get("author_detail") or {}
        author = ad.get("name") or ad.get("email") or e.get("author")
        items.append({
            "title": title, "link": e.get("link"), "id": e.get("id"),
            "published": iso(e.get("published_parsed") or e.get("updated_parsed")),
            "author": text(author, False),
            "summary": text(summary, summary_type in HTML_TYPES),
            "content": text(content, content_type in HTML_TYPES),
        })
    feed = d.get("feed", {})
    ftd = feed.get("title_detail") or {}
    return {"count": len(items), "items": items, "bozo": d.get("bozo"), "encoding": d.get("encoding"),
            "feed": {"title": text(feed.get("title"), ftd.get("type") in HTML_TYPES),
                     "link": feed.get("link")}}


def telex_json(telex, path, url, content_type=None, charset=None):
    """`telex parse --json` of a file: the JSON document, or {"error": message}."""
    cmd = [telex, "parse", "--json"] + (["--url", url] if url else [])
    if content_type:
        cmd += ["--content-type", content_type]
    if charset:
        cmd += ["--charset", charset]
    r = subprocess.run(cmd + [path], capture_output=True, timeout=60)
    if r.returncode != 0:
        return {"error": r.stderr.decode("utf-8", "replace").strip()}
    return json.loads(r.stdout)


def telex_view(doc):
    """telex's JSON, reduced to the compared fields."""
    if "error" in doc:
        return {"error": doc["error"]}
    items = []
    for e in doc["items"]:
        summary_html = e.get("summary_html") if e.get("summary_html") is not None else e.get("content_html")
        items.append({
            "title": text(e["title"], False) or "", "link": e.get("link"), "id": e.get("id"),
            "published": e.get("published"), "authors": [text(a, False) for a in e.get("authors") or []],
            "summary": text(summary_html), "content": text(e.get("content_html")),
        })
    return {"count": len(items), "items": items, "feed": {"title": text(doc.get("title"), False), "link": doc.get("link")}}


def field_pairs(ours, theirs):
    """Yields (item index or None for the feed, field, ours, theirs, equal) for every compared field."""
    if "error" in ours:
        yield (None, "error", ours["error"], "%d items" % theirs["count"], False)
        return
    yield (None, "count", ours["count"], theirs["count"], ours["count"] == theirs["count"])
    for field in ("title", "link"):
        o, t = ours["feed"].get(field), theirs["feed"].get(field)
        if o is not None or t is not None:
            yield (None, "feed " + field, o, t, (o or None) == (t or None))
    for i, (o, t) in enumerate(zip(ours["items"], theirs["items"])):
        for field in ("title", "link", "published", "summary", "content"):
            if field == "content" and t["content"] is None:
                continue   # feedparser has no content element: ours may hold the second description
            if o[field] is None and t[field] is None:
                continue
            yield (i, field, o[field], t[field], (o[field] or None) == (t[field] or None))
        if t["id"] is not None or o["id"] is not None:
            # Items without any id get a made-up one on each side (ours a hash): not compared then.
            if t["id"] is not None:
                yield (i, "id", o["id"], t["id"], o["id"] == t["id"])
        if t["author"] is not None:
            yield (i, "author", o["authors"], t["author"], t["author"] in o["authors"])
