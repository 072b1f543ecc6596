# Clicks past column 223, which X10 mouse reports cannot express: on a 300-column terminal with the
# preview stacked below the headlines (`v` twice: side by side, stacked), a click at column 251 selects the headline on its row
# and a second one opens it; the wheel there moves the cursor.
. "$(dirname "$0")/lib.sh"
sgr() { _tmux send-keys -l $'\e[<'"$1;$(( $2 + 1 ));$(( $3 + 1 ))${4:-M}"; }
click() { sgr 0 "$1" "$2"; sgr 0 "$1" "$2" m; }
start 300 60 "$TELEX reader --demo-data"
wait_for "Élections européennes"
keys v; wait_for "Preview: side by side"; keys v
wait_for "Preview: stacked"
# Screen row 4 is the third headline; column 250 is far right of every title, inside the pane.
click 250 4
wait_for "World  3/"
click 250 4
wait_for "showing the feed's text"
keys q
wait_for "World  3/"
sgr 65 280 6
wait_for "World  6/"
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
assert_terminal_restored
