#!/bin/sh
# Installs the Debian packages the build and the tests need, or says exactly how to.
# Usage: scripts/ensure-deps.sh [package...]   (default: the build and test set)
set -eu
# libhyphen-dev and the hyphen-* dictionaries: layout hyphenates over-long words (TelexArticles).
packages="${*:-pkg-config libncursesw5-dev libsqlite3-dev libxml2-dev zlib1g-dev libhyphen-dev hyphen-de hyphen-en-us hyphen-es hyphen-fr hyphen-it tmux python3}"
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
  apt-get update -qq >/dev/null 2>&1 || apt-get update
  apt-get install -y -qq$missing
else
  echo "Missing Debian packages:$missing" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
