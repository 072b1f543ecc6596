# Counting test results, sourced by scripts/test.sh and by tests/e2e/test_harness.sh (which feeds
# it made-up logs, so a change that loses a failure or a skip fails a test).

# A skip that CI=1 turns into a failure: any whose reason does not say the material is outside the repository.
skip_fails_ci() { [ "${CI:-}" = 1 ] && [[ $1 != "outside the repository:"* ]]; }

# count_swift_log LOG STATUS: from the console output of one `swift test` run (Swift Testing) that
# exited with STATUS, sets SWIFT_PASSED, SWIFT_FAILED and SWIFT_SKIPPED, and prints a line for each
# skip CI=1 turns into a failure. "Test run with N tests" counts every test, skipped ones included;
# a failing test prints "✘ Test name() ..." (several lines: counted once); a skipped one prints
# "➜ Test name() skipped: "reason"" (a skipped suite also prints one line per test).
count_swift_log() {
  local log=$1 status=$2 total=0 failed skipped=0 line name reason summary
  summary=$(grep -E "Test run with [0-9]+ tests?" "$log" | tail -1)
  if [[ $summary =~ with\ ([0-9]+)\ tests? ]]; then total=${BASH_REMATCH[1]}; fi
  failed=$(grep -E "^✘ Test " "$log" | grep -vE "^✘ Test run" | sed -E 's/^✘ Test ([^ ]+).*/\1/' | sort -u | wc -l)
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
  # A crash or a build problem fails the run even when no test said so.
  [ "$status" != 0 ] && [ "$failed" = 0 ] && failed=1
  local ran=$(( total - skipped ))
  SWIFT_PASSED=$(( ran > failed ? ran - failed : 0 )); SWIFT_FAILED=$failed; SWIFT_SKIPPED=$skipped
}
