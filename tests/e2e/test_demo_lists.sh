# `telex demo` serves the sample edition on 127.0.0.1, fetches it through the real pipeline into a
# temporary cache, and opens the reader on it: sections with unread counts, the seed's headline.
. "$(dirname "$0")/lib.sh"
out=$("$TELEX" demo --fetch-only --cache "$E2E_TMP/cache" 2>&1) || fail "demo --fetch-only failed: $out"
echo "$out" | grep -qE "^fetched 7 feeds in [0-9.]+ s: 7 ok, 0 unchanged, 0 failed; 32 new items; 32 articles; " || fail "summary: $out"
n=$("$TELEX" list --cache "$E2E_TMP/cache" --json --limit 1000 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') || fail "telex list --json failed"
[ "$n" = 32 ] || fail "expected the edition's 32 items, got $n"

start 120 40 "$TELEX demo"
wait_for "World" 30
wait_for "Asia-Pacific"
# The first section is selected and its headlines show, the seed's story among them.
keys Enter
wait_for "Corée du Nord" 10
keys q q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
