#!/usr/bin/env bash
# Nothing half-done: a failing revision leaves no trace, the error names the file, the
# statement and the database's message; non-transactional revisions record each statement
# and continue where they stopped; --sql prints and touches nothing. On each backend.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/migrate_lib.sh"

test_failing_second_statement_leaves_no_trace() {
  use_db
  R1=$(new_rev "create users")
  fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE users (id INTEGER PRIMARY KEY);
-- +downgrade
DROP TABLE users;
SQL
  R2=$(new_rev "add invitations")
  fill "$R2" <<'SQL'
-- +upgrade
CREATE TABLE store_invitations (id INTEGER PRIMARY KEY, store_id INTEGER);
INSERT INTO stores (id, name)
  VALUES (1, 'x');
CREATE TABLE never (x INT);
-- +downgrade
DROP TABLE store_invitations;
SQL
  run migrate up
  expect_rc 1
  expect_out "✓ Applied $(rev_id "$R1") create users"
  # (PostgreSQL adds the line within the statement and the SQLSTATE.)
  [[ "$(head -1 <<<"$err")" == "error: cannot apply '$R2': statement 2: $(db_msg no_table stores)"* ]] ||
    fail "first line of stderr: $err"
  expect_err "statement 2 (line 9): INSERT INTO stores (id, name)"
  expect_no_out "Applied $(rev_id "$R2")"
  # The revision before the failure stays applied and recorded; the failing one left nothing.
  expect_eq "$(applied)" "$(rev_id "$R1") "
  expect_eq "$(tables)" "users wizamart_meta wizamart_migration_steps wizamart_migrations "
  run migrate status
  expect_out "Pending (1)"

  # Fixed, it applies.
  sed -i 's/^INSERT INTO stores (id, name)$/INSERT INTO users (id)/; s/^  VALUES (1, .x.);$/  VALUES (1);/' "$R2"
  run migrate up
  expect_rc 0
  expect_out "Applied $(rev_id "$R2") add invitations"
  expect_eq "$(q "SELECT count(*) FROM users")" "1"
}

test_failing_downgrade_rolls_back() {
  use_db
  R1=$(new_rev "create a")
  fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE a (x INT);
-- +downgrade
DROP TABLE a;
DROP TABLE missing_table;
SQL
  run migrate up
  expect_rc 0
  run migrate down
  expect_rc 1
  expect_err "cannot revert '$R1': statement 2: $(db_msg drop_missing missing_table)"
  expect_eq "$(tables)" "a wizamart_meta wizamart_migration_steps wizamart_migrations "
  expect_eq "$(applied)" "$(rev_id "$R1") "
}

test_missing_downgrade_is_refused() {
  use_db
  R1=$(new_rev "create a")
  fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE a (x INT);
SQL
  run migrate up
  run migrate down
  expect_rc 1
  expect_err "cannot revert '$R1': it has no downgrade statements for $WZ_DIALECT"
  expect_eq "$(applied)" "$(rev_id "$R1") "
}

# Each dialect runs its own section only: the other one is not valid SQL there.
test_dialect_sections_and_trigger_block() {
  use_db
  R1=$(new_rev "audit trigger")
  fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE a (x INT);
CREATE TABLE audit (n INT);
-- +upgrade postgresql
CREATE FUNCTION a_audit() RETURNS trigger AS $$
BEGIN
  INSERT INTO audit VALUES (NEW.x);
  INSERT INTO audit VALUES (NEW.x * 10);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER a_audit AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION a_audit();
-- +upgrade sqlite
-- +statement-begin
CREATE TRIGGER a_audit AFTER INSERT ON a BEGIN
  INSERT INTO audit VALUES (NEW.x);
  INSERT INTO audit VALUES (NEW.x * 10);
END;
-- +statement-end
-- +downgrade
DROP TABLE audit;
DROP TABLE a;
SQL
  run migrate up
  expect_rc 0
  qdb "INSERT INTO a VALUES (2)"
  expect_eq "$(q "SELECT n FROM audit ORDER BY n" | paste -sd,)" "2,20"
}

