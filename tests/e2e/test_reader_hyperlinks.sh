# OSC 8 hyperlinks in the reading view (settings "hyperlinks": "on"): the raw bytes telex writes to
# the pty (tmux pipe-pane) hold ESC ] 8 ; ; URL ESC \ before a link's text and ESC ] 8 ; ; ESC \
# after it; hostile hrefs (an ESC or BEL that would end the sequence and start another, a
# javascript: URL, a space) never reach a sequence; with "off", no OSC 8 at all.
. "$(dirname "$0")/lib.sh"
trap 'kill $SITE_PID 2>/dev/null; cleanup' EXIT
site="$E2E_TMP/site"; mkdir -p "$site"
cat > "$site/feed.json" <<'JSON'
{"version": "https://jsonfeed.org/version/1.1", "title": "Links",
 "items": [
  {"id": "1", "url": "http://127.0.0.1/x/1", "title": "Story with links",
   "content_html": "<p>Read <a href=\"https://example.org/good?a=1&amp;b=2\">the good link</a> first.</p><p>Then <a href=\"https://example.org/x\u001b]8;;https://evil.example/\u001b\\\\y\">an escaping one</a>, <a href=\"https://example.org/bel\u0007]8;;https://evil.example/\">a bell</a>, <a href=\"javascript:alert(1)\">a script</a> and <a href=\"https://example.org/a b\">a space</a>.</p>",
   "date_published": "2025-06-15T12:00:00Z"}
 ]}
JSON
rm -f "$E2E_TMP/url"
"$TELEX" _fixture-server --directory "$site" --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
SITE_PID=$!
url_written() { [ -s "$E2E_TMP/url" ]; }
wait_until "the fixture server" url_written
config() {
  printf '{"settings": {"hyperlinks": "%s"}, "sections": [{"name": "Links", "feeds": [{"url": "%s/feed.json", "article": "never"}]}]}\n' \
    "$1" "$(cat "$E2E_TMP/url")" > "$E2E_TMP/feeds.json"
}
config on
cache="$E2E_TMP/cache"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch failed: $out"

# read_story: runs the reader with the bytes it writes recorded in FILE, opens the story, quits.
read_story() {
  _tmux pipe-pane -o "cat >> '$1'"
  run_command "$TELEX --config '$E2E_TMP/feeds.json' --cache '$cache'"
  wait_for "Story with links"
  keys Tab Enter
  wait_for "the good link"
  wait_for "a space"
  keys Q
  wait_exit
  [ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
  _tmux pipe-pane
}
start_shell 100 30
read_story "$E2E_TMP/on"
# The good link, opened and closed around its text and its number (SGR of their styles between).
LC_ALL=C grep -aqP '\e\]8;;https://example\.org/good\?a=1&b=2\e\\(\e\[[0-9;]*m)*the good link(\e\[[0-9;]*m|\[1\])*\e\]8;;\e\\' "$E2E_TMP/on" ||
  fail "no OSC 8 around the good link: $(LC_ALL=C grep -aoP '\e\]8;;[^\e]{0,80}' "$E2E_TMP/on" | od -c | head -20)"
# Every URL in an OSC 8 sequence is printable ASCII and ends at ESC \ (the hostile hrefs were
# resolved into harmless paths: "]8;;https://evil.example/" inside one is %5D8;;... text, never a
# sequence of its own); the script and the control bytes never reach the pty.
seqs=$(LC_ALL=C grep -aoP '\e\]8;;[^\e]*\e\\' "$E2E_TMP/on" | LC_ALL=C sed 's/^\x1b\]8;;//; s/\x1b\\$//' | sort -u)
[ -n "$seqs" ] || fail "no OSC 8 sequence at all"
while IFS= read -r u; do
  [ -z "$u" ] && continue
  printf '%s' "$u" | LC_ALL=C grep -qP '^(https?://|mailto:)[!-~]+$' || fail "a hyperlink URL that is not printable ASCII http(s): $(printf '%s' "$u" | od -c | head -5)"
done <<<"$seqs"
LC_ALL=C grep -aqF $'\e]8;;https://evil' "$E2E_TMP/on" && fail "a hostile href opened a hyperlink of its own"
for needle in 'javascript:' $'\a'; do
  LC_ALL=C grep -aqF -- "$needle" "$E2E_TMP/on" && fail "the pty received $(printf '%s' "$needle" | od -An -c)"
done
assert_terminal_restored

config off
read_story "$E2E_TMP/off"
LC_ALL=C grep -aqF $'\e]8;' "$E2E_TMP/off" && fail "OSC 8 written with hyperlinks off"
exit 0
