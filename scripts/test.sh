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
trap 'rm -f "$log" "$log.status"' EXIT

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

. scripts/lib/test-counts.sh

# Two runs of the same test binary: the network suites (a real HTTP server on loopback, timeouts
# measured in seconds) run on their own, so the CPU-heavy suites running in parallel with them on
# 2 cores cannot starve the server and turn into false timeouts.
# The sync clients' suites talk to fake servers over the same HTTP client, with the same kind of timeouts.
network_suites="TelexFetchTests|TelexSyncTests"
unit_status=0; unit_passed=0; unit_failed=0; unit_skipped=0
run_swift_tests() {
  local label=$1; shift
  echo "== swift test ($label)"
  # The status goes through a file: the filters' own status must not hide it.
  # Shown: failures with their details (↳), skips, and what tests print (corpus scores); not the
  # start and pass lines, nor the continuation lines of a start line whose arguments hold newlines.
  { swift test --skip-build "$@" 2>&1; echo $? > "$log.status"; } | tee "$log" |
    awk '/^◇/ { within = ($0 !~ /started\.$/); next }
         within { if ($0 ~ /started\.$/) within = 0; next }
         /^(\[|Test Suite|Test Case|􀟈|✔ Test [a-zA-Z]|	 Executed 0 tests|↳ (Testing Library Version|Target Platform))/ { next }
         { print }' || true
  local status; status=$(cat "$log.status")
  count_swift_log "$log" "$status"
  [ "$SWIFT_FAILED" != 0 ] && unit_status=1
  unit_passed=$(( unit_passed + SWIFT_PASSED )); unit_failed=$(( unit_failed + SWIFT_FAILED ))
  unit_skipped=$(( unit_skipped + SWIFT_SKIPPED ))
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
