#!/usr/bin/env bash
# `telex sync` against a real Tiny Tiny RSS (tests/sync/ttrss-server.sh, fixture feeds on 127.0.0.1):
# categories become sections (prefixed where they clash with a local one), feeds and items arrive
# once; two caches converge (read in one is read in the other; saved in one is starred on the server;
# both changed offline converge by the rule: an unpushed local change wins, then the last pusher);
# a sync killed with SIGKILL while it holds the sync lock loses no queued change; an expired session
# logs in again; a wrong password and an unreachable server are clear errors per account; no
# password in the cache, the token file is 0600.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SERVER=$HERE/ttrss-server.sh
TELEX=${TELEX:-$REPO/.build/debug/telex}
UA="telex-sync-test/1"

"$REPO/scripts/ensure-deps.sh" curl jq python3 >/dev/null

T=$(mktemp -d /tmp/telex-sync.XXXXXX)
chmod 0755 "$T"
. "$HERE/lib.sh"
trap stop_servers EXIT
trap 'exit 1' INT TERM HUP
fail() {
  echo "FAIL: $*" >&2
  [ -f "$T/srv/log/php.log" ] && { echo "--- php.log (tail) ---" >&2; tail -20 "$T/srv/log/php.log" >&2; }
  exit 1
}

# --- fixture feeds and the server ---------------------------------------------------------------
start_feed_server || fail "no feed server"
for f in monde technik; do sed "s|@BASE@|$BASE|g" "$HERE/fixtures/$f.xml" >"$T/site/$f.xml"; done
"$SERVER" start "$T/srv" >"$T/start.out" || fail "ttrss-server.sh start: $(cat "$T/start.out")"
. "$T/srv/env"

api() { curl -sS --max-time 30 -A "$UA" -H 'Content-Type: application/json' --data-binary "$1" "$TTRSS_API"; }
SID=$(api "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASSWORD\"}" | jq -r .content.session_id)
[ -n "$SID" ] && [ "$SID" != null ] || fail "login with curl"
CAT=$("$SERVER" add-category "$T/srv" "$TTRSS_USER" "World") || fail "add-category"
api "{\"op\":\"subscribeToFeed\",\"sid\":\"$SID\",\"feed_url\":\"${BASE}monde.xml\",\"category_id\":$CAT}" | grep -q '"code":1' || fail "subscribe monde"
api "{\"op\":\"subscribeToFeed\",\"sid\":\"$SID\",\"feed_url\":\"${BASE}technik.xml\"}" | grep -q '"code":1' || fail "subscribe technik"
"$SERVER" update "$T/srv" >/dev/null 2>&1 || fail "update"
n=$(api "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4}" | jq '.content | length')
[ "$n" = 6 ] || fail "tt-rss has $n articles, expected 6"
# starred ids on the server, by title
starred_titles() { api "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4,\"view_mode\":\"marked\"}" | jq -r '.content[].title' | sort; }

