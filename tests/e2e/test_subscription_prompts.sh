# The command line's questions on a terminal: `telex add` with several feeds lists them and asks which
# (numbers), `telex remove` asks for confirmation (no keeps the feed, y removes it).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
serve_directory tests/fixtures/discovery/site
trap 'stop_site; cleanup' EXIT
site=$SITE_URL
config="$E2E_TMP/feeds.json"
printf '{"sections": [{"name": "A", "feeds": [{"url": "https://a.example/feed"}]}]}\n' > "$config"
opts="--config '$config' --cache '$E2E_TMP/cache'"

start 120 30 "$TELEX add '$site/multi/' --section Extras --no-fetch $opts"
wait_for "3 feeds found at $site/multi/:"
wait_for "Add which? (numbers, a for all, Enter for 1, q to cancel)"
type_text "5"; keys Enter
wait_for "answer with numbers from 1 to 3, a, or q"
type_text "3 2"; keys Enter
wait_for "added Gazette Weather <$site/multi/weather.atom> to Extras"
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "add: exit status $EXIT_STATUS"
grep -qF "$site/multi/letters.json" "$config" || fail "feeds.json: $(cat "$config")"
grep -qF "$site/multi/sport.xml" "$config" && fail "an unchosen feed was added: $(cat "$config")"
# Each command gets a fresh tmux server (on a new socket: a server started on the socket of one still
# shutting down fails with "server exited unexpectedly") and exit file.
next_command() { _tmux kill-server >/dev/null 2>&1; E2E_SOCKET="telex-e2e-$$-${RANDOM}"; rm -f "$E2E_TMP/exit"; }
next_command

start 120 30 "$TELEX remove 'https://a.example/feed' $opts"
wait_for "Remove https://a.example/feed from A? Its saved items are kept. [y/N]"
keys Enter
wait_for "nothing removed"
wait_exit
grep -qF "https://a.example/feed" "$config" || fail "a refused removal removed the feed"
next_command

start 120 30 "$TELEX remove 'https://a.example/feed' $opts"
wait_for "[y/N]"
type_text "y"; keys Enter
wait_for "removed https://a.example/feed from A; the section A went with it"
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "remove: exit status $EXIT_STATUS"
grep -qF "https://a.example/feed" "$config" && fail "the confirmed removal did not happen: $(cat "$config")"
exit 0
