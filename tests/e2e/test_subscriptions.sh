# Subscriptions from the command line against a fixture site on 127.0.0.1: `telex add` with discovery
# (one feed, three feeds, already subscribed), `move`, `remove`, the first feeds.json written from the
# built-in default, a broken feeds.json never overwritten, two `telex add` at once, and kill -9 during
# the write (the old file stays, whole).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
serve_directory tests/fixtures/discovery/site
trap 'stop_site; cleanup' EXIT
site=$SITE_URL
config="$E2E_TMP/feeds.json"
cache="$E2E_TMP/cache"
t() { "$TELEX" "$@" --config "$config" --cache "$cache"; }

# A site's page: its one feed is found, added to the section asked for, and fetched at once.
out=$(t add "$site/" --section "Local News" 2>&1) || fail "add failed: $out"
echo "$out" | grep -qF "added The Loopback Gazette <$site/news.xml> to Local News (new section) (3 items)" || fail "add said: $out"
echo "$out" | grep -qE "^fetched 1 feeds" || fail "the new feed was not fetched: $out"
t list --section "Local News" | grep -qF "Harbour bridge reopens after repairs" || fail "the new feed's headlines are not in the cache"
t feeds --check >/dev/null || fail "the written feeds.json does not validate"

# Feed status: items, unread, the last success; a failing feed with its reason (--failing: only those).
out=$(t feeds) || fail "telex feeds failed"
echo "$out" | grep -qF "The Loopback Gazette <$site/news.xml>" || fail "feeds: $out"
echo "$out" | grep -qE "^      3 items, 3 unread; ok [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{5} \(just now\)$" || fail "feeds: $out"
cp "$config" "$E2E_TMP/saved.json"
python3 - "$config" "$site" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["sections"][0]["feeds"].append({"url": sys.argv[2] + "/gone.xml", "title": "Gone"})
json.dump(c, open(sys.argv[1], "w"), indent=2)
EOF
t fetch --feed "$site/gone.xml" --no-articles >/dev/null 2>&1
out=$(t feeds --failing) || fail "telex feeds --failing failed"
echo "$out" | grep -qF "Gone <$site/gone.xml>" || fail "--failing: $out"
echo "$out" | grep -qE "failing since [0-9-]+ [0-9:]+ \\(just now\\): HTTP 404 \\(last tried [0-9-]+ [0-9:]+ \\(just now\\)\\); never fetched successfully" || fail "--failing: $out"
echo "$out" | grep -qF "news.xml" && fail "--failing lists a feed that works: $out"
t feeds --json | python3 -c '
import json, sys
feeds = {f["url"].rsplit("/", 1)[1]: f for s in json.load(sys.stdin)["sections"] for f in s["feeds"]}
assert feeds["news.xml"]["status"] == "ok" and feeds["news.xml"]["items"] == 3 and feeds["news.xml"]["unread"] == 3, feeds
assert feeds["news.xml"]["last_success"] and feeds["news.xml"]["error"] is None, feeds
assert feeds["gone.xml"]["status"] == "failing" and feeds["gone.xml"]["error"] == "HTTP 404" and feeds["gone.xml"]["last_success"] is None, feeds
' || fail "feeds --json: $(t feeds --json)"
cp "$E2E_TMP/saved.json" "$config"

# The same feed again, by another spelling: nothing changes.
before=$(cat "$config")
out=$(t add "${site/http:/HTTP:}/news.xml" 2>&1) || fail "re-add failed: $out"
echo "$out" | grep -qF "already subscribed: The Loopback Gazette <$site/news.xml> in Local News" || fail "re-add said: $out"
[ "$(cat "$config")" = "$before" ] || fail "re-adding changed feeds.json"

