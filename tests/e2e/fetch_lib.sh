# Helpers for the fetch end-to-end tests: a fixture server process on 127.0.0.1.
# start_site SPEC [LATENCY_MS]: serves a generated site (FEEDSxITEMS); sets $SITE_URL, $SITE_PID,
# and writes $E2E_TMP/feeds.json.
start_site() {
  rm -f "$E2E_TMP/url"
  "$TELEX" _fixture-server --generate "$1" --latency-ms "${2:-0}" --write-feeds "$E2E_TMP/feeds.json" \
    --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
  SITE_PID=$!
  site_listening
}
# serve_directory DIR: serves the files of DIR (a folder's index.html at its URL); sets $SITE_URL, $SITE_PID.
serve_directory() {
  rm -f "$E2E_TMP/url"
  "$TELEX" _fixture-server --directory "$1" --url-file "$E2E_TMP/url" >/dev/null 2>&1 &
  SITE_PID=$!
  site_listening
}
# site_listening: waits for the server's URL file (written once it listens).
site_listening() {
  for _ in $(seq 1 100); do [ -s "$E2E_TMP/url" ] && break; sleep 0.1; done
  [ -s "$E2E_TMP/url" ] || fail "the fixture server did not start"
  SITE_URL=$(cat "$E2E_TMP/url")
}
# stop_site: SIGTERM must stop the server within 3 s (a release build once ignored it).
stop_site() {
  kill "$SITE_PID" 2>/dev/null || return 0
  for _ in $(seq 1 30); do kill -0 "$SITE_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$SITE_PID" 2>/dev/null; then kill -9 "$SITE_PID"; fail "the fixture server ignored SIGTERM"; fi
  wait "$SITE_PID" 2>/dev/null
}

# flood_site DIR: the illustrated story of the picture tests (a photo as its lead image, a chart as a
# figure between paragraphs) and a feed naming it. Links are relative (resolved against the feed's
# URL): serve_directory reads the files when it starts, before its port is known.
flood_site() {
  local site=$1 fixtures; fixtures="$(dirname "${BASH_SOURCE[0]}")/../fixtures/images"
  mkdir -p "$site"
  cp "$fixtures/photo.jpg" "$site/photo.jpg"
  cp "$fixtures/chart.png" "$site/chart.png"
  para() { for i in $(seq 1 "$1"); do printf '<p>Paragraph %s of the flood story, with enough words, commas, and sentences to read like news.</p>' "$2$i"; done; }
  {
    printf '<!doctype html><html><head><title>Floods in the valley</title><meta property="og:image" content="photo.jpg"></head><body><article><h1>Floods in the valley</h1>'
    para 3 a
    printf '<figure><img src="chart.png" alt="Rainfall by month" width="600" height="400"><figcaption>Rainfall by month, in millimetres.</figcaption></figure>'
    para 25 b
    printf '</article></body></html>'
  } > "$site/story.html"
  cat > "$site/feed.xml" <<XML
<?xml version="1.0"?><rss version="2.0"><channel><title>Valley News</title><link>./</link>
<item><guid>flood</guid><title>Floods in the valley</title><link>story.html</link><description>Short.</description></item>
</channel></rss>
XML
}
