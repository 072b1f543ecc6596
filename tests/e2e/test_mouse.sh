# The mouse inside tmux: a click selects a headline and its pane, a second click opens it, the
# wheel scrolls the pane under the pointer. The reader asks for SGR reports (mode 1006); the
# reports are typed into the pane as tmux forwards them from a real terminal, in that form, and
# once in the X10 form of terminals that ignore mode 1006.
. "$(dirname "$0")/lib.sh"
# sgr BUTTON X Y [m]: a report at the 0-based cell; M a press, m a release.
sgr() { _tmux send-keys -l $'\e[<'"$1;$(( $2 + 1 ));$(( $3 + 1 ))${4:-M}"; }
click() { sgr 0 "$1" "$2"; sgr 0 "$1" "$2" m; }
wheel_down() { sgr 65 "$1" "$2"; }
# x10_click X Y: press and release of button 1 in the X10 form (value + 32, from 1).
x10_click() {
  local x=$(printf "\\$(printf '%03o' $(( $1 + 33 )))") y=$(printf "\\$(printf '%03o' $(( $2 + 33 )))")
  _tmux send-keys -l $'\e[M'" $x$y"; _tmux send-keys -l $'\e[M'"#$x$y"
}
start 120 40 "$TELEX reader --demo-data"
wait_for "Élections européennes"
[ "$(pane '#{mouse_sgr_flag}#{mouse_standard_flag}')" = 11 ] || fail "the reader did not ask for SGR mouse reports: $(pane_modes)"
# The third headline row (screen row 4) in the headlines pane (x 40).
click 40 4
wait_for "World  3/"
assert_screen "Preview"
click 40 4
# The second click opens the item in the reading view; q returns to the lists.
wait_for "showing the feed's text"
keys q
wait_for "World  3/"
# The wheel over the headlines (which fit on the screen) moves their cursor; over the
# sections pane it moves the section cursor, and the headlines follow.
wheel_down 40 10
wheel_down 40 10
wait_for "World  9/20"
wheel_down 5 5
wait_for "Culture  1/"
# The X10 form: the fifth headline.
x10_click 40 6
wait_for "Culture  5/"
# Nothing of a report is typed as keys: no search prompt, no help, the reader still runs.
refute_screen "Search:"
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
assert_terminal_restored
