# Every width (issue 17): at 80x24 the headlines and the preview are never on screen together
# until `v` puts them together; `B` hides the sections pane and gives its columns to the others.
. "$(dirname "$0")/lib.sh"
start 80 24 "$TELEX demo"
wait_for "Sections" 30
keys Enter
wait_for "World  1/" 10
settle
refute_screen "│ Preview"
# The selected headline's title, as the list shows it (cut to the pane).
first=$(screen | sed -n 3p | sed -E 's/^.*│[●★ ]+//; s/ +[0-9]+[a-z]+ *$//; s/…$//' | cut -c1-20)
[ -n "$first" ] || fail "no headline on the first row: $(screen | sed -n 3p)"
keys v
wait_for "Preview: side by side" 10
wait_for "│ Preview" 10
# Both at once: the list still shows the headline, and the preview shows the same story.
n=$(screen | grep -cF -- "$first")
[ "$n" -ge 2 ] || { screen >&2; fail "headline and preview not shown together ($n rows with \"$first\")"; }
# Without the sections pane, side by side: the preview starts right of the middle.
keys B
wait_gone "Sections" 10
line=$(line_with "│ Preview")
col=$(echo "$line" | sed -E 's/│.*//' | wc -m)
[ "$col" -gt 40 ] || fail "preview not beside the headlines: $line"
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
