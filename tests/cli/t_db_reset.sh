#!/usr/bin/env bash
# wizamart db reset (make db-reset): after confirmation, a backup, then down to base, up,
# init-prod and seed-demo; refused in production (by ENVIRONMENT or by the database's own
# stamp) with nothing touched. On each backend (PostgreSQL's backup is a pg_dump .dump).
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"

setup_seeded() {
  migrated_db wizamart && run init-prod && run seed-demo
  [ "$rc" -eq 0 ] || fail "cannot seed: $err"
}
dump() { dump_db; }

test_reset_rebuilds_the_database_and_backs_it_up_first() {
  setup_seeded
  qdb "INSERT INTO customers (store_id, email) VALUES (1, 'kept-by-nobody@example.com');
    UPDATE users SET first_name = 'Changed' WHERE username = 'admin';"
  local customers
  customers=$(q "SELECT count(*) FROM customers WHERE is_demo")
  run db reset --yes
  expect_rc 0
  expect_out "Backing up the current database"
  expect_out "Reverted $(project_revisions_text)"
  expect_out "Created 301 demo rows in 3 stores"
  expect_out "✓ Database reset"
  expect_eq "$(q "SELECT count(*) FROM customers WHERE email = 'kept-by-nobody@example.com'")" "0" "a row added by hand"
  expect_eq "$(q "SELECT first_name FROM users WHERE username = 'admin'")" "Platform" "the admin, created again"
  expect_eq "$(q "SELECT count(*) FROM customers")" "$customers" "demo customers"
  local pre
  pre=$(ls backups/*-pre-reset.$BACKUP_EXT)
  expect_eq "$(backup_q "$pre" "SELECT count(*) FROM customers WHERE email = 'kept-by-nobody@example.com'")" "1" "the backup holds the old state"
  run verify
  expect_rc 0
}

test_bad_seed_settings_are_caught_before_anything_is_deleted() {
  setup_seeded
  local before; before=$(dump)
  SEED_CUSTOMERS_PER_STORE=0 run db reset --yes
  expect_rc 2
  expect_err "SEED_ORDERS_PER_STORE=10 needs at least one customer"
  expect_err "nothing was reset"
  expect_eq "$(dump)" "$before" "database after a refused reset"
  expect_eq "$(ls backups 2>/dev/null | wc -l)" "0" "no backup taken"
}

test_a_failure_part_way_names_the_backup_to_restore() {
  setup_seeded
  # A trigger that stops the re-seeding after the schema was rebuilt cannot be planted (the
  # rebuild drops it), so plant a failing downgrade instead: a revision whose down part fails.
  mkdir -p m && cp "$MIGRATIONS_DIR"/*.sql m/
  MIGRATIONS_DIR=m run migrate create --empty -m "breaks on the way down"
  local f; f=$(ls m/*breaks*.sql)
  sed -i 's/^-- +upgrade$/-- +upgrade\nCREATE TABLE extra (id INTEGER);/; s/^-- +downgrade$/-- +downgrade\nDROP TABLE no_such_table;/' "$f"
  MIGRATIONS_DIR=m run migrate up
  expect_rc 0 "apply the extra revision"
  MIGRATIONS_DIR=m run db reset --yes
  expect_rc 1
  expect_err "no_such_table"
  expect_out "restore the previous database with: wizamart db restore backups/"
}

test_reset_of_an_empty_database_takes_no_backup() {
  use_db wizamart
  run db reset --yes
  expect_rc 0
  expect_no_out "Backing up"
  [ -d backups ] && fail "a backup folder for an empty database"
  run verify
  expect_rc 0
}

test_reset_needs_confirmation() {
  setup_seeded
  local before
  before=$(dump)
  run db reset
  expect_rc 1
  expect_err "add --yes"
  expect_eq "$(dump)" "$before" "database"
  [ -d backups ] && fail "a backup was taken without confirmation"
  return 0
}

test_reset_is_refused_in_production() {
  setup_seeded
  local before
  before=$(dump)
  ENVIRONMENT=production run db reset --yes
  expect_rc 1
  expect_err "refusing to reset a production database (ENVIRONMENT is production); nothing was changed"
  expect_eq "$(dump)" "$before" "database"
  qdb "UPDATE wizamart_meta SET value = 'production' WHERE key = 'environment';"
  before=$(dump)
  run db reset --yes
  expect_rc 1
  expect_err "stamped as a production database"
  expect_eq "$(dump)" "$before" "database"
  [ -d backups ] && fail "a backup was taken for a refused reset"
  return 0
}

run_tests
