# The reader follows feeds.json: a section and feed added while it runs appear after `r` and are
# fetched; a broken file is reported once and the previous feeds kept.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
start_site 2x4
config="$E2E_TMP/reader-feeds.json"
write_config() { printf '%s\n' "$1" >"$config.new" && mv "$config.new" "$config"; }
write_config "{\"sections\": [{\"name\": \"Premier\", \"feeds\": [{\"url\": \"$SITE_URL/feeds/0.xml\"}]}]}"
start 120 30 "$TELEX --config '$config' --cache '$E2E_TMP/cache'"
wait_for "Premier" 15
keys r
wait_for "1 ok, 0 failed, 4 new"
refute_screen "Second"
write_config "{\"sections\": [{\"name\": \"Premier\", \"feeds\": [{\"url\": \"$SITE_URL/feeds/0.xml\"}]}, {\"name\": \"Second\", \"feeds\": [{\"url\": \"$SITE_URL/feeds/1.xml\", \"title\": \"Feed one\"}]}]}"
keys r
wait_for "Second"
# Its items are fetched too: four new items in the new section. The pass's summary (the r key cleared the first
# one) takes the status line until a key: wait for it before moving, or it would hide the position after j.
wait_for " ok, 0 failed"
keys j
wait_for "Second  1/4"
write_config "{\"sections\": ["
wait_for "kept the previous feeds"
assert_screen "Second"
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
