# The tmux harness for end-to-end tests: a real terminal, real keys, the real screen.
# Source it from a test script; $TELEX is the binary under test. Every step waits on the event it
# tests (a poll with a timeout that prints the screen when it fails), never a fixed sleep.
#
#   start 80 24 "$TELEX --config x.json"   # runs the command from an interactive shell in tmux
#   wait_for "Sections"                     # polls capture-pane until the text shows (or fails)
#   keys j j Enter                          # tmux send-keys names (Enter, Up, BSpace, C-c, ...)
#   assert_screen "World"                   # the current screen contains the text
#   resize 40 12
#   wait_exit                               # the command ended; its status is in $EXIT_STATUS
#   assert_terminal_restored                # modes, alternate screen, cursor, mouse, keypad
#   skip "reason"                           # exit 77: counted as skipped (a failure under CI=1)
set -u
# A tmux socket name (not a port): one tmux server per script, so scripts can run side by side.
E2E_SOCKET="telex-e2e-$$-${RANDOM}"
E2E_TMP=$(mktemp -d)
E2E_TIMEOUT=${E2E_TIMEOUT:-10}
export XDG_STATE_HOME="$E2E_TMP/state" XDG_CONFIG_HOME="$E2E_TMP/config" XDG_DATA_HOME="$E2E_TMP/data"

_tmux() { tmux -L "$E2E_SOCKET" -f /dev/null "$@"; }

cleanup() { _tmux kill-server >/dev/null 2>&1; rm -rf "$E2E_TMP"; }
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- screen ---" >&2
  screen >&2 || true
  echo "--------------" >&2
  if [ -f "$XDG_STATE_HOME/telex/telex.log" ]; then echo "--- telex.log (tail) ---" >&2; tail -20 "$XDG_STATE_HOME/telex/telex.log" >&2; fi
  exit 1
}

skip() { echo "SKIP: $*"; exit 77; }

# start_shell WIDTH HEIGHT: an interactive bash (job control, prompt "$ ") in a new tmux session.
start_shell() {
  # A server just ended with kill-server may still hold its socket for a moment: a new session then
  # fails to start ("server exited unexpectedly"), so it is tried again briefly.
  local try
  for try in 1 2 3 4 5 6 7 8 9 10; do
    _tmux new-session -d -x "$1" -y "$2" -e "TERM=tmux-256color" \
      "env PS1='\$ ' HISTFILE=/dev/null bash --norc --noprofile -i" 2>/dev/null && break
    [ "$try" = 10 ] && fail "tmux did not start"
    sleep 0.2
  done
  _tmux set-option -g status off >/dev/null 2>&1
  wait_until "the shell's prompt" shell_is_waiting
}

# True when the shell waits at its prompt: the last non-empty line of the screen is "$".
shell_is_waiting() { screen | sed '/^ *$/d' | tail -1 | grep -qE '^\$ ?$'; }

# start WIDTH HEIGHT COMMAND...: runs the command from an interactive shell (see run_command).
start() {
  local w=$1 h=$2; shift 2
  start_shell "$w" "$h"
  run_command "$@"
}

# run_command COMMAND...: types, into the shell start_shell started, the run of a script that
# records the terminal modes (stty -g) before and after the command, and its exit status. The
# script catches SIGINT, so a Ctrl-C that ends the command still lets it record both.
run_command() {
  cat > "$E2E_TMP/run.sh" <<EOF
trap : INT
cd '$PWD'
stty -g > '$E2E_TMP/stty.before'
$*
status=\$?
stty -g > '$E2E_TMP/stty.after'
echo \$status > '$E2E_TMP/exit'
EOF
  rm -f "$E2E_TMP/exit" "$E2E_TMP/stty.before" "$E2E_TMP/stty.after"
  type_text "bash $E2E_TMP/run.sh"; keys Enter
}

# The pid of the command run_command started (a child of the script's shell).
command_pid() {
  local script; script=$(pgrep -P "$(pane '#{pane_pid}')" -x bash | head -1)
  [ -n "$script" ] && pgrep -P "$script" | head -1
}

screen() { _tmux capture-pane -p -J 2>/dev/null; }

keys() { _tmux send-keys "$@"; }

# Literal text (no key-name lookup).
type_text() { _tmux send-keys -l "$1"; }

resize() { _tmux resize-window -x "$1" -y "$2" 2>/dev/null || _tmux resize-pane -x "$1" -y "$2"; }

# pane FORMAT: a tmux format of the pane (#{alternate_on}, #{cursor_flag}, #{pane_title}, ...).
pane() { _tmux display-message -p "$1"; }

