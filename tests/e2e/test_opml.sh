# OPML in and out: the exports of the real newsboat (`newsboat -e`) and sfeed (`sfeed_opml_export`)
# imported, --dry-run, duplicates, the round trip (export, then import into an empty configuration),
# and hostile files refused or read safely, with nothing fetched and nothing run.
. "$(dirname "$0")/lib.sh"
command -v newsboat >/dev/null || fail "newsboat is not installed (scripts/ensure-deps.sh installs it)"
command -v sfeed_opml_export >/dev/null || fail "sfeed is not installed (scripts/ensure-deps.sh installs it)"
config="$E2E_TMP/feeds.json"
t() { "$TELEX" "$@" --config "$config" --cache "$E2E_TMP/cache"; }
urls() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print("\n".join(s["name"]+" | "+f["url"]+" | "+str(f.get("title")) for s in c["sections"] for f in s["feeds"]))' "$1"; }

# newsboat's export of its urls file (tags are not exported by newsboat 2.21: every feed is top-level).
mkdir -p "$E2E_TMP/nb"
cat > "$E2E_TMP/nb/urls" <<'EOF'
https://example.org/feed.xml "~Example & Co" tech
https://news.example.com/rss?a=1&b=2 world
"query:Unread:unread = \"yes\""
exec:~/bin/make-feed.sh
https://blog.example.net/atom.xml
EOF
HOME="$E2E_TMP/nb" newsboat -u "$E2E_TMP/nb/urls" -c "$E2E_TMP/nb/cache.db" -e > "$E2E_TMP/newsboat.opml" 2>/dev/null ||
  fail "newsboat -e failed"
out=$(t import "$E2E_TMP/newsboat.opml" --section Newsboat --dry-run 2>&1) || fail "dry run failed: $out"
echo "$out" | grep -qF "would import 3 feeds into 1 section (1 new)" || fail "dry run: $out"
[ ! -e "$config" ] || fail "--dry-run wrote feeds.json"
out=$(t import "$E2E_TMP/newsboat.opml" --section Newsboat 2>&1) || fail "import failed: $out"
echo "$out" | grep -qF "imported 3 feeds" || fail "import: $out"
[ "$(urls "$config")" = "Newsboat | https://example.org/feed.xml | Example & Co
Newsboat | https://news.example.com/rss?a=1&b=2 | None
Newsboat | https://blog.example.net/atom.xml | None" ] || fail "newsboat import: $(urls "$config")"

# sfeed's export: the same feeds are duplicates now, a new one is added to "Imported".
cat > "$E2E_TMP/sfeedrc" <<'EOF'
feeds() {
	feed "Example & Co" "https://example.org/feed.xml"
	feed "Le Monde <diplo>" "https://www.monde-diplomatique.fr/rss/"
	feed "Blog" "https://BLOG.example.net/atom.xml"
}
EOF
sfeed_opml_export "$E2E_TMP/sfeedrc" > "$E2E_TMP/sfeed.opml" || fail "sfeed_opml_export failed"
out=$(t import "$E2E_TMP/sfeed.opml" 2>&1) || fail "sfeed import failed: $out"
echo "$out" | grep -qF "imported 1 feed into 1 section (1 new); 2 already subscribed, 0 refused" || fail "sfeed import: $out"
echo "$out" | grep -qF "= already subscribed: https://BLOG.example.net/atom.xml (in Newsboat)" || fail "sfeed import: $out"
urls "$config" | grep -qxF "Imported | https://www.monde-diplomatique.fr/rss/ | Le Monde <diplo>" || fail "sfeed import: $(urls "$config")"

# Round trip: export, import into an empty configuration, export again: the same document.
t export --opml > "$E2E_TMP/out.opml" || fail "export failed"
"$TELEX" import "$E2E_TMP/out.opml" --config "$E2E_TMP/copy.json" --cache "$E2E_TMP/cache2" >/dev/null 2>&1 || fail "re-import failed"
[ "$(urls "$config")" = "$(urls "$E2E_TMP/copy.json")" ] || fail "round trip differs: $(urls "$E2E_TMP/copy.json")"
"$TELEX" export --config "$E2E_TMP/copy.json" | grep -v dateCreated > "$E2E_TMP/again.opml"
grep -v dateCreated "$E2E_TMP/out.opml" | cmp -s - "$E2E_TMP/again.opml" || fail "the second export differs"

# Hostile files: refused with a clear message (exit 2), feeds.json untouched, nothing fetched, nothing run.
# A listener on 127.0.0.1 records any connection: the files name it, and it must see none.
python3 - "$E2E_TMP" <<'EOF' &
import os, socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1] + "/port.tmp", "w").write(str(s.getsockname()[1]))
os.rename(sys.argv[1] + "/port.tmp", sys.argv[1] + "/port")
while True:
    c, _ = s.accept()
    open(sys.argv[1] + "/connections", "a").write("connection\n")
    c.close()
