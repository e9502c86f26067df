#!/usr/bin/env bash
# backends: sqlite
# The pre-migration backup: taken in staging and production (BACKUP_BEFORE_MIGRATE=auto) when
# there is something to apply, never otherwise; a failed backup stops the migration.
. "$WZ_ROOT/tests/cli/lib.sh"

setup() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  export DATABASE_URL="sqlite:///$PWD/t.db"
}
nbackups() { ls backups 2>/dev/null | grep -c 'pre-migrate' ; }

test_staging_backs_up_before_applying() {
  setup
  ENVIRONMENT=staging run migrate up
  expect_rc 0
  expect_out "Backed up before applying 1 revision: backups/t-"
  expect_eq "$(nbackups)" "1" "pre-migrate backups"
  expect_eq "$(stat -c %a backups/*pre-migrate.sqlite)" "600" "backup mode"
  expect_eq "$(sqlite3 backups/*pre-migrate.sqlite 'PRAGMA integrity_check')" "ok" "backup integrity"
}

test_nothing_to_apply_takes_no_backup() {
  setup
  ENVIRONMENT=staging run migrate up
  ENVIRONMENT=staging run migrate up
  expect_rc 0
  expect_no_out "Backed up"
  expect_eq "$(nbackups)" "1" "pre-migrate backups"
}

test_development_skips_unless_asked() {
  setup
  run migrate up
  expect_rc 0
  expect_no_out "Backed up"
  expect_eq "$(nbackups)" "0" "no backup in development"
  run migrate down
  BACKUP_BEFORE_MIGRATE=true run migrate up
  expect_rc 0
  expect_out "Backed up before applying"
  expect_eq "$(nbackups)" "1" "asked for"
}

test_staging_opt_out() {
  setup
  ENVIRONMENT=staging BACKUP_BEFORE_MIGRATE=false run migrate up
  expect_rc 0
  expect_eq "$(nbackups)" "0" "opted out"
}

test_failed_backup_stops_the_migration() {
  setup
  touch not-a-dir
  ENVIRONMENT=staging BACKUP_DIR=not-a-dir run migrate up
  expect_rc 1
  expect_err "refusing to migrate without the pre-migration backup"
  expect_eq "$(sqlite3 t.db "SELECT count(*) FROM sqlite_master WHERE name = 'users'")" "0" "nothing applied"
}

test_production_down_with_force_backs_up_first() {
  setup
  ENVIRONMENT=production run migrate up
  ENVIRONMENT=production run migrate down --force
  expect_rc 0
  expect_out "Backed up before reverting 1 revision"
  expect_eq "$(nbackups)" "2" "one backup before up, one before down"
}

run_tests