# --- two machines ---------------------------------------------------------------------------------
export TELEX_TEST_TTRSS_PW="$TTRSS_PASSWORD"
config() {  # config FILE URL
  cat >"$1" <<JSON
{"sections": [{"name": "World", "feeds": [{"url": "http://127.0.0.1:9/local.xml"}]}],
 "accounts": [{"name": "home", "type": "ttrss", "url": "$2", "user": "$TTRSS_USER", "password_env": "TELEX_TEST_TTRSS_PW"}]}
JSON
}
config "$T/feeds.json" "$TTRSS_URL"
A=(--config "$T/feeds.json" --cache "$T/a")
B=(--config "$T/feeds.json" --cache "$T/b")
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "first sync A: $out"
[ "$out" = "home: pushed 0 changes, 2 feeds, 6 new items, 0 read/starred changes from the server (counts matched)" ] || fail "first sync A said: $out"
out=$("$TELEX" sync "${B[@]}" 2>&1) || fail "first sync B: $out"
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "second sync A: $out"
# Nothing new: getCounters' per-feed unread and starred counts match the cache's, no id list is read.
[ "$out" = "home: pushed 0 changes, 2 feeds, 0 new items, 0 read/starred changes from the server (counts matched)" ] || fail "incremental sync A said: $out"
sections=$(python3 - "$T/a/cache.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print("|".join(r[0] for r in db.execute("SELECT name FROM section ORDER BY position")))
PY
)
[ "$sections" = "World|home|home: World" ] || fail "sections in A: $sections"
accounts=$("$TELEX" accounts "${A[@]}") || fail "telex accounts"
echo "$accounts" | grep -q "^home  ttrss  $TTRSS_URL  user $TTRSS_USER$" || fail "accounts: $accounts"
echo "$accounts" | grep -q "2 feeds, 6 items, 6 unread; synced 20" || fail "accounts state: $accounts"
# No password anywhere in the caches, the JSON outputs or the token file; the token file is 0600.
"$TELEX" feeds --json "${A[@]}" >"$T/feeds.out" 2>&1
"$TELEX" accounts --json "${A[@]}" >>"$T/feeds.out" 2>&1
if grep -rqF "$TTRSS_PASSWORD" "$T/a" "$T/b" "$T/feeds.out"; then fail "the password was written somewhere"; fi
[ "$(stat -c %a "$T/a/sync-tokens.json")" = 600 ] || fail "token file mode $(stat -c %a "$T/a/sync-tokens.json")"

id_of() {  # id_of CACHE TITLE-PREFIX
  "$TELEX" list --json --config "$T/feeds.json" --cache "$1" --limit 100 | jq -r --arg t "$2" '.[] | select(.title | startswith($t)) | .id'
}
state_of() {  # state_of CACHE TITLE-PREFIX -> "read=BOOL saved=BOOL"
  "$TELEX" list --json --config "$T/feeds.json" --cache "$1" --limit 100 | jq -r --arg t "$2" '.[] | select(.title | startswith($t)) | "read=\(.read) saved=\(.saved)"'
}
E1="Élections"; E2="東京"; E3="Un café"; E4="Größere"; E5="مؤتمر"
# Read in A is read in B after both sync; saved in B is starred on the server.
"$TELEX" mark read "$(id_of "$T/a" "$E1")" "${A[@]}" || fail "mark read"
"$TELEX" mark save "$(id_of "$T/b" "$E2")" "${B[@]}" || fail "mark save"
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "sync A: $out"
echo "$out" | grep -q "pushed 1 changes" || fail "sync A did not push: $out"
out=$("$TELEX" sync "${B[@]}" 2>&1) || fail "sync B: $out"
[ "$(state_of "$T/b" "$E1")" = "read=true saved=false" ] || fail "B: $E1 is $(state_of "$T/b" "$E1")"
[ "$(starred_titles)" = "東京で大雪、交通に乱れ" ] || fail "starred on the server: $(starred_titles)"
"$TELEX" sync "${A[@]}" >/dev/null 2>&1 || fail "sync A"
[ "$(state_of "$T/a" "$E2")" = "read=false saved=true" ] || fail "A: $E2 is $(state_of "$T/a" "$E2")"
# Both offline: A unsaves E2 and reads E3; B reads E4 and marks E1 unread. Each unpushed change
# wins over what the server said before it; both caches end with all four changes.
"$TELEX" mark unsave "$(id_of "$T/a" "$E2")" "${A[@]}"
"$TELEX" mark read "$(id_of "$T/a" "$E3")" "${A[@]}"
"$TELEX" mark read "$(id_of "$T/b" "$E4")" "${B[@]}"
"$TELEX" mark unread "$(id_of "$T/b" "$E1")" "${B[@]}"
"$TELEX" sync "${A[@]}" >/dev/null 2>&1 || fail "sync A (offline changes)"
"$TELEX" sync "${B[@]}" >/dev/null 2>&1 || fail "sync B (offline changes)"
"$TELEX" sync "${A[@]}" >/dev/null 2>&1 || fail "sync A again"
for c in a b; do
  got="$(state_of "$T/$c" "$E1") $(state_of "$T/$c" "$E2") $(state_of "$T/$c" "$E3") $(state_of "$T/$c" "$E4")"
  [ "$got" = "read=false saved=false read=false saved=false read=true saved=false read=true saved=false" ] || fail "cache $c did not converge: $got"
