# Pictures drawn by the terminal (issue 19, kitty, sixel, iTerm2): raw bytes on a pty whose fake terminal answers the
# capability queries (tests/e2e/fake_terminal.py). With `images: auto` telex asks before curses starts;
# a terminal that answers kitty's graphics query gets each visible picture as base64 PNG with a
# virtual placement, and placeholder cells (U+10EEEE + row and column diacritics, the id as colour)
# where it stands; a picture scrolled off, the reader left, or telex quit deletes it. A terminal that
# does not answer (or answers DA1 without kitty) gets character art and no graphics command.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch_lib.sh"
trap 'stop_site; cleanup' EXIT
fake="$(dirname "$0")/fake_terminal.py"
site="$E2E_TMP/site"
flood_site "$site"
serve_directory "$site"
cat > "$E2E_TMP/feeds.json" <<JSON
{"settings": {"images": "auto", "image_height": 40},
 "sections": [{"name": "News", "feeds": [{"url": "$SITE_URL/feed.xml", "article": "always"}]}]}
JSON
cache="$E2E_TMP/cache"
out=$("$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$cache" 2>&1) || fail "fetch failed: $out"
[ "$(ls "$cache"/images/*/*.png | wc -l)" = 2 ] || fail "expected 2 pictures: $(ls -R "$cache/images")"
stop_site
run() { python3 "$fake" "$@" -- "$TELEX" --config "$E2E_TMP/feeds.json" --cache "$cache" || fail "the fake terminal's script failed"; }

# A kitty terminal: open the story, page past both pictures, back to the top, leave the reader, quit.
k="$E2E_TMP/kitty"
run --dir "$k" --answer kitty --cols 80 --rows 30 \
  'wait=Valley News' 'send=l' 'wait=Floods in the valley' mark=list 'send=\r' \
  'wait=\x1b_Ga=T[^\x1b]*i=17,' 'wait=Paragraph a1' mark=open \
  'send= ' 'send= ' 'send= ' 'wait=Paragraph b1[0-9]' mark=scrolled \
  'send=g' 'wait=\x1b_Ga=T[^\x1b]*i=17,' mark=top \
  'send=q' 'wait=\x1b_Ga=d,d=I,i=17' mark=left 'send=Q' exit
[ "$(cat "$k/status")" = 0 ] || fail "exit status $(cat "$k/status")"
python3 - "$k" "$cache" <<'PY' || fail "the kitty byte stream is wrong (above)"
import base64, glob, re, sys
d, cache = sys.argv[1], sys.argv[2]
seg = {n: open("%s/%s.bin" % (d, n), "rb").read() for n in ("list", "open", "scrolled", "top", "left", "end", "all")}
kept = {open(p, "rb").read() for p in glob.glob(cache + "/images/*/*.png")}
errors = []
def check(ok, what):
    if not ok: errors.append(what)
