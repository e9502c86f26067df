#!/usr/bin/env bash
# The migration engine on PostgreSQL (the throwaway server tests/run.sh starts): the same
# bookkeeping, atomicity, dialect sections, non-transactional revisions, --sql and lock, so
# the runner's SQL is proven portable. Each case gets a database of its own.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/migrate_lib.sh"
: "${WZ_PG_URL:?WZ_PG_URL must name the test server (tests/run.sh starts one)}"

pg_fresh() {
  PGNAME="wzm_$$_${RANDOM}${RANDOM}"
  psql -qX "$WZ_PG_URL" -c "CREATE DATABASE $PGNAME" >/dev/null || fail "cannot create $PGNAME"
  export DATABASE_URL="${WZ_PG_URL%/*}/$PGNAME"
}
pg_drop() { psql -qX "$WZ_PG_URL" -c "DROP DATABASE IF EXISTS $PGNAME" >/dev/null; }
pgsql() { psql -qtAX "$DATABASE_URL" -c "$1"; }
pg_tables() {
  pgsql "SELECT string_agg(tablename, ' ' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'"
}

test_pg_round_trip_and_atomicity() {
  pg_fresh
  three_revs
  R4=$(new_rev "add invitations")
  fill "$R4" <<'SQL'
-- +upgrade
CREATE TABLE store_invitations (id BIGSERIAL PRIMARY KEY);
INSERT INTO nosuch VALUES (1);
-- +downgrade
DROP TABLE store_invitations;
SQL
  run migrate up
  expect_rc 1
  expect_out "Applied $I3 create orders"
  expect_err "cannot apply '$R4': statement 2: relation \"nosuch\" does not exist"
  expect_eq "$(pg_tables)" "orders products stores wizamart_meta wizamart_migration_steps wizamart_migrations"
  expect_eq "$(pgsql "SELECT count(*) FROM wizamart_migrations")" "3"
  expect_eq "$(pgsql "SELECT checksum FROM wizamart_migrations WHERE revision = '$I1'")" "$(normalised_sha "$R1")"
  run migrate status --exit-code
  expect_rc 1
  expect_out "Current:    $I3  create orders"
  expect_out "Pending (1)"
  run migrate down base
  expect_rc 0
  expect_eq "$(pg_tables)" "wizamart_meta wizamart_migration_steps wizamart_migrations"
  pg_drop
}

test_pg_dialect_sections_and_no_transaction() {
  pg_fresh
  R1=$(new_rev "items")
  fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT);
-- +upgrade sqlite
THIS IS NOT POSTGRESQL;
-- +upgrade postgresql
CREATE FUNCTION items_name(i BIGINT) RETURNS TEXT AS $$
BEGIN
  RETURN (SELECT name FROM items WHERE id = i);
END;
$$ LANGUAGE plpgsql;
-- +downgrade
DROP FUNCTION IF EXISTS items_name(BIGINT);
DROP TABLE items;
SQL
  R2=$(new_rev "index items concurrently")
  fill "$R2" <<'SQL'
-- +upgrade
CREATE INDEX CONCURRENTLY items_name_idx ON items (name);
-- +downgrade
DROP INDEX CONCURRENTLY items_name_idx;
SQL
  sed -i 's/^-- message: index items concurrently$/&\n-- transaction: false/' "$R2"
  run migrate up
  expect_rc 0
  expect_out "Applied $(rev_id "$R2") index items concurrently"
  pgsql "INSERT INTO items VALUES (1, 'pen')"
  expect_eq "$(pgsql "SELECT items_name(1)")" "pen"
  expect_eq "$(pgsql "SELECT count(*) FROM pg_indexes WHERE indexname = 'items_name_idx'")" "1"
  run migrate down
  expect_rc 0
  expect_eq "$(pgsql "SELECT count(*) FROM pg_indexes WHERE indexname = 'items_name_idx'")" "0"
  pg_drop
}

test_pg_sql_touches_nothing() {
  pg_fresh
  three_revs
  run migrate up --sql
  expect_rc 0
  expect_out "what would run on postgresql (3 revisions)"
  expect_eq "$(pg_tables)" ""
  # The script runs as it is on PostgreSQL.
  psql -qX -v ON_ERROR_STOP=1 "$DATABASE_URL" <<<"$out" >/dev/null || fail "the --sql script failed"
  run migrate status --exit-code
  expect_rc 0
  pg_drop
}

test_pg_concurrent_ups() {
  pg_fresh
  R1=$(new_rev "slow") && fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE runs (n INT);
INSERT INTO runs VALUES (1);
SELECT pg_sleep(0.3);
-- +downgrade
DROP TABLE runs;
SQL
  # main stamps the environment (creating wizamart_meta) before the lock is taken, and two
  # concurrent CREATE TABLE IF NOT EXISTS race on PostgreSQL's catalog: the table is made
  # first here, so this case is about the migration lock alone.
  run migrate stamp base
  expect_rc 0
  "$WZ_BIN" migrate up >out1 2>err1 &
  local p1=$!
  "$WZ_BIN" migrate up >out2 2>err2 &
  local p2=$!
  wait $p1
  local rc1=$?
  wait $p2
  local rc2=$?
  expect_eq "$rc1/$rc2" "0/0" "exit codes ($(cat err1 err2))"
  expect_eq "$(pgsql "SELECT count(*) FROM runs")" "1"
  expect_eq "$(cat out1 out2 | grep -c '^✓ Applied')" "1"
  pg_drop
}

run_tests