done
[ -z "$(starred_titles)" ] || fail "still starred on the server: $(starred_titles)"

# --- SIGKILL mid-sync loses no queued change ---------------------------------------------------------
for title in "$E1" "$E2" "$E5"; do "$TELEX" mark read "$(id_of "$T/a" "$title")" "${A[@]}"; done
"$TELEX" mark save "$(id_of "$T/a" "$E5")" "${A[@]}"
"$TELEX" sync "${A[@]}" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 400); do flock -n "$T/a/sync.lock" true 2>/dev/null || break; sleep 0.005; done
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "sync after the kill: $out"
"$TELEX" sync "${B[@]}" >/dev/null 2>&1 || fail "sync B after the kill"
for title in "$E1" "$E2"; do [ "$(state_of "$T/b" "$title")" = "read=true saved=false" ] || fail "lost after SIGKILL: $title is $(state_of "$T/b" "$title")"; done
[ "$(state_of "$T/b" "$E5")" = "read=true saved=true" ] || fail "lost after SIGKILL: $E5 is $(state_of "$T/b" "$E5")"
pending=$("$TELEX" accounts --json "${A[@]}" | jq '.[0].pending')
[ "$pending" = 0 ] || fail "$pending changes still waiting"

# --- the server's counts (docs/sync.md): a read elsewhere lands through "recently read" (-6); a
# balanced change (one read, one unread in a feed, over a day ago) leaves the counts equal and waits
# for the tenth sync or --full.
art_id() { api "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4}" | jq -r --arg t "$1" '.content[] | select(.title | startswith($t)) | .id'; }
set_unread() { api "{\"op\":\"updateArticle\",\"sid\":\"$SID\",\"article_ids\":\"$(art_id "$1")\",\"field\":2,\"mode\":$2}" | grep -q '"status":"OK"' || fail "updateArticle $1"; }
E6="Tarife"
out=$("$TELEX" sync --full "${A[@]}" 2>&1) || fail "sync --full: $out"
[ "$(state_of "$T/a" "$E6")" = "read=false saved=false" ] || fail "A: $E6 is $(state_of "$T/a" "$E6")"
set_unread "$E6" 0
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "sync after a read elsewhere: $out"
[ "$out" = "home: pushed 0 changes, 2 feeds, 0 new items, 1 read/starred changes from the server (counts matched)" ] || fail "read elsewhere: $out"
[ "$(state_of "$T/a" "$E6")" = "read=true saved=false" ] || fail "A: $E6 is $(state_of "$T/a" "$E6") after a read elsewhere"
set_unread "$E6" 1
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "sync after an unread elsewhere: $out"
[ "$out" = "home: pushed 0 changes, 2 feeds, 0 new items, 1 read/starred changes from the server" ] || fail "unread elsewhere: $out"
set_unread "$E5" 1
set_unread "$E6" 0
"$SERVER" psql "$T/srv" -qc "UPDATE ttrss_user_entries SET last_read = NOW() - INTERVAL '2 days' WHERE last_read IS NOT NULL" >/dev/null || fail "psql"
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "sync after a balanced change: $out"
[ "$out" = "home: pushed 0 changes, 2 feeds, 0 new items, 0 read/starred changes from the server (counts matched)" ] || fail "balanced change: $out"
[ "$(state_of "$T/a" "$E5")" = "read=true saved=true" ] || fail "A: $E5 is $(state_of "$T/a" "$E5") (counts matched)"
out=$("$TELEX" sync --full "${A[@]}" 2>&1) || fail "sync --full: $out"
[ "$out" = "home: pushed 0 changes, 2 feeds, 0 new items, 2 read/starred changes from the server" ] || fail "sync --full said: $out"
[ "$(state_of "$T/a" "$E5") $(state_of "$T/a" "$E6")" = "read=false saved=true read=true saved=false" ] || fail "A after --full: $(state_of "$T/a" "$E5") $(state_of "$T/a" "$E6")"

