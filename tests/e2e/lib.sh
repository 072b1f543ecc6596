# The tmux harness for end-to-end tests: a real terminal, real keys, the real screen.
# Source it from a test script; $TELEX is the binary under test.
#
#   start 80 24 "$TELEX --config x.json"   # runs the command in a detached tmux session
#   wait_for "Sections"                     # polls capture-pane until the text shows (or fails)
#   keys j j Enter                          # tmux send-keys names (Enter, Up, BSpace, C-c, ...)
#   assert_screen "World"                   # the current screen contains the text
#   resize 40 12
#   wait_exit                               # the command ended; its status is in $EXIT_STATUS
set -u
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

# start WIDTH HEIGHT COMMAND...: the command runs in a shell that records its exit status.
start() {
  local w=$1 h=$2; shift 2
  _tmux new-session -d -x "$w" -y "$h" -e "TERM=tmux-256color" \
    "cd '$PWD'; $*; echo \$? > '$E2E_TMP/exit'; sleep 60" || fail "tmux did not start"
  _tmux set-option -g status off >/dev/null 2>&1
}

screen() { _tmux capture-pane -p -J 2>/dev/null; }

keys() { _tmux send-keys "$@"; }

# Literal text (no key-name lookup).
type_text() { _tmux send-keys -l "$1"; }

resize() { _tmux resize-window -x "$1" -y "$2" 2>/dev/null || _tmux resize-pane -x "$1" -y "$2"; }

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

# The terminal is restored when the alternate screen is gone and the shell's echo works again.
assert_terminal_restored() {
  _tmux send-keys -l "echo restored-ok"; keys Enter
  # The wrapper shell is sleeping; ask tmux whether the pane left the alternate screen instead.
  local alt; alt=$(_tmux display-message -p '#{alternate_on}')
  [ "$alt" = "0" ] || fail "the terminal is still on the alternate screen after exit"
}

# settle: waits until the screen stops changing (two captures 100 ms apart agree), for tests that
# compare whole screens after keys whose effect has no text of its own to wait for.
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
