#!/usr/bin/env bash
# backends: postgres
# PostgreSQL processes under concurrency and kills: several `migrate up` at once against a
# database that does not exist yet (replicas starting together) all succeed and migrate it
# once; a `db restore` killed with SIGKILL or SIGTERM while psql applies the dump takes psql
# with it, so nothing is committed after the command died.
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"

test_concurrent_migrate_up_creates_the_database_once() {
  local name
  name=$(_pg_db_name concurrent)
  echo "$name" >>"$_t_dir/.pg_databases"
  export DATABASE_URL="${WZ_PG_URL%/*}/$name"
  local pids=() i
  for i in 1 2 3 4; do
    "$WZ_BIN" migrate up >"up$i.out" 2>"up$i.err" &
    pids+=($!)
  done
  for i in 1 2 3 4; do
    wait "${pids[$((i - 1))]}"
    expect_eq "$?" "0" "migrate up #$i ($(cat "up$i.err"))"
  done
  expect_eq "$(q "SELECT count(*) FROM wizamart_migrations")" \
    "$(find "$MIGRATIONS_DIR" -name '*.sql' | wc -l)" "revisions applied once each"
}

psql_children() { pgrep -P "$1" -x psql; }

kill_during_apply() { # SIGNAL
  use_db
  "$WZ_BIN" migrate up >/dev/null && "$WZ_BIN" init-prod >/dev/null &&
    SEED_PRODUCTS_PER_STORE=2000 SEED_ORDERS_PER_STORE=2000 SEED_CUSTOMERS_PER_STORE=500 \
      "$WZ_BIN" seed-demo >/dev/null || { fail "cannot seed"; return 1; }
  "$WZ_BIN" db backup --output full.dump >/dev/null || { fail "cannot back up"; return 1; }
  qdb "UPDATE stores SET name = 'marker' WHERE id = 1"
  "$WZ_BIN" db restore full.dump --yes >restore.out 2>restore.err &
  local pid=$! child="" i
  for i in $(seq 1 400); do
    child=$(psql_children "$pid")
    [ -n "$child" ] && break
    sleep 0.025
  done
  [ -n "$child" ] || { fail "psql never started: $(cat restore.err)"; return 1; }
  kill "-$1" "$pid"
  wait "$pid" 2>/dev/null
  for i in $(seq 1 100); do
    kill -0 "$child" 2>/dev/null || break
    sleep 0.05
  done
  kill -0 "$child" 2>/dev/null && fail "psql ($child) outlived the killed restore"
  sleep 1
  expect_eq "$(q "SELECT name FROM stores WHERE id = 1")" "marker" "the database after the killed restore"
  ls backups/*.sql 2>/dev/null && fail "plaintext SQL left in backups/"
  return 0
}

test_restore_killed_with_sigkill_takes_psql_with_it() { kill_during_apply KILL; }
test_restore_killed_with_sigterm_takes_psql_with_it() { kill_during_apply TERM; }

run_tests