# --- new items on the server; an expired session; bad password; unreachable --------------------------
sed "s|@BASE@|$BASE|g" "$HERE/fixtures/monde-update.xml" >"$T/site/monde.xml"
"$SERVER" update "$T/srv" >/dev/null 2>&1 || fail "update"
printf '{"home":"expiredsession0000000000"}' >"$T/a/sync-tokens.json"
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "sync with an expired session: $out"
echo "$out" | grep -q "2 feeds, 1 new items" || fail "incremental sync after an update: $out"
grep -q expiredsession "$T/a/sync-tokens.json" && fail "the expired session was kept"
"$TELEX" mark unread "$(id_of "$T/a" "$E1")" "${A[@]}"
rm "$T/a/sync-tokens.json"
out=$(TELEX_TEST_TTRSS_PW=wrong "$TELEX" sync "${A[@]}" 2>&1); status=$?
[ $status = 3 ] || fail "wrong password: status $status: $out"
[ "$out" = "telex: home: login refused: wrong user name or password" ] || fail "wrong password said: $out"
config "$T/down.json" "http://127.0.0.1:9/"
out=$("$TELEX" sync --config "$T/down.json" --cache "$T/a" 2>&1); status=$?
[ $status = 3 ] || fail "unreachable: status $status: $out"
echo "$out" | grep -q "^telex: home: server unreachable: " || fail "unreachable said: $out"
"$TELEX" accounts --config "$T/down.json" --cache "$T/a" | grep -q "1 change waiting; server unreachable since " || fail "accounts while unreachable: $("$TELEX" accounts --config "$T/down.json" --cache "$T/a")"
out=$("$TELEX" sync "${A[@]}" 2>&1) || fail "sync once the server is back: $out"
echo "$out" | grep -q "pushed 1 changes" || fail "the waiting change was not pushed: $out"
out=$("$TELEX" sync --account nope "${A[@]}" 2>&1); status=$?
[ $status = 2 ] && [ "$out" = "telex: no account \"nope\" in $T/feeds.json; accounts: home" ] || fail "unknown account: $status $out"

# --- telex serve syncs too ------------------------------------------------------------------------
"$TELEX" serve --no-articles --config "$T/feeds.json" --cache "$T/c" >"$T/serve.log" 2>&1 &
serve=$!
synced=""
for _ in $(seq 1 300); do
  synced=$("$TELEX" accounts --json --config "$T/feeds.json" --cache "$T/c" 2>/dev/null | jq -r '.[0] | "\(.status) \(.items)"')
  [ "$synced" = "ok 7" ] && break
  sleep 0.1
