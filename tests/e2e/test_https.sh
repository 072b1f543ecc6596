# One HTTPS exchange on loopback with a throwaway test CA: `openssl s_server -WWW` serves a feed with a
# certificate the CA signed. Without trusting the CA, `telex fetch` records a clear certificate error;
# trusting it (SSL_CERT_FILE names it, which telex passes to libcurl as its CA bundle, as the curl
# tool does; CURL_CA_BUNDLE, which wins over it, is unset), the same fetch succeeds. The machine's own bundle is never touched.
. "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || fail "openssl is not installed (make installs it: scripts/ensure-deps.sh)"
tls="$E2E_TMP/tls"; mkdir -p "$tls/www"
server_pid=
stop_tls() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; }
trap 'stop_tls; cleanup' EXIT
(
  cd "$tls" || exit 1
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 -subj "/CN=telex test CA"
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj "/CN=127.0.0.1"
  printf 'subjectAltName=IP:127.0.0.1\n' > san.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 -extfile san.ext
) >/dev/null 2>&1 || fail "could not make the test CA"
cat > "$tls/www/feed.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Secure feed</title><link>https://127.0.0.1/</link>
<item><title>Über TLS: première</title><link>https://127.0.0.1/a/1.html</link><guid>tls-1</guid></item>
<item><title>Second secure story</title><link>https://127.0.0.1/a/2.html</link><guid>tls-2</guid></item>
</channel></rss>
XML
# Port 0: the kernel picks a free port; s_server prints it ("ACCEPT 127.0.0.1:PORT") once listening.
(cd "$tls/www" && exec openssl s_server -accept "127.0.0.1:0" -key ../server.key -cert ../server.pem -WWW) > "$tls/server.out" 2>&1 &
server_pid=$!
listening() { grep -qE '^ACCEPT 127\.0\.0\.1:[0-9]+$' "$tls/server.out"; }
wait_until "openssl s_server to listen" listening
port=$(sed -nE 's/^ACCEPT 127\.0\.0\.1:([0-9]+)$/\1/p' "$tls/server.out")
url="https://127.0.0.1:$port/feed.xml"
printf '{"sections": [{"name": "Secure", "feeds": [{"url": "%s", "article": "never"}]}]}\n' "$url" > "$E2E_TMP/feeds.json"

out=$(env -u SSL_CERT_FILE -u CURL_CA_BUNDLE "$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/untrusted" 2>&1); status=$?
# Its only feed failed: exit 3 (docs/cli.md).
[ $status = 3 ] || fail "fetch must exit 3 when every feed fails, got $status: $out"
echo "$out" | grep -q "0 ok, 0 unchanged, 1 failed" || fail "an untrusted certificate was accepted: $out"
echo "$out" | grep -q "TLS certificate rejected" || fail "no clear certificate message: $out"

out=$(env -u CURL_CA_BUNDLE SSL_CERT_FILE="$tls/ca.pem" "$TELEX" fetch --config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/trusted" 2>&1) \
  || fail "trusted fetch failed: $out"
echo "$out" | grep -q "1 ok, 0 unchanged, 0 failed" || fail "the HTTPS exchange with the trusted test CA failed: $out"
echo "$out" | grep -q "2 new items" || fail "items over HTTPS: $out"
titles=$("$TELEX" list --cache "$E2E_TMP/trusted" --config "$E2E_TMP/feeds.json" 2>&1)
echo "$titles" | grep -q "Über TLS: première" || fail "the HTTPS feed's items are not in the cache: $titles"
exit 0
