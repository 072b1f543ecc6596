#!/usr/bin/env bash
# A real, throwaway Tiny Tiny RSS for the sync tests: Debian 12's tt-rss (PHP 8.2) served by PHP's
# built-in server on 127.0.0.1, on a PostgreSQL 15 cluster made in DIR. Nothing system-wide is
# started or changed (no service, nothing in /etc or /usr/share/tt-rss); `stop` leaves nothing
# running. See tests/sync/README.md for the API quirks a client must know.
#
#   ttrss-server.sh start DIR     install packages if missing, build and start; prints DIR/env
#   ttrss-server.sh stop DIR      stop everything started for DIR (idempotent)
#   ttrss-server.sh status DIR    exit 0 if the instance in DIR answers
#   ttrss-server.sh update DIR [FEED_ID...]
#                                 run tt-rss's own updater now (update.php as the server user):
#                                 the given feeds, or every feed of every user
#   ttrss-server.sh add-category DIR LOGIN TITLE   prints the new category's id (the API has no way)
#   ttrss-server.sh psql DIR [psql args...]   a psql session on the instance's database
#
# DIR/env (shell syntax) holds TTRSS_URL (the web root, ending in /), TTRSS_API (TTRSS_URL + api/),
# TTRSS_USER/TTRSS_PASSWORD (an ordinary user), TTRSS_ADMIN_USER/TTRSS_ADMIN_PASSWORD (admin, id 1),
# TTRSS_PHP_PID, TTRSS_PG_PID, TTRSS_DIR. Both users have API access. The user names and passwords
# can be chosen with the same variables in the environment of `start`; TTRSS_LOG=1 there logs tt-rss's
# PHP warnings and errors to its ttrss_error_log table (slower: see php_flags).
#
# As root, the servers run as www-data (postgres and tt-rss both refuse root); as any other user,
# as that user. DIR must be reachable by www-data (mktemp -d under /tmp is; start makes DIR 0755).
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
TTRSS_SRC=/usr/share/tt-rss
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PACKAGES="tt-rss php8.2-cli php8.2-cgi php-cgi php8.2 php8.2-pgsql dbconfig-no-thanks postgresql-15 python3 curl"
RUN_USER=www-data
START_TIMEOUT=${TTRSS_START_TIMEOUT:-30}   # seconds, for each wait below