done
kill -TERM $serve; wait $serve
[ "$synced" = "ok 7" ] || fail "serve did not sync: $synced; $(cat "$T/serve.log")"
grep -q "home: pushed 0 changes, 2 feeds, 7 new items" "$T/serve.log" || fail "serve's log: $(cat "$T/serve.log")"
# --- subscription changes of account feeds go to the server (docs/sync.md, "Subscriptions") -------------
feed_urls() { api "{\"op\":\"getFeeds\",\"sid\":\"$SID\",\"cat_id\":$1}" | jq -r '.content[].feed_url' | sort | tr '\n' ' '; }
cache_feeds() {  # cache_feeds SECTION: the active feeds' own addresses in that section of cache A
  python3 - "$T/a/cache.sqlite" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(" ".join(r[0] for r in db.execute("SELECT remote_url FROM feed JOIN section ON section.id = feed.section_id "
                                        "WHERE section.name = ? AND feed.active = 1 ORDER BY remote_url", (sys.argv[2],))))
PY
}
sed "s|@BASE@|$BASE|g" "$HERE/fixtures/wetter.xml" >"$T/site/wetter.xml"
cp "$T/site/wetter.xml" "$T/site/wetter2.xml"
cp "$T/feeds.json" "$T/feeds.before"
# Added to an account's section: discovered here, subscribed there (in the section's category), the cache
# follows at once; feeds.json is not touched.
out=$("$TELEX" add "${BASE}wetter.xml" --section "home: World" --no-fetch "${A[@]}" 2>&1) || fail "add to home: World: $out"
[ "$out" = "added Wetterbericht <${BASE}wetter.xml> to home: World on home (1 item here; the server fetches it itself)" ] || fail "add said: $out"
[ "$(feed_urls "$CAT")" = "${BASE}monde.xml ${BASE}wetter.xml " ] || fail "the server's World category: $(feed_urls "$CAT")"
[ "$(cache_feeds "home: World")" = "${BASE}monde.xml ${BASE}wetter.xml" ] || fail "the cache's home: World: $(cache_feeds "home: World")"
cmp -s "$T/feeds.json" "$T/feeds.before" || fail "feeds.json changed"
out=$("$TELEX" add "${BASE}wetter.xml" --account home "${A[@]}" 2>&1) || fail "add again: $out"
[ "$out" = "already subscribed: Wetterbericht <${BASE}wetter.xml> in home: World on home" ] || fail "add again said: $out"
# What tt-rss's API cannot do is refused with the reason, and nothing changes.
out=$("$TELEX" move Wetterbericht home "${A[@]}" 2>&1); status=$?
[ $status = 3 ] || fail "move: status $status: $out"
[ "$out" = "telex: home: Tiny Tiny RSS's API cannot move a feed to another category: move it in tt-rss (Preferences → Feeds); the next sync brings the change; nothing was changed" ] || fail "move said: $out"
out=$("$TELEX" add "${BASE}wetter2.xml" --account home --section Sport --no-fetch "${A[@]}" 2>&1); status=$?
[ $status = 3 ] || fail "add to a new category: status $status: $out"
echo "$out" | grep -qF "telex: home: Tiny Tiny RSS's API cannot make a category: make \"Sport\" in tt-rss" || fail "add to a new category said: $out"
[ "$(feed_urls -3)" = "${BASE}monde.xml ${BASE}technik.xml ${BASE}wetter.xml " ] || fail "the server's feeds: $(feed_urls -3)"
# tt-rss's updater reads the new feed (its title too): the next sync brings its item.
"$SERVER" update "$T/srv" >/dev/null 2>&1 || fail "update"
out=$("$TELEX" sync --no-articles "${A[@]}" 2>&1) || fail "sync after the add: $out"
echo "$out" | grep -q "^home: pushed 0 changes, 3 feeds, 1 new items" || fail "sync after the add said: $out"
# Removed (by its title): unsubscribed on the server, gone from the cache's section.
out=$("$TELEX" remove --yes Wetterbericht "${A[@]}" 2>&1) || fail "remove: $out"
[ "$(echo "$out" | head -1)" = "removed Wetterbericht <${BASE}wetter.xml> from home: World: unsubscribed on home" ] || fail "remove said: $out"
[ "$(feed_urls -3)" = "${BASE}monde.xml ${BASE}technik.xml " ] || fail "still on the server: $(feed_urls -3)"
[ "$(cache_feeds "home: World")" = "${BASE}monde.xml" ] || fail "still in the cache: $(cache_feeds "home: World")"
# The server unreachable: the removal is refused, the cache keeps the feed.
out=$("$TELEX" remove --yes Technik-Ticker --config "$T/down.json" --cache "$T/a" 2>&1); status=$?
[ $status = 3 ] || fail "remove with the server down: status $status: $out"
echo "$out" | grep -q "^telex: home: server unreachable: .*; nothing was changed$" || fail "remove with the server down said: $out"
[ "$(cache_feeds home)" = "${BASE}technik.xml" ] || fail "the cache lost the feed: $(cache_feeds home)"
cmp -s "$T/feeds.json" "$T/feeds.before" || fail "feeds.json changed"

echo "sync ttrss: ok"
