#!/usr/bin/env bash
# Runs tests/e2e/test_*.sh and tests/sync/test_*.sh (the real Tiny Tiny RSS server and telex sync
# against it), or the names given, against a telex binary, E2E_JOBS at a time
# (default 2: each script has its own tmux server and temporary directory), and prints
# "e2e: N passed, N failed, N skipped".
#
#   tests/e2e/run.sh [BINARY] [test_name | path/to/script.sh ...]
#
# BINARY defaults to $TELEX_BINARY, else the binary of `swift build --show-bin-path`. A script
# skips by exiting 77 (`skip REASON` in lib.sh). With CI=1 a skip counts as a failure unless its
# reason starts with "outside the repository:" (material a clean clone does not have); tmux
# missing always fails the suite: make installs it.
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-${TELEX_BINARY:-}}
[ $# -gt 0 ] && shift
[ -n "$bin" ] || bin="$(swift build --show-bin-path 2>/dev/null)/telex"
summary() { echo "e2e: $1 passed, $2 failed, $3 skipped"; }
if [ ! -x "$bin" ]; then echo "FAIL: no telex binary at $bin (build it with \`swift build\`)"; summary 0 1 0; exit 1; fi
TELEX=$(realpath "$bin"); export TELEX
if ! command -v tmux >/dev/null; then
  echo "FAIL: tmux is not installed (\`make\` installs it: scripts/ensure-deps.sh)"; summary 0 1 0; exit 1
fi

if [ $# -gt 0 ]; then
  tests=(); for n in "$@"; do if [ -f "$n" ]; then tests+=("$n"); elif [ -f "tests/sync/${n%.sh}.sh" ]; then tests+=("tests/sync/${n%.sh}.sh"); else tests+=("tests/e2e/${n%.sh}.sh"); fi; done
else tests=(tests/e2e/test_*.sh tests/sync/test_*.sh); fi
jobs=${E2E_JOBS:-2}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

passed=0; failed=0; skipped=0
declare -A names=() started=()
report() {
  local pid=$1 status=$2 name=${names[$1]} ms
  ms=$(( ($(date +%s%N) - ${started[$1]}) / 1000000 ))
  if [ "$status" = 0 ]; then
    passed=$((passed + 1)); printf 'ok   %s (%d ms)\n' "$name" "$ms"
  elif [ "$status" = 77 ]; then
    local reason; reason=$(grep -E '^SKIP: ' "$out/$name.log" | tail -1 | sed 's/^SKIP: //')
    if [ "${CI:-}" = 1 ] && [[ $reason != "outside the repository:"* ]]; then
      failed=$((failed + 1)); printf 'FAIL %s: skipped under CI=1, where it must run: %s\n' "$name" "$reason"
    else
      skipped=$((skipped + 1)); printf 'skip %s: %s\n' "$name" "$reason"
    fi
  else
    failed=$((failed + 1)); printf 'FAIL %s (%d ms, status %s)\n' "$name" "$ms" "$status"; sed 's/^/     /' "$out/$name.log"
  fi
}
# Waits for one running script and reports it.
reap() {
  local pid status
  wait -n -p pid; status=$?
  report "$pid" "$status"
  unset "names[$pid]"
}
for t in "${tests[@]}"; do
  [ -f "$t" ] || { failed=$((failed + 1)); echo "FAIL $t: no such test"; continue; }
  while [ ${#names[@]} -ge "$jobs" ]; do reap; done
  name=$(basename "$t" .sh)
  bash "$t" > "$out/$name.log" 2>&1 &
  names[$!]=$name; started[$!]=$(date +%s%N)
done
while [ ${#names[@]} -gt 0 ]; do reap; done
summary "$passed" "$failed" "$skipped"
[ "$failed" = 0 ]
