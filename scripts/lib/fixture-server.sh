# Sourced by the benchmarks: the project's fixture server as a process.
# start_fixture_server BIN TMP [ARGS...]: starts `BIN _fixture-server ARGS --url-file TMP/url`, waits for
# it to listen, sets $server_pid and $base. stop_fixture_server: SIGTERM, then SIGKILL after 3 s (a
# benchmark must never hang on it).
server_pid=
start_fixture_server() {
  local bin=$1 tmp=$2; shift 2
  rm -f "$tmp/url"
  "$bin" _fixture-server "$@" --url-file "$tmp/url" >/dev/null 2>&1 &
  server_pid=$!
  for _ in $(seq 1 200); do [ -s "$tmp/url" ] && break; sleep 0.05; done
  [ -s "$tmp/url" ] || { echo "the fixture server did not start"; return 1; }
  base=$(cat "$tmp/url")
}
stop_fixture_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null
  for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=
}