# Three feeds on a page: listed with titles and item counts; without a terminal, nothing is added.
out=$(t add "$site/multi/" --no-fetch </dev/null 2>&1); status=$?
[ $status = 1 ] || fail "several feeds without a terminal: expected exit 1, got $status: $out"
echo "$out" | grep -qF "3 feeds found at $site/multi/:" || fail "list: $out"
echo "$out" | grep -qF "1. Gazette Sport <$site/multi/sport.xml> (2 items)" || fail "list: $out"
echo "$out" | grep -qF "2. Gazette Weather <$site/multi/weather.atom> (1 item)" || fail "list: $out"
echo "$out" | grep -qF "3. Gazette Letters <$site/multi/letters.json> (4 items)" || fail "list: $out"
[ "$(cat "$config")" = "$before" ] || fail "an unanswered choice changed feeds.json"
out=$(t add "$site/multi/" --pick 3 --pick 1 --section Extras 2>&1) || fail "--pick failed: $out"
echo "$out" | grep -qF "added Gazette Letters <$site/multi/letters.json> to Extras (new section) (4 items)" || fail "pick: $out"
echo "$out" | grep -qF "added Gazette Sport <$site/multi/sport.xml> to Extras (new section) (2 items)" || fail "pick: $out"
cp "$config" "$E2E_TMP/before-all.json"
out=$(t add "$site/multi/" --all --section Extras 2>&1) || fail "--all failed: $out"
echo "$out" | grep -qF "already subscribed: Gazette Letters" || fail "all: $out"
echo "$out" | grep -qF "added Gazette Weather <$site/multi/weather.atom> to Extras (1 item)" || fail "all: $out"
cmp -s "$E2E_TMP/before-all.json" "$config.bak" || fail "feeds.json.bak is not the previous version"

# A page without feeds.
out=$(t add "$site/story-1.html" --no-fetch 2>&1); status=$?
[ $status = 1 ] || fail "no feed: expected exit 1, got $status"
echo "$out" | grep -qF "no feed found at $site/story-1.html" || fail "no feed: $out"
echo "$out" | grep -qF "$site/rss.xml: HTTP 404" || fail "the tried addresses are not listed: $out"

# move and remove, by title or URL.
out=$(t move "gazette weather" "Local News" 2>&1) || fail "move failed: $out"
echo "$out" | grep -qF "moved Gazette Weather <$site/multi/weather.atom> from Extras to Local News" || fail "move: $out"
out=$(t remove "$site/multi/sport.xml" 2>&1) || fail "remove failed: $out"
echo "$out" | grep -qF "removed Gazette Sport <$site/multi/sport.xml> from Extras" || fail "remove: $out"
echo "$out" | grep -qF "saved items are kept" || fail "remove: $out"
out=$(t remove "Gazette Letters" --yes 2>&1) || fail "remove failed: $out"
echo "$out" | grep -qF "the section Extras went with it" || fail "the emptied section stayed: $out"
out=$(t remove "No Such Feed" 2>&1); [ $? = 2 ] || fail "an unknown feed must exit 2: $out"
python3 - "$config" "$site" <<'EOF' || fail "feeds.json after move/remove: $(cat "$config")"
import json, sys
c = json.load(open(sys.argv[1]))
assert [s["name"] for s in c["sections"]] == ["Local News"], c
assert [f["url"] for f in c["sections"][0]["feeds"]] == [sys.argv[2] + "/news.xml", sys.argv[2] + "/multi/weather.atom"], c
EOF

# The user's first feeds.json is the built-in default plus the new feed; a broken one is left alone.
out=$("$TELEX" add "$site/news.xml" --no-fetch --cache "$cache" 2>&1) || fail "add to the user's feeds.json failed: $out"
user="$XDG_CONFIG_HOME/telex/feeds.json"
"$TELEX" feeds --check >/dev/null || fail "the user's new feeds.json is invalid"
[ "$("$TELEX" feeds --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["sections"]))')" = 7 ] ||
  fail "the built-in sections were not kept: $(cat "$user")"
