# With no articles (no cache yet) the reader shows the sections and says how to fetch.
. "$(dirname "$0")/lib.sh"
cat > "$E2E_TMP/feeds.json" <<'JSON'
{"sections": [{"name": "Monde", "feeds": [{"url": "https://example.org/fr.xml", "title": "Le Monde"}]}]}
JSON
start 120 30 "$TELEX --config '$E2E_TMP/feeds.json'"
wait_for "Monde"
wait_for "Press r to fetch now"
assert_screen "telex fetch"
assert_screen "telex serve"
assert_screen "No articles yet: press r to fetch"
# The reader has not fetched: libcurl (loaded at the first request) and the libraries it needs are not
# in the process (docs/architecture.md, CCurl and telex-fixture-server).
pid=$(command_pid)
[ -n "$pid" ] && [ -r "/proc/$pid/maps" ] || fail "no reader process to look at"
grep -qE 'libcurl|libssl|libgnutls|libFoundationNetworking' "/proc/$pid/maps" && fail "the reader loaded network libraries before fetching: $(grep -oE '[^/]*(libcurl|libssl|libgnutls|libFoundationNetworking)[^ ]*' "/proc/$pid/maps" | sort -u | tr '\n' ' ')"
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
assert_terminal_restored
