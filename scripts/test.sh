#!/usr/bin/env bash
# `make test`: builds once (debug), runs swift test, then the tmux end-to-end suite on the same
# binary, and ends with one summary line: "TOTAL: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== swift build (debug, with tests)"
if ! swift build --build-tests 2>&1 | tee "$log" | grep -E "error:|warning: unre|Compiling|Build complete" | grep -vE "^\[" ; then :; fi
if ! grep -q "Build complete" "$log"; then
  grep -E "error" "$log" | head -50
  echo "TOTAL: 0 passed, 1 failed"
  exit 1
fi

echo "== swift test"
swift test --skip-build 2>&1 | tee "$log" | grep -vE "^(\[|Test Suite|Test Case|◇|↳)" | grep -vE "^􀟈|^✔ Test [a-zA-Z]" || true
unit_status=${PIPESTATUS[0]}
unit_passed=0; unit_failed=0
summary=$(grep -E "Test run with [0-9]+ tests?" "$log" | tail -1)
if [[ $summary =~ with\ ([0-9]+)\ tests? ]]; then unit_total=${BASH_REMATCH[1]}; else unit_total=0; fi
unit_failed=$(grep -cE "^✘ Test .*(failed|recorded an issue)" "$log" || true)
[ "$unit_status" != 0 ] && [ "$unit_failed" = 0 ] && unit_failed=1
unit_passed=$(( unit_total - unit_failed )); [ $unit_passed -lt 0 ] && unit_passed=0
echo "swift test: $unit_passed passed, $unit_failed failed"

echo "== end-to-end (tmux)"
tests/e2e/run.sh .build/debug/telex 2>&1 | tee "$log"
e2e_status=${PIPESTATUS[0]}
e2e_line=$(grep -E "^e2e: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1)
e2e_passed=$(echo "$e2e_line" | sed -E 's/^e2e: ([0-9]+) passed.*/\1/'); e2e_passed=${e2e_passed:-0}
e2e_failed=$(echo "$e2e_line" | sed -E 's/.* ([0-9]+) failed.*/\1/'); e2e_failed=${e2e_failed:-0}
[ "$e2e_status" != 0 ] && [ "$e2e_failed" = 0 ] && e2e_failed=1

passed=$(( unit_passed + e2e_passed )); failed=$(( unit_failed + e2e_failed ))
echo "TOTAL: $passed passed, $failed failed"
[ "$unit_status" = 0 ] && [ "$e2e_status" = 0 ]
