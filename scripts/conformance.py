#!/usr/bin/env python3
"""`make conformance`: telex against feedparser, two ways, per folder (see conformance.sh).

1. Assertions: each document of feedparser's own suite carries `Expect: <python expression>` over
   feedparser's result. We rebuild that result's shape from `telex parse --json` for the fields we
   carry (and `encoding`, compared by what the label means: 'us-ascii' and 'iso-8859-1' are
   windows-1252, as in browsers); an expression that touches any other key (bozo, version,
   namespaces, *_detail, raw date strings...) is "not applicable" and not counted. A document whose
   `SkipUnless:` line fails under this Python is skipped, as feedparser's own runner does.
2. Detection: the real-world feeds that declare a legacy encoding are read again with the declaration
   taken out; the share that reads the same (titles and summaries) is uchardet's accuracy on them.
3. Field agreement: feedparser (the same release, run from its sdist) and telex read every document of
   the suite and of a development set of real-world feeds (scripts/realworld-feeds.sh); the fields of
   scripts/feedparser_fields.py are compared one by one.
"""
import argparse, urllib.parse, calendar, concurrent.futures, functools, json, os, re, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from feedparser_fields import feedparser_view, field_pairs, telex_json, telex_view

BASE = "http://127.0.0.1:8097/"   # feedparser's runner serves its "http" documents there


class NotApplicable(Exception):
    pass


class View(dict):
    """A dict that only answers the keys telex carries; any other key makes the expectation not applicable.

    Like feedparser's FeedParserDict it answers attribute access (`entries[0].link`) and feedparser's
    legacy aliases (`guid` is `id`, `date_parsed` is `updated_parsed`...): without that, an expectation
    written as `entries[0].source.href` failed on the attribute syntax instead of being not applicable."""
    def __init__(self, data, allowed, aliases=None):
        super().__init__(data)
        self.allowed = allowed
        self.aliases = aliases or {}
    def _check(self, key):
        key = self.aliases.get(key, key)
        if key not in self.allowed:
            raise NotApplicable(key)
        return key
    def __getitem__(self, key):
        return super().__getitem__(self._check(key))
    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)
    def get(self, key, default=None):
        return super().get(self._check(key), default)
    def __contains__(self, key):
        return super().__contains__(self._check(key))
    def has_key(self, key):
        return self.__contains__(key)


import re as _re


from html_text import html_to_text


def as_text(value):
    return _re.sub(r"\s+", " ", html_to_text(value).replace("\u00a0", " ")).strip()


class TextValue(str):
    """Titles, summaries and contents compare as text (tags out, entities decoded, space collapsed),
    as the issue asks: telex keeps HTML unsanitized for the article layer, feedparser sanitizes it.

    feedparser's value is plain text when the source type was text (Atom type="text", text/plain) and
    HTML otherwise; the Expect line does not say which. So ours, as text, must equal the expected value
    read as HTML or, failing that, read as the plain text it then is ("History of the <blink> tag")."""
    def __eq__(self, other):
        if isinstance(other, str):
            ours = as_text(str(self))
            return ours == as_text(other) or ours == _re.sub(r"\s+", " ", other.replace("\u00a0", " ")).strip()
        return NotImplemented
    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r
    __hash__ = str.__hash__


class PlainValue(str):
    """Titles are plain text in our JSON already. feedparser's title is HTML when the source said so
    and plain text otherwise, and an Expect line does not say which: equal when ours matches it read
    as HTML (a literal "<blink>" in ours is text) or, as before, when both read as HTML agree."""
    def __eq__(self, other):
        if isinstance(other, str):
            ours = _re.sub(r"\s+", " ", str(self).replace("\u00a0", " ")).strip()
            return ours == as_text(other) or as_text(str(self)) == as_text(other)
        return NotImplemented
    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r
    __hash__ = str.__hash__


# feedparser's FeedParserDict.keymap entries for the keys we carry.
ALIASES = {"guid": "id", "date_parsed": "updated_parsed", "modified_parsed": "updated_parsed",
           "issued_parsed": "published_parsed", "url": "href", "description": "subtitle", "tagline": "subtitle"}
ENTRY_ALIASES = dict(ALIASES, description="summary")


