#!/usr/bin/env bash
# Sync benchmark against the real Tiny Tiny RSS of the tests (tests/sync/ttrss-server.sh), 127.0.0.1:
#   1. first sync of ITEMS (default 50,000) articles, half unread, written into tt-rss's database
#      with SQL (its updater would take hours): wall time, telex's own CPU (user + sys) and peak RSS;
#      bound: CPU under 2 s per 10,000 items (the wall time is the server's: it is PHP and PostgreSQL);
#   2. an incremental sync with nothing new: wall time and API calls; bound 1 s (getCounters' counts
#      match the cache's: no unread or starred id list is read);
#   3. the same with --full (what every 10th sync does): both id lists read.
# Usage: scripts/bench/sync.sh path/to/telex   (ITEMS=N to change the count)
set -uo pipefail
bin=$(realpath "${1:-.build/release/telex}")
items=${ITEMS:-50000}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SERVER=$REPO/tests/sync/ttrss-server.sh
"$REPO/scripts/ensure-deps.sh" curl jq python3 time >/dev/null
T=$(mktemp -d /tmp/telex-bench-sync.XXXXXX)
chmod 0755 "$T"
. "$REPO/tests/sync/lib.sh"
trap stop_servers EXIT
die() { echo "sync bench: $*" >&2; exit 1; }

start_feed_server || die "no feed server"
sed "s|@BASE@|$BASE|g" "$REPO/tests/sync/fixtures/technik.xml" >"$T/site/feed.xml"
"$SERVER" start "$T/srv" >/dev/null || die "tt-rss did not start"
. "$T/srv/env"
api() { curl -sS --max-time 60 -A bench -H 'Content-Type: application/json' --data-binary "$1" "$TTRSS_API"; }
SID=$(api "{\"op\":\"login\",\"user\":\"$TTRSS_USER\",\"password\":\"$TTRSS_PASSWORD\"}" | jq -r .content.session_id)
FEED=$(api "{\"op\":\"subscribeToFeed\",\"sid\":\"$SID\",\"feed_url\":\"${BASE}feed.xml\"}" | jq -r .content.status.feed_id)
[[ $FEED =~ ^[0-9]+$ ]] || die "subscribe failed"
"$SERVER" psql "$T/srv" -q -v "n=$items" -v "feed=$FEED" -v "login=$TTRSS_USER" >/dev/null <<'SQL' || die "inserting $items articles failed"
INSERT INTO ttrss_entries (title, guid, link, updated, content, content_hash, date_entered, date_updated)
  SELECT 'Bench story ' || g || ' über Straßen', 'bench-' || g, 'http://127.0.0.1/bench/' || g,
         now() - g * interval '1 minute',
         '<p>' || repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', 12) || g || '</p>',
         'SHA1:' || md5(g::text), now(), now()
  FROM generate_series(1, :n) g;
INSERT INTO ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, label_cache, unread)
  SELECT e.id, '', :feed, (SELECT id FROM ttrss_users WHERE login = :'login'), '', '', (e.id % 2 = 0)
  FROM ttrss_entries e WHERE e.guid LIKE 'bench-%';
SQL
export TELEX_BENCH_TTRSS_PW="$TTRSS_PASSWORD"
cat >"$T/feeds.json" <<JSON
{"sections": [], "accounts": [{"name": "bench", "type": "ttrss", "url": "$TTRSS_URL", "user": "$TTRSS_USER", "password_env": "TELEX_BENCH_TTRSS_PW"}]}
JSON
calls() { grep -c "POST /api/" "$T/srv/log/php.log"; }
run() {  # run LABEL [ARGS]: prints "wall cpu rss" of one telex sync
  /usr/bin/time -f "%e %U %S %M" -o "$T/time" "$bin" sync --no-articles "${@:2}" --config "$T/feeds.json" --cache "$T/cache" >"$T/out" 2>&1 || die "$1 failed: $(cat "$T/out")"
  read -r wall user sys rss <"$T/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$wall $cpu $rss"
}
read -r wall cpu rss <<<"$(run "first sync")"
grep -q "$items new items" "$T/out" || die "first sync: $(cat "$T/out")"
bound=$(awk -v n="$items" 'BEGIN { printf "%.1f", 2 * n / 10000 }')
printf 'first sync of %d items: %.1f s wall, telex CPU %.2f s (bound %.1f s: 2 s per 10,000), peak RSS %d MiB\n' \
  "$items" "$wall" "$cpu" "$bound" $((rss / 1024))
before=$(calls)
read -r wall cpu rss <<<"$(run "incremental sync")"
grep -q " 0 new items" "$T/out" || die "incremental sync: $(cat "$T/out")"
printf 'incremental sync, nothing new (%d items, %d unread on the server): %.2f s wall (bound 1 s), telex CPU %.2f s, %d API calls: %s\n' \
  "$items" $((items / 2)) "$wall" "$cpu" $(($(calls) - before)) "$(cat "$T/out")"
before=$(calls)
read -r wall cpu rss <<<"$(run "full incremental sync" --full)"
grep -q " 0 new items" "$T/out" || die "incremental sync --full: $(cat "$T/out")"
printf 'incremental sync --full (every 10th sync): %.2f s wall, telex CPU %.2f s, %d API calls\n' "$wall" "$cpu" $(($(calls) - before))
