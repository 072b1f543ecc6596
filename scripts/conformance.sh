#!/usr/bin/env bash
# `make conformance`: telex against feedparser 6.0.14, per folder (scripts/conformance.py):
#  1. the share of feedparser's own assertions (its test suite, from the PyPI sdist) telex meets;
#  2. the share of fields on which telex and feedparser agree, on that suite and on a development set
#     of real-world feeds (scripts/realworld-feeds.sh).
# Downloads (PyPI, Debian) are kept under .build/conformance and .build/realworld. Not part of make test.
# Usage: scripts/conformance.sh [TELEX_BINARY] [conformance.py options: --failures N --disagreements N]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/telex}; [ $# -gt 0 ] && shift
[ -x "$bin" ] || { echo "conformance: build telex first ($bin missing)"; exit 1; }
scripts/ensure-deps.sh python3 python3-pip
version=6.0.14
dir=.build/conformance
if [ ! -d "$dir/feedparser-$version/tests" ] || [ ! -d "$dir/lib/feedparser" ]; then
  rm -rf "$dir"; mkdir -p "$dir"
  echo "conformance: downloading feedparser $version (its suite from the sdist, the library with its dependencies)"
  pip download --quiet --no-deps --no-binary :all: "feedparser==$version" -d "$dir" >/dev/null
  tar -xzf "$dir/feedparser-$version.tar.gz" -C "$dir"
  pip install --quiet --no-warn-script-location --target "$dir/lib" "feedparser==$version" >/dev/null 2>&1
fi
scripts/realworld-feeds.sh .build/realworld
python3 scripts/conformance.py --telex "$bin" --corpus "$dir/feedparser-$version/tests" --feedparser "$dir/lib" \
  --realworld .build/realworld "$@"
