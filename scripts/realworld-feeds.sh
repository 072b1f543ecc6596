#!/usr/bin/env bash
# Builds the development set of real-world feeds that `make conformance` compares with feedparser:
# feed files that other projects ship in their PyPI sdists and Debian packages (pinned versions),
# one folder per source. chardet's test files are real feeds from Japanese, Chinese, Korean, Russian,
# Bulgarian, Greek, Hebrew, Hungarian and Thai sites, most in legacy encodings; the others are feeds
# that feed readers keep as test data (LWN, Planet Debian, Wikipedia, podcasts...).
# Never gofeed's or feed-rs's fixtures: those are held out for judging.
# Usage: scripts/realworld-feeds.sh [DEST]   (default .build/realworld; kept once complete)
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-.build/realworld}
[ -f "$dest/.complete" ] && exit 0
work=$(mktemp -d /tmp/telex-realworld.XXXXXX)
trap 'rm -rf "$work"' EXIT
rm -rf "$dest"; mkdir -p "$dest"

sdists="chardet==5.2.0 podcastparser==0.6.11 reader==3.26 feed2exec==0.18.0 feedendum==0.4.0"
echo "realworld: downloading $sdists"
pip download --quiet --no-deps --no-binary :all: -d "$work" $sdists >/dev/null
for archive in "$work"/*.tar.gz; do tar -xzf "$archive" -C "$work"; done
if (cd "$work" && apt-get download -qq libxml-rss-perl >/dev/null 2>&1); then
  dpkg-deb -x "$work"/libxml-rss-perl_*.deb "$work/libxml-rss-perl"
else
  echo "realworld: apt-get download libxml-rss-perl failed (run apt-get update); that source is left out" >&2
fi

# Copies the files under SRC that are feeds (an rss, feed, RDF or CDF root near the start, in any
# of the encodings the files use) to DEST/NAME, keeping their relative paths.
python3 - "$work" "$dest" <<'EOF'
import os, re, shutil, sys
work, dest = sys.argv[1:3]
sources = {
    "chardet": "chardet-5.2.0/tests",
    "podcastparser": "podcastparser-0.6.11/tests/data",
    "reader": "reader-3.26/tests/data",
    "feed2exec": "feed2exec-0.18.0/feed2exec/tests/files",
    "feedendum": "feedendum-0.4.0/tests",
    "libxml-rss-perl": "libxml-rss-perl/usr/share/doc/libxml-rss-perl/examples",
}
root = re.compile(rb"<(rss|feed|rdf:rdf|channel)[\s>]", re.I)
counts = {}
for name, sub in sources.items():
    top = os.path.join(work, sub)
    for folder, _, files in os.walk(top):
        for f in sorted(files):
            path = os.path.join(folder, f)
            if os.path.splitext(f)[1].lower() not in (".xml", ".rss", ".atom", ".rdf", ".feed", ""):
                continue   # source code or JSON that quotes a feed is not a feed
            head = open(path, "rb").read(8192)
            for codec in ("utf-16", "utf-32"):
                if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00") or b"\x00<\x00" in head[:8] or b"<\x00" in head[:2]:
                    try:
                        head = head.decode(codec, "ignore").encode("utf-8")
                        break
                    except Exception:
                        pass
            if not root.search(head):
                continue
            out = os.path.join(dest, name, os.path.relpath(path, top))
            os.makedirs(os.path.dirname(out), exist_ok=True)
            shutil.copyfile(path, out)
            counts[name] = counts.get(name, 0) + 1
print("realworld: " + ", ".join("%s %d" % kv for kv in counts.items()) + " feeds in " + dest)
EOF
touch "$dest/.complete"
