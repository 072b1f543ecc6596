# SIGTERM stops `telex serve` within a second even while its requests wait on a server that never
# answers (the request is cancelled, not waited out), and `--log` is created 0600.
. "$(dirname "$0")/lib.sh"
serve_pid=; silent_pid=
trap '[ -n "$serve_pid" ] && kill -9 $serve_pid 2>/dev/null; [ -n "$silent_pid" ] && kill $silent_pid 2>/dev/null; cleanup' EXIT
# A server that accepts connections and never answers; it notes each connection in a file.
python3 - "$E2E_TMP/port" "$E2E_TMP/accepted" <<'PY' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
held = []
while True:
    c, _ = s.accept(); held.append(c)
    open(sys.argv[2], "a").write("x\n")
PY
silent_pid=$!
for _ in $(seq 1 100); do [ -s "$E2E_TMP/port" ] && break; sleep 0.05; done
port=$(cat "$E2E_TMP/port")
printf '{"sections": [{"name": "S", "feeds": [{"url": "http://127.0.0.1:%s/feed.xml"}]}]}\n' "$port" >"$E2E_TMP/feeds.json"
"$TELEX" serve --config "$E2E_TMP/feeds.json" --cache "$E2E_TMP/cache" --log "$E2E_TMP/serve.log" 2>/dev/null &
serve_pid=$!
for _ in $(seq 1 200); do [ -s "$E2E_TMP/accepted" ] && break; sleep 0.05; done
[ -s "$E2E_TMP/accepted" ] || fail "serve never connected"
[ "$(stat -c %a "$E2E_TMP/serve.log")" = 600 ] || fail "log mode $(stat -c %a "$E2E_TMP/serve.log")"
start=$(date +%s%N)
kill -TERM $serve_pid
for _ in $(seq 1 200); do kill -0 $serve_pid 2>/dev/null || break; sleep 0.01; done
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
kill -0 $serve_pid 2>/dev/null && fail "serve still running after SIGTERM"
wait $serve_pid; status=$?; serve_pid=
[ $status = 0 ] || fail "serve exited $status after SIGTERM"
[ $elapsed -lt 1000 ] || fail "serve took $elapsed ms to stop"
grep -q "telex serve stopping" "$E2E_TMP/serve.log" || fail "no stop line in the log: $(cat "$E2E_TMP/serve.log")"
exit 0
