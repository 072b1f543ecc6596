# A hangup (the terminal closed, a dropped ssh) or a SIGTERM ends the reader the way `Q` does: your
# place is saved, no temporary file is left beside the cache, the terminal is restored, and the exit
# status still names the signal. (Killed at once, a hangup landed between writing place.json's
# temporary file and renaming it.)
. "$(dirname "$0")/lib.sh"
cache="$E2E_TMP/cache"
out=$("$TELEX" demo --fetch-only --cache "$cache" 2>&1) || fail "demo --fetch-only failed: $out"
cmd="$TELEX --cache '$cache' --config '$cache/demo-feeds.json'"
for signal in HUP TERM; do
  rm -f "$cache/place.json"
  start 70 14 "$cmd"
  wait_for "Sections" 20
  keys j Enter
  wait_for "Business  1/5" 10
  keys j j
  wait_for "Business  3/5" 10
  settle
  pid=$(command_pid)
  [ -n "$pid" ] || fail "no reader process"
  kill -"$signal" "$pid"
  wait_exit 15
  case $signal in HUP) want=129;; TERM) want=143;; esac
  [ "$EXIT_STATUS" = "$want" ] || fail "SIG$signal: exit status $EXIT_STATUS, want $want"
  [ -f "$cache/place.json" ] || fail "SIG$signal: no place.json beside the cache"
  leftovers=$(find "$cache" -maxdepth 1 \( -name '.dat.nosync*' -o -name '*.tmp' \) | head -3)
  [ -z "$leftovers" ] || fail "SIG$signal: temporary files left: $leftovers"
  assert_terminal_restored
  run_command "$cmd"
  wait_for "Business  3/5" 20
  keys Q
  wait_exit 15
  [ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS after Q"
  _tmux kill-server >/dev/null 2>&1
done
# `telex demo` runs its site's server as a child process (telex-fixture-server): when a hangup ends the
# demo, the server ends with it (it reads a pipe whose other end the demo holds), never left listening.
start 70 14 "$TELEX demo"
wait_for "Sections" 30
pid=$(command_pid)
[ -n "$pid" ] || fail "no demo process"
server=$(pgrep -P "$pid" -f telex-fixture-server | head -1)
[ -n "$server" ] || fail "the demo runs no telex-fixture-server"
kill -HUP "$pid"
wait_exit 15
for _ in $(seq 1 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
kill -0 "$server" 2>/dev/null && { kill "$server"; fail "the demo's server outlived the demo"; }
true