def parsed(iso):
    if not iso:
        return None
    return time.gmtime(calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")))


FEED_KEYS = {"title", "link", "language", "updated_parsed", "image", "subtitle"}
ENTRY_KEYS = {"title", "link", "id", "published_parsed", "updated_parsed", "author", "summary", "content", "tags",
              "enclosures", "comments"}


def result_from(doc):
    feed = {}
    for k in ("title", "link", "language"):
        if doc.get(k) is not None:
            feed[k] = PlainValue(doc[k]) if k == "title" else doc[k]
    if doc.get("description") is not None:
        feed["subtitle"] = PlainValue(doc["description"])
    if doc.get("updated"):
        feed["updated_parsed"] = parsed(doc["updated"])
    if doc.get("image"):
        feed["image"] = View({"href": doc["image"], "url": doc["image"]}, {"href", "url"})
    entries = []
    for e in doc["items"]:
        d = {"id": e["id"]}
        # Our items always carry a title string (plain text, "" when empty), so the key is always there:
        # feedparser's title '<img src=...>' is "" as text, and equal to ours.
        if e.get("title") is not None:
            d["title"] = PlainValue(e["title"])
        for k in ("link", "comments"):
            if e.get(k):
                d[k] = e[k]
        if e.get("published"):
            d["published_parsed"] = parsed(e["published"])
        if e.get("updated"):
            d["updated_parsed"] = parsed(e["updated"])
        if e.get("author"):
            d["author"] = e["author"]
        summary = e.get("summary_html") if e.get("summary_html") is not None else e.get("content_html")
        if summary is not None:
            d["summary"] = TextValue(summary)
        if e.get("content_html") is not None:
            d["content"] = [View({"value": TextValue(e["content_html"])}, {"value"})]
        if e.get("categories"):
            d["tags"] = [View({"term": c}, {"term"}) for c in e["categories"]]
        if e.get("enclosures"):
            d["enclosures"] = [View({k: v for k, v in (("href", x["url"]), ("type", x.get("type")),
                                     ("length", str(x["length"]) if x.get("length") is not None else None)) if v is not None},
                                    {"href", "type", "length"}) for x in e["enclosures"]]
        entries.append(View(d, ENTRY_KEYS, ENTRY_ALIASES))
    return {"feed": View(feed, FEED_KEYS, ALIASES), "entries": entries}


HEADER = re.compile(rb"(?:Description|Expect):\s*(.*?)\s*$", re.M)


def expectation(path):
    head = open(path, "rb").read(4096)
    m = re.search(rb"Expect:\s*(.*?)\s*(?:-->|\*/|\n)", head)
    if not m:
        return None
    expr = m.group(1).decode("utf-8", "replace").strip()
    expr = re.sub(r"^not bozo and ", "", expr)
    return expr


def header_lines(path):
    """The `Header:` lines (HTTP headers the suite's own server would send) and the `SkipUnless:` line."""
    raw = open(path, "rb").read(4096)
    if raw.startswith((b"\x4c\x6f\xa7\x94",)):
        head = raw.decode("cp037", "replace")   # EBCDIC documents carry their comments in EBCDIC
    else:
        head = raw.replace(b"\x00", b"").decode("utf-8", "replace")
    headers = re.findall(r"Header:\s*([\w-]+):\s*(.*?)\s*$", head, re.M)
    skip = re.search(r"SkipUnless:\s*(.*?)\s*$", head, re.M)
    return headers, skip.group(1) if skip else None


def skipped(condition):
    if not condition:
        return False
    try:
        return not eval(condition)
    except Exception:
        return True


def request(path, rel):
    """The URL and Content-Type this document has in feedparser's own runner: documents whose path says
    "http" are served by its HTTP server (with their Header: lines), the others read from a file (no URL)."""
    if "http" not in rel:
        return None, None
    url, content_type = BASE + rel, None
    for name, value in header_lines(path)[0]:
        if name.lower() == "content-location":
            # As feedparser's HTTP layer: a Content-Location that is not http(s) is ignored (unsafe).
            joined = urllib.parse.urljoin(BASE + rel, value)
            if joined.startswith(("http://", "https://")):
                url = joined
        elif name.lower() == "content-type":
            content_type = value
    return url, content_type


@functools.lru_cache(maxsize=None)
def canonical_encoding(telex, label):
    """What telex reads a label as (its one label table), by asking it: `--charset LABEL` on a tiny feed."""
    r = subprocess.run([telex, "parse", "--json", "--charset", label, "-"], input=b"<rss><channel/></rss>", capture_output=True)
    if r.returncode != 0:
        return label.lower()
    doc = json.loads(r.stdout)
    return doc["encoding"] if doc.get("encoding_source") == "transport" else label.lower()


class EncodingValue(str):
    """Our encoding name equals feedparser's label when the label means that encoding."""
    telex = None
    def __eq__(self, other):
        if isinstance(other, str):
            return str(self) == canonical_encoding(EncodingValue.telex, other)
        return NotImplemented
    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r
    __hash__ = str.__hash__


def assertion(doc, expr):
    """True/False, or None when the expression uses something telex does not carry."""
    try:
        env = result_from(doc) if "error" not in doc else {"feed": View({}, FEED_KEYS), "entries": []}
        if "error" not in doc and doc.get("encoding"):
            env["encoding"] = EncodingValue(doc["encoding"])
        return bool(eval(expr, {"__builtins__": __builtins__, "time": time}, env))
    except (NotApplicable, NameError):
        # NameError: a bare name other than feed/entries/encoding (etag, headers...) is HTTP metadata we do not carry.
        return None
    except Exception:
        return False


SUITE_FOLDERS = ("wellformed", "illformed", "encoding", "entities")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--telex", required=True)
    ap.add_argument("--corpus", required=True, help="feedparser's tests/ folder")
    ap.add_argument("--feedparser", help="a folder holding the feedparser package to compare fields with")
    ap.add_argument("--realworld", help="the development set of real-world feeds (one folder per source)")
    ap.add_argument("--failures", type=int, default=0, help="print this many failing expectations")
    ap.add_argument("--disagreements", type=int, default=0, help="print this many field disagreements")
    ap.add_argument("--only", help="only documents whose path contains this")
    args = ap.parse_args()
    EncodingValue.telex = args.telex
    feedparser = None
    if args.feedparser:
        sys.path.insert(0, args.feedparser)
        import feedparser
    cases = []   # (folder, path, url, content type, skipped)
    for sub in SUITE_FOLDERS:
        for root, _, files in os.walk(os.path.join(args.corpus, sub)):
            for f in sorted(files):
                if f.endswith((".xml", ".rdf", ".atom", ".rss")):
                    p = os.path.join(root, f)
                    rel = os.path.relpath(p, os.path.dirname(args.corpus))
                    url, content_type = request(p, rel)
                    cases.append((sub, p, url, content_type, skipped(header_lines(p)[1])))
    if args.realworld:
        for source in sorted(os.listdir(args.realworld)):
            folder = os.path.join(args.realworld, source)
            for root, _, files in os.walk(folder):
                for f in sorted(files):
                    p = os.path.join(root, f)
                    cases.append(("real-world/" + source, p, "http://feeds.example/" + source + "/" + os.path.relpath(p, folder), None, False))
    if args.only:
        cases = [c for c in cases if args.only in c[1]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        outputs = list(pool.map(lambda c: telex_json(args.telex, c[1], c[2], c[3]), cases))

    # 1. Assertions (feedparser's suite only).
    stats, failed = {}, []
    for (folder, path, url, content_type, skip), doc in zip(cases, outputs):
        if folder.startswith("real-world/"):
            continue
        st = stats.setdefault(folder, {"met": 0, "failed": 0, "na": 0, "skipped": 0, "none": 0})
        expr = expectation(path)
        if not expr:
            st["none"] += 1
            continue
        if skip:
            st["skipped"] += 1
            continue
        if "bozo" in expr or "version" in expr or "namespaces" in expr or "headers" in expr:
            st["na"] += 1
            continue
        ok = assertion(doc, expr)
        if ok is None:
            st["na"] += 1
        elif ok:
            st["met"] += 1
        else:
            st["failed"] += 1
            failed.append((os.path.relpath(path, os.path.dirname(args.corpus)), expr))
    for rel, expr in failed[: args.failures]:
        print("FAIL %s: %s" % (rel, expr))
    print("Assertions of feedparser's suite met by telex (Expect lines over the fields telex carries):")
    total = {"met": 0, "failed": 0, "na": 0, "skipped": 0}
    for folder in SUITE_FOLDERS:
        st = stats.get(folder)
        if not st:
            continue
        counted = st["met"] + st["failed"]
        print("  %-12s %5d / %5d  %.3f   (%d not applicable, %d skipped by SkipUnless)"
              % (folder, st["met"], counted, st["met"] / max(1, counted), st["na"], st["skipped"]))
        for k in total:
            total[k] += st[k]
    counted = total["met"] + total["failed"]
    print("  %-12s %5d / %5d  %.3f   (%d not applicable, %d skipped)" % ("all", total["met"], counted, total["met"] / max(1, counted), total["na"], total["skipped"]))

    # 2. Detection: the real-world feeds that declare a legacy encoding, with the declaration taken out,
    #    must read the same as with it.
    detection = {}
    legacy = [(c, doc) for c, doc in zip(cases, outputs)
              if c[0].startswith("real-world/") and "error" not in doc and doc.get("encoding_source") == "declaration"
              and doc.get("encoding") not in ("utf-8", "windows-1252")]
    def undeclared(case):
        data = open(case[1], "rb").read()
        stripped = re.sub(rb"""(<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""", rb"\1", data, count=1)
        with tempfile.NamedTemporaryFile(suffix=".xml") as f:
            f.write(stripped); f.flush()
            return telex_json(args.telex, f.name, case[2], None)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        stripped_outputs = list(pool.map(lambda cd: undeclared(cd[0]), legacy))
    misses = []
    for (case, doc), bare in zip(legacy, stripped_outputs):
        st = detection.setdefault(doc["encoding"], [0, 0])
        st[1] += 1
        same = "error" not in bare and [(e["title"], e["summary"]) for e in bare["items"]] == [(e["title"], e["summary"]) for e in doc["items"]]
        if same:
            st[0] += 1
        else:
            misses.append((case[1], doc["encoding"], bare.get("encoding")))
    if legacy:
        print("Detection (uchardet): real-world feeds in a legacy encoding, declaration removed, read as with it:")
        for name in sorted(detection):
            print("  %-30s %4d / %4d" % (name, detection[name][0], detection[name][1]))
        ok, n = sum(v[0] for v in detection.values()), sum(v[1] for v in detection.values())
        print("  %-30s %4d / %4d  %.3f" % ("all", ok, n, ok / max(1, n)))
        for path, declared, detected in misses[: args.disagreements]:
            print("DETECT %s: declared %s, detected %s" % (path, declared, detected))

    # 3. Field agreement with feedparser.
    if feedparser is None:
        return
    agreement, disagreements = {}, []
    for (folder, path, url, content_type, skip), doc in zip(cases, outputs):
        if skip:
            continue
        theirs = feedparser_view(feedparser, open(path, "rb").read(), url, content_type)
        ours = telex_view(doc)
        st = agreement.setdefault(folder, [0, 0, 0])
        st[2] += 1
        for (i, field, o, t, equal) in field_pairs(ours, theirs):
            st[1] += 1
            if equal:
                st[0] += 1
            else:
                disagreements.append((path, i, field, o, t))
    for (path, i, field, o, t) in disagreements[: args.disagreements]:
        print("DIFF %s item %s %s: telex=%r feedparser=%r" % (path, i, field, o, t))
    print("Field agreement with feedparser %s (fields equal / fields compared):" % feedparser.__version__)
    sums = {"suite": [0, 0, 0], "real-world": [0, 0, 0]}
    for folder in sorted(agreement, key=lambda f: (f.startswith("real-world/"), SUITE_FOLDERS.index(f) if f in SUITE_FOLDERS else 0, f)):
        eq, n, docs = agreement[folder]
        print("  %-30s %6d / %6d  %.4f   (%d documents)" % (folder, eq, n, eq / max(1, n), docs))
        key = "real-world" if folder.startswith("real-world/") else "suite"
        sums[key] = [a + b for a, b in zip(sums[key], (eq, n, docs))]
    for key, (eq, n, docs) in sums.items():
        if docs:
            print("  %-30s %6d / %6d  %.4f   (%d documents)" % ("all " + key, eq, n, eq / max(1, n), docs))


if __name__ == "__main__":
    main()
