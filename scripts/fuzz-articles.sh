#!/usr/bin/env bash
# Builds a libFuzzer + AddressSanitizer binary from Sources/TelexArticles (with Sources/TelexScreen)
# and runs it for N seconds (default 60) over HTML bytes and a width, through extraction and layout
# (scripts/fuzz/ArticlesFuzzEntry.swift), on a corpus seeded with our article fixtures and the sample
# edition. Crashing and slow inputs are written to .build/fuzz-articles/crashes/.
# Usage: scripts/fuzz-articles.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=.build/fuzz-articles
mkdir -p "$out/corpus" "$out/crashes" "$out/modules"
# Seeds: a width byte (80 columns) before each page.
for f in tests/fixtures/articles/pages/*.html tests/fixtures/articles/special/*.html Resources/SampleEdition/articles/*.html; do
  seed="$out/corpus/seed-$(basename "$f")"
  [ -e "$seed" ] || { printf '\x44' > "$seed"; cat "$f" >> "$seed"; }
done
sources=$(find Sources/TelexArticles -name '*.swift' | sort)
if [ ! -x "$out/fuzz-articles" ] || [ -n "$(find Sources/TelexArticles Sources/TelexScreen scripts/fuzz -newer "$out/fuzz-articles" -name '*.swift')" ]; then
  echo "== building $out/fuzz-articles"
  flags=(-sanitize=fuzzer,address -parse-as-library -O -g)
  flock /tmp/telex-build.lock swiftc "${flags[@]}" -module-name TelexScreen -emit-library -static -emit-module \
    -emit-module-path "$out/modules/TelexScreen.swiftmodule" Sources/TelexScreen/*.swift -o "$out/libTelexScreen.a" 2>&1 |
    { grep -v "Cannot export local symbol '__asan" || true; }
  # shellcheck disable=SC2086
  flock /tmp/telex-build.lock swiftc "${flags[@]}" -module-name TelexArticles -I "$out/modules" -L "$out" -lTelexScreen \
    -I Sources/CLibXML2 -Xcc -I/usr/include/libxml2 -lxml2 \
    $sources scripts/fuzz/ArticlesFuzzEntry.swift -o "$out/fuzz-articles" 2>&1 |
    { grep -v "Cannot export local symbol '__asan" || true; }
  [ -x "$out/fuzz-articles" ] || { echo "fuzz: the build failed"; exit 1; }
fi
echo "== fuzzing extraction and layout for ${seconds}s"
# -timeout: a page may take the 2 s extraction budget, slowed by AddressSanitizer; 10 s means it was not bounded.
# Fork mode keeps going after a crash or a timeout, so one run reports every distinct one.
ASAN_OPTIONS=detect_leaks=0 "$out/fuzz-articles" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$seconds" -max_len=131072 -timeout=10 -rss_limit_mb=4096 \
  -detect_leaks=0 -artifact_prefix="$out/crashes/" -print_final_stats=1 "$out/corpus" 2>&1 | tee "$out/last-run.log" |
  grep -aE "^#[0-9]+: cov|DONE|INFO: exiting|Fatal error|SUMMARY|crash-|timeout-|oom-" | tail -12
echo "fuzz: $(grep -ac "^#[0-9]*: cov" "$out/last-run.log") progress lines; last: $(grep -a "^#[0-9]*: cov" "$out/last-run.log" | tail -1)"
crashes=$(ls "$out/crashes" | wc -l)
echo "fuzz: $crashes crashing or slow inputs in $out/crashes"
[ "$crashes" = 0 ]
