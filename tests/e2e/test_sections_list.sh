# The reader lists the sections and feeds of feeds.json, moves with j/k and arrows, scrolls,
# survives a resize, lines up French and CJK titles, and q quits restoring the terminal.
. "$(dirname "$0")/lib.sh"
cat > "$E2E_TMP/feeds.json" <<'JSON'
{"sections": [
  {"name": "Monde", "feeds": [{"url": "https://example.org/fr.xml", "title": "Le Monde: Économie"},
                               {"url": "https://example.org/jp.xml", "title": "NHK 国際ニュース"}]},
  {"name": "Wirtschaft", "feeds": [{"url": "https://example.org/de.xml", "title": "Börse & Märkte"}]},
  {"name": "S3", "feeds": [{"url": "https://example.org/3.xml"}]},
  {"name": "S4", "feeds": [{"url": "https://example.org/4.xml"}]},
  {"name": "S5", "feeds": [{"url": "https://example.org/5.xml"}]},
  {"name": "S6", "feeds": [{"url": "https://example.org/6.xml"}]},
  {"name": "S7", "feeds": [{"url": "https://example.org/7.xml"}]},
  {"name": "S8", "feeds": [{"url": "https://example.org/8.xml"}]},
  {"name": "S9", "feeds": [{"url": "https://example.org/9.xml"}]},
  {"name": "Last section", "feeds": [{"url": "https://example.org/10.xml"}]}
]}
JSON
start 90 12 "$TELEX --config '$E2E_TMP/feeds.json'"
wait_for "Monde"
assert_screen "Wirtschaft"
# Show the first section's feeds (+): they appear, and the separator column stays aligned on every row.
keys +
wait_for "国際"
fr=$(line_with "Économie"); jp=$(line_with "国際"); de=$(line_with "Wirtschaft")
col() { python3 -c 'import sys,unicodedata
s=sys.argv[1]; w=0
for ch in s:
    if ch=="│": print(w); break
    w += 2 if unicodedata.east_asian_width(ch) in "WF" else (0 if unicodedata.combining(ch) else 1)' "$1"; }
[ -n "$(col "$fr")" ] && [ "$(col "$fr")" = "$(col "$jp")" ] && [ "$(col "$jp")" = "$(col "$de")" ] || fail "pane edge misaligned: '$fr' / '$jp' / '$de'"
# Scroll to the end with j and Down: the last rows come into view.
for i in $(seq 1 14); do keys j; done
keys Down Down
wait_for "Saved"
assert_screen "Last section"
keys g
wait_for "Monde"
# A resize redraws everything at the new size: at 40 columns one pane (no separator) and the
# status line cut to 40; at 100x30 the separator moves to its new column, every section shows,
# and the status line is on row 30.
[ "$(col "$(line_with "Économie")")" = 23 ] || fail "separator not at column 23 at 90 columns: $(line_with "Économie")"
resize 40 12
wait_gone "│"
wait_row 12 '^ No articles yet: press r to fet \?:help $'
resize 100 30
wait_for "Last section"
wait_row 30 '^ No articles yet: press r to fetch {50,}\?:help $'
[ "$(col "$(line_with "Économie")")" = 26 ] || fail "separator not at column 26 at 100 columns: $(line_with "Économie")"
[ "$(screen | sed -n 17p)" = "   Saved                  │" ] || fail "row 17: '$(screen | sed -n 17p)'"
keys q
wait_exit
[ "$EXIT_STATUS" = 0 ] || fail "exit status $EXIT_STATUS"
assert_terminal_restored
