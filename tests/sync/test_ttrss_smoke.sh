#!/usr/bin/env bash
# Smoke test of the real Tiny Tiny RSS test server (tests/sync/ttrss-server.sh) through its JSON API,
# the way telex's sync client will use it: login, subscribe to fixture feeds served on 127.0.0.1,
# let tt-rss fetch them, read categories, feeds and headlines, change read and starred state, and
# stop everything. Exit 0 only if every step worked and nothing is left running.
#
# The fixture feeds (tests/sync/fixtures/*.xml) name their own server as @BASE@; render_fixtures
# writes them out for any base URL, so that another feed server (telex _fixture-server) can serve
# the same files. Here python3's http.server serves them, live from a directory, on a port the
# kernel chooses.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SERVER=$HERE/ttrss-server.sh
UA="telex-ttrss-smoke/1"    # tt-rss binds a session to the User-Agent it logged in with

"$REPO/scripts/ensure-deps.sh" curl jq python3

T=$(mktemp -d /tmp/telex-ttrss.XXXXXX)
chmod 0755 "$T"
FEED_PID=""
passed=0

cleanup() {
  set +e
  "$SERVER" stop "$T/srv" >/dev/null 2>&1
  if [ -n "$FEED_PID" ]; then kill -TERM -- "-$FEED_PID" 2>/dev/null; fi
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

fail() {
  echo "FAIL: $*" >&2
  [ -n "${BODY:-}" ] && echo "last answer ($CODE): ${BODY:0:2000}" >&2
  [ -f "$T/srv/log/php.log" ] && { echo "--- php.log (tail) ---" >&2; tail -20 "$T/srv/log/php.log" >&2; }
  echo "ttrss smoke: $passed passed, 1 failed"
  exit 1
}
ok() { passed=$((passed + 1)); echo "ok $passed - $*"; }
now_ms() { date +%s%3N; }

# render_fixtures BASE OUTDIR: the fixture feeds with @BASE@ (ending in /) replaced.
render_fixtures() {
  local f
  for f in "$HERE"/fixtures/*.xml; do
    sed "s|@BASE@|$1|g" "$f" >"$2/$(basename "$f")"
  done
}

# api JSON: POST a raw JSON body; sets BODY and CODE (HTTP status).
api() {
  local out
  out=$(curl -sS --max-time 30 -A "${API_UA:-$UA}" -H 'Content-Type: application/json' \
    --data-binary "$1" -w '\n%{http_code}' "$TTRSS_API") || fail "curl: $1"
  CODE=${out##*$'\n'}
  BODY=${out%$'\n'*}
}
# q FILTER: jq on the last answer (raw output).
q() { jq -r "$@" <<<"$BODY"; }
# expect FILTER VALUE WHAT: the last answer's FILTER is VALUE.
expect() {
  local got
  got=$(q "$1" 2>/dev/null) || fail "$3: the answer is not JSON"
  [ "$got" = "$2" ] || fail "$3: $1 is '$got', expected '$2'"
}
# call JSON WHAT: api, then require HTTP 200 and status 0.
call() {
  api "$1"
  [ "$CODE" = 200 ] || fail "$2: HTTP $CODE"
  expect .status 0 "$2"
}

# --- the fixture feed server -----------------------------------------------------------------
mkdir "$T/site"
setsid python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$T/site" >"$T/feeds.log" 2>&1 </dev/null &
FEED_PID=$!
BASE=""
for _ in $(seq 200); do
  BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$T/feeds.log" | head -1 || true)
  [ -n "$BASE" ] && break
  sleep 0.05
done
[ -n "$BASE" ] || fail "the fixture feed server did not start: $(cat "$T/feeds.log")"
render_fixtures "$BASE" "$T/site"
rm "$T/site/monde-update.xml"   # swapped in later
ok "fixture feeds served at $BASE"

# --- the server --------------------------------------------------------------------------------
t0=$(now_ms)
"$SERVER" start "$T/srv" >"$T/start.out" || fail "ttrss-server.sh start: $(cat "$T/start.out")"
start_ms=$(( $(now_ms) - t0 ))
. "$T/srv/env"
for v in TTRSS_URL TTRSS_API TTRSS_USER TTRSS_PASSWORD TTRSS_PHP_PID TTRSS_PG_PID; do
  [ -n "${!v:-}" ] || fail "DIR/env lacks $v"
done
[[ $TTRSS_URL =~ ^http://127\.0\.0\.1:[0-9]+/$ ]] || fail "TTRSS_URL is $TTRSS_URL"
"$SERVER" status "$T/srv" >/dev/null || fail "status says not running"
parts=$(sed -n 's/^# started in [0-9]* ms (\(.*\))$/\1/p' "$T/start.out")
ok "server started in $start_ms ms ($parts)"

# --- login and sessions ------------------------------------------------------------------------
call "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASSWORD\",\"seq\":7}" "login"
expect .seq 7 "login echoes seq"
expect .content.api_level 15 "login"
SID=$(q .content.session_id)
[[ $SID =~ ^[a-z0-9]{16,}$ ]] || fail "session_id is '$SID'"
ok "login: session $SID, API level 15"

api "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"wrong\"}"
[ "$CODE" = 200 ] || fail "bad login: HTTP $CODE"
expect .status 1 "bad login"; expect .content.error LOGIN_ERROR "bad login"
api '{"op":"getCategories"}'
expect .status 1 "no sid"; expect .content.error NOT_LOGGED_IN "no sid"
API_UA="some other agent" api "{\"op\":\"getCategories\",\"sid\":\"$SID\"}"
expect .status 1 "other User-Agent"; expect .content.error NOT_LOGGED_IN "other User-Agent"; expect .seq -1 "other User-Agent"
call "{\"op\":\"isLoggedIn\",\"sid\":\"$SID\"}" "same User-Agent after a foreign one"
expect .content.status true "isLoggedIn"
call "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$(printf %s "$TTRSS_PASSWORD" | base64 -w0)\"}" "login, base64 password"
expect .content.api_level 15 "login, base64 password"
api 'op=login&user=x'   # form-encoded: tt-rss reads JSON bodies only
expect .content.error NOT_LOGGED_IN "form body"
ok "base64 password accepted; errors: LOGIN_ERROR, NOT_LOGGED_IN without sid, with another User-Agent (seq -1), with a form body"

# --- categories and subscriptions --------------------------------------------------------------
CAT=$("$SERVER" add-category "$T/srv" "$TTRSS_USER" "Monde & Co") || fail "add-category"
[[ $CAT =~ ^[0-9]+$ ]] || fail "add-category printed '$CAT'"
call "{\"op\":\"subscribeToFeed\",\"sid\":\"$SID\",\"feed_url\":\"${BASE}monde.xml\",\"category_id\":$CAT}" "subscribe monde"
expect .content.status.code 1 "subscribe monde"
MONDE=$(q .content.status.feed_id)
call "{\"op\":\"subscribeToFeed\",\"sid\":\"$SID\",\"feed_url\":\"${BASE}monde.xml\",\"category_id\":$CAT}" "subscribe monde again"
expect .content.status.code 0 "subscribe monde again"; expect .content.status.feed_id "$MONDE" "subscribe monde again"
call "{\"op\":\"subscribeToFeed\",\"sid\":\"$SID\",\"feed_url\":\"${BASE}technik.xml\"}" "subscribe technik"
expect .content.status.code 1 "subscribe technik"
TECHNIK=$(q .content.status.feed_id)
call "{\"op\":\"subscribeToFeed\",\"sid\":\"$SID\",\"feed_url\":\"${BASE}missing.xml\"}" "subscribe a 404"
expect .content.status.code 5 "subscribe a 404"
[[ $(q .content.status.message) == *"HTTP 404"* ]] || fail "subscribe a 404: message $(q .content.status.message)"
ok "subscribed: monde ($MONDE, category $CAT), technik ($TECHNIK); again: code 0; 404: code 5"

call "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4}" "headlines before any update"
expect '.content | length' 0 "subscribeToFeed does not fetch articles"

# --- tt-rss fetches the feeds: the API's updateFeed, and its own updater (update.php) -----------
t0=$(now_ms)
call "{\"op\":\"updateFeed\",\"sid\":\"$SID\",\"feed_id\":$MONDE}" "updateFeed"
first_update_ms=$(( $(now_ms) - t0 ))
t0=$(now_ms)
"$SERVER" update "$T/srv" "$TECHNIK" || fail "update.php --update-feed=$TECHNIK"
updater_ms=$(( $(now_ms) - t0 ))
ok "first update: API updateFeed $first_update_ms ms; update.php --update-feed $updater_ms ms"

call "{\"op\":\"getCategories\",\"sid\":\"$SID\"}" "getCategories"
expect ".content[] | select(.id == $CAT) | .title" "Monde & Co" "getCategories title"
expect ".content[] | select(.id == $CAT) | .unread" 3 "getCategories unread"
expect '.content[] | select(.id == 0) | .unread' 3 "getCategories Uncategorized"
call "{\"op\":\"getFeeds\",\"sid\":\"$SID\",\"cat_id\":-3}" "getFeeds(cat_id=-3)"
expect '.content | length' 2 "getFeeds(-3) count"
expect ".content[] | select(.id == $MONDE) | [.title, .feed_url, .cat_id, .unread] | @tsv" \
  "Le Monde de test	${BASE}monde.xml	$CAT	3" "getFeeds monde"
expect ".content[] | select(.id == $TECHNIK) | [.title, .cat_id, .unread] | @tsv" "Technik-Ticker	0	3" "getFeeds technik"
call "{\"op\":\"getFeeds\",\"sid\":\"$SID\"}" "getFeeds()"
expect '[.content[].id] | @csv' "$TECHNIK" "getFeeds without cat_id: uncategorised only"
ok "getCategories, getFeeds(cat_id=-3): titles from the feeds, port kept in feed_url, unread counts"

call "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4,\"show_content\":true,\"limit\":200}" "getHeadlines"
expect '.content | length' 6 "getHeadlines count"
expect '[.content[] | select(.unread == true)] | length' 6 "all unread"
expect '.content[] | select(.title | startswith("Élections")) | .link' "${BASE}monde/reforme.html" "link with port"
expect '.content[] | select(.title | startswith("Élections")) | .author' "Anne Dupré" "author"
expect '[.content[].title | select(. == "Größere Akkus für Straßenbahnen" or . == "Un café, des croissants et l’économie française" or . == "東京で大雪、交通に乱れ")] | length' 3 "Unicode titles"
expect '.content[] | select(.feed_id == '"$TECHNIK"') | select(.title | startswith("مؤتمر")) | .title' "مؤتمر البرمجيات الحرة في القاهرة" "Arabic title"
reforme=$(q '.content[] | select(.title | startswith("Élections"))')
[[ $(jq -r .content <<<"$reforme") == *"href=\"${BASE}monde/debat.html\""* ]] || fail "relative link not made absolute with its port: $(jq -r .content <<<"$reforme")"
[[ $(jq -r .content <<<"$reforme") == *"vot&eacute;"* ]] || fail "content: expected HTML entities from the sanitizer"
# guid: tt-rss's own JSON, whose hash is the SHA-1 of the feed's guid (or of the link without one).
[ "$(jq -r .guid <<<"$reforme" | jq -r .hash)" = "SHA1:$(printf %s monde-0001 | sha1sum | cut -d' ' -f1)" ] ||
  fail "guid: $(jq -r .guid <<<"$reforme")"
REFORME=$(jq -r .id <<<"$reforme")
TOKYO=$(q '.content[] | select(.title | startswith("東京")) | .id')
MAX=$(q '[.content[].id] | max')
# Titles are plain text, but tt-rss strips "tags" from them: everything from a "<" on is lost.
tarife=$(q '.content[] | select(.title | startswith("Tarife"))')
[ "$(jq -r .title <<<"$tarife")" = "Tarife & Preise: unter " ] || fail "title with & and <: $(jq -r .title <<<"$tarife")"
[ "$(jq -r .link <<<"$tarife")" = "${BASE}technik/tarife.html?a=1&b=2" ] || fail "link with &: $(jq -r .link <<<"$tarife")"
[ "$(jq -r .content <<<"$tarife")" = "<p>Tarife &amp; Preise</p>" ] || fail "sanitized content: $(jq -r .content <<<"$tarife")"
TARIFE=$(jq -r .id <<<"$tarife")
call "{\"op\":\"getArticle\",\"sid\":\"$SID\",\"article_id\":\"$TARIFE\",\"sanitize\":false}" "getArticle unsanitized"
expect '.content[0].content' "<p>Tarife &amp; Preise</p><script>alert(1)</script>" "sanitize=false gives the feed's HTML as is"
ok "getHeadlines(-4, show_content): 6 unread, Unicode, links with port, sanitized content, max id $MAX"

# --- a new article: tt-rss refetches at once (no 30-minute wait), since_id returns only it ------
render_fixtures "$BASE" "$T/site"
mv "$T/site/monde-update.xml" "$T/site/monde.xml"
call "{\"op\":\"updateFeed\",\"sid\":\"$SID\",\"feed_id\":$MONDE}" "second updateFeed"
call "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4,\"since_id\":$MAX,\"show_content\":true}" "since_id"
expect '.content | length' 1 "since_id count"
expect '.content[0].title' "Dernière minute : accord trouvé à Bruxelles" "since_id article"
NEW=$(q '.content[0].id')
[ "$NEW" -gt "$MAX" ] || fail "new id $NEW not above $MAX"
call "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4,\"limit\":2,\"skip\":2,\"order_by\":\"date_reverse\"}" "paging"
expect '[.content[].title] | @tsv' "Un café, des croissants et l’économie française	Dernière minute : accord trouvé à Bruxelles" "skip/limit, oldest first"
ok "refetch on demand: new article $NEW through since_id=$MAX; skip/limit/order_by"

# --- read and starred ----------------------------------------------------------------------------
call "{\"op\":\"updateArticle\",\"sid\":\"$SID\",\"article_ids\":\"$REFORME\",\"field\":2,\"mode\":0}" "mark read"
expect .content.updated 1 "mark read"
call "{\"op\":\"updateArticle\",\"sid\":\"$SID\",\"article_ids\":\"$REFORME,$TOKYO\",\"field\":0,\"mode\":1}" "star two"
expect .content.updated 2 "star two"
call "{\"op\":\"updateArticle\",\"sid\":\"$SID\",\"article_ids\":\"$TOKYO\",\"field\":0,\"mode\":2}" "toggle star"
expect .content.updated 1 "toggle star"
call "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4}" "state after updateArticle"
expect ".content[] | select(.id == $REFORME) | [.unread, .marked] | @tsv" "false	true" "reforme read+starred"
expect ".content[] | select(.id == $TOKYO) | [.unread, .marked] | @tsv" "true	false" "tokyo toggled back"
call "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-1}" "starred feed"
expect '[.content[].id] | @csv' "$REFORME" "starred virtual feed"
call "{\"op\":\"getHeadlines\",\"sid\":\"$SID\",\"feed_id\":-4,\"view_mode\":\"unread\"}" "unread view"
expect '.content | length' 6 "unread view count"
expect "[.content[] | select(.id == $REFORME)] | length" 0 "read article not in unread view"
ok "updateArticle: read (field 2, mode 0), starred (field 0, mode 1), toggle (mode 2); seen in getHeadlines"

# A second "machine": its own session sees the same state; sessions are independent.
call "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASSWORD\"}" "second login"
SID2=$(q .content.session_id)
[ "$SID2" != "$SID" ] || fail "second login reused the session"
call "{\"op\":\"getHeadlines\",\"sid\":\"$SID2\",\"feed_id\":-1}" "starred from the second session"
expect '[.content[].id] | @csv' "$REFORME" "second session sees the star"
call "{\"op\":\"logout\",\"sid\":\"$SID2\"}" "logout"
api "{\"op\":\"getUnread\",\"sid\":\"$SID2\"}"
expect .content.error NOT_LOGGED_IN "after logout"
call "{\"op\":\"getUnread\",\"sid\":\"$SID\"}" "first session after the second's logout"
expect .content.unread 6 "unread count"
ok "two sessions of one user: shared state, logout ends only its own"

# Error shapes the client must handle (documented in tests/sync/README.md).
api "{\"op\":\"updateArticle\",\"sid\":\"$SID\",\"article_ids\":[$REFORME],\"field\":2,\"mode\":1}"
[ "$CODE" = 500 ] && [ -z "$BODY" ] || fail "article_ids as a JSON array: expected HTTP 500 with an empty body"
api "{\"op\":\"updateArticle\",\"sid\":\"$SID\",\"article_ids\":\"$REFORME\",\"field\":9,\"mode\":1}"
expect .content.error INCORRECT_USAGE "unknown field"
api "{\"op\":\"noSuchMethod\",\"sid\":\"$SID\"}"
expect .content.error UNKNOWN_METHOD "unknown op"
ok "error shapes: HTTP 500 + empty body (array article_ids), INCORRECT_USAGE, UNKNOWN_METHOD"

# --- tt-rss's own updater over every feed -----------------------------------------------------
"$SERVER" update "$T/srv" || fail "update.php --force-update --feeds"
call "{\"op\":\"getFeeds\",\"sid\":\"$SID\",\"cat_id\":-3}" "feeds after update.php --feeds"
expect '[.content[] | select(.last_updated > 0)] | length' 2 "every feed updated"
ok "update.php --force-update --feeds updates every feed"

# --- stop: nothing left running -------------------------------------------------------------------
"$SERVER" stop "$T/srv"
for pid in "$TTRSS_PHP_PID" "$TTRSS_PG_PID"; do
  [ ! -e "/proc/$pid" ] || [ "$(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f1)" = Z ] || fail "process $pid still running after stop"
done
left=$(ps -eo stat=,args= | awk '$1 !~ /^Z/' | grep -F "$T/srv" | grep -v grep || true)
[ -z "$left" ] || fail "still running after stop: $left"
"$SERVER" status "$T/srv" >/dev/null 2>&1 && fail "status after stop says running"
ok "stopped: no process left"

echo "timings: start $start_ms ms, first update (updateFeed) $first_update_ms ms, update.php $updater_ms ms"
echo "ttrss smoke: $passed passed, 0 failed"