apc = re.compile(rb"\x1b_G([^;\x1b]*)(?:;([^\x1b]*))?\x1b\\")
# 1. The query goes out first, before curses switches to the alternate screen.
q = seg["all"].find(b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\\x1b[>q\x1b[c")
check(q == 0, "the capability query is not the first thing written (at %d)" % q)
# 2. Every graphics command: known keys, payload only base64 in chunks of at most 4096.
for m in apc.finditer(seg["all"]):
    keys, payload = m.group(1), m.group(2) or b""
    check(re.fullmatch(rb"[A-Za-z0-9+/=]*", payload) is not None, "payload is not base64: %r" % payload[:40])
    check(len(payload) <= 4096, "chunk of %d bytes" % len(payload))
    check(re.fullmatch(rb"(a=T,U=1,f=100,t=d,i=\d+,c=\d+,r=\d+,q=2,m=[01]|q=2,m=[01]|a=d,d=I,i=\d+,q=2|i=31,s=1,v=1,a=q,t=d,f=24)", keys) is not None,
          "unexpected graphics command %r" % keys)
def pictures(b):
    """Pictures sent in b: id -> (columns, rows, PNG bytes)."""
    out, cur = {}, None
    for m in apc.finditer(b):
        keys = dict(kv.split(b"=") for kv in m.group(1).split(b","))
        if keys.get(b"a") == b"T":
            cur = int(keys[b"i"]); out[cur] = [int(keys[b"c"]), int(keys[b"r"]), b""]
        if cur is not None and (keys.get(b"a") == b"T" or list(keys) == [b"q", b"m"]):
            out[cur][2] += m.group(2) or b""
            if keys[b"m"] == b"0": out[cur][2] = base64.b64decode(out[cur][2]); cur = None
    return out
def deleted(b): return {int(x) for x in re.findall(rb"\x1b_Ga=d,d=I,i=(\d+),q=2\x1b\\", b)}
opened = pictures(seg["open"])
check(17 in opened, "the lead photo (id 17) was not sent when the story opened")
for i, (c, r, png) in opened.items():
    check(png in kept, "picture %d is not the PNG the cache keeps" % i)
    check(1 <= c <= 80 and 1 <= r <= 12, "picture %d placed at %dx%d cells (column 80, 40%% of 30 rows)" % (i, c, r))
check(not pictures(seg["list"]), "a picture was sent before the story opened")
# 3. Placeholder cells: U+10EEEE, row 0 and column 0 diacritics (U+0305 twice) in colour 17.
ph = "\U0010EEEE".encode()
check(ph + "\u0305\u0305".encode() in seg["open"], "no placeholder cell for row 0, column 0")
check(re.search(rb"\x1b\[38;5;17m" + re.escape(ph), seg["open"]) is not None, "placeholders not coloured with the id")
c17, r17 = opened.get(17, (0, 0, b""))[:2]
check(seg["open"].count(ph) >= c17 * r17, "fewer placeholder cells than the photo's %dx%d" % (c17, r17))
# 4. Scrolled past: deleted; back at the top: sent again; the reader left and telex quit: all deleted.
check(17 in deleted(seg["scrolled"]), "the photo was not deleted when scrolled off")
check(17 in pictures(seg["top"]), "the photo was not sent again at the top")
check(17 in deleted(seg["left"]), "the photo was not deleted on leaving the reader")
check(ph not in seg["end"], "placeholders drawn after the reader was left")
sent, gone = set(), set()
for m in apc.finditer(seg["all"]):
    keys = dict(kv.split(b"=") for kv in m.group(1).split(b","))
    if keys.get(b"a") == b"T": sent.add(int(keys[b"i"])); gone.discard(int(keys[b"i"]))
    if keys.get(b"a") == b"d": gone.add(int(keys[b"i"]))
check(sent <= gone, "pictures left in the terminal at exit: %s" % (sent - gone))
for e in errors: print("FAIL:", e)
sys.exit(1 if errors else 0)
PY

# A sixel terminal (DA1 attribute 4): the whole photo as a sixel at its cell, cursor saved and restored
# around it; scrolled a line, the photo is written again a row higher (the lines it left redrawn) and the
# chart, half on screen at the bottom, is character art; back at the top, the sixel at its first cell.
x="$E2E_TMP/sixel"
run --dir "$x" --answer sixel --cols 80 --rows 30 \
  'wait=Valley News' 'send=l' 'wait=Floods in the valley' 'send=\r' 'wait=Paragraph a1' 'wait=\x1bP0;1;0q' mark=open \
  'send=j' 'wait=\xe2\x96[\x80-\x9f]' mark=scrolled 'send=k' 'wait=\x1bP0;1;0q' mark=back 'send=Q' exit
[ "$(cat "$x/status")" = 0 ] || fail "exit status $(cat "$x/status")"
# iTerm2 (by XTVERSION): the kept PNG in base64 (OSC 1337), sized in cells.
i="$E2E_TMP/iterm"
run --dir "$i" --answer iterm --cols 80 --rows 30 \
  'wait=Valley News' 'send=l' 'wait=Floods in the valley' 'send=\r' 'wait=Paragraph a1' 'wait=\x1b\]1337;File=' mark=open 'send=Q' exit
[ "$(cat "$i/status")" = 0 ] || fail "exit status $(cat "$i/status")"
python3 - "$x" "$i" "$cache" <<'PY' || fail "the sixel or iTerm2 byte stream is wrong (above)"
import base64, glob, re, sys
x, i, cache = sys.argv[1:4]
seg = lambda d, n: open("%s/%s.bin" % (d, n), "rb").read()
kept = {open(p, "rb").read() for p in glob.glob(cache + "/images/*/*.png")}
errors = []
def check(ok, what):
    if not ok: errors.append(what)
placed = re.compile(rb"\x1b7\x1b\[(\d+);(\d+)H(\x1bP0;1;0q[\x20-\x7e]*\x1b\\|\x1b\]1337;File=([^:\x07\x1b]*):([A-Za-z0-9+/=]*)\x07)\x1b8")
opened = [(int(m.group(1)), int(m.group(2))) for m in placed.finditer(seg(x, "open"))]
check(len(opened) >= 1 and all(r > 2 and c >= 1 for r, c in opened), "no sixel placed at a cell of the text: %s" % opened)
# Every sixel written is placed and well-formed (nothing but sixel characters between ESC P and ESC \).
allx = seg(x, "all")
check(allx.count(b"\x1bP0;1;0q") == len(list(placed.finditer(allx))), "a sixel written outside the save, move, restore frame")
scrolled = [(int(m.group(1)), int(m.group(2))) for m in placed.finditer(seg(x, "scrolled"))]
check(scrolled[:1] == [(opened[0][0] - 1, opened[0][1])] if opened else False, "scrolled a line, the photo at %s (was %s)" % (scrolled, opened))
check(re.search(rb"\xe2\x96[\x80-\x9f]", seg(x, "scrolled")) is not None, "no character art for the chart half on screen")
back = [(int(m.group(1)), int(m.group(2))) for m in placed.finditer(seg(x, "back"))]
check(opened[:1] == back[:1], "the photo came back at %s, not %s" % (back, opened))
its = list(placed.finditer(seg(i, "open")))
check(len(its) >= 1, "no iTerm2 picture")
for m in its:
    keys = dict(kv.split(b"=") for kv in m.group(4).split(b";"))
    png = base64.b64decode(m.group(5))
    check(png in kept, "the iTerm2 picture is not a PNG the cache keeps")
    check(keys[b"inline"] == b"1" and int(keys[b"size"]) == len(png) and 1 <= int(keys[b"width"]) <= 80 and 1 <= int(keys[b"height"]) <= 12,
          "iTerm2 keys %r" % keys)
check(b"\x1b_Ga=T" not in allx + seg(i, "all"), "kitty commands to a terminal without kitty graphics")
for e in errors: print("FAIL:", e)
sys.exit(1 if errors else 0)
PY

# A terminal without kitty graphics (DA1 only): character art, no graphics command.
p="$E2E_TMP/plain"
run --dir "$p" --answer plain --cols 80 --rows 30 \
  'wait=Valley News' 'send=l' 'wait=Floods in the valley' 'send=\r' 'wait=Paragraph a1' 'wait=\xe2\x96[\x80-\x9f]' mark=open 'send=Q' exit
[ "$(cat "$p/status")" = 0 ] || fail "exit status $(cat "$p/status")"
grep -qaF $'\e_Ga=T' "$p/all.bin" && fail "a picture was sent to a terminal that did not answer kitty's query"
# A terminal that answers nothing: the query times out and the reader starts all the same.
s="$E2E_TMP/silent"
run --dir "$s" --answer silent 'wait=Valley News' 'send=Q' exit
[ "$(cat "$s/status")" = 0 ] || fail "exit status $(cat "$s/status")"
grep -qaF $'\e_Ga=T' "$s/all.bin" && fail "a picture was sent to a silent terminal"
exit 0
