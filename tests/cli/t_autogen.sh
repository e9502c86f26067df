#!/usr/bin/env bash
# migrate create (autogenerate) and migrate check against the real binary: the committed
# revisions match the models, a fresh database after `migrate up` (each backend) has every
# platform table and refuses a cross-store reference, and check/create see what is missing.
source "$(dirname "$0")/lib.sh"

TABLES=$(model_tables | LC_ALL=C sort | paste -sd' ')
[ -n "$TABLES" ] || { echo "Bail out! cannot read the tables of the models"; exit 1; }

test_check_passes_on_the_committed_tree() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  run migrate check
  expect_rc 0
  expect_out "the models match the revisions"
}

test_fresh_database_has_every_table_and_no_drift() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  use_db
  run migrate up
  expect_rc 0
  local got
  got=$(tables | sed 's/wizamart_[a-z_]* //g')
  expect_eq "$got" "$(echo $TABLES) "  "tables after migrate up"
}

test_database_rejects_a_cross_store_reference() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  use_db
  run migrate up
  expect_rc 0
  qdb "INSERT INTO users (id, email, username, password_hash) VALUES (1, 'o@example.com', 'o', 'x');
    INSERT INTO stores (id, code, name, subdomain, owner_user_id) VALUES
      (1, 'ONE', 'One', 'one', 1), (2, 'TWO', 'Two', 'two', 1);
    INSERT INTO products (id, store_id, sku, title, price_amount, currency) VALUES
      (5, 1, 'MUG', 'Mug', 1200, 'EUR');
    INSERT INTO orders (id, store_id, order_number, currency, subtotal_amount, total_amount)
      VALUES (7, 2, 'B-1', 'EUR', 1200, 1200);" || fail "setting up the stores failed"
  local e
  # Store 2's order, store 1's product: the composite key (store_id, product_id) has no match.
  e=$(qdb "INSERT INTO order_items (store_id, order_id, product_id, sku, title, quantity,
      unit_price_amount, line_total_amount) VALUES (2, 7, 5, 'MUG', 'Mug', 1, 1200, 1200);" 2>&1)
  [[ "$e" == *"$(db_msg fk)"* ]] || fail "cross-store item was accepted: $e"
  expect_eq "$(q "SELECT count(*) FROM order_items")" "0" "order items"
}

test_check_fails_without_revisions() {
  export MIGRATIONS_DIR=empty
  run migrate check
  expect_rc 1
  expect_out "the models have changes that no revision in 'empty' captures"
  expect_out "table 'order_items' is in the models but not in the database"
  expect_out "make migrate-create"
}

test_check_sees_a_table_a_revision_dropped() {
  mkdir versions
  cp "$WZ_ROOT"/migrations/versions/*.sql versions/
  export MIGRATIONS_DIR=versions
  run migrate create --empty -m "drop themes by hand"
  expect_rc 0
  local f
  f=$(ls versions/*drop_themes_by_hand.sql)
  sed -i 's/^-- +upgrade$/-- +upgrade\nDROP TABLE store_themes;/' "$f"
  sed -i 's/^-- +downgrade$/-- +downgrade\nSELECT 1;/' "$f"
  run migrate check
  expect_rc 1
  expect_out "table 'store_themes' is in the models but not in the database"
  # create writes the revision that brings it back, and check is then clean.
  run migrate create -m "restore themes"
  expect_rc 0
  expect_out "Created versions/"
  grep -q "CREATE TABLE store_themes" versions/*restore_themes.sql || fail "no CREATE TABLE"
  run migrate check
  expect_rc 0
}

test_create_from_nothing_then_no_change() {
  export MIGRATIONS_DIR=mig
  use_db
  run migrate create -m "initial"
  expect_rc 0
  expect_out "Created mig/"
  run migrate create -m "nothing"
  expect_rc 0
  expect_out "No changes"
  expect_eq "$(ls mig | wc -l)" "1" "revision files"
  run migrate up
  expect_rc 0
  run migrate down
  expect_rc 0
  expect_eq "$(tables | sed 's/wizamart_[a-z_]* //g')" "" "tables after down"
}

test_check_refuses_several_heads() {
  export MIGRATIONS_DIR=heads
  mkdir heads
  printf -- '-- wizamart revision\n-- revision: aaaa1111\n-- down_revision: none\n-- message: a\n\n-- +upgrade\nCREATE TABLE a (x INTEGER);\n-- +downgrade\nDROP TABLE a;\n' >heads/aaaa1111_a.sql
  printf -- '-- wizamart revision\n-- revision: bbbb2222\n-- down_revision: none\n-- message: b\n\n-- +upgrade\nCREATE TABLE b (x INTEGER);\n-- +downgrade\nDROP TABLE b;\n' >heads/bbbb2222_b.sql
  run migrate check
  expect_rc 1
  expect_err "2 heads"
  expect_err "migrate merge"
}

run_tests
