#!/bin/sh
# Installs the Debian packages the build and the tests need, or says exactly how to.
# Usage: scripts/ensure-deps.sh [package...]   (default: the build and test set)
# As root it installs with apt-get (no recommended extras, waiting up to 5 min for another apt to
# finish) under a policy-rc.d that forbids starting services: packages such as tt-rss or
# postgresql would otherwise start system daemons from their postinst; our tests start their own.
set -eu
# Tests: tmux (end-to-end), python3 (e2e helpers, scripts), openssl (the HTTPS tests' server and
# test CA), libuchardet-dev (charset detection, TelexFeeds), sqlite3 (integrity checks of caches written by killed processes), python3-feedparser
# (the differential test against Python's feedparser); newsboat and sfeed write the OPML files the
# import tests read (tests/e2e/test_opml.sh). libhyphen-dev and the hyphen-* dictionaries: layout
# hyphenates over-long words (TelexArticles). libjpeg62-turbo-dev, libpng-dev, libwebp-dev, libgif-dev decode
# articles' pictures and libchafa-dev (with libglib2.0-dev, its headers' GLib) draws them as character art
# (CImageCodecs); python3-pil writes the image fixtures (scripts/gen-image-fixtures.py).
packages="${*:-pkg-config libncursesw5-dev libsqlite3-dev libxml2-dev libuchardet-dev libpsl-dev zlib1g-dev libcurl4-openssl-dev libhyphen-dev libjpeg62-turbo-dev libpng-dev libwebp-dev libgif-dev libchafa-dev libglib2.0-dev python3-pil hyphen-de hyphen-en-us hyphen-es hyphen-fr hyphen-it tmux python3 python3-feedparser openssl sqlite3 newsboat sfeed}"
missing=""
for p in $packages; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing missing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# temporary, from telex scripts/ensure-deps.sh: start no service\nexit 101\n' >"$policy"
    chmod 0755 "$policy"
    trap 'rm -f "$policy"' EXIT
    trap 'exit 1' INT TERM HUP
  fi
  lock="-o DPkg::Lock::Timeout=300"
  apt-get $lock update -qq >/dev/null 2>&1 || apt-get $lock update
  apt-get $lock install -y -qq --no-install-recommends$missing
else
  echo "Missing Debian packages:$missing" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
  exit 1
fi