EOF
listener=$!
trap 'kill $listener 2>/dev/null; cleanup' EXIT
for _ in $(seq 1 100); do [ -s "$E2E_TMP/port" ] && break; sleep 0.05; done
[ -s "$E2E_TMP/port" ] || fail "the listener did not start"
site="http://127.0.0.1:$(cat "$E2E_TMP/port")"
cp "$config" "$E2E_TMP/kept.json"
python3 - "$E2E_TMP" "$site" <<'EOF'
import sys
d, site = sys.argv[1], sys.argv[2]
lol = '<?xml version="1.0"?>\n<!DOCTYPE opml [\n<!ENTITY a "lol">\n' + "".join(
    f'<!ENTITY {chr(98+i)} "{("&" + chr(97+i) + ";") * 10}">\n' for i in range(9)) + ']>\n<opml version="2.0"><body><outline text="&j;" xmlUrl="https://a.example/"/></body></opml>\n'
open(d + "/laughs.opml", "w").write(lol)
open(d + "/xxe.opml", "w").write('<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    '<opml version="2.0"><body><outline text="&x;" xmlUrl="https://a.example/"/></body></opml>\n')
open(d + "/dtd.opml", "w").write(f'<?xml version="1.0"?>\n<!DOCTYPE opml SYSTEM "{site}/evil.dtd">\n<opml version="2.0"><body/></opml>\n')
open(d + "/huge.opml", "w").write('<opml version="2.0"><body><outline text="' + "A" * (10 << 20) + '" xmlUrl="https://a.example/"/></body></opml>')
open(d + "/deep.opml", "w").write('<opml version="2.0"><body>' + '<outline text="x">' * 10000 + '</outline>' * 10000 + '</body></opml>')
open(d + "/schemes.opml", "w").write('<opml version="2.0"><body>'
    f'<outline text="js" xmlUrl="javascript:alert(1)"/><outline text="file" xmlUrl="file:///etc/passwd"/>'
    f'<outline text="run" xmlUrl="exec:touch {d}/pwned" command="touch {d}/pwned2"/>'
    f'<outline text="inc" type="include" url="{site}/more.opml"/>'
    '<outline text="ok" xmlUrl="https://ok.example/rss"/></body></opml>')
EOF
for f in laughs xxe dtd huge deep; do
  out=$(t import "$E2E_TMP/$f.opml" 2>&1); status=$?
  [ $status = 2 ] || fail "$f.opml: expected exit 2, got $status: $out"
  cmp -s "$config" "$E2E_TMP/kept.json" || fail "$f.opml changed feeds.json"
  echo "$out" | grep -q "root:" && fail "$f.opml: the import printed a local file"
  case $f in
    laughs|xxe|dtd) echo "$out" | grep -qF "declares a document type" || fail "$f.opml: $out" ;;
    huge) echo "$out" | grep -qF "over 8 MiB are refused" || fail "$f.opml: $out" ;;
    deep) echo "$out" | grep -qF "nested deeper than 32 levels" || fail "$f.opml: $out" ;;
  esac
done
out=$(t import "$E2E_TMP/schemes.opml" 2>&1) || fail "schemes.opml: $out"
echo "$out" | grep -qF "imported 1 feed" || fail "schemes.opml: $out"
echo "$out" | grep -qF "! not imported: javascript:alert(1): unsupported URL scheme \"javascript\"" || fail "schemes.opml: $out"
echo "$out" | grep -qF "! not imported: file:///etc/passwd" || fail "schemes.opml: $out"
echo "$out" | grep -qF "points to another document (type=\"include\"): not followed" || fail "schemes.opml: $out"
[ ! -e "$E2E_TMP/pwned" ] && [ ! -e "$E2E_TMP/pwned2" ] || fail "an OPML attribute was run"
grep -qF "exec:" "$config" && fail "an exec: URL reached feeds.json"
[ ! -e "$E2E_TMP/connections" ] || fail "an OPML file made telex connect to $site"
exit 0
