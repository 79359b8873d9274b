#!/usr/bin/env bash
# Several app servers behind Debian's nginx on one PostgreSQL, for a team: one command starts them all.
#
#   scripts/team.sh --users FILE [--servers N] [--listen ADDR:PORT] [--db URL] [--dir DIR]
#
#   --users FILE     htpasswd file of the team (required: without it anyone on the meeting-room network
#                    could save over the team's scenarios). Create it with:  htpasswd -c team.htpasswd alice
#   --servers N      app servers (default 2), each on 127.0.0.1 only: the proxy is the only way in
#   --listen A:P     where nginx listens (default 127.0.0.1:8080; 0.0.0.0:8080 to serve the room's network)
#   --db URL         the team's PostgreSQL (default: POSTURE_DATABASE_URL; with neither, a PostgreSQL
#                    cluster is created in DIR/pg and started on 127.0.0.1: enough for one machine)
#   --dir DIR        run directory: nginx config, logs, pid files (default: ./team-run)
#
# Each browser session sticks to one app server (a cookie, posture_server, picked at random on the first
# request; Streamlit keeps a session's state in the server that holds its websocket). If that server stops,
# nginx sends the session to the next one (it starts a fresh session there). nginx authenticates every
# request (HTTP basic authentication) and passes the user to the app (X-Posture-User: the default author
# of a save). Stop everything with Ctrl-C or SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

servers=2 listen=127.0.0.1:8080 db=${POSTURE_DATABASE_URL:-} dir=$ROOT/team-run users=""
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) servers=$2; shift 2 ;;
    --listen) listen=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "team.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done
fail() { echo "team.sh: $*" >&2; exit 1; }
[ -n "$users" ] || fail "--users FILE is required (the team's htpasswd file: htpasswd -c team.htpasswd alice)"
[ -r "$users" ] || fail "cannot read the users file $users"
grep -q ':' "$users" || fail "$users has no user (htpasswd -c $users alice)"
case "$servers" in ''|*[!0-9]*) fail "--servers must be a number" ;; esac
[ "$servers" -ge 1 ] && [ "$servers" -le 9 ] || fail "--servers must be from 1 to 9"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || fail "nginx not found: apt-get install nginx"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || fail "no Python environment: run scripts/setup.sh --app first"

mkdir -p "$dir"/tmp "$dir"/logs
dir=$(cd "$dir" && pwd)
pids=()
pg_started=""
cleanup() {
  trap - EXIT INT TERM
  kill "$(cat "$dir/nginx.pid" 2>/dev/null)" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$pg_started" ]; then as_pg "$PGBIN/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  echo "team.sh: stopped"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# --- the database
if [ -z "$db" ]; then
  PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
  [ -x "$PGBIN/initdb" ] || fail "no --db and no PostgreSQL to start: apt-get install postgresql, or pass --db URL"
  mkdir -p "$dir/pg"
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$dir/pg"
    runuser -u postgres -- test -w "$dir/pg" || fail "the postgres user cannot reach $dir/pg: choose a --dir whose folders it may enter"
  fi
  if [ ! -f "$dir/pg/data/PG_VERSION" ]; then
    as_pg "$PGBIN/initdb" -D "$dir/pg/data" -U posture -A trust -E UTF8 --no-instructions >"$dir/logs/initdb.log"
  fi
  pgport=$(free_port)
  as_pg "$PGBIN/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 60 \
    -o "-p $pgport -k $dir/pg -c listen_addresses=127.0.0.1" start >/dev/null
  pg_started=1
  "$PY" - "$pgport" <<'EOF'
import sys, psycopg
with psycopg.connect(f"host=127.0.0.1 port={sys.argv[1]} user=posture dbname=postgres", autocommit=True) as c:
    if not c.execute("SELECT 1 FROM pg_database WHERE datname = 'posture'").fetchone():
        c.execute("CREATE DATABASE posture")
EOF
  db="postgresql://posture@127.0.0.1:$pgport/posture"
fi
export POSTURE_DATABASE_URL=$db
# one migration before the servers start (they would also do it, under a lock): a bad URL stops here
"$PY" -m posture saved list >/dev/null || fail "the database cannot be used (see the line above)"

# --- the app servers, on loopback only
upstreams="" ports=()
for i in $(seq 1 "$servers"); do
  port=$(free_port)
  ports+=("$port")
  "$PY" -m streamlit run "$ROOT/app.py" --server.port "$port" --server.address 127.0.0.1 --server.headless true \
    --browser.gatherUsageStats false >"$dir/logs/app$i.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$servers"); do
  next=$(( i % servers + 1 ))
  backup=""
  [ "$servers" -gt 1 ] && backup="server 127.0.0.1:${ports[$((next-1))]} backup;"
  upstreams+="upstream posture_$i { server 127.0.0.1:${ports[$((i-1))]} max_fails=1 fail_timeout=5s; $backup }
