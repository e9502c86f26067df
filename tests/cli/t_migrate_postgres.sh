#!/usr/bin/env bash
# backends: postgres
# The migration engine's PostgreSQL-only behaviour: a revision marked `transaction: false`
# runs CREATE INDEX CONCURRENTLY (which PostgreSQL refuses inside a transaction), beside a
# dialect section with a plpgsql function. Everything both backends share (round trips,
# atomicity, --sql, the lock, concurrent runs) is in the other t_migrate_*.sh scripts, which
# run on PostgreSQL too.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/migrate_lib.sh"

test_pg_dialect_sections_and_no_transaction() {
  use_db
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
  qdb "INSERT INTO items VALUES (1, 'pen')"
  expect_eq "$(q "SELECT items_name(1)")" "pen"
  expect_eq "$(q "SELECT count(*) FROM pg_indexes WHERE indexname = 'items_name_idx'")" "1"
  run migrate down
  expect_rc 0
  expect_eq "$(q "SELECT count(*) FROM pg_indexes WHERE indexname = 'items_name_idx'")" "0"
}

run_tests
