# Your place kept (issue 17): quit in the middle of a long article, start again, and the reader
# comes back to the same section, the same story and the same scroll position.
. "$(dirname "$0")/lib.sh"
cache="$E2E_TMP/cache"
out=$("$TELEX" demo --fetch-only --cache "$cache" 2>&1) || fail "demo --fetch-only failed: $out"
cmd="$TELEX --cache '$cache' --config '$cache/demo-feeds.json'"
start 70 14 "$cmd"
wait_for "Sections" 20
# The second section, its third story, opened and scrolled down a half page twice.
keys j Enter
wait_for "Business  1/5" 10
keys j j
wait_for "Business  3/5" 10
keys Enter
wait_for "min left" 10
title=$(screen | sed -n 2p | sed -E 's/^ +//; s/ +$//')
[ -n "$title" ] || fail "no title on the reader's first row"
keys C-d C-d
wait_for "% · " 10
settle
status=$(screen | tail -1 | sed -E 's/.* ([0-9]+% · [0-9]+ min left) *$/\1/')
[ -n "$status" ] && [ "$status" != "$(screen | tail -1)" ] || fail "no position in the status line: $(screen | tail -1)"
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
[ -f "$cache/place.json" ] || fail "no place.json beside the cache"
wait_until "the shell's prompt" shell_is_waiting
run_command "$cmd"
wait_for "$status" 20
keys g
wait_for "$title" 10
# Back in the list: the same story is selected.
keys q
wait_for "Business  3/5" 10
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
