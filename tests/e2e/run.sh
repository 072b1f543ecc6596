#!/usr/bin/env bash
# Runs every tests/e2e/test_*.sh and tests/sync/test_*.sh against a telex binary; prints "e2e: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
export TELEX=$(realpath "${1:-.build/debug/telex}")
if ! command -v tmux >/dev/null; then echo "SKIP: tmux is not installed"; echo "e2e: 0 passed, 0 failed"; exit 0; fi
passed=0; failed=0; failures=()
# tests/sync: the real Tiny Tiny RSS server (its smoke test) and telex sync against it.
for t in tests/e2e/test_*.sh tests/sync/test_*.sh; do
  name=$(basename "$t" .sh)
  start=$(date +%s%N)
  if out=$(bash "$t" 2>&1); then
    passed=$((passed + 1)); ms=$(( ($(date +%s%N) - start) / 1000000 )); printf 'ok   %s (%d ms)\n' "$name" "$ms"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "FAIL $name"; echo "$out" | sed 's/^/     /'
  fi
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