printf '{"sections": [\n  {"name": "A", "feeds": [}\n]}\n' > "$user"
cp "$user" "$E2E_TMP/broken"
out=$("$TELEX" add "$site/multi/sport.xml" --no-fetch --cache "$cache" 2>&1); status=$?
[ $status = 2 ] || fail "a broken feeds.json: expected exit 2, got $status"
echo "$out" | grep -qF "feeds.json:2:" || fail "the error does not name the line: $out"
cmp -s "$user" "$E2E_TMP/broken" || fail "a broken feeds.json was overwritten"

# Two `telex add` at once: both feeds land.
printf '{"sections": [{"name": "A", "feeds": [{"url": "https://a.example/feed"}]}]}\n' > "$config"
t add "$site/multi/sport.xml" --section A --no-fetch >/dev/null 2>&1 & one=$!
t add "$site/multi/weather.atom" --section A --no-fetch >/dev/null 2>&1 & two=$!
wait $one || fail "the first concurrent add failed"
wait $two || fail "the second concurrent add failed"
for u in sport.xml weather.atom; do grep -qF "$site/multi/$u" "$config" || fail "a concurrent add was lost: $(cat "$config")"; done

# kill -9 during the write, after the new file is written and synced, and after the backup is made:
# feeds.json is the old file, whole.
for point in temporary-written backup-kept; do
  cp "$config" "$E2E_TMP/old.json"
  TELEX_TEST_KILL_DURING_WRITE=$point "$TELEX" add "$site/multi/letters.json" --no-fetch --config "$config" --cache "$cache" >/dev/null 2>&1
  status=$?
  [ $status = 137 ] || fail "the add was not killed at $point (status $status)"
  cmp -s "$config" "$E2E_TMP/old.json" || fail "killed at $point: feeds.json is not the old file"
  t feeds --check >/dev/null || fail "killed at $point: feeds.json does not validate"
done
# kill -9 at random moments of an import of 3,000 feeds (the delay picks the moment; nothing waits on
# it): after each kill feeds.json is exactly the old file or exactly the new one.
python3 - "$E2E_TMP/many.opml" <<'EOF'
import sys
rows = "".join(f'<outline text="Feed {i}" xmlUrl="https://f{i}.example/rss"/>' for i in range(3000))
open(sys.argv[1], "w").write(f'<opml version="2.0"><body><outline text="Many">{rows}</outline></body></opml>')
EOF
cp "$config" "$E2E_TMP/old.json"
t import "$E2E_TMP/many.opml" >/dev/null 2>&1 || fail "the big import failed"
cp "$config" "$E2E_TMP/new.json"
python3 - "$TELEX" "$config" "$cache" "$E2E_TMP" <<'EOF' || fail "a kill -9 left feeds.json neither old nor new"
import os, random, shutil, signal, subprocess, sys, time
telex, config, cache, tmp = sys.argv[1:5]
old, new = open(tmp + "/old.json", "rb").read(), open(tmp + "/new.json", "rb").read()
outcomes = set()
for round in range(12):
    shutil.copy(tmp + "/old.json", config)
    p = subprocess.Popen([telex, "import", tmp + "/many.opml", "--config", config, "--cache", cache],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0, 0.25))  # a random moment to kill at, not a wait
    p.send_signal(signal.SIGKILL); p.wait()
    now = open(config, "rb").read()
    if now not in (old, new):
        sys.exit(f"round {round}: feeds.json is neither the old nor the new file ({len(now)} bytes)")
    outcomes.add("new" if now == new else "old")
print("kill -9 rounds ended with:", sorted(outcomes))
EOF
cp "$E2E_TMP/old.json" "$config"
# The next write cleans up what the killed ones left.
out=$(t add "$site/multi/letters.json" --no-fetch 2>&1) || fail "add after the kills failed: $out"
leftovers=$(ls -A "$E2E_TMP" | grep -E '^\.feeds\.json\.(tmp|bak-tmp)-' || true)
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"
t feeds --check >/dev/null || fail "feeds.json invalid after the kills"
exit 0
