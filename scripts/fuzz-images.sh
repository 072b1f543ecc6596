#!/usr/bin/env bash
# Builds a libFuzzer + AddressSanitizer binary from Sources/CImageCodecs (the C that decodes untrusted
# pictures with libjpeg-turbo, libpng, libwebp and giflib, and draws them with libchafa) and runs it for
# N seconds (default 60) on a corpus seeded with tests/fixtures/images. The system libraries are not
# instrumented: coverage guides through our code and the libraries' return paths; ASan still catches any
# bad read or write in our code and any crash inside a library. A single allocation over 256 MB counts as
# a failure (-malloc_limit_mb): the header checks must stop every bomb before it allocates.
# Crashing, slow and memory-hungry inputs are written to .build/fuzz-images/crashes/.
# Usage: scripts/fuzz-images.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=.build/fuzz-images
mkdir -p "$out/corpus" "$out/crashes"
for f in tests/fixtures/images/*; do
  # Seeds: a size byte (fit 480) before each file; the 400 KB bomb is left to the unit tests.
  [ "$(stat -c %s "$f")" -gt 65536 ] && continue
  seed="$out/corpus/seed-$(basename "$f")"
  [ -e "$seed" ] || { printf '\x02' > "$seed"; cat "$f" >> "$seed"; }
done
clang=${CLANG:-$(dirname "$(readlink -f "$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)")")/clang}
if [ ! -x "$out/fuzz-images" ] || [ -n "$(find Sources/CImageCodecs scripts/fuzz -newer "$out/fuzz-images" -name '*.[ch]')" ]; then
  echo "== building $out/fuzz-images"
  # shellcheck disable=SC2046
  flock /tmp/telex-build.lock "$clang" -fsanitize=fuzzer,address -O1 -g -ISources/CImageCodecs/include \
    $(pkg-config --cflags chafa) Sources/CImageCodecs/*.c scripts/fuzz/ImagesFuzzEntry.c \
    $(pkg-config --libs chafa) -ljpeg -lpng16 -lwebp -lgif -o "$out/fuzz-images" 2>&1 | grep -v "argument unused" || true
  [ -x "$out/fuzz-images" ] || { echo "fuzz: the build failed"; exit 1; }
fi
echo "== fuzzing image decoding for ${seconds}s"
ASAN_OPTIONS=detect_leaks=1 "$out/fuzz-images" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$seconds" -max_len=262144 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 \
  -artifact_prefix="$out/crashes/" -print_final_stats=1 "$out/corpus" 2>&1 | tee "$out/last-run.log" |
  grep -aE "^#[0-9]+: cov|DONE|INFO: exiting|Fatal error|SUMMARY|crash-|timeout-|oom-|leak-" | tail -12
echo "fuzz: $(grep -ac "^#[0-9]*: cov" "$out/last-run.log") progress lines; last: $(grep -a "^#[0-9]*: cov" "$out/last-run.log" | tail -1)"
crashes=$(ls "$out/crashes" | wc -l)
echo "fuzz: $crashes crashing, slow or memory-hungry inputs in $out/crashes"
[ "$crashes" = 0 ]
