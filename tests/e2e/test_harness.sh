# The test harness itself: run.sh counts passes, failures and skips (exit 77), fails on a failure,
# turns skips into failures under CI=1 (unless outside the repository), and fails without tmux;
# scripts/lib/test-counts.sh counts Swift Testing's output the same way.
. "$(dirname "$0")/lib.sh"
dir="$E2E_TMP/scripts"; mkdir -p "$dir"
printf 'exit 0\n' > "$dir/test_a_pass.sh"
printf 'echo "something broke" >&2; exit 1\n' > "$dir/test_b_fail.sh"
printf 'echo "SKIP: needs a thing"; exit 77\n' > "$dir/test_c_skip.sh"
printf 'echo "SKIP: outside the repository: no corpus"; exit 77\n' > "$dir/test_d_skip_outside.sh"
run() { out=$(env "$@" tests/e2e/run.sh "$TELEX" "$dir"/test_*.sh 2>&1); status=$?; }

run CI=
[ $status = 1 ] || fail "a failing script must fail the suite (status $status): $out"
echo "$out" | grep -qx "e2e: 1 passed, 1 failed, 2 skipped" || fail "counts: $out"
echo "$out" | grep -q "something broke" || fail "the failure's output is not shown: $out"
echo "$out" | grep -qx "skip test_c_skip: needs a thing" || fail "skip line: $out"

run CI=1
[ $status = 1 ] || fail "status under CI=1: $status"
echo "$out" | grep -qx "e2e: 1 passed, 2 failed, 1 skipped" || fail "CI=1 counts: $out"
echo "$out" | grep -q "FAIL test_c_skip: skipped under CI=1, where it must run: needs a thing" || fail "CI=1 line: $out"

rm "$dir/test_b_fail.sh" "$dir/test_c_skip.sh"
run CI=1
[ $status = 0 ] || fail "passes and allowed skips must pass (status $status): $out"
echo "$out" | grep -qx "e2e: 1 passed, 0 failed, 1 skipped" || fail "counts: $out"

# Without tmux on PATH the suite fails.
nodir="$E2E_TMP/bin"; mkdir -p "$nodir"
for tool in bash env mktemp realpath dirname basename date grep sed rm cat; do ln -s "$(command -v $tool)" "$nodir/$tool"; done
run PATH="$nodir"
[ $status = 1 ] || fail "tmux missing must fail the suite (status $status): $out"
echo "$out" | grep -qx "e2e: 0 passed, 1 failed, 0 skipped" || fail "tmux missing: $out"

# Swift Testing's console output, counted.
cat > "$E2E_TMP/swift.log" <<'LOG'
◇ Test run started.
➜ Suite Off skipped: "whole suite off"
➜ Test a() skipped: "whole suite off"
➜ Test b() skipped: "whole suite off"
✘ Test broken() recorded an issue at T.swift:7:24: Expectation failed: 1 == 2
✘ Test broken() recorded an issue at T.swift:8:24: Expectation failed: 2 == 3
✘ Test broken() failed after 0.001 seconds with 2 issues.
➜ Test needsTheMoon() skipped: "needs the moon"
➜ Test corpus() skipped: "outside the repository: ../shared (the team's corpora) is absent"
✔ Test fine() passed after 0.001 seconds.
✘ Test run with 6 tests in 2 suites failed after 0.002 seconds with 2 issues.
LOG
. scripts/lib/test-counts.sh
CI= count_swift_log "$E2E_TMP/swift.log" 1 >/dev/null
[ "$SWIFT_PASSED $SWIFT_FAILED $SWIFT_SKIPPED" = "1 1 4" ] || fail "swift counts: $SWIFT_PASSED $SWIFT_FAILED $SWIFT_SKIPPED"
CI=1 count_swift_log "$E2E_TMP/swift.log" 1 > "$E2E_TMP/lines"
[ "$SWIFT_PASSED $SWIFT_FAILED $SWIFT_SKIPPED" = "1 4 1" ] || fail "swift counts under CI=1: $SWIFT_PASSED $SWIFT_FAILED $SWIFT_SKIPPED"
grep -qx "✘ needsTheMoon(): skipped under CI=1, where it must run: needs the moon" "$E2E_TMP/lines" || fail "CI=1 lines: $(cat "$E2E_TMP/lines")"
# A run that crashed before its summary still fails.
printf '◇ Test run started.\n' > "$E2E_TMP/crash.log"
count_swift_log "$E2E_TMP/crash.log" 134
[ "$SWIFT_PASSED $SWIFT_FAILED $SWIFT_SKIPPED" = "0 1 0" ] || fail "crash counts: $SWIFT_PASSED $SWIFT_FAILED $SWIFT_SKIPPED"
exit 0
