#!/usr/bin/env bash
# The pre-migration backup, on each backend: taken in staging and production
# (BACKUP_BEFORE_MIGRATE=auto) when there is something to apply, never otherwise; a failed
# backup stops the migration.
. "$WZ_ROOT/tests/cli/lib.sh"

setup() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  use_db
  DBN=t
  [ "$WZ_BACKEND" = sqlite ] || DBN=${DATABASE_URL##*/}
}
nbackups() { ls backups 2>/dev/null | grep -c 'pre-migrate' ; }

test_staging_backs_up_before_applying() {
  setup
  ENVIRONMENT=staging run migrate up
  expect_rc 0
  expect_out "Backed up before applying $(project_revisions_text): backups/$DBN-"
  expect_eq "$(nbackups)" "1" "pre-migrate backups"
  local f
  f=$(ls backups/*pre-migrate."$BACKUP_EXT")
  expect_eq "$(stat -c %a "$f")" "600" "backup mode"
  # the state before the revision: the bookkeeping, no platform table yet
  # The database as it was: not migrated yet, so without the migration tables either.
  expect_eq "$(backup_q "$f" "SELECT count(*) FROM $( [ "$WZ_BACKEND" = sqlite ] && echo sqlite_master || echo pg_tables) WHERE $( [ "$WZ_BACKEND" = sqlite ] && echo name || echo tablename) = 'wizamart_migrations'")" "0" "migration tables in the backup"
  if [ "$WZ_BACKEND" = sqlite ]; then
    expect_eq "$(sqlite3 "$f" 'PRAGMA integrity_check')" "ok" "backup integrity"
  else
    pg_restore --list "$f" >/dev/null || fail "pg_restore cannot read $f"
  fi
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
  [[ " $(tables)" != *" users "* ]] || fail "users was created: $(tables)"
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