"
done
split="" pct=$(( 100 / servers ))
for i in $(seq 1 "$servers"); do
  if [ "$i" -lt "$servers" ]; then split+="    $pct% $i;
"; else split+="    * $i;
"; fi
done

# --- the proxy: authentication, sticky sessions, websockets
install -m 0640 "$users" "$dir/htpasswd"
user_line=""
if [ "$(id -u)" = 0 ]; then
  user_line="user www-data;"
  chgrp www-data "$dir/htpasswd"
  chown -R www-data "$dir/tmp"
fi
cat >"$dir/nginx.conf" <<EOF
# Written by scripts/team.sh; rewritten on every start.
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log $dir/logs/nginx-access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server_tokens off;
$upstreams
  # a new browser gets a server at random; its cookie keeps it there (websocket and reloads alike)
  split_clients "\${request_id}" \$posture_new {
$split  }
  map \$cookie_posture_server \$posture_server {
    "~^([1-9][0-9]*)\$" \$cookie_posture_server;
    default \$posture_new;
  }
  map \$http_upgrade \$connection_upgrade { default upgrade; "" close; }
  server {
    listen $listen;
    auth_basic "Kazakhstan posture dashboard (team)";
    auth_basic_user_file $dir/htpasswd;
    client_max_body_size 50m;
    location / {
      if (\$posture_server !~ "^[1-$servers]\$") { set \$posture_server 1; }
      add_header Set-Cookie "posture_server=\$posture_server; Path=/; HttpOnly; SameSite=Lax" always;
      add_header X-Posture-Server \$posture_server always;
      proxy_pass http://posture_\$posture_server;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Posture-User \$remote_user;
      proxy_set_header Authorization "";
      proxy_read_timeout 86400s;
      proxy_send_timeout 86400s;
      proxy_buffering off;
      proxy_next_upstream error timeout http_502 http_503;
    }
  }
}
EOF
"$NGINX" -t -p "$dir" -c "$dir/nginx.conf" >"$dir/logs/nginx-test.log" 2>&1 || { cat "$dir/logs/nginx-test.log" >&2; fail "nginx refused its configuration"; }

# --- wait for the servers, then the proxy
for i in $(seq 1 "$servers"); do
  ok=""
  for _ in $(seq 1 300); do
    if "$PY" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:${ports[$((i-1))]}/_stcore/health', timeout=2)" 2>/dev/null; then ok=1; break; fi
    kill -0 "${pids[$((i-1))]}" 2>/dev/null || { tail -20 "$dir/logs/app$i.log" >&2; fail "app server $i exited"; }
    sleep 0.5
  done
  [ -n "$ok" ] || fail "app server $i did not start (see $dir/logs/app$i.log)"
done
"$NGINX" -p "$dir" -c "$dir/nginx.conf" -g "daemon off;" &
pids+=($!)
for _ in $(seq 1 50); do [ -f "$dir/nginx.pid" ] && break; sleep 0.2; done
safe_db=$("$PY" -c "import sys; from sqlalchemy.engine import make_url; print(make_url(sys.argv[1]).render_as_string(hide_password=True))" "$db")
echo "team.sh: ready at http://$listen ($servers app servers on ports ${ports[*]}; database $safe_db)"
wait "${pids[-1]}" || true  # nginx; an app server that stops is replaced by its backup in the proxy
echo "team.sh: nginx stopped; stopping the app servers" >&2
