# Keys and colours follow feeds.json while the reader runs (issue 17): a binding added to the file
# works without a restart and the help lists it; a binding that names no command is refused with
# its line, and the bindings in force stay.
. "$(dirname "$0")/lib.sh"
cache="$E2E_TMP/cache"
out=$("$TELEX" demo --fetch-only --cache "$cache" 2>&1) || fail "demo --fetch-only failed: $out"
config="$E2E_TMP/feeds.json"
# write_keys JSON: the demo's feeds.json with this "keys" object, replaced at once (rename).
write_keys() {
  python3 - "$cache/demo-feeds.json" "$config" "$1" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["keys"] = json.loads(sys.argv[3])
json.dump(c, open(sys.argv[2] + ".new", "w"), indent=1)
PY
  mv "$config.new" "$config"
}
write_keys '{}'
start 100 30 "$TELEX --cache '$cache' --config '$config'"
wait_for "Sections" 20
keys Enter
wait_for "World  1/" 10
keys x
settle
assert_screen "World  1/"
write_keys '{"lists": {"x": "down"}}'
wait_for "Reloaded" 15
keys x
wait_for "World  2/" 10
keys '?'
wait_for "Keys: lists" 10
line=$(line_with "next row")
echo "$line" | grep -qE 'x +next row' || fail "the help does not show the reloaded key: $line"
keys '?'
wait_gone "Keys: lists" 10
# A command that does not exist: refused with its line; x still moves down.
write_keys '{"lists": {"x": "dwon"}}'
wait_for "kept the previous keys and colours" 15
assert_screen "line "
keys x
wait_for "World  3/" 10
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
