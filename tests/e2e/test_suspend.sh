# Ctrl-Z suspends to the shell with the terminal restored; fg resumes and redraws.
. "$(dirname "$0")/lib.sh"
start 100 30 "PS1='shell> ' bash --norc --noprofile -i"
wait_for "shell>"
type_text "$TELEX reader --demo-data"; keys Enter
wait_for "Élections européennes"
keys C-z
wait_for "Stopped"
alt=$(_tmux display-message -p '#{alternate_on}')
[ "$alt" = "0" ] || fail "the terminal is still on the alternate screen while suspended"
type_text "fg"; keys Enter
wait_for "Élections européennes"
wait_for "Sections"
keys j
wait_for "Wirtschaft  1/"
keys Q
wait_for "shell>"
type_text 'echo "status=$?"'; keys Enter
wait_for "status=0"
