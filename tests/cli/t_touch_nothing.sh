#!/usr/bin/env bash
# A command that reads, refuses or fails writes nothing, on each backend: no database appears
# (no SQLite file, no PostgreSQL database), no stamp is written; a database file the tool
# creates is private to its owner.
. "$WZ_ROOT/tests/cli/lib.sh"

# DATABASE_URL names a database that does not exist (yet).
setup() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  if [ "$WZ_BACKEND" = sqlite ]; then
    export DATABASE_URL="sqlite:///$PWD/t.db"
  else
    MISSING=$(_pg_db_name missing)
    echo "$MISSING" >>"$_t_dir/.pg_databases"
    export DATABASE_URL="${WZ_PG_URL%/*}/$MISSING"
  fi
}
db_exists() {
  if [ "$WZ_BACKEND" = sqlite ]; then
    [ -e t.db ]
  else
    [ "$(DATABASE_URL=$WZ_PG_URL q "SELECT count(*) FROM pg_database WHERE datname = '$MISSING'")" = 1 ]
  fi
}

test_status_of_a_missing_database_creates_nothing() {
  setup
  run migrate status
  expect_rc 0
  expect_out "Pending ($(project_revision_count))"
  expect_err "does not exist yet"
  db_exists && fail "migrate status created the database"
  run migrate up --sql
  expect_rc 0
  expect_out "CREATE TABLE"
  expect_out "what would run on $WZ_DIALECT"
  db_exists && fail "migrate up --sql created the database"
  return 0
}

test_commands_that_need_a_database_do_not_create_one() {
  setup
  for cmd in "init-prod" "seed-demo" "db backup" "migrate down" "migrate stamp base"; do
    run $cmd
    expect_rc 1 "$cmd"
    expect_err "make migrate-up"
    db_exists && fail "'$cmd' created the database"
  done
  return 0
}

test_a_refused_migration_writes_no_stamp() {
  use_db
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  mkdir -p m && printf 'garbage\n' > m/abc_bad.sql
  run migrate up
  expect_rc 0 "first, a real database"
  MIGRATIONS_DIR=m run migrate up
  expect_rc 1
  [[ " $(tables)" == *" wizamart_meta "* ]] || fail "no meta from the first run: $(tables)"
  use_db second
  qdb "CREATE TABLE keep (x INTEGER)"
  MIGRATIONS_DIR=m run migrate up
  expect_rc 1
  expect_eq "$(tables)" "keep " "nothing added by a refused run"
}

test_stamp_is_refused_in_production_without_force() {
  use_db
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  run migrate up
  ENVIRONMENT=production run migrate stamp base
  expect_rc 1
  expect_err "refusing to rewrite the migration history of a production database"
  expect_eq "$(q "SELECT count(*) FROM wizamart_migrations")" "$(project_revision_count)" "history kept"
  ENVIRONMENT=production run migrate stamp base --force
  expect_rc 0
  expect_eq "$(q "SELECT count(*) FROM wizamart_migrations")" "0" "stamped with --force"
}

if [ "$WZ_BACKEND" = sqlite ]; then
  test_a_new_database_is_private() {
    setup
    run migrate up
    expect_rc 0
    expect_eq "$(stat -c %a t.db)" "600" "database file mode"
  }
fi

run_tests
