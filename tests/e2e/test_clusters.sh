# "Also covered by" (issue 18): two outlets' stories about one event, worded differently and linking to
# different pages, are one row of their section with "+1"; the preview says who else covers it; `c` lists
# both outlets' stories; Enter reads one, whose reading view lists the other outlet's version as a link;
# following it opens that story (back returns); q returns to the coverage, then to the section; a click on
# the "+1" opens the coverage too. With "group_stories": false the section lists every story.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
site="$E2E_TMP/site"
mkdir -p "$site"
# Published minutes ago: clustering joins stories within 3 days of the fetch.
when() { date -u -R -d "$1 minutes ago"; }
# feed FILE TITLE [TITLE LINK DESCRIPTION MINUTES]...: an RSS feed in English with those items.
feed() {
  local file=$1 title=$2; shift 2
  {
    printf '<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><link>./</link><language>en</language>\n' "$title"
    while [ $# -gt 0 ]; do
      printf '<item><guid>%s</guid><title>%s</title><link>%s</link><description>%s</description><pubDate>%s</pubDate></item>\n' \
        "$2" "$1" "$2" "$3" "$(when "$4")"
      shift 4
    done
    printf '</channel></rss>\n'
  } > "$site/$file"
}
feed herald.xml "Tokyo Herald" \
  "Earthquake of magnitude 7.1 strikes southern Japan, tsunami warning issued" "https://herald.example/quake-kyushu" \
  "A magnitude 7.1 earthquake struck off Kyushu near Kagoshima and Miyazaki on Friday, and a tsunami warning was issued for the southern coast." 30 \
  "City council approves new bicycle lanes downtown" "https://herald.example/bike-lanes" \
  "The council voted for twelve kilometres of protected lanes." 90 \
  "Local bakery wins national bread award" "https://herald.example/bakery" \
  "A family bakery took first prize for its sourdough." 150
feed wire.xml "Pacific Wire" \
  "Magnitude 7.1 earthquake hits southern Japan, tsunami warning" "https://wire.example/2026/japan-earthquake" \
  "The 7.1 magnitude quake hit near Kagoshima and Miyazaki on the island of Kyushu; authorities issued a tsunami warning." 20 \
  "Stock markets close higher after tech rally" "https://wire.example/markets" \
  "Shares rose for a third day as chip makers gained." 60 \
  "Orchestra announces winter concert season" "https://wire.example/orchestra" \
  "Twelve concerts from December to March." 120
serve_directory "$site"
config() {
  cat > "$E2E_TMP/$1.json" <<JSON
{"settings": {"group_stories": $2},
 "sections": [{"name": "News", "feeds": [{"url": "$SITE_URL/herald.xml"}, {"url": "$SITE_URL/wire.xml"}]}]}
JSON
}
config grouped true
config separate false
cache="$E2E_TMP/cache"
out=$("$TELEX" fetch --no-articles --config "$E2E_TMP/grouped.json" --cache "$cache" 2>&1) || fail "fetch failed: $out"
# Scripts see every item either way.
[ "$("$TELEX" list --config "$E2E_TMP/grouped.json" --cache "$cache" --limit 0 --jsonl | wc -l)" = 6 ] || fail "telex list does not list 6 items"

start 120 30 "$TELEX --config '$E2E_TMP/grouped.json' --cache '$cache'"
# One row for the event (the newest story, Pacific Wire's) with the other outlet counted: 5 rows, not 6.
wait_for "News  1/5"
wait_line "earthquake hits" 'earthquake hits.*\+1'
refute_screen "Earthquake of magnitude"
wait_for "Also covered by: Tokyo Herald"
# c on it lists both outlets' stories.
keys Tab c
wait_for "Coverage: Magnitude 7.1 earthquake hits"
wait_for "Earthquake of magnitude"
assert_screen "earthquake hits"
refute_screen "bicycle lanes"
# Enter reads Pacific Wire's; its reading view lists Tokyo Herald's version, a link to follow.
keys Enter
wait_for "Tokyo Herald: Earthquake of magnitude 7.1"
wait_line "Also covered by" '^ *Also covered by *$'
keys Tab
wait_for "(Enter reads it)"
keys Enter
wait_for "struck off Kyushu"
wait_for "← 1  → 0"
assert_screen "Pacific Wire: Magnitude 7.1 earthquake hits"
# Back: Pacific Wire's story again; q: the coverage; q: the section's list.
keys BSpace
wait_for "hit near Kagoshima"
wait_for "← 0  → 1"
keys q
wait_for "Coverage: Magnitude 7.1 earthquake hits"
keys q
wait_for "News  1/5"
refute_screen "Coverage:"
# A click on the "+1" opens the coverage too (an SGR press and release at its cell).
row=$(screen | grep -n 'earthquake hits.*+1' | head -1 | cut -d: -f1)
[ -n "$row" ] || fail "no row with +1"
col=$(screen | sed -n "${row}p" | python3 -c 'import sys; print(sys.stdin.read().index("+1"))')
sgr() { _tmux send-keys -l $'\e[<'"0;$(( $1 + 1 ));$(( $2 + 1 ))$3"; }
sgr "$col" "$(( row - 1 ))" M; sgr "$col" "$(( row - 1 ))" m
wait_for "Coverage: Magnitude 7.1 earthquake hits"
keys Q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"

# group_stories off: every outlet's story has its row.
start 120 30 "$TELEX --config '$E2E_TMP/separate.json' --cache '$cache'"
wait_for "News  1/6"
assert_screen "Earthquake of magnitude"
keys Q
wait_exit
exit 0