# wait_until DESCRIPTION COMMAND...: polls the command until it succeeds.
wait_until() {
  local what=$1 limit=$E2E_TIMEOUT start=$SECONDS; shift
  while (( SECONDS - start < limit )); do
    "$@" && return 0
    sleep 0.05
  done
  fail "timed out after ${limit}s waiting for $what"
}

# wait_for TEXT [SECONDS]: until the screen contains TEXT.
wait_for() {
  local text=$1 limit=${2:-$E2E_TIMEOUT} start=$SECONDS
  while (( SECONDS - start < limit )); do
    screen | grep -qF -- "$text" && return 0
    sleep 0.05
  done
  fail "timed out after ${limit}s waiting for: $text"
}

# wait_gone TEXT [SECONDS]: until the screen no longer contains TEXT.
wait_gone() {
  local text=$1 limit=${2:-$E2E_TIMEOUT} start=$SECONDS
  while (( SECONDS - start < limit )); do
    screen | grep -qF -- "$text" || return 0
    sleep 0.05
  done
  fail "timed out after ${limit}s waiting for this to go away: $text"
}

# wait_line TEXT PATTERN: until the line containing TEXT also matches the extended regex PATTERN.
wait_line() {
  local text=$1 pattern=$2 limit=$E2E_TIMEOUT start=$SECONDS
  while (( SECONDS - start < limit )); do
    line_with "$text" | grep -qE -- "$pattern" && return 0
    sleep 0.05
  done
  fail "timed out after ${limit}s waiting for the line with \"$text\" to match /$pattern/: $(line_with "$text")"
}

# wait_row N PATTERN: until screen row N (1-based) matches the extended regex PATTERN.
wait_row() {
  local n=$1 pattern=$2 limit=$E2E_TIMEOUT start=$SECONDS
  while (( SECONDS - start < limit )); do
    screen | sed -n "${n}p" | grep -qE -- "$pattern" && return 0
    sleep 0.05
  done
  fail "timed out after ${limit}s waiting for row $n to match /$pattern/: '$(screen | sed -n "${n}p")'"
}

assert_screen() { screen | grep -qF -- "$1" || fail "screen does not contain: $1"; }
refute_screen() { screen | grep -qF -- "$1" && fail "screen unexpectedly contains: $1"; return 0; }

# The line of the screen containing TEXT (first match).
line_with() { screen | grep -F -- "$1" | head -1; }

# wait_exit [SECONDS]: until the command ends; sets EXIT_STATUS.
wait_exit() {
  local limit=${1:-$E2E_TIMEOUT} start=$SECONDS
  while (( SECONDS - start < limit )); do
    if [ -f "$E2E_TMP/exit" ]; then EXIT_STATUS=$(cat "$E2E_TMP/exit"); return 0; fi
    sleep 0.05
  done
  fail "the command did not exit within ${limit}s"
}

# The terminal as telex found it: the same stty modes, back from the alternate screen, the cursor
# shown, no mouse reporting or application keypad left on, and a shell that reads and echoes a line.
pane_modes() { pane 'alternate=#{alternate_on} cursor=#{cursor_flag} keypad=#{keypad_flag} cursor_keys=#{keypad_cursor_flag} mouse=#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_all_flag}#{mouse_sgr_flag}'; }
modes_restored() { [ "$(pane_modes)" = "alternate=0 cursor=1 keypad=0 cursor_keys=0 mouse=00000" ]; }
assert_terminal_restored() {
  wait_exit
  [ -s "$E2E_TMP/stty.before" ] || fail "the run script did not record the terminal modes"
  [ "$(cat "$E2E_TMP/stty.after")" = "$(cat "$E2E_TMP/stty.before")" ] ||
    fail "stty modes changed: before $(cat "$E2E_TMP/stty.before"), after $(cat "$E2E_TMP/stty.after")"
  # tmux may still be reading telex's last bytes when the exit status lands: poll.
  local limit=$E2E_TIMEOUT start=$SECONDS
  until modes_restored; do
    (( SECONDS - start < limit )) || fail "the pane's modes were not restored: $(pane_modes)"
    sleep 0.05
  done
  wait_until "the shell's prompt" shell_is_waiting
  type_text 'echo "restored-$((6 * 7))"'; keys Enter
  wait_for "restored-42"
}

# settle: waits until the screen stops changing (two captures 100 ms apart agree), for comparing
# whole screens after keys whose effect has no text of its own to wait for.
settle() {
  local limit=${1:-$E2E_TIMEOUT} start=$SECONDS a b
  a=$(screen)
  while (( SECONDS - start < limit )); do
    sleep 0.1; b=$(screen)
    [ "$a" = "$b" ] && return 0
    a=$b
  done
  fail "the screen did not settle within ${limit}s"
}
