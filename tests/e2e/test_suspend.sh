# Ctrl-Z suspends to the shell: job control sees telex stopped, and the shell has its terminal
# back (normal screen, cursor, no mouse reporting); fg resumes and redraws; keys work again; Q exits 0
# and leaves the terminal as it found it. telex runs as a job of an interactive shell.
. "$(dirname "$0")/lib.sh"
alternate_on() { [ "$(pane '#{alternate_on}')" = 1 ]; }
start_shell 100 30
stty_before=$(mktemp -p "$E2E_TMP")
type_text "stty -g > $stty_before; $TELEX reader --demo-data"; keys Enter
wait_for "Élections européennes"
wait_until "the alternate screen" alternate_on
keys C-z
wait_for "Stopped"
wait_until "the terminal given back while telex is stopped" modes_restored
type_text 'echo "stopped-jobs=$(jobs -s | wc -l)"'; keys Enter
wait_for "stopped-jobs=1"
type_text "fg"; keys Enter
# Resumed: curses takes the terminal again (its modes first, then the alternate screen and a full
# redraw), so keys pressed once the frame shows are read in program mode.
wait_until "the alternate screen again" alternate_on
wait_for "Sections"
wait_for "World  1/"
keys j
wait_for "Wirtschaft  1/"
keys Q
wait_until "the shell's prompt" shell_is_waiting
type_text "echo \"status=\$? modes=\$( [ \"\$(stty -g)\" = \"\$(cat $stty_before)\" ] && echo same || echo changed)\""; keys Enter
wait_for "status=0 modes=same"
wait_until "the pane's modes restored" modes_restored
