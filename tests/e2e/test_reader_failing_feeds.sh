# With every feed failing (nothing listens), `r` ends in under a second with the summary, and the
# reader says why each feed fails where its headlines would be.
. "$(dirname "$0")/lib.sh"
ports=$(python3 -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
set -- $ports
printf '{"sections": [{"name": "Monde", "feeds": [{"url": "http://127.0.0.1:%s/a.xml"}, {"url": "http://127.0.0.1:%s/b.xml"}, {"url": "http://127.0.0.1:%s/c.xml"}]}]}\n' "$1" "$2" "$3" >"$E2E_TMP/feeds.json"
start 120 30 "$TELEX --config '$E2E_TMP/feeds.json' --cache '$E2E_TMP/cache'"
wait_for "Press r to fetch now" 15
begin=$(date +%s%N)
keys r
wait_for "0 ok, 3 failed, 0 new" 10
elapsed=$(( ($(date +%s%N) - begin) / 1000000 ))
[ $elapsed -lt 1000 ] || fail "r took $elapsed ms to end"
# The progress goes with the pass (the summary and the end of the pass may reach the screen a frame apart).
wait_gone "fetching" 2
wait_for "3 of 3 feeds failing"
assert_screen "failing since"
assert_screen "next try"
assert_screen "127.0.0.1:$1/a.xml"
[ "$(screen | grep -c '^.*│ *! ')" = 3 ] || fail "not one reason per feed on screen"
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