die() { echo "ttrss-server: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

# as_user CMD...: CMD as the unprivileged server user (or as ourselves when not root).
as_user() {
  if [ "$(id -u)" = 0 ]; then
    ${AS_USER_EXEC:-} setpriv --reuid="$RUN_USER" --regid="$RUN_USER" --clear-groups --reset-env -- \
      env HOME="$DIR" LC_ALL=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
  else
    ${AS_USER_EXEC:-} env HOME="$DIR" LC_ALL=C.UTF-8 "$@"
  fi
}

load_env() { [ -f "$DIR/env" ] || die "no instance in $DIR (no $DIR/env)"; . "$DIR/env"; }

psql_cmd() { as_user "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR/sock" -U ttrss -d ttrss "$@"; }

# A free TCP port on 127.0.0.1, chosen by the kernel (bind 0). Another process could take it before
# php binds it; start retries with a new one when that happens.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# api JSON: one POST to the JSON API (used for readiness only; the tests speak for themselves).
api() { curl -sS --max-time 10 -A "ttrss-server.sh" -H 'Content-Type: application/json' -d "$1" "$TTRSS_API"; }

make_webroot() {
  local www=$DIR/www
  cp -a "$TTRSS_SRC/www" "$www"
  # Debian's web root links into the rest of the system with relative links
  # (lib/dojo -> ../../../javascript/dojo): re-point each at what it means from the original place.
  local link rel target
  while IFS= read -r -d '' link; do
    rel=${link#"$www"/}
    target=$(readlink -m "$TTRSS_SRC/www/$rel")
    ln -sfn "$target" "$link"
  done < <(find "$www" -type l -print0)
  # Our own config, icons and plugin; the system ones stay untouched.
  rm -f "$www/config.php" "$www/feed-icons"
  mkdir -p "$www/plugins.local"
  cp -r "$HERE/ttrss/telex_loopback" "$www/plugins.local/telex_loopback"
  # UrlHelper::build_url drops the port of every URL it rebuilds (feed URLs when subscribing,
  # relative links, redirects), and rewrite_relative does not carry the base's port over: give
  # both the port, as later tt-rss versions do. Checked, so that a new tt-rss fails here loudly.
  python3 - "$www/classes/urlhelper.php" <<'PY'
import sys
path = sys.argv[1]
src = open(path, encoding="utf-8").read()
fixes = [
    ('$tmp = $parts[\'scheme\'] . "://" . $parts[\'host\'];\n',
     '$tmp = $parts[\'scheme\'] . "://" . $parts[\'host\'];\n'
     '\t\tif (isset($parts[\'port\'])) $tmp .= ":" . $parts[\'port\']; // telex test copy: keep the port\n'),
    ("$rel_parts['scheme'] = $parts['scheme'];\n",
     "$rel_parts['scheme'] = $parts['scheme'];\n"
     "\t\t\tif (isset($parts['port'])) $rel_parts['port'] = $parts['port']; // telex test copy\n"),
]
for old, new in fixes:
    if src.count(old) != 1:
        sys.exit("ttrss-server: cannot patch the port into %s (tt-rss changed?): %r" % (path, old))
    src = src.replace(old, new)
open(path, "w", encoding="utf-8").write(src)
PY
}

write_config() {
  local port=$1 log_destination=""
  [ "$TTRSS_LOG" = 1 ] && log_destination=sql
  cat >"$DIR/www/config.php" <<EOF
<?php
	// Written by telex tests/sync/ttrss-server.sh for a throwaway test instance.
	define('DB_TYPE', 'pgsql');
	define('DB_HOST', '$DIR/sock');
	define('DB_USER', 'ttrss');
	define('DB_NAME', 'ttrss');
	define('DB_PASS', '');
	define('DB_PORT', '');
	define('MYSQL_CHARSET', 'UTF8');
	define('SELF_URL_PATH', 'http://127.0.0.1:$port/');
	define('_SKIP_SELF_URL_PATH_CHECKS', true);
	define('SINGLE_USER_MODE', false);
	define('SIMPLE_UPDATE_MODE', false);
	// update.php --feeds runs this once per feed
	define('PHP_EXECUTABLE', '/usr/bin/php8.2 $(php_flags)');
	define('LOCK_DIRECTORY', '$DIR/lock');
	define('CACHE_DIR', '$DIR/cache');
	define('ICONS_DIR', '$DIR/www/feed-icons');
	define('ICONS_URL', 'feed-icons');
	define('AUTH_AUTO_CREATE', false);
	define('AUTH_AUTO_LOGIN', false);
	define('FORCE_ARTICLE_PURGE', 0);
	define('ENABLE_REGISTRATION', false);
	define('REG_NOTIFY_ADDRESS', 'nobody@localhost');
	define('REG_MAX_USERS', 10);
	define('SESSION_COOKIE_LIFETIME', 86400);
	define('SMTP_FROM_NAME', 'Tiny Tiny RSS');
	define('SMTP_FROM_ADDRESS', 'nobody@localhost');
	define('DIGEST_SUBJECT', '[tt-rss] New headlines for last 24 hours');
	define('CHECK_FOR_UPDATES', false);
	define('ENABLE_GZIP_OUTPUT', false);
	define('PLUGINS', 'auth_internal, telex_loopback');
	define('LOG_DESTINATION', '$log_destination');
	// update.php --feeds serves every user, not only those who logged in within 30 days.
	define('DAEMON_UPDATE_LOGIN_LIMIT', 0);
	define('CONFIG_VERSION', 26);
EOF
}

# SQL for one user: MODE2 hash (sha256 of salt + password, as tt-rss's encrypt_password), every
# preference at its default, API access on.
user_sql() {
  local key=$1 level=$2 salt
  salt=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
  cat <<EOF
INSERT INTO ttrss_users (login, pwd_hash, salt, access_level, created)
  VALUES (:'login_$key', 'MODE2:' || encode(sha256(convert_to('$salt' || :'pw_$key', 'UTF8')), 'hex'), '$salt', $level, NOW())
  ON CONFLICT (login) DO UPDATE SET pwd_hash = EXCLUDED.pwd_hash, salt = EXCLUDED.salt, access_level = EXCLUDED.access_level;
INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value)
  SELECT u.id, p.pref_name, p.def_value FROM ttrss_prefs p, ttrss_users u
  WHERE u.login = :'login_$key'
    AND NOT EXISTS (SELECT 1 FROM ttrss_user_prefs x WHERE x.owner_uid = u.id AND x.pref_name = p.pref_name AND x.profile IS NULL);
UPDATE ttrss_user_prefs SET value = 'true'
  WHERE pref_name = 'ENABLE_API_ACCESS' AND owner_uid = (SELECT id FROM ttrss_users WHERE login = :'login_$key');
EOF
}

# alive PID: the process exists and is not a zombie (PID 1 here can take seconds to reap orphans,
# and kill -0 succeeds on a zombie).
alive() {
  local line
  read -r line 2>/dev/null <"/proc/$1/stat" || return 1
  line=${line##*) }
  [ -n "$line" ] && [ "${line:0:1}" != Z ]
}

# ours PID TEXT: PID is alive and its command line mentions TEXT (a path inside DIR), so that a
# stale pid file never makes stop signal a stranger that got the same pid.
ours() {
  [[ $1 =~ ^[0-9]+$ ]] && alive "$1" && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"
}

# wait_gone PID SECONDS
wait_gone() {
  local i
  for ((i = 0; i < $2 * 50; i++)); do alive "$1" || return 0; sleep 0.02; done
  return 1
}

# group PGID: the live processes of process group PGID that are ours (php -S runs as a session
# leader, setsid, with its workers in its group; they outlive a master that dies alone).
group() {
  local stat pid line fields
  for stat in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat" || continue
    read -r -a fields <<<"${line##*) }"   # state ppid pgrp ...
    pid=${stat#/proc/}; pid=${pid%/stat}
    [ "${fields[2]}" = "$1" ] && ours "$pid" "$DIR/www" && echo "$pid"
  done
  return 0
}

# stop_php PID: the master and its workers.
stop_php() {
  local pids
  pids=$(group "$1")
  [ -n "$pids" ] || return 0
  kill -TERM $pids 2>/dev/null || true
  wait_gone "$1" 5 || true
  pids=$(group "$1")
  [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
}

stop_instance() {
  local pg_pid="" php_pid="" i
  if [ -f "$DIR/php.pid" ]; then
    php_pid=$(cat "$DIR/php.pid")
    stop_php "$php_pid"
    rm -f "$DIR/php.pid"
  fi
  if [ -f "$DIR/pg/data/postmaster.pid" ]; then
    pg_pid=$(head -1 "$DIR/pg/data/postmaster.pid")
    if ours "$pg_pid" "$DIR/pg/data"; then
      kill -INT "$pg_pid" 2>/dev/null || true           # fast shutdown
      wait_gone "$pg_pid" 10 || { kill -QUIT "$pg_pid" 2>/dev/null || true; wait_gone "$pg_pid" 5 || true; }
    fi
  fi
  # Let PID 1 reap them, so that ps right after stop shows nothing left (bounded: 3 s).
  for ((i = 0; i < 150; i++)); do
    { [ -n "$php_pid" ] && [ -e "/proc/$php_pid" ]; } || { [ -n "$pg_pid" ] && [ -e "/proc/$pg_pid" ]; } || break
    sleep 0.02
  done
  rm -f "$DIR/env"
}

start_instance() {
  local t0 t_deps t_pg t_schema port pg_pid php_pid tries
  t0=$(now_ms)
  [ -e "$DIR/env" ] && die "$DIR already has an instance (stop it first)"
  sock_len=$(( ${#DIR} + 22 ))  # $DIR/sock/.s.PGSQL.5432
  [ "$sock_len" -lt 100 ] || die "DIR is too long for a unix socket path (${#DIR} characters): use a shorter one, e.g. mktemp -d"

  "$REPO/scripts/ensure-deps.sh" $PACKAGES >&2   # stdout is for DIR/env
  t_deps=$(now_ms)
  [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb missing (postgresql-15)"
  [ -f "$TTRSS_SRC/schema/ttrss_schema_pgsql.sql" ] || die "tt-rss schema missing"

  # From here on, a failure stops whatever was started.
  trap 'status=$?; if [ $status != 0 ]; then echo "ttrss-server: start failed; logs in $DIR/log" >&2; stop_instance; fi' EXIT
  trap 'exit 1' INT TERM HUP

  mkdir -p "$DIR"
  chmod 0755 "$DIR"
  rm -rf "$DIR/pg" "$DIR/sock" "$DIR/www" "$DIR/cache" "$DIR/lock" "$DIR/log"
  mkdir -p "$DIR/pg" "$DIR/sock" "$DIR/cache"/{images,upload,export,feeds} "$DIR/lock" "$DIR/log"
  make_webroot
  mkdir -p "$DIR/www/feed-icons"
  if [ "$(id -u)" = 0 ]; then
    chown -R "$RUN_USER:$RUN_USER" "$DIR/pg" "$DIR/sock" "$DIR/cache" "$DIR/lock" "$DIR/log" "$DIR/www/feed-icons"
  fi
  chmod 0700 "$DIR/pg" "$DIR/sock"
  as_user test -r "$DIR/www/index.php" ||
    die "$RUN_USER cannot reach $DIR: make every directory above it traversable (chmod o+x), or use mktemp -d"

  # PostgreSQL: local socket only (no TCP), in DIR/sock which only the server user can enter.
  as_user "$PG_BIN/initdb" -D "$DIR/pg/data" -U ttrss -E UTF8 --locale=C.UTF-8 --auth=trust \
    --no-sync --no-instructions >"$DIR/log/initdb.log" 2>&1 || { cat "$DIR/log/initdb.log" >&2; die "initdb failed"; }
  cat >>"$DIR/pg/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$DIR/sock'
max_connections = 40
shared_buffers = 16MB
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
  as_user "$PG_BIN/pg_ctl" -D "$DIR/pg/data" -l "$DIR/log/postgres.log" -w -t "$START_TIMEOUT" start >/dev/null ||
    { tail -20 "$DIR/log/postgres.log" >&2; die "postgres did not start"; }
  pg_pid=$(head -1 "$DIR/pg/data/postmaster.pid")
  t_pg=$(now_ms)

  as_user "$PG_BIN/createdb" -h "$DIR/sock" -U ttrss -E UTF8 -T template0 ttrss
  psql_cmd -f "$TTRSS_SRC/schema/ttrss_schema_pgsql.sql" >"$DIR/log/schema.log" 2>&1 ||
    { tail -20 "$DIR/log/schema.log" >&2; die "loading the tt-rss schema failed"; }
  # The schema's admin (id 1, password "password") gets the chosen name and password.
  { echo "UPDATE ttrss_users SET login = :'login_a' WHERE id = 1;"; user_sql a 10; user_sql u 0; } |
    psql_cmd -v "login_a=$TTRSS_ADMIN_USER" -v "pw_a=$TTRSS_ADMIN_PASSWORD" \
      -v "login_u=$TTRSS_USER" -v "pw_u=$TTRSS_PASSWORD" >/dev/null
  t_schema=$(now_ms)

  # php -S on a kernel-chosen port, as a session leader so that stop can end its workers with it.
  tries=0
  while :; do
    tries=$((tries + 1))
    port=$(free_port)
    write_config "$port"
    TTRSS_URL="http://127.0.0.1:$port/"; TTRSS_API="${TTRSS_URL}api/"
    (cd "$DIR/www" && exec setsid \
       bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$DIR/php.pid.tmp" \
       bash "$HERE/ttrss-server.sh" _as_user "$DIR" env PHP_CLI_SERVER_WORKERS=4 php8.2 $(php_flags) -S "127.0.0.1:$port" -t "$DIR/www" \
       </dev/null >>"$DIR/log/php.log" 2>&1) &
    for _ in $(seq 100); do [ -s "$DIR/php.pid.tmp" ] && break; sleep 0.01; done
    php_pid=$(cat "$DIR/php.pid.tmp" 2>/dev/null || true)
    rm -f "$DIR/php.pid.tmp"
    [ -n "$php_pid" ] || die "php did not start"
    echo "$php_pid" >"$DIR/php.pid"
    local ready=""
    for _ in $(seq $((START_TIMEOUT * 20))); do
      alive "$php_pid" || break
      if api '{"op":"isLoggedIn"}' 2>/dev/null | grep -q '"status":0'; then ready=1; break; fi
      sleep 0.05
    done
    [ -n "$ready" ] && break
    if grep -q "Address already in use" "$DIR/log/php.log" && [ "$tries" -lt 5 ]; then
      stop_php "$php_pid"; rm -f "$DIR/php.pid"; continue
    fi
    tail -20 "$DIR/log/php.log" >&2
    die "php -S did not answer on 127.0.0.1:$port"
  done

  cat >"$DIR/env" <<EOF
TTRSS_DIR='$DIR'
TTRSS_URL='$TTRSS_URL'
TTRSS_API='$TTRSS_API'
TTRSS_USER='$TTRSS_USER'
TTRSS_PASSWORD='$TTRSS_PASSWORD'
TTRSS_ADMIN_USER='$TTRSS_ADMIN_USER'
TTRSS_ADMIN_PASSWORD='$TTRSS_ADMIN_PASSWORD'
TTRSS_PHP_PID=$php_pid
TTRSS_PG_PID=$pg_pid
TTRSS_LOG=$TTRSS_LOG
EOF
  trap - EXIT INT TERM HUP
  cat "$DIR/env"
  echo "# started in $(( $(now_ms) - t0 )) ms (packages $(( t_deps - t0 )) ms, postgres $(( t_pg - t_deps )) ms, schema+users $(( t_schema - t_pg )) ms, php $(( $(now_ms) - t_schema )) ms)"
}

# tt-rss 21 predates PHP 8, which turned many of its notices into warnings: ~30 a request, each
# formatted with a backtrace and logged, which doubles the time of an API call (47 ms against 22 ms
# for a small getHeadlines). Quiet by default; TTRSS_LOG=1 at start logs everything to the
# ttrss_error_log table (`ttrss-server.sh psql DIR -c 'table ttrss_error_log'`). Errors of the
# telex_loopback plugin go to DIR/log/php.log either way.
php_flags() {
  if [ "${TTRSS_LOG:-0}" = 1 ]; then echo "-d log_errors=On"; else echo "-d log_errors=Off"; fi
}

update_feeds() {
  load_env
  cd "$DIR/www"
  if [ $# = 0 ]; then
    # --force-update: every feed is due now (tt-rss otherwise waits 30 min between fetches).
    as_user php8.2 $(php_flags) update.php --force-update --feeds --quiet
  else
    local id status=0
    for id in "$@"; do
      [[ $id =~ ^[0-9]+$ ]] || die "not a feed id: $id"
      # Exit status 100: the feed could not be fetched or parsed.
      as_user php8.2 $(php_flags) update.php --update-feed="$id" --quiet || status=$?
    done
    return "$status"
  fi
}

cmd=${1:-}
[ $# -ge 2 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2; }
DIR=$2
case $DIR in /*) ;; *) DIR=$(pwd)/$DIR ;; esac
DIR=${DIR%/}
shift 2
case $cmd in
  start)
    TTRSS_USER=${TTRSS_USER:-telex}
    TTRSS_PASSWORD=${TTRSS_PASSWORD:-telex-sync-test}
    TTRSS_ADMIN_USER=${TTRSS_ADMIN_USER:-admin}
    TTRSS_ADMIN_PASSWORD=${TTRSS_ADMIN_PASSWORD:-telex-admin-test}
    TTRSS_LOG=${TTRSS_LOG:-0}
    [[ $TTRSS_USER =~ ^[a-z][a-z0-9_]*$ && $TTRSS_ADMIN_USER =~ ^[a-z][a-z0-9_]*$ ]] || die "user names: lower-case letters, digits, _"
    [ "$TTRSS_USER" != "$TTRSS_ADMIN_USER" ] || die "TTRSS_USER and TTRSS_ADMIN_USER must differ"
    for v in "$TTRSS_PASSWORD" "$TTRSS_ADMIN_PASSWORD"; do
      [[ $v != *"'"* && $v != *"<"* ]] || die "passwords may not contain ' or < (tt-rss strips tags from the password it is sent)"
    done
    start_instance ;;
  stop) stop_instance ;;
  status)
    load_env
    ours "$TTRSS_PHP_PID" "$DIR/www" || die "php ($TTRSS_PHP_PID) is not running"
    ours "$TTRSS_PG_PID" "$DIR/pg/data" || die "postgres ($TTRSS_PG_PID) is not running"
    api '{"op":"isLoggedIn"}' | grep -q '"status":0' || die "$TTRSS_API does not answer"
    echo "running: $TTRSS_URL" ;;
  update) update_feeds "$@" ;;
  psql) load_env; psql_cmd "$@" ;;
  add-category)
    # The API cannot create categories: add-category DIR LOGIN TITLE prints the new category's id.
    [ $# = 2 ] || die "usage: add-category DIR LOGIN TITLE"
    load_env
    psql_cmd -At -v "login=$1" -v "title=$2" <<'SQL'
INSERT INTO ttrss_feed_categories (owner_uid, title)
  SELECT id, :'title' FROM ttrss_users WHERE login = :'login' RETURNING id;
SQL
    ;;
  _as_user) AS_USER_EXEC=exec as_user "$@" ;;   # internal: lets the php start line above reuse as_user
  *) die "unknown command: $cmd (start, stop, status, update, add-category, psql)" ;;
esac
