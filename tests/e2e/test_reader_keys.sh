# Keys configured (issue 17): a binding in feeds.json `keys` changes what the key does and what
# the help shows; a bad binding is refused with its line and path, before the screen is taken.
. "$(dirname "$0")/lib.sh"
cache="$E2E_TMP/cache"
out=$("$TELEX" demo --fetch-only --cache "$cache" 2>&1) || fail "demo --fetch-only failed: $out"
config="$E2E_TMP/feeds.json"
python3 - "$cache/demo-feeds.json" "$config" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["keys"] = {"lists": {"j": None, "x": "down"}, "everywhere": {"?": None, "F2": "help"}}
json.dump(c, open(sys.argv[2], "w"), indent=1)
PY
start 100 30 "$TELEX --cache '$cache' --config '$config'"
wait_for "Sections" 20
wait_for "F2:help" 10
keys Enter
wait_for "World  1/" 10
# j is unbound: the selection stays; x moves down.
keys j
settle
assert_screen "World  1/"
keys x
wait_for "World  2/" 10
# ? no longer opens the help; F2 does, and it lists x for "next row", not j.
keys '?'
settle
refute_screen "Keys: lists"
keys F2
wait_for "Keys: lists" 10
line=$(line_with "next row")
echo "$line" | grep -qE '↓, x +next row' || fail "help does not show the configured key: $line"
assert_screen "or F2 closes"
keys F2
wait_gone "Keys: lists" 10
keys Q
wait_exit 15
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"

# A misspelt command: the file, the line and the path, and status 2, from the reader and from feeds --check.
python3 - "$config" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["keys"] = {"lists": {"x": "dwon"}}
open(sys.argv[1], "w").write(json.dumps(c, indent=1))
PY
line=$(grep -n '"dwon"' "$config" | cut -d: -f1)
set +e
err=$("$TELEX" --cache "$cache" --config "$config" 2>&1 </dev/null); status=$?
check=$("$TELEX" feeds --check --config "$config" 2>&1); check_status=$?
set -e
[ "$status" = 2 ] || fail "reader exit status $status: $err"
[ "$check_status" = 2 ] || fail "feeds --check exit status $check_status: $check"
expected="$config:$line: keys.lists.x: unknown command \"dwon\" (did you mean \"down\"?)"
echo "$err" | grep -qF "$expected" || fail "reader error: $err"
echo "$check" | grep -qF "$expected" || fail "feeds --check error: $check"
