#!/usr/bin/env bash
# wizamart db backup (make backup-db): a consistent, private, checked copy in BACKUP_DIR,
# pruned to BACKUP_KEEP; on PostgreSQL through pg_dump with the credentials kept out of argv.
source "$WZ_ROOT/tests/cli/lib.sh"

# A small database of this project: the migration table plus two tables written in pairs.
fixture() {
  sqlite3 -batch "${1:-wizamart.db}" >/dev/null <<'SQL'
PRAGMA journal_mode = WAL;
CREATE TABLE wizamart_migrations (revision TEXT PRIMARY KEY, checksum TEXT, filename TEXT,
  message TEXT, applied_at TEXT, execution_ms INTEGER);
INSERT INTO wizamart_migrations VALUES ('0001abcd', 'x', '0001abcd_init.sql', 'init',
  '2025-01-01T00:00:00Z', 1);
CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, pad BLOB);
CREATE TABLE t2 (id INTEGER PRIMARY KEY, t_id INTEGER);
SQL
}

only_backup() { ls backups/*.sqlite 2>/dev/null | head -1; }

test_backup_writes_a_private_checked_copy_and_prints_path_and_size() {
  fixture
  sql wizamart.db "INSERT INTO t (a, b) VALUES (1, 1), (2, 2), (3, 3);"
  run db backup
  expect_rc 0
  local f
  f=$(only_backup)
  [ -n "$f" ] || fail "no backup in backups/"
  [[ "$(basename "$f")" =~ ^wizamart-[0-9]{8}T[0-9]{6}Z\.sqlite$ ]] || fail "unexpected name $f"
  expect_out "$f"
  expect_out "KiB"
  expect_eq "$(stat -c %a "$f")" "600" "backup file mode"
  expect_eq "$(stat -c %a backups)" "700" "backup folder mode"
  expect_eq "$(sql "$f" 'PRAGMA integrity_check')" "ok" "integrity"
  expect_eq "$(sql "$f" 'SELECT group_concat(a) FROM t')" "1,2,3" "rows in the copy"
  expect_eq "$(sql "$f" 'PRAGMA journal_mode')" "delete" "the copy is one self-contained file"
}

test_backup_is_consistent_while_another_process_writes() {
  fixture
  # ~8 MB of rows so the copy takes a while, then a writer committing pairs of rows.
  sql wizamart.db "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 8000)
    INSERT INTO t (a, b, pad) SELECT i, i, randomblob(1000) FROM c;
    INSERT INTO t2 (t_id) SELECT id FROM t;"
  {
    echo ".timeout 10000"
    for i in $(seq 1 3000); do
      echo "BEGIN; INSERT INTO t (a, b) VALUES ($i, $i); INSERT INTO t2 (t_id) VALUES (last_insert_rowid()); COMMIT;"
    done
  } >writes.sql
  local before after
  before=$(sql wizamart.db "SELECT count(*) FROM t")
  sqlite3 -batch wizamart.db <writes.sql >writer.log 2>&1 &
  local writer=$!
  sleep 0.05
  run db backup
  wait "$writer"
  local wrc=$?
  after=$(sql wizamart.db "SELECT count(*) FROM t")
  expect_rc 0
  expect_eq "$wrc" "0" "the writer never failed (log: $(cat writer.log))"
  local f
  f=$(only_backup)
  expect_eq "$(sql "$f" 'PRAGMA integrity_check')" "ok" "integrity of the copy"
  local nt nt2
  nt=$(sql "$f" "SELECT count(*) FROM t")
  nt2=$(sql "$f" "SELECT count(*) FROM t2")
  expect_eq "$nt" "$nt2" "every committed pair is whole in the copy"
  [ "$nt" -ge "$before" ] && [ "$nt" -le "$after" ] ||
    fail "copy holds $nt rows; expected between $before and $after"
  [ "$after" -gt "$before" ] || fail "the writer did not write during the test"

  expect_eq "$(sql "$f" "SELECT count(*) FROM t WHERE a <> b")" "0" "no torn row"
}

test_backup_refuses_a_database_without_the_migration_table() {
  sql wizamart.db "CREATE TABLE other (x);"
  run db backup
  expect_rc 1
  expect_err "no wizamart_migrations table"
  expect_eq "$(ls backups 2>/dev/null | wc -l)" "0" "files in backups/"
}

test_backup_refuses_an_in_memory_database() {
  DATABASE_URL='sqlite:///:memory:' run db backup
  expect_rc 1
}

test_backup_output_path_never_overwrites() {
  fixture
  run db backup --output mine.sqlite
  expect_rc 0
  expect_out "mine.sqlite"
  expect_eq "$(stat -c %a mine.sqlite)" "600" "mode"
  echo "keep me" >other.txt
  run db backup --output other.txt
  expect_rc 1
  expect_err "already exists"
  expect_eq "$(cat other.txt)" "keep me" "the existing file"
  mkdir into
  run db backup -o into
  expect_rc 0
  expect_eq "$(ls into | grep -c '^wizamart-.*\.sqlite$')" "1" "a named backup in the folder"
}

test_backup_keeps_the_newest_and_the_newest_pre_migrate() {
  fixture
  mkdir -p backups
  local old
  for old in wizamart-20200101T000000Z-pre-migrate wizamart-20200102T000000Z-pre-migrate \
    wizamart-20200103T000000Z wizamart-20200104T000000Z wizamart-20200105T000000Z-2 \
    other-20200101T000000Z wizamart-notes; do
    echo x >"backups/$old.sqlite"
  done
  ls backups | sort >planted
  BACKUP_KEEP=2 run db backup
  expect_rc 0
  expect_out "removed 3 older backups"
  expect_eq "$(ls backups | sort | comm -13 planted - | grep -c '^wizamart-.*Z\.sqlite$')" "1" \
    "the new backup"
  # kept: the new one, 20200105-2 (second newest), 20200102-pre-migrate (the newest
  # pre-migrate); untouched: another database's backup and a file that is no backup.
  expect_eq "$(ls backups | sort | comm -12 planted - | tr '\n' ' ')" \
    "other-20200101T000000Z.sqlite wizamart-20200102T000000Z-pre-migrate.sqlite wizamart-20200105T000000Z-2.sqlite wizamart-notes.sqlite " \
    "planted files left"
}

test_backup_twice_in_one_second_gets_two_files() {
  fixture
  run db backup
  expect_rc 0
  run db backup
  expect_rc 0
  expect_eq "$(ls backups | wc -l)" "2" "backups"
}

test_backup_into_a_relative_backup_dir_from_env_file() {
  fixture
  printf 'BACKUP_DIR=var/db-backups\n' >.env
  run db backup
  expect_rc 0
  expect_eq "$(ls var/db-backups | wc -l)" "1" "backups in BACKUP_DIR"
}

# ---- PostgreSQL (a database of its own on the suite's throwaway server)

pg_fresh() { # name -> prints the URL of a new empty database with the migration table
  local name="wz_backup_$1_$$"
  psql -q "$WZ_PG_URL" -c "CREATE DATABASE $name" >/dev/null
  local url="${WZ_PG_URL%/*}/$name"
  psql -q "$url" >/dev/null <<'SQL'
CREATE TABLE wizamart_migrations (revision TEXT PRIMARY KEY, applied_at TEXT);
INSERT INTO wizamart_migrations VALUES ('0001abcd', '2025-01-01T00:00:00Z');
CREATE TABLE t (id BIGINT PRIMARY KEY, a TEXT);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
SQL
  echo "$url"
}

test_backup_postgres_custom_dump_private_and_readable() {
  local url
  url=$(pg_fresh dump)
  DATABASE_URL=$url run db backup
  expect_rc 0
  local f
  f=$(ls backups/*.dump | head -1)
  [[ "$(basename "$f")" =~ ^wz_backup_dump_[0-9]+-[0-9]{8}T[0-9]{6}Z\.dump$ ]] || fail "name $f"
  expect_eq "$(stat -c %a "$f")" "600" "mode"
  pg_restore --list "$f" | grep -q "TABLE public t " || fail "the dump lacks table t"
  expect_no_out "wzpass"
  expect_no_err "wzpass"
}

test_backup_postgres_passes_credentials_only_through_the_environment() {
  local url
  url=$(pg_fresh env)
  mkdir bin
  cat >bin/pg_dump <<'SH'
#!/bin/sh
printf '%s\n' "$0" "$@" >"$WZ_SPY/argv"
env >"$WZ_SPY/env"
echo "pg_dump: error: planted failure" >&2
exit 1
SH
  chmod +x bin/pg_dump
  WZ_SPY=$PWD PATH="$PWD/bin:$PATH" DATABASE_URL=$url run db backup
  expect_rc 1
  expect_err "pg_dump failed (exit 1): pg_dump: error: planted failure"
  grep -q wzpass argv && fail "the password is in pg_dump's argv: $(cat argv)"
  grep -q "^PGPASSWORD=wzpass$" env || fail "PGPASSWORD not in pg_dump's environment"
  grep -q "^PGDATABASE=wz_backup_env_" env || fail "PGDATABASE not in pg_dump's environment"
  expect_eq "$(ls backups | wc -l)" "0" "no partial file left"
}

run_tests
