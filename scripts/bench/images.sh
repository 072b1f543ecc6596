#!/usr/bin/env bash
# Pictures (issue 19): time to show an article with 5 pictures from the cache, headless at 120x40 (read
# and decode the kept PNGs, lay out, draw the character art with libchafa, render the first frame), the
# same article with pictures off, and the memory.
#   scripts/bench/images.sh .build/release/telex
set -uo pipefail
bin=${1:-.build/release/telex}
"$bin" _bench-images --pictures 5 --width 120 --height 40 --runs 50
"$bin" _bench-images --pictures 5 --width 80 --height 24 --runs 50
