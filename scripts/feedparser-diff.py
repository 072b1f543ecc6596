#!/usr/bin/env python3
"""Differential test: `telex parse --json` against Python's feedparser on every feed fixture.

Usage: feedparser-diff.py --telex PATH [--fixtures DIR] [--verbose] [FILE...]
Compares item count, titles, links, ids, dates, authors, summaries and contents (as text).
Exit status 0 when every disagreement is listed in KNOWN with the reason ours is right, 1 otherwise,
2 when feedparser is not installed.
"""
import argparse, os, sys

try:
    import feedparser
except ImportError:
    # `make` installs python3-feedparser (scripts/ensure-deps.sh): missing here is a broken setup, not a skip.
    print("feedparser-diff: Python's feedparser is not installed (scripts/ensure-deps.sh installs python3-feedparser)")
    sys.exit(2)

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
    ("jsonfeed10.json", None, "*"): "feedparser 6.0.10 (Debian 12) does not read JSON Feed",
    ("jsonfeed11.json", None, "*"): "feedparser 6.0.10 (Debian 12) does not read JSON Feed",
    ("enc-latin1-label-c1.xml", 0, "title"): "ISO-8859-1 means windows-1252 (WHATWG): 0x85 is an ellipsis; feedparser reads true Latin-1, where 0x85 is NEL, a line break",
    ("enc-windows-874.xml", "*", "*"): "Python (so feedparser) has no codec named windows-874 (only cp874): it falls back to windows-1252 and shows mojibake",
    ("enc-meta-charset.xml", "*", "*"): "feedparser does not read <meta charset>: the KOI8-R text comes out as windows-1252 mojibake",
    ("shape-atom-xml-base.xml", 3, "link"): "a tag: URI is no link: telex takes an id as the link only when it is an http(s) URL; feedparser takes any id",
    ("shape-title-types.xml", None, "feed link"): "urn: ids are no links: telex takes a feed's id as its link only when it is an http(s) URL; feedparser takes any id",
    ("shape-title-types.xml", "*", "link"): "urn: ids are no links: telex takes an id as the link only when it is an http(s) URL; feedparser takes any id",
    ("shape-dates.xml", 0, "published"): "feedparser 6.0.10 ignores PM and the zone in 'Sun, 04 Feb 2024 01:30:00 PM EST' (13 hours off)",
    ("shape-dates.xml", 1, "published"): "feedparser 6.0.10 ignores PM in '2024-02-04 1:30 PM' (12 hours off)",
    ("shape-dates.xml", 2, "published"): "feedparser 6.0.10 reads '12:10 AM' as noon; it is ten past midnight",
    ("shape-dates.xml", 5, "published"): "feedparser 6.0.10 keeps only the day of a Korean (Nate) date with 오후 (PM); its own handler reads the time when it runs first",
    ("shape-dates.xml", 7, "published"): "feedparser keeps dcterms:created apart; telex uses a creation date when an item has no other date",
    ("shape-double-encoded.xml", 0, "summary"): "'â€¦' is '…' encoded twice through windows-1252; feedparser repairs double encoding only within Latin-1, where € and ¦ are not",
}

# Fixtures feedparser cannot read in their encoding: Debian's feedparser runs without chardet, so a
# document that declares no encoding, or a wrong one, is windows-1252 mojibake there.
DETECTED = ("enc-undeclared-", "enc-mislabelled-")


def known_reason(name, i, field):
    """The reason a disagreement is right, or None."""
    for key in ((name, i, field), (name, i, "*"), (name, "*", field), (name, "*", "*")):
        if key in KNOWN:
            return KNOWN[key]
    if name.startswith(DETECTED):
        return "no encoding declared, or a wrong one: telex detects it (uchardet); feedparser without chardet reads windows-1252 mojibake"
    return None


from feedparser_fields import feedparser_view, field_pairs, telex_json, telex_view


CONTENT_TYPES = {"quirk-content-type-charset.xml": "text/xml; charset=ISO-8859-1"}


def compare(ours, theirs):
    """Yields (item index, field, ours, theirs) for each disagreement."""
    for (i, field, o, t, equal) in field_pairs(ours, theirs):
        if not equal:
            yield (i, field, o, t)


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
        ours = telex_view(telex_json(args.telex, path, url, CONTENT_TYPES.get(name)))
        theirs = feedparser_view(feedparser, open(path, "rb").read(), url, CONTENT_TYPES.get(name))
        compared += 1
        for (i, field, o, t) in compare(ours, theirs):
            line = "%s item %s %s: telex=%r feedparser=%r" % (name, i, field, o, t)
            reason = known_reason(name, i, field)
            if reason:
                known_keys.append((name, i, field))
                known.append(line + "\n    known: " + reason)
            else:
                unexpected.append(line)
    for line in known if args.verbose else []:
        print("KNOWN " + line)
    for line in unexpected:
        print("DIFF " + line)
    seen = {tuple(k) for k in known_keys}
    def matches(key, k):
        return key[0] == k[0] and key[1] in (k[1], "*") and key[2] in (k[2], "*")
    for key in KNOWN:
        if not any(matches(key, k) for k in seen) and not args.files:
            print("STALE known disagreement no longer seen: %r" % (key,))
    print("feedparser-diff: %d files, %d known disagreements, %d unexpected" % (compared, len(known), len(unexpected)))
    sys.exit(1 if unexpected else 0)


if __name__ == "__main__":
    main()
