#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, so the PostgreSQL half of the suite never depends
# on (or disturbs) a cluster the machine already runs, such as the one the Debian package starts.
#
#   tests/pg/pg_server.sh start DIR   creates DIR, starts a server whose files all live in DIR,
#                                     prints `export WZ_PG_URL=...`, `export WZ_PG_PORT=...`
#                                     and `export WZ_PG_BINDIR=...` (its binaries' folder)
#   tests/pg/pg_server.sh stop DIR    stops that server at once and removes DIR
#
# The server listens on 127.0.0.1 only, on a free port of 54320-54399, and on a Unix socket in
# DIR. The socket trusts the local superuser (for setup); TCP asks for a password (scram), so
# the tests exercise real authentication. Role `wz` (password `wzpass`, CREATEDB) owns database
# `wz_test`. Durability is off: the data is thrown away. PostgreSQL refuses to run as root, so
# as root every server command runs as the `postgres` OS user. WZ_PG_BINDIR overrides where the
# server binaries are looked up.
set -euo pipefail

die() {
  echo "pg_server: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

find_bindir() {
  if [ -n "${WZ_PG_BINDIR:-}" ]; then
    [ -x "$WZ_PG_BINDIR/initdb" ] || die "WZ_PG_BINDIR=$WZ_PG_BINDIR has no initdb"
    echo "$WZ_PG_BINDIR"
    return
  fi
  local d best=""
  # Debian keeps the server binaries out of PATH, one folder per major version; take the newest.
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && best=$d
  done
  if [ -z "$best" ] && command -v initdb >/dev/null 2>&1; then
    best=$(dirname "$(command -v initdb)")
  fi
  [ -n "$best" ] || die "no PostgreSQL server binaries found (initdb); run \`make deps\` to install postgresql"
  echo "$best"
}

# Runs a command as the user that owns the server: postgres when we are root, else ourselves.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

server_running() { # dir
  [ -f "$1/data/postmaster.pid" ] && as_pg "$bindir/pg_ctl" -D "$1/data" status >/dev/null 2>&1
}

print_env() { # port
  echo "export WZ_PG_URL=postgresql://wz:wzpass@127.0.0.1:$1/wz_test"
  echo "export WZ_PG_PORT=$1"
  echo "export WZ_PG_BINDIR=$bindir"
}

stop_server() { # dir
  local dir=$1
  if [ -f "$dir/data/postmaster.pid" ] && [ -n "$bindir" ]; then
    # Immediate: nothing in a throwaway server is worth a checkpoint.
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
  fi
}

cmd_start() {
  local dir=$1
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  # Already started by an earlier call: say the same thing again.
  if server_running "$dir" && [ -f "$dir/port" ]; then
    print_env "$(cat "$dir/port")"
    return 0
  fi
  # Leftovers of a crashed run: start clean.
  stop_server "$dir"
  rm -rf "${dir:?}/data" "$dir/port" "$dir/server.log" "$dir"/.s.PGSQL.*

  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist; run \`make deps\` to install postgresql"
    chown postgres: "$dir"
    chmod 700 "$dir"
    as_pg test -w "$dir" ||
      die "user 'postgres' cannot write '$dir' (a parent folder is closed to it); use a folder under /tmp"
  fi
  if [ ${#dir} -gt 80 ]; then
    die "'$dir' is too long for a Unix socket path; use a shorter folder under /tmp"
  fi

  as_pg "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C --no-sync \
    --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 ||
    die "initdb failed; see $dir/initdb.log: $(tail -n 3 "$dir/initdb.log" | tr '\n' ' ')"
  as_pg tee "$dir/data/pg_hba.conf" >/dev/null <<'EOF'
# Throwaway test server (tests/pg/pg_server.sh): setup over the socket, passwords over TCP.
local all all                trust
host  all all 127.0.0.1/32   scram-sha-256
EOF
  as_pg tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF
# tests/pg/pg_server.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
shared_buffers = 16MB
logging_collector = off
EOF

  # Another run may take a port between our check and the server's bind, so a failed start
  # on a busy port moves on to the next one instead of failing.
  local start=$((54320 + RANDOM % 80)) i port started=""
  for ((i = 0; i < 80; i++)); do
    port=$((54320 + (start - 54320 + i) % 80))
    port_busy "$port" && continue
    if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port" -w -t 20 \
      start >/dev/null 2>&1; then
      started=1
      break
    fi
    grep -q "could not bind\|Address already in use\|could not create any TCP/IP sockets" \
      "$dir/server.log" 2>/dev/null ||
      die "the server did not start; see $dir/server.log: $(tail -n 3 "$dir/server.log" 2>/dev/null | tr '\n' ' ')"
  done
  [ -n "$started" ] || die "no free port in 54320-54399"

  as_pg "$bindir/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE wz LOGIN CREATEDB PASSWORD 'wzpass'" \
    -c "CREATE DATABASE wz_test OWNER wz" >"$dir/setup.log" 2>&1 || {
    stop_server "$dir"
    die "creating role wz and database wz_test failed: $(tr '\n' ' ' <"$dir/setup.log")"
  }
  echo "$port" >"$dir/port"
  print_env "$port"
}

cmd_stop() {
  local dir=$1
  [ -e "$dir" ] || return 0
  stop_server "$dir"
  rm -rf "${dir:?}"
}

[ $# -eq 2 ] || usage
[ -n "$2" ] || usage
case $1 in
start)
  bindir=$(find_bindir)
  cmd_start "$2"
  ;;
stop)
  # Removing DIR must work even when the binaries are gone or never were.
  bindir=$(find_bindir 2>/dev/null) || bindir=""
  cmd_stop "$2"
  ;;
*) usage ;;
esac
