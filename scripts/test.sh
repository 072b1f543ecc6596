#!/usr/bin/env bash
# `make test`: builds once (debug), runs swift test, then the tmux end-to-end suite on the same
# binary, and ends with one summary line: "TOTAL: N passed, N failed, N skipped".
#
# Tests find the binary they test through TELEX_BINARY, set here from `swift build --show-bin-path`.
# A test that cannot run says so through the framework (Swift Testing's `.enabled(if:_:)`, or exit
# 77 in an e2e script) and is counted as skipped. With CI=1 (.ci/run sets it) a skip is a failure,
# except one whose reason starts with "outside the repository:" (the shared corpora, which a clean
# clone does not have): everything else a test needs, `make` installs (scripts/ensure-deps.sh).
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== swift build (debug, with tests)"
if ! swift build --build-tests 2>&1 | tee "$log" | grep -E "error:|warning: unre|Compiling|Build complete" | grep -vE "^\[" ; then :; fi
if ! grep -q "Build complete" "$log"; then
  grep -E "error" "$log" | head -50
  echo "TOTAL: 0 passed, 1 failed, 0 skipped"
  exit 1
fi
TELEX_BINARY="$(swift build --show-bin-path)/telex"
export TELEX_BINARY
echo "binary under test: $TELEX_BINARY"

# A skip that CI=1 turns into a failure: any whose reason does not say the material is outside the repository.
skip_fails_ci() { [ "${CI:-}" = 1 ] && [[ $1 != "outside the repository:"* ]]; }

# Two runs of the same test binary: the network suites (a real HTTP server on loopback, timeouts
# measured in seconds) run on their own, so the CPU-heavy suites running in parallel with them on
# 2 cores cannot starve the server and turn into false timeouts.
network_suites="TelexFetchTests"
unit_status=0; unit_passed=0; unit_failed=0; unit_skipped=0
run_swift_tests() {
  local label=$1; shift
  echo "== swift test ($label)"
  swift test --skip-build "$@" 2>&1 | tee "$log" | grep -vE "^(\[|Test Suite|Test Case|◇|↳)" | grep -vE "^􀟈|^✔ Test [a-zA-Z]|^	 Executed 0 tests" || true
  local status=${PIPESTATUS[0]} total=0 failed skipped=0 line name reason
  local summary; summary=$(grep -E "Test run with [0-9]+ tests?" "$log" | tail -1)
  if [[ $summary =~ with\ ([0-9]+)\ tests? ]]; then total=${BASH_REMATCH[1]}; fi
  failed=$(grep -E "^✘ Test " "$log" | grep -vE "^✘ Test run" | sed -E 's/^✘ Test ([^ ]+).*/\1/' | sort -u | wc -l)
  # "➜ Test name() skipped: "reason"" (a skipped suite also lists each of its tests).
  while IFS= read -r line; do
    name=$(sed -E 's/^➜ Test (.*) skipped.*/\1/' <<<"$line")
    reason=$(sed -nE 's/^➜ Test .* skipped: "(.*)"$/\1/p' <<<"$line")
    if skip_fails_ci "$reason"; then
      echo "✘ $name: skipped under CI=1, where it must run: $reason"
      failed=$((failed + 1))
    else
      skipped=$((skipped + 1))
    fi
  done < <(grep -E "^➜ Test .* skipped" "$log")
  [ "$status" != 0 ] && [ "$failed" = 0 ] && failed=1
  [ "$status" != 0 ] && unit_status=$status
  [ "$failed" != 0 ] && [ "$unit_status" = 0 ] && unit_status=1
  unit_failed=$(( unit_failed + failed ))
  unit_skipped=$(( unit_skipped + skipped ))
  local ran=$(( total - skipped ))
  unit_passed=$(( unit_passed + (ran > failed ? ran - failed : 0) ))
}
run_swift_tests "all but the network suites" --skip "$network_suites"
run_swift_tests "network suites" --filter "$network_suites"
echo "swift test: $unit_passed passed, $unit_failed failed, $unit_skipped skipped"

echo "== end-to-end (tmux)"
tests/e2e/run.sh "$TELEX_BINARY" 2>&1 | tee "$log"
e2e_status=${PIPESTATUS[0]}
e2e_line=$(grep -E "^e2e: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped" "$log" | tail -1)
e2e_passed=0; e2e_failed=0; e2e_skipped=0
if [[ $e2e_line =~ ^e2e:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped ]]; then
  e2e_passed=${BASH_REMATCH[1]}; e2e_failed=${BASH_REMATCH[2]}; e2e_skipped=${BASH_REMATCH[3]}
fi
[ "$e2e_status" != 0 ] && [ "$e2e_failed" = 0 ] && e2e_failed=1

passed=$(( unit_passed + e2e_passed )); failed=$(( unit_failed + e2e_failed )); skipped=$(( unit_skipped + e2e_skipped ))
echo "TOTAL: $passed passed, $failed failed, $skipped skipped"
[ "$unit_status" = 0 ] && [ "$e2e_status" = 0 ] && [ "$failed" = 0 ]
