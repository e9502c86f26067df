#!/usr/bin/env bash
# backends: postgres
# What a user meets first on PostgreSQL: a server that is down, a wrong password, a database
# that does not exist yet, a server that is still starting. Each failure is one line on
# stderr, exit 1, never the password; `migrate up` and `make db-setup` create a missing
# database (the role wz may); --wait rides out a server that comes up a moment later.
source "$(dirname "$0")/lib.sh"

# The server's URL with another database, user:password or port.
pg_url() { # [db] [userinfo] [port]
  printf 'postgresql://%s@127.0.0.1:%s/%s' "${2:-wz:wzpass}" "${3:-$WZ_PG_PORT}" "${1:-wz_test}"
}


expect_one_line_err() { # text
  expect_err "$1"
  expect_eq "$(grep -c . <<<"$err")" "1" "lines on stderr"
  [[ "$(head -1 <<<"$err")" == "error: "* ]] || fail "stderr does not start with 'error: ': $err"
}

test_unreachable_server() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions" # migrate up checks the revisions first
  local port=1 # privileged: nothing listens there
  DATABASE_URL=$(pg_url wz_test wz:wzpass "$port")
  export DATABASE_URL
  local cmd
  for cmd in "migrate status" "migrate up" "init-prod"; do
    run $cmd
    expect_rc 1 "$cmd"
    expect_one_line_err "cannot connect to PostgreSQL at 127.0.0.1:$port: connection refused; is the server running?"
  done
  expect_no_err "wzpass"
}

test_wrong_password() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  DATABASE_URL=$(pg_url wz_test 'wz:not-the-Passw0rd')
  export DATABASE_URL
  run migrate status
  expect_rc 1
  expect_one_line_err "password authentication failed for user 'wz'; check DATABASE_URL"
  expect_no_err "not-the-Passw0rd"
  expect_no_out "not-the-Passw0rd"
  run migrate up
  expect_rc 1
  expect_one_line_err "password authentication failed for user 'wz'"
}

test_missing_database_is_named_then_created_by_migrate_up() {
  local name
  name=$(_pg_db_name new)
  echo "$name" >>"$_t_dir/.pg_databases"
  DATABASE_URL=$(pg_url "$name")
  export DATABASE_URL MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  run init-prod
  expect_rc 1
  expect_one_line_err "database '$name' does not exist; run \`make migrate-up\` to create it, or create it with createdb"
  # the commands that only read show it as an empty database, and create nothing
  run migrate status
  expect_rc 0
  expect_err "note: database '$name' does not exist yet; showing it as an empty database"
  expect_out "Pending ($(project_revision_count))"
  run migrate up --sql
  expect_rc 0 "--sql touches nothing, not even to create the database"
  expect_out "what would run on postgresql"
  expect_eq "$(DATABASE_URL=$WZ_PG_URL q "SELECT count(*) FROM pg_database WHERE datname = '$name'")" "0" "databases created"
  run migrate up
  expect_rc 0
  expect_err "Created database '$name'"
  expect_eq "$(q "SELECT count(*) FROM wizamart_migrations")" "$(project_revision_count)" "revisions applied"
  run migrate up
  expect_rc 0
  expect_no_err "Created database"
}

test_make_db_setup_creates_a_missing_database() {
  local name
  name=$(_pg_db_name setup)
  echo "$name" >>"$_t_dir/.pg_databases"
  DATABASE_URL=$(pg_url "$name")
  export DATABASE_URL
  # The Makefile's own targets, on the binary under test (-o: never rebuild it here).
  local bdir
  bdir=$(dirname "$WZ_BIN")
  make -C "$WZ_ROOT" --no-print-directory -o "$WZ_BIN" BUILD="${bdir#"$WZ_ROOT"/}" WZ="$WZ_BIN" \
    db-setup >out.txt 2>err.txt </dev/null
  rc=$? out=$(cat out.txt) err=$(cat err.txt)
  expect_rc 0 "make db-setup"
  expect_err "Created database '$name'"
  expect_eq "$(q "SELECT username FROM users WHERE role = 'admin'")" "admin" "admin user"
}

# A server that starts listening a moment after the command: --wait rides it out; without
# --wait the command fails at once. The "server" is a TCP relay to the real one, on a port it
# holds from the start (bound, so refusing, until it listens 1.5 s later).
test_wait_for_a_server_that_is_starting() {
  python3 - port "$WZ_PG_PORT" <<'PY' &
import os, socket, sys, threading, time
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(srv.getsockname()[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(1.5)
srv.listen(8)
srv.settimeout(15)
def pipe(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
try:
    c, _ = srv.accept()
except socket.timeout:
    sys.exit(1)
u = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
t = threading.Thread(target=pipe, args=(u, c))
t.start()
pipe(c, u)
t.join()
PY
  local relay=$! port i
  for ((i = 0; i < 100; i++)); do [ -s port ] && break; sleep 0.05; done
  port=$(cat port)
  DATABASE_URL=$(pg_url wz_test wz:wzpass "$port")
  export DATABASE_URL MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  run migrate status --wait 0
  expect_rc 1
  expect_err "connection refused"
  local start=$SECONDS
  run migrate status --wait 20
  expect_rc 0
  expect_out "Database:   postgresql://wz:****@127.0.0.1:$port/wz_test (postgresql)"
  expect_no_err "cannot connect"
  [ $((SECONDS - start)) -lt 15 ] || fail "--wait took $((SECONDS - start)) s"
  kill "$relay" 2>/dev/null
  wait "$relay" 2>/dev/null
  run migrate status --wait abc
  expect_rc 2
  expect_err "option '--wait' needs a number of seconds"
}

run_tests
