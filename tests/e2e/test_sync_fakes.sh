# `telex sync` with a Google Reader API account and a Miniflux account, against the project's FAKE
# servers for those APIs (`telex _fixture-server --aggregator`: GoogleReaderFixture and MinifluxFixture,
# written from the APIs' public descriptions, not real servers; docs/sync.md): items arrive, a read
# made with `telex mark` reaches the server, the reader's status line says "home: synced just now";
# with the server gone, the sync fails per account and the reader says "server unreachable since" with
# the change waiting.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
"$(dirname "$0")/../../scripts/ensure-deps.sh" curl jq >/dev/null || fail "ensure-deps curl jq"

for kind in greader miniflux; do
  rm -f "$E2E_TMP/url"
  # A feed beside the API, for `telex add` to discover and the account to subscribe to.
  mkdir -p "$E2E_TMP/site-$kind"
  printf '<rss version="2.0"><channel><title>Extra</title><item><guid>x1</guid><title>Extra one</title></item></channel></rss>\n' \
    >"$E2E_TMP/site-$kind/extra.xml"
  "$TELEX" _fixture-server --aggregator "$kind" --directory "$E2E_TMP/site-$kind" --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
  SITE_PID=$!
  site_listening
  case $kind in
    greader) url="$SITE_URL/api/greader.php"; secret=pw; auth="" ;;
    miniflux) url="$SITE_URL/"; secret=fixture-api-key; auth=', "auth": "api_key"' ;;
  esac
  export TELEX_TEST_SECRET=$secret
  cat >"$E2E_TMP/$kind.json" <<JSON
{"sections": [], "accounts": [{"name": "home", "type": "$kind", "url": "$url", "user": "ann", "password_env": "TELEX_TEST_SECRET"$auth}]}
JSON
  C=(--config "$E2E_TMP/$kind.json" --cache "$E2E_TMP/$kind")
  out=$("$TELEX" sync "${C[@]}" 2>&1) || fail "$kind: first sync: $out"
  [ "$out" = "home: pushed 0 changes, 2 feeds, 4 new items, 0 read/starred changes from the server" ] || fail "$kind: first sync said: $out"
  id=$("$TELEX" list --json "${C[@]}" --limit 10 | jq -r '.[] | select(.title | startswith("東京")) | .id')
  [ -n "$id" ] || fail "$kind: the Japanese item is not in the cache"
  "$TELEX" mark read "$id" "${C[@]}" || fail "$kind: mark read"
  out=$("$TELEX" sync "${C[@]}" 2>&1) || fail "$kind: second sync: $out"
  echo "$out" | grep -q "^home: pushed 1 changes" || fail "$kind: the read was not pushed: $out"
  # The server has it (asked through its own API).
  case $kind in
    greader)
      auth_token=$(curl -sS -d Email=ann -d Passwd=pw "$url/accounts/ClientLogin" | sed -n 's/^Auth=//p')
      read_ids=$(curl -sS -H "Authorization: GoogleLogin auth=$auth_token" \
        "$url/reader/api/0/stream/items/ids?s=user/-/state/com.google/read&output=json" | jq '.itemRefs | length') ;;
    miniflux)
      read_ids=$(curl -sS -H "X-Auth-Token: $secret" "$SITE_URL/v1/entries?status=read" | jq '.entries | length') ;;
  esac
  [ "$read_ids" = 1 ] || fail "$kind: the server has $read_ids read items, expected 1"

  # Adding to the account's section, moving and removing its feeds change them on the server
  # (docs/sync.md, "Subscriptions"), not feeds.json.
  cp "$E2E_TMP/$kind.json" "$E2E_TMP/$kind.before"
  out=$("$TELEX" add "$SITE_URL/extra.xml" --section monde --no-fetch "${C[@]}" 2>&1) || fail "$kind: add: $out"
  [ "$out" = "added Extra <$SITE_URL/extra.xml> to Monde on home (1 item here; the server fetches it itself)" ] || fail "$kind: add said: $out"
  cmp -s "$E2E_TMP/$kind.json" "$E2E_TMP/$kind.before" || fail "$kind: feeds.json changed"
  out=$("$TELEX" move Technik Monde "${C[@]}" 2>&1) || fail "$kind: move: $out"
  [[ $out == "moved Technik <"*"/technik.xml> from Technik to Monde on home" ]] || fail "$kind: move said: $out"
  out=$("$TELEX" remove --yes Wire "${C[@]}" 2>&1) || fail "$kind: remove: $out"
  [[ $(echo "$out" | head -1) == "removed Wire <"*"/wire.xml> from Monde: unsubscribed on home" ]] || fail "$kind: remove said: $out"
  case $kind in
    greader)
      feeds=$(curl -sS -H "Authorization: GoogleLogin auth=$auth_token" "$url/reader/api/0/subscription/list?output=json" |
        jq -r '.subscriptions[] | "\(.title) \(.categories[0].label)"') ;;
    miniflux)
      feeds=$(curl -sS -H "X-Auth-Token: $secret" "$SITE_URL/v1/feeds" | jq -r '.[] | "\(.title) \(.category.title)"') ;;
  esac
  [ "$feeds" = "Technik Monde
$SITE_URL/extra.xml Monde" ] || fail "$kind: the server's feeds: $feeds"

  start 140 24 "$TELEX --config '$E2E_TMP/$kind.json' --cache '$E2E_TMP/$kind'"
  wait_for "home: synced just now" 20
  assert_screen "Monde"
  keys Q
  wait_exit 15
  _tmux kill-server >/dev/null 2>&1

  # The server goes away: the sync fails for the account, the change waits, the reader says so.
  stop_site
  "$TELEX" mark save "$id" "${C[@]}" || fail "$kind: mark save"
  out=$("$TELEX" sync "${C[@]}" 2>&1) && fail "$kind: a sync with the server gone succeeded: $out"
  echo "$out" | grep -q "^telex: home: server unreachable" || fail "$kind: the failed sync said: $out"
  start 140 24 "$TELEX --config '$E2E_TMP/$kind.json' --cache '$E2E_TMP/$kind'"
  wait_for "home: server unreachable since" 20
  assert_screen "1 change waiting"
  keys Q
  wait_exit 15
  _tmux kill-server >/dev/null 2>&1
done