test_non_transactional_records_and_continues() {
  use_db
  R1=$(new_rev "no transaction")
  fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE a (x INT);
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (2);
INSERT INTO a VALUES (3);
-- +downgrade
DROP TABLE a;
SQL
  sed -i 's/^-- message: no transaction$/&\n-- transaction: false/' "$R1"
  local id
  id=$(rev_id "$R1")
  run migrate up
  expect_rc 1
  expect_err "cannot apply '$R1': statement 3: $(db_msg no_table b)"
  expect_err "statements 1 to 2 ran and are recorded (transaction: false); run \`wizamart migrate up\` again to continue with statement 3"
  expect_eq "$(q "SELECT statement_index FROM wizamart_migration_steps WHERE revision='$id' ORDER BY 1" | tr '\n' ' ')" "1 2 "
  expect_eq "$(applied)" ""
  run migrate status
  expect_rc 1
  expect_out "was partly applied (transaction: false): statements 1 to 2 ran"

  # The fix of statement 3 keeps statements 1-2, which are not run again.
  qdb "CREATE TABLE b (x INT)"
  run migrate up
  expect_rc 0
  expect_out "Applied $id no transaction"
  expect_out "continued after statement 2 of an earlier run"
  expect_eq "$(q "SELECT x FROM a ORDER BY x" | paste -sd,)" "1,3" "statement 2 ran once"
  expect_eq "$(q "SELECT count(*) FROM wizamart_migration_steps")" "0"
  expect_eq "$(applied)" "$id "
}

test_non_transactional_edited_statement_is_refused() {
  use_db
  R1=$(new_rev "no transaction")
  fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE a (x INT);
INSERT INTO b VALUES (2);
-- +downgrade
DROP TABLE a;
SQL
  sed -i 's/^-- message: no transaction$/&\n-- transaction: false/' "$R1"
  run migrate up
  expect_rc 1
  sed -i 's/^CREATE TABLE a (x INT);$/CREATE TABLE a (x INT, y INT);/' "$R1"
  run migrate up
  expect_rc 1
  expect_err "cannot continue '$R1': statement 1 (line 9) already ran but has been edited since"
}

test_sql_changes_nothing() {
  use_db
  three_revs
  run migrate up --sql
  expect_rc 0
  expect_out "-- wizamart migrate up --sql: what would run on $WZ_DIALECT (3 revisions)"
  expect_out "CREATE TABLE IF NOT EXISTS wizamart_migrations"
  expect_out "-- apply $I1: create stores ($R1)"
  expect_out "INSERT INTO stores (id, name) VALUES (1, 'Tech; Store');"
  expect_out "INSERT INTO wizamart_migrations (revision, checksum, filename, message, applied_at, execution_ms) VALUES ('$I3'"
  expect_out "COMMIT;"
  # Not even the bookkeeping tables (nor the environment stamp) were created.
  expect_eq "$(tables)" ""

  run migrate up "$I1"
  local before
  before=$(dump_db)
  run migrate up --sql
  expect_rc 0
  expect_no_out "-- apply $I1"
  expect_out "-- apply $I2"
  expect_no_out "CREATE TABLE IF NOT EXISTS"
  run migrate down --sql
  expect_rc 0
  expect_out "-- revert $I1: create stores"
  expect_out "DROP TABLE stores;"
  expect_out "DELETE FROM wizamart_migrations WHERE revision = '$I1';"
  expect_eq "$(dump_db)" "$before" "database after --sql"

  # The printed script does what `up` would.
  run migrate up --sql
  qdb <<<"$out" || fail "the --sql script failed"
  expect_eq "$(applied | wc -w)" "3"
  run migrate status --exit-code
  expect_rc 0 "the script's bookkeeping matches the files"
}

run_tests
