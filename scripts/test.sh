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

# Two runs of the same test binary: the network suites (a real HTTP server on loopback, timeouts
# measured in seconds) run on their own, so the CPU-heavy suites running in parallel with them on
# 2 cores cannot starve the server and turn into false timeouts.
network_suites="TelexFetchTests"
unit_status=0; unit_passed=0; unit_failed=0
run_swift_tests() {
  local label=$1; shift
  echo "== swift test ($label)"
  swift test --skip-build "$@" 2>&1 | tee "$log" | grep -vE "^(\[|Test Suite|Test Case|◇|↳)" | grep -vE "^􀟈|^✔ Test [a-zA-Z]" || true
  local status=${PIPESTATUS[0]} total=0 failed
  local summary; summary=$(grep -E "Test run with [0-9]+ tests?" "$log" | tail -1)
  if [[ $summary =~ with\ ([0-9]+)\ tests? ]]; then total=${BASH_REMATCH[1]}; fi
  failed=$(grep -E "^✘ Test " "$log" | grep -vE "^✘ Test run" | sed -E 's/^✘ Test ([^ ]+).*/\1/' | sort -u | wc -l)
  [ "$status" != 0 ] && [ "$failed" = 0 ] && failed=1
  [ "$status" != 0 ] && unit_status=$status
  unit_failed=$(( unit_failed + failed ))
  unit_passed=$(( unit_passed + (total > failed ? total - failed : 0) ))
}
run_swift_tests "all but the network suites" --skip "$network_suites"
run_swift_tests "network suites" --filter "$network_suites"
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
