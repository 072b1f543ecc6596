# `telex feeds --check` accepts the bundled feeds.json and rejects broken ones with the line and path.
. "$(dirname "$0")/lib.sh"
out=$("$TELEX" feeds --check) || fail "bundled feeds.json rejected: $out"
echo '{"sections": [{"name": "A", "feeds": [{"url": "ftp://x/y"}]}]}' > "$E2E_TMP/bad.json"
out=$("$TELEX" feeds --check --config "$E2E_TMP/bad.json" 2>&1); status=$?
[ $status = 2 ] || fail "expected exit 2, got $status"
echo "$out" | grep -q 'sections\[0\].feeds\[0\].url: unsupported URL scheme "ftp"' || fail "message: $out"
printf '{"sections": [\n  {"name": "A", "feedz": []}\n]}' > "$E2E_TMP/bad2.json"
out=$("$TELEX" feeds --check --config "$E2E_TMP/bad2.json" 2>&1)
echo "$out" | grep -q 'bad2.json:2: sections\[0\].feedz: unknown key' || fail "message: $out"
"$TELEX" feeds --check --config "$E2E_TMP/missing.json" >/dev/null 2>&1; [ $? = 2 ] || fail "missing file must exit 2"
exit 0
