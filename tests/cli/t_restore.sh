#!/usr/bin/env bash
# wizamart db restore: the file is checked first, confirmation is required, the current
# database is backed up first, and the database ends either fully restored or unchanged.
source "$WZ_ROOT/tests/cli/lib.sh"

fixture() {
  sqlite3 -batch "${1:-wizamart.db}" >/dev/null <<'SQL'
PRAGMA journal_mode = WAL;
CREATE TABLE wizamart_migrations (revision TEXT PRIMARY KEY, checksum TEXT, filename TEXT,
  message TEXT, applied_at TEXT, execution_ms INTEGER);
INSERT INTO wizamart_migrations VALUES ('0001abcd', 'x', '0001abcd_init.sql', 'init',
  '2025-01-01T00:00:00Z', 1);
CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);
INSERT INTO t (a) VALUES ('one'), ('two');
SQL
}

# Everything in the database, as text: the before/after comparison of "unchanged".
dump() { sqlite3 -batch wizamart.db .dump; }

backup_now() {
  run db backup --output "$1"
  [ "$rc" -eq 0 ] || fail "backup failed: $err"
}

test_restore_brings_back_the_backup_and_saves_the_current_state_first() {
  fixture
  backup_now snap.sqlite
  sql wizamart.db "INSERT INTO t (a) VALUES ('three'); CREATE TABLE later (x);"
  run db restore snap.sqlite --yes
  expect_rc 0
  expect_out "Restored snap.sqlite"
  expect_eq "$(sql wizamart.db 'SELECT group_concat(a) FROM t')" "one,two" "rows after restore"
  expect_eq "$(sql wizamart.db "SELECT count(*) FROM sqlite_master WHERE name = 'later'")" "0" \
    "a table created after the backup"
  local pre
  pre=$(ls backups/*-pre-restore.sqlite)
  expect_out "$pre"
  expect_eq "$(sql "$pre" 'SELECT group_concat(a) FROM t')" "one,two,three" "the safety backup"
  expect_eq "$(sql wizamart.db 'PRAGMA integrity_check')" "ok" "integrity"
}

test_restore_without_confirmation_changes_nothing() {
  fixture
  backup_now snap.sqlite
  sql wizamart.db "INSERT INTO t (a) VALUES ('three');"
  local before
  before=$(dump)
  run db restore snap.sqlite
  expect_rc 1
  expect_err "add --yes"
  expect_eq "$(dump)" "$before" "database"
  expect_eq "$(ls backups 2>/dev/null | wc -l)" "0" "backups taken"
}

test_restore_from_a_damaged_file_is_refused_and_changes_nothing() {
  fixture
  sql wizamart.db "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 500)
    INSERT INTO t (a) SELECT printf('row %d %s', i, hex(randomblob(40))) FROM c;"
  backup_now snap.sqlite
  # Garbage over a few pages in the middle of the file, header intact.
  head -c 8192 /dev/urandom | dd of=snap.sqlite bs=1 seek=20480 conv=notrunc status=none
  sql wizamart.db "INSERT INTO t (a) VALUES ('after the backup');"
  local before
  before=$(dump)
  run db restore snap.sqlite --yes
  expect_rc 1
  expect_err "snap.sqlite' is damaged"
  expect_err "nothing was restored"
  expect_eq "$(dump)" "$before" "database"
  expect_eq "$(ls backups 2>/dev/null | wc -l)" "0" "backups taken"
}

test_restore_from_a_truncated_file_is_refused() {
  fixture
  sql wizamart.db "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 500)
    INSERT INTO t (a) SELECT hex(randomblob(100)) FROM c;"
  backup_now snap.sqlite
  truncate -s 12288 snap.sqlite
  local before
  before=$(dump)
  run db restore snap.sqlite --yes
  expect_rc 1
  expect_eq "$(dump)" "$before" "database"
}

test_restore_refuses_files_that_are_not_wizamart_backups() {
  fixture
  local before
  before=$(dump)
  echo "not a database" >notes.txt
  run db restore notes.txt --yes
  expect_rc 1
  expect_err "not a SQLite database"
  sql foreign.db "CREATE TABLE x (y); INSERT INTO x VALUES (1);"
  run db restore foreign.db --yes
  expect_rc 1
  expect_err "no wizamart_migrations table"
  run db restore missing.sqlite --yes
  expect_rc 1
  expect_err "cannot read 'missing.sqlite'"
  run db restore wizamart.db --yes
  expect_rc 2
  expect_err "the live database itself"
  expect_eq "$(dump)" "$before" "database"
}

test_restore_failing_midway_leaves_the_database_unchanged() {
  fixture
  # A 4 MB backup, restored under a 1 MB file-size limit: the write fails partway through.
  fixture big.sqlite
  sql big.sqlite "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 4000)
    INSERT INTO t (a) SELECT hex(randomblob(500)) FROM c; PRAGMA journal_mode = DELETE;" >/dev/null
  local before
  before=$(dump)
  (
    trap '' XFSZ
    ulimit -f 1024
    run db restore big.sqlite --yes
    echo "$rc" >rc.txt
    echo "$err" >err.txt
  )
  expect_eq "$(cat rc.txt)" "1" "exit status"
  grep -q "rolled back, the database is unchanged" err.txt || fail "stderr: $(cat err.txt)"
  expect_eq "$(dump)" "$before" "database"
  expect_eq "$(sql wizamart.db 'PRAGMA integrity_check')" "ok" "integrity"
}

test_restore_of_another_page_size_succeeds() {
  fixture
  sqlite3 -batch other.sqlite >/dev/null <<'SQL'
PRAGMA page_size = 1024;
CREATE TABLE wizamart_migrations (revision TEXT PRIMARY KEY, applied_at TEXT);
CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);
INSERT INTO t (a) VALUES ('from elsewhere');
SQL
  run db restore other.sqlite --yes
  expect_rc 0
  expect_eq "$(sql wizamart.db 'SELECT a FROM t')" "from elsewhere" "rows"
  expect_eq "$(sql wizamart.db 'PRAGMA journal_mode')" "wal" "journal mode after"
}

test_restore_is_refused_in_production_without_force() {
  fixture
  backup_now snap.sqlite
  sql wizamart.db "INSERT INTO t (a) VALUES ('three');"
  local before
  before=$(dump)
  ENVIRONMENT=production run db restore snap.sqlite --yes
  expect_rc 1
  expect_err "refusing to restore over a production database"
  expect_eq "$(dump)" "$before" "database"
  # A development .env pointed at a database stamped production is refused too.
  sql wizamart.db "CREATE TABLE wizamart_meta (key TEXT PRIMARY KEY, value TEXT);
    INSERT INTO wizamart_meta VALUES ('environment', 'production');"
  before=$(dump)
  run db restore snap.sqlite --yes
  expect_rc 1
  expect_err "stamped as a production database"
  expect_eq "$(dump)" "$before" "database"
  expect_eq "$(ls backups 2>/dev/null | wc -l)" "0" "backups taken"
  run db restore snap.sqlite --yes --force
  expect_rc 0
  expect_eq "$(sql wizamart.db 'SELECT group_concat(a) FROM t')" "one,two" "rows after --force"
  expect_eq "$(sql wizamart.db "SELECT value FROM wizamart_meta WHERE key = 'environment'")" \
    "production" "the stamp survives a restore of a development backup"
}

test_restore_never_prunes_the_file_it_restores_from() {
  fixture
  run db backup
  local f
  f=$(ls backups/*.sqlite)
  sql wizamart.db "INSERT INTO t (a) VALUES ('three');"
  sleep 1
  BACKUP_KEEP=1 run db restore "$f" --yes
  expect_rc 0
  [ -f "$f" ] || fail "the source backup $f was pruned"
  expect_eq "$(sql wizamart.db 'SELECT count(*) FROM t')" "2" "rows"
}

# ---- PostgreSQL

pg_fresh() { # name -> URL of a new database with the migration table and two rows
  local name="wz_restore_$1_$$"
  psql -q "$WZ_PG_URL" -c "CREATE DATABASE $name" >/dev/null
  local url="${WZ_PG_URL%/*}/$name"
  psql -q "$url" >/dev/null <<'SQL'
CREATE TABLE wizamart_migrations (revision TEXT PRIMARY KEY, applied_at TEXT);
INSERT INTO wizamart_migrations VALUES ('0001abcd', '2025-01-01T00:00:00Z');
CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, a TEXT);
INSERT INTO t (a) VALUES ('one'), ('two');
SQL
  echo "$url"
}

test_restore_postgres_round_trip_drops_what_came_later() {
  local url
  url=$(pg_fresh trip)
  DATABASE_URL=$url run db backup --output snap.dump
  expect_rc 0
  psql -q "$url" -c "INSERT INTO t (a) VALUES ('three'); CREATE TABLE later (x INT);"
  DATABASE_URL=$url run db restore snap.dump --yes
  expect_rc 0
  expect_eq "$(psql -qtAX "$url" -c "SELECT string_agg(a, ',' ORDER BY id) FROM t")" "one,two" "rows"
  expect_eq "$(psql -qtAX "$url" -c "SELECT count(*) FROM pg_tables WHERE tablename = 'later'")" \
    "0" "a table created after the backup"
  [ -f "$(ls backups/*-pre-restore.dump)" ] || fail "no pre-restore backup"
  expect_no_err "wzpass"
}

test_restore_postgres_refuses_a_damaged_dump() {
  local url
  url=$(pg_fresh bad)
  DATABASE_URL=$url run db backup --output snap.dump
  head -c 300 snap.dump >cut.dump
  DATABASE_URL=$url run db restore cut.dump --yes
  expect_rc 1
  expect_err "nothing was restored"
  expect_eq "$(psql -qtAX "$url" -c "SELECT count(*) FROM t")" "2" "rows"
}

run_tests
