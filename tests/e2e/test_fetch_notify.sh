# settings "notify" (newsboat's notify-program): `telex fetch` runs the program after a pass that
# brought new items, with its argv as written (no shell: a ";" or "$(...)" in an argument stays
# text), the summary as the last argument, the new titles on stdin and TELEX_NEW_ITEMS; a pass
# with nothing new runs nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
start_site 2x4
out="$E2E_TMP/notified"
cat > "$E2E_TMP/notifier" <<SH
#!/bin/sh
{ printf 'arg:%s\n' "\$@"; printf 'count:%s\n' "\$TELEX_NEW_ITEMS"; cat; } > "$out.tmp" && mv "$out.tmp" "$out"
SH
chmod +x "$E2E_TMP/notifier"
cat > "$E2E_TMP/feeds.json" <<JSON
{"settings": {"notify": ["$E2E_TMP/notifier", "--from", "telex; touch $E2E_TMP/pwned \$(touch $E2E_TMP/pwned2)"]},
 "sections": [{"name": "S", "feeds": [{"url": "$SITE_URL/feeds/0.xml"}, {"url": "$SITE_URL/feeds/1.xml"}]}]}
JSON
"$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/cache" >/dev/null 2>&1 || fail "telex fetch failed"
[ -f "$out" ] || fail "the notify program did not run"
expected_args="arg:--from
arg:telex; touch $E2E_TMP/pwned \$(touch $E2E_TMP/pwned2)
arg:8 new items
count:8"
[ "$(head -4 "$out")" = "$expected_args" ] || fail "arguments: $(cat "$out")"
[ "$(tail -n +5 "$out" | wc -l)" = 8 ] || fail "not eight titles on stdin: $(cat "$out")"
tail -n +5 "$out" | grep -q . || fail "empty titles: $(cat "$out")"
[ -e "$E2E_TMP/pwned" ] || [ -e "$E2E_TMP/pwned2" ] && fail "an argument went through a shell"
# Nothing new: no run.
rm -f "$out"
"$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/cache" >/dev/null 2>&1 || fail "second fetch failed"
[ -f "$out" ] && fail "the notify program ran for a pass with nothing new: $(cat "$out")"
exit 0
