#!/usr/bin/env bash
# make valgrind: the main flows of the binary under valgrind's memcheck on a throwaway SQLite
# database (migrate up, init-prod, seed-demo, verify, validate, db backup, config show, and
# the server answering a few requests until SIGTERM). Any memory error, and any definite or
# indirect leak, fails the run; each step prints one line, a failing one its valgrind log.
#   scripts/valgrind.sh [BUILD]   (default: build)
set -uo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/wizamart"
[ -x "$bin" ] || { echo "error: $bin is missing; run make build" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "error: valgrind is missing; run make deps" >&2; exit 2; }
command -v curl >/dev/null || { echo "error: curl is missing; run make deps" >&2; exit 2; }

work=$(mktemp -d)
server=""
cleanup() {
  [ -z "$server" ] || kill -KILL "$server" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work" || exit 1

# The settings come from here alone: none of the caller's, and no .env but this one.
for v in $(compgen -e); do
  case $v in PATH | HOME | LANG | LC_* | TMPDIR | TERM) ;; *) unset "$v" ;; esac
done
cat >.env <<EOF
DATABASE_URL=sqlite:///$work/wizamart.db
MIGRATIONS_DIR=$root/migrations/versions
BACKUP_DIR=$work/backups
SEED_DEMO_STORES=2
SEED_CUSTOMERS_PER_STORE=5
SEED_PRODUCTS_PER_STORE=5
SEED_ORDERS_PER_STORE=5
EOF

vg=(valgrind --quiet --leak-check=full "--errors-for-leak-kinds=definite,indirect"
  "--show-leak-kinds=definite,indirect" --error-exitcode=99)
failed=0

# One step: the command under valgrind, its own log; valgrind's findings exit 99, anything
# else not 0 is the command itself failing.
step() { # name args...
  local name=$1 rc
  shift
  "${vg[@]}" --log-file="$work/vg.$name.log" "$bin" "$@" >"$work/out.$name" 2>&1 </dev/null
  rc=$?
  report "$name" "$rc"
}
report() { # name rc
  if [ "$2" -eq 0 ] && [ ! -s "$work/vg.$1.log" ]; then
    printf '  ok    %s\n' "$1"
    return
  fi
  failed=1
  if [ "$2" -eq 99 ] || [ -s "$work/vg.$1.log" ]; then
    printf '  FAIL  %s: valgrind found errors (exit %s)\n' "$1" "$2"
    cat "$work/vg.$1.log"
  else
    printf '  FAIL  %s: exit %s\n' "$1" "$2"
    cat "$work/out.$1"
  fi
}

echo "valgrind: $bin on $work/wizamart.db"
step migrate-up migrate up
step init-prod init-prod
step seed-demo seed-demo
step verify verify
step validate validate
step db-backup db backup
step config-show config show

# The server: a free port, a few requests of each kind, then SIGTERM, which it answers by
# finishing what is in flight and exiting 0.
"${vg[@]}" --log-file="$work/vg.serve.log" "$bin" serve --port 0 >"$work/out.serve" 2>&1 </dev/null &
server=$!
port=""
for _ in $(seq 1 600); do # valgrind starts slowly: up to 60 s
  port=$(sed -n 's|^API available at: http://[^:]*:\([0-9]*\)$|\1|p' "$work/out.serve" 2>/dev/null)
  [ -n "$port" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  kill -KILL "$server" 2>/dev/null
  wait "$server" 2>/dev/null
  server=""
  report serve 1
else
  url="http://127.0.0.1:$port"
  requests_ok=1
  for path in /healthz /readyz /openapi.json /docs /api/v1/no-such-route /admin/login; do
    curl -s -o /dev/null --max-time 30 "$url$path" || requests_ok=0
  done
  curl -s -o /dev/null --max-time 30 -H 'Content-Type: application/json' \
    --data-binary '{"username": "admin", "password": "admin123"}' "$url/api/v1/auth/login" ||
    requests_ok=0
  kill -TERM "$server"
  wait "$server"
  rc=$?
  server=""
  [ "$requests_ok" -eq 1 ] || { echo "a request to the server failed" >>"$work/out.serve"; rc=1; }
  report serve "$rc"
fi

if [ "$failed" -ne 0 ]; then
  echo "valgrind: FAILED"
  exit 1
fi
echo "valgrind: ok"
