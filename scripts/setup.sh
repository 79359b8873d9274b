#!/usr/bin/env bash
# Prepare a fresh machine: a virtual environment with the pinned packages, and Debian's Chromium
# (browser tests and PNG export drive /usr/bin/chromium; Playwright never downloads a browser).
# Idempotent: reinstalls packages only when requirements.lock changes.
#   scripts/setup.sh            packages + Chromium (required for tests)
#   scripts/setup.sh --app      packages; Chromium if it can be installed, otherwise a hint
# For the tests (not --app): Debian's postgresql, nginx and apache2-utils (htpasswd): the store's tests run
# against a real PostgreSQL server and the team test runs two app servers behind nginx (tests/servers.py).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.lock | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  # every package pinned with its hashes (requirements.lock, made from requirements.txt by scripts/lock.sh)
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
  echo "$want" > "$stamp"
fi

if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's chromium (browser tests, PNG export)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1 && [ "${1:-}" != "--app" ]; then
    sudo apt-get update -qq >/dev/null && sudo apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium not found at /usr/bin/chromium: install it with 'apt-get install chromium'." >&2
    [ "${1:-}" = "--app" ] || exit 1
  fi
fi

if [ "${1:-}" != "--app" ]; then
  need=""
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
  [ -x /usr/sbin/nginx ] || need="$need nginx"
  command -v htpasswd >/dev/null 2>&1 || need="$need apache2-utils"
  if [ -n "$need" ]; then
    echo "Installing Debian's$need (store and team-server tests)..."
    export DEBIAN_FRONTEND=noninteractive
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq >/dev/null
      apt-get install -y -qq $need >/dev/null
      # the packages may start Debian's own services: the tests start their own, on free loopback ports
      for svc in nginx postgresql; do
        case "$need" in *"$svc"*) service "$svc" stop >/dev/null 2>&1 || true ;; esac
      done
    elif command -v sudo >/dev/null 2>&1; then
      sudo apt-get update -qq >/dev/null && sudo apt-get install -y -qq $need >/dev/null
    else
      echo "Install$need with apt-get (the PostgreSQL and team tests fail in CI without them)." >&2
    fi
  fi
fi
