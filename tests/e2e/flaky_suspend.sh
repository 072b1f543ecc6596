# Not in the suite (run.sh runs test_*.sh): flaky under load, see the notes below. Run by hand:
#   TELEX=$PWD/.build/debug/telex bash tests/e2e/flaky_suspend.sh
# Ctrl-Z suspends to the shell (job control sees it stopped); fg resumes and redraws; Q exits 0.
. "$(dirname "$0")/lib.sh"
start 100 30 "PS1='shell> ' bash --norc --noprofile -i"
wait_for "shell>"
type_text "$TELEX reader --demo-data"; keys Enter
wait_for "Élections européennes"
keys C-z
wait_for "Stopped"
# Known gap: the alternate screen is not reliably left while stopped (endwin's exit_ca_mode does
# not always reach tmux before SIGSTOP); the shell's prompt still works and fg redraws.
type_text "fg"; keys Enter
wait_for "Élections européennes"
wait_for "Sections"
# The old frame may still be on screen before the process runs again, and keys typed while curses
# restores its terminal modes are flushed: give the resume a moment.
sleep 1
keys j
wait_for "Wirtschaft  1/"
keys Q
wait_for "shell>"
type_text 'echo "status=$?"'; keys Enter
wait_for "status=0"
