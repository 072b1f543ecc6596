# Hostile feed text never reaches the terminal as control sequences: a JSON Feed whose titles and
# body carry OSC (set title, clipboard), CSI (raw C1 and ESC [), and bidi overrides/isolates is
# fetched, listed and read; the raw bytes telex writes to the pty (tmux pipe-pane) hold none of
# them, the pane's title is untouched, and the text shows with the controls removed. Then Ctrl-C
# and SIGTERM end the reader with the terminal restored.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
site="$E2E_TMP/site"; mkdir -p "$site"
cat > "$site/feed.json" <<'JSON'
{"version": "https://jsonfeed.org/version/1.1", "title": "Hostile \u001b]2;pwned-feed\u0007 Feed",
 "items": [
  {"id": "1", "url": "http://127.0.0.1/x/1", "title": "Title \u001b]2;pwned-title\u0007 one",
   "content_text": "Body \u001b]52;c;cHduZWQ=\u0007 text", "date_published": "2025-06-15T12:00:00Z"},
  {"id": "2", "url": "http://127.0.0.1/x/2", "title": "CSI \u009b2J and \u001b[2J clear, bidi \u202egnp.exe\u202c, isolate \u2066x\u2069 end",
   "content_text": "Second", "date_published": "2025-06-15T11:00:00Z"}
 ]}
JSON
rm -f "$E2E_TMP/url"
"$TELEX" _fixture-server --directory "$site" --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
SITE_PID=$!
url_written() { [ -s "$E2E_TMP/url" ]; }
wait_until "the fixture server" url_written
printf '{"sections": [{"name": "Hostile", "feeds": [{"url": "%s/feed.json", "article": "never"}]}]}\n' "$(cat "$E2E_TMP/url")" > "$E2E_TMP/feeds.json"
cache="$E2E_TMP/cache"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch failed: $out"
echo "$out" | grep -q "1 ok, 0 unchanged, 0 failed" || fail "fetch summary: $out"

# The bytes a terminal acts on: C0 controls but newline, DEL, C1 in UTF-8, bidi overrides and isolates.
acting='[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]'
listing=$("$TELEX" list --cache "$cache" --config "$E2E_TMP/feeds.json" 2>&1) || fail "telex list failed: $listing"
printf '%s' "$listing" | LC_ALL=C grep -qP "$acting" && fail "telex list wrote control bytes: $(printf '%s' "$listing" | od -c | head)"
echo "$listing" | grep -qF "Title ]2;pwned-title one" || fail "telex list: $listing"

start_shell 120 30
title=$(pane '#{pane_title}')
_tmux pipe-pane -o "cat >> '$E2E_TMP/bytes'"
run_command "$TELEX --config '$E2E_TMP/feeds.json' --cache '$cache'"
wait_for "Title ]2;pwned-title one"
wait_for "Hostile ]2;pwned-feed Feed"
wait_for "Body ]52;c;cHduZWQ= text"
keys Tab j
wait_for "Hostile  2/2"
wait_for "│ CSI 2J and [2J clear, bidi gnp.exe,"
wait_for "│ isolate x end"
[ "$(pane '#{pane_title}')" = "$title" ] || fail "the pane title changed to: $(pane '#{pane_title}')"
# Ctrl-C (SIGINT) ends the reader; its handler gives the terminal back first.
keys C-c
wait_exit
[ "$EXIT_STATUS" = 130 ] || fail "exit status after Ctrl-C: $EXIT_STATUS"
assert_terminal_restored
for needle in $'\e]2;pwned' $'\e]52;' $'\xc2\x9b' $'\xe2\x80\xae' $'\xe2\x81\xa6'; do
  LC_ALL=C grep -qF "$needle" "$E2E_TMP/bytes" && fail "the pty received $(printf '%s' "$needle" | od -An -c)"
done
# SIGTERM from outside: the same.
run_command "$TELEX --config '$E2E_TMP/feeds.json' --cache '$cache'"
wait_for "Title ]2;pwned-title one"
pid=$(command_pid)
[ -n "$pid" ] || fail "no telex process found"
kill -TERM "$pid"
wait_exit
[ "$EXIT_STATUS" = 143 ] || fail "exit status after SIGTERM: $EXIT_STATUS"
assert_terminal_restored
