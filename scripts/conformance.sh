#!/usr/bin/env bash
# `make conformance`: feedparser's own test corpus (from the PyPI sdist) through `telex parse --json`;
# prints the share of the Expect lines met among those that only use fields our JSON carries.
# Usage: scripts/conformance.sh [TELEX_BINARY]   (downloads feedparser 6.0.14's sdist; not part of make test)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/telex}; [ $# -gt 0 ] && shift
[ -x "$bin" ] || { echo "conformance: build telex first ($bin missing)"; exit 1; }
work=$(mktemp -d /tmp/telex-conformance.XXXXXX)
trap 'rm -rf "$work"' EXIT
pip download --quiet --no-deps --no-binary :all: feedparser==6.0.14 -d "$work" >/dev/null
tar -xzf "$work"/feedparser-6.0.14.tar.gz -C "$work"
python3 scripts/conformance.py --telex "$bin" --corpus "$work"/feedparser-6.0.14/tests "$@"
