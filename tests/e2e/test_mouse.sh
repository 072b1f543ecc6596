# The mouse inside tmux: a click selects a headline and its pane, a second click opens it, the
# wheel scrolls the pane under the pointer. (X10 mouse reports typed into the pane, as tmux
# forwards them from a real terminal.)
. "$(dirname "$0")/lib.sh"
# click X Y (0-based): press and release of button 1.
click() {
  local x=$(printf "\\$(printf '%03o' $(( $1 + 33 )))") y=$(printf "\\$(printf '%03o' $(( $2 + 33 )))")
  _tmux send-keys -l $'\e[M'" $x$y"; _tmux send-keys -l $'\e[M'"#$x$y"
}
wheel_down() {
  local x=$(printf "\\$(printf '%03o' $(( $1 + 33 )))") y=$(printf "\\$(printf '%03o' $(( $2 + 33 )))")
  _tmux send-keys -l $'\e[M'"a$x$y"
}
start 120 40 "$TELEX reader --demo-data"
wait_for "Élections européennes"
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
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
assert_terminal_restored
