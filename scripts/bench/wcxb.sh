#!/usr/bin/env bash
# Extraction quality on pages nobody tuned on: WCXB's development split (../shared/corpora/wcxb-dev),
# word-level F1 per page type as WCXB's evaluate.py computes it, for telex and for trafilatura (the
# peer, in a venv under .build/ created on first use) on the same pages, each half of the split apart
# (develop on the even half, check on the odd one). Skipped when the corpus is absent.
# Usage: scripts/bench/wcxb.sh [telex-binary]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/release/telex}
if [ ! -d ../shared/corpora/wcxb-dev ]; then echo "(../shared/corpora/wcxb-dev absent: skipped)"; exit 0; fi
for half in even odd; do
  python3 scripts/score-wcxb.py "$bin" --half "$half" --peer --worst 8
done
