#!/usr/bin/env bash
# backends: sqlite
# A command that reads, refuses or fails writes nothing: no database file appears, no stamp is
# written; a database the tool creates is private to its owner.
. "$WZ_ROOT/tests/cli/lib.sh"

setup() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  export DATABASE_URL="sqlite:///$PWD/t.db"
}

test_status_of_a_missing_database_creates_nothing() {
  setup
  run migrate status
  expect_out "Pending (1)"
  expect_err "does not exist yet"
  [ ! -e t.db ] || fail "migrate status created t.db"
  run migrate up --sql
  expect_rc 0
  expect_out "CREATE TABLE"
  [ ! -e t.db ] || fail "migrate up --sql created t.db"
}

test_commands_that_need_a_database_do_not_create_one() {
  setup
  for cmd in "init-prod" "seed-demo" "db backup" "migrate down" "migrate stamp base"; do
    run $cmd
    expect_rc 1 "$cmd"
    expect_err "make migrate-up"
    [ ! -e t.db ] || fail "'$cmd' created t.db"
  done
}

test_a_refused_migration_writes_no_stamp() {
  setup
  mkdir -p m && printf 'garbage\n' > m/abc_bad.sql
  run migrate up
  expect_rc 0 "first, a real database"
  MIGRATIONS_DIR=m run migrate up
  expect_rc 1
  expect_eq "$(sqlite3 t.db "SELECT count(*) FROM sqlite_master WHERE name = 'wizamart_meta'")" "1" "meta exists from the first run"
  rm t.db*
  sqlite3 t.db "CREATE TABLE keep (x INTEGER)"
  MIGRATIONS_DIR=m run migrate up
  expect_rc 1
  expect_eq "$(sqlite3 t.db "SELECT group_concat(name) FROM sqlite_master")" "keep" "nothing added by a refused run"
}

test_a_new_database_is_private() {
  setup
  run migrate up
  expect_rc 0
  expect_eq "$(stat -c %a t.db)" "600" "database file mode"
}

test_stamp_is_refused_in_production_without_force() {
  setup
  run migrate up
  ENVIRONMENT=production run migrate stamp base
  expect_rc 1
  expect_err "refusing to rewrite the migration history of a production database"
  expect_eq "$(sqlite3 t.db "SELECT count(*) FROM wizamart_migrations")" "1" "history kept"
  ENVIRONMENT=production run migrate stamp base --force
  expect_rc 0
  expect_eq "$(sqlite3 t.db "SELECT count(*) FROM wizamart_migrations")" "0" "stamped with --force"
}

run_tests
