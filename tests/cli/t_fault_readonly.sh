#!/usr/bin/env bash
# Read-only files under the writing commands (issue 11, tests/faults/README.md): a read-only
# database file (0444), a read-only folder around a writable database (0555: SQLite cannot
# create its -wal, -shm and lock files there), a read-only BACKUP_DIR, and on PostgreSQL a
# database whose transactions are read-only. Each command that has something to write exits
# 1 with one error line that names the path and what to do, and changes nothing.
#
# The commands run as `nobody` (setpriv): root ignores file modes, so a test run as root would
# write anyway. setpriv rather than `chattr +i`, because an immutable file fails with EPERM
# for everyone (and not on every file system), while a service user meeting a file it may not
# write is the case that happens.
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
# MIGRATED: at head, nothing else. BASE: MIGRATED plus init-prod.
MIGRATED=$(script_db_url migrated_only) &&
  DATABASE_URL=$MIGRATED "$WZ_BIN" migrate up >/dev/null &&
  BASE=$(script_db_url base) &&
  DATABASE_URL=$BASE "$WZ_BIN" migrate up >/dev/null &&
  DATABASE_URL=$BASE "$WZ_BIN" init-prod >/dev/null ||
  { echo "Bail out! cannot build the template databases"; exit 1; }
NOBODY=65534

# run, as nobody, in a test folder nobody may use.
run_nobody() {
  chown -R "$NOBODY:$NOBODY" "$PWD" && chmod 0755 "$PWD"
  local bin=$WZ_BIN
  WZ_BIN=setpriv run --reuid="$NOBODY" --regid="$NOBODY" --clear-groups "$bin" "$@"
}
# The one error line: exit 1, first line an error naming PATH and saying what to do.
expect_refusal() { # PATH WHAT
  expect_rc 1 "$2"
  local first=${err%%$'\n'*}
  [[ "$first" == error:* ]] || fail "$2: stderr does not start with 'error:': '$err'"
  expect_eq "$(grep -c '^error:' <<<"$err")" 1 "error lines on stderr ($2): '$err'"
  [[ "$first" == *"$1"* ]] || fail "$2: the error line does not name '$1': '$first'"
  grep -qiE 'writable|chmod|chown|owner' <<<"$first" ||
    fail "$2: the error line does not say what to do (make it writable, its owner): '$first'"
}
# A folder's files with their contents, for "nothing changed". SQLite's own -wal and -shm
# (left empty when a read-only database is closed: it cannot checkpoint) and the migration
# lock file are companions, not data, and are left out.
snapshot() { # DIR
  (cd "$1" && find . -type f ! -name '.run.*' ! -name '*-wal' ! -name '*-shm' \
    ! -name '*-migrate.lock' -print0 | sort -z | xargs -0r sha256sum)
}

pending_revision() { # DIR
  mkdir -p "$1"
  cp "$WZ_ROOT"/migrations/versions/*.sql "$1"/
  cat >"$1/fa17000000c1_fault_pending.sql" <<EOF
-- wizamart revision
-- revision: fa17000000c1
-- down_revision: $(project_head)
-- message: fault suite: a pending revision
-- created: 2026-11-27T00:00:00Z

-- +upgrade
CREATE TABLE fault_pending (id BIGINT PRIMARY KEY);

-- +downgrade
DROP TABLE fault_pending;
EOF
}

# Each writing command against the database copied from TEMPLATE into DIR/t.db, with the
# file's mode FILE_MODE and the folder's DIR_MODE; PATH is what the error must name.
sqlite_case() { # TEMPLATE FILE_MODE DIR_MODE PATH_KIND ARGS...
  local template=$1 fmode=$2 dmode=$3 kind=$4
  shift 4
  mkdir -p d && chmod 0755 d
  rm -f d/t.db*
  cp "${template#sqlite:///}" d/t.db
  export DATABASE_URL="sqlite:///$PWD/d/t.db"
  chown -R "$NOBODY:$NOBODY" d && chmod "$fmode" d/t.db && chmod "$dmode" d
  local before named
  before=$(snapshot d)
  [ "$kind" = file ] && named=$PWD/d/t.db || named=$PWD/d
  run_nobody "$@"
  expect_refusal "$named" "$* on a database with mode $fmode in a folder with mode $dmode"
  chmod 0755 d
  expect_eq "$(snapshot d)" "$before" "the folder after '$*' ($fmode/$dmode)"
}

test_sqlite_read_only_database_file() {
  [ "$WZ_BACKEND" = sqlite ] || return 0
  pending_revision revs
  MIGRATIONS_DIR=$PWD/revs sqlite_case "$BASE" 0444 0755 file migrate up
  sqlite_case "$MIGRATED" 0444 0755 file init-prod
  sqlite_case "$BASE" 0444 0755 file seed-demo
}

test_sqlite_read_only_folder() {
  [ "$WZ_BACKEND" = sqlite ] || return 0
  pending_revision revs
  MIGRATIONS_DIR=$PWD/revs sqlite_case "$BASE" 0644 0555 dir migrate up
  sqlite_case "$MIGRATED" 0644 0555 dir init-prod
  sqlite_case "$BASE" 0644 0555 dir seed-demo
}

test_read_only_backup_dir() {
  copy_db "$BASE"
  mkdir -p backups
  local before
  before=$(dump_db)
  chown -R "$NOBODY:$NOBODY" "$PWD"
  chmod 0555 backups
  if [ "$WZ_BACKEND" = sqlite ]; then chown "$NOBODY:$NOBODY" t.db*; fi
  export BACKUP_DIR=$PWD/backups
  run_nobody db backup
  chmod 0555 backups
  expect_refusal "$PWD/backups" "db backup into a read-only BACKUP_DIR"
  expect_eq "$(find backups -type f | wc -l)" 0 "files in the read-only BACKUP_DIR"
  expect_eq "$(dump_db)" "$before" "the database after the refused backup"
}

# PostgreSQL: a database set read-only (a standby, or default_transaction_read_only).
pg_read_only() { q "ALTER DATABASE \"${DATABASE_URL##*/}\" SET default_transaction_read_only = on"; }
pg_case() { # WHAT ARGS...
  local what=$1 before
  shift
  before=$(dump_db)
  run "$@"
  expect_rc 1 "$what"
  [[ "$err" == error:*read-only* ]] || fail "$what: the first error line does not say read-only: '$err'"
  expect_eq "$(grep -c '^error:' <<<"$err")" 1 "error lines on stderr ($what): '$err'"
  expect_eq "$(dump_db)" "$before" "the database after $what"
}
test_postgres_read_only_database() {
  [ "$WZ_BACKEND" = postgres ] || return 0
  pending_revision revs
  copy_db "$BASE"
  pg_read_only
  MIGRATIONS_DIR=$PWD/revs pg_case "migrate up on a read-only database" migrate up
  pg_case "seed-demo on a read-only database" seed-demo
  copy_db "$MIGRATED" m
  pg_read_only
  pg_case "init-prod on a read-only database" init-prod
}

run_tests
