#!/usr/bin/env bash
# wizamart validate: each data rule finds the defect planted for it (one test per rule), names
# the table, the row and the rule, exits 1; a clean seeded database gives no finding at all.
# Defects the schema forbids are planted the way a hand-edited database gets them: with
# sqlite3, foreign keys off (its default) and CHECK constraints ignored.
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"

# One seeded database for the whole file, copied into each test's folder.
TEMPLATE=$(mktemp -d)
trap 'rm -rf "$TEMPLATE"' EXIT
(
  cd "$TEMPLATE" &&
    "$WZ_BIN" migrate up >/dev/null &&
    "$WZ_BIN" init-prod >/dev/null &&
    "$WZ_BIN" seed-demo >/dev/null &&
    sqlite3 wizamart.db "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;" >/dev/null
) || { echo "Bail out! cannot build the seeded template database"; exit 1; }

seeded() { cp "$TEMPLATE/wizamart.db" wizamart.db; }
# Writes like a person at the sqlite3 prompt: foreign keys off, CHECKs ignored.
by_hand() { sqlite3 -batch wizamart.db "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; $1"; }
only_rule_output() { grep -c "($1)" <<<"$out"; }

test_clean_seeded_database_has_no_findings() {
  seeded
  run validate
  expect_rc 0
  expect_out "Summary: no findings (11 rules checked)"
  expect_no_out "✗"
  run validate data --json
  expect_rc 0
  expect_out '"ok": true'
}

test_order_totals_finds_an_item_deleted_by_hand() {
  seeded
  local order
  order=$(sql wizamart.db "SELECT order_id FROM order_items GROUP BY order_id HAVING count(*) >= 2 ORDER BY order_id LIMIT 1")
  by_hand "DELETE FROM order_items WHERE id = (SELECT max(id) FROM order_items WHERE order_id = $order);"
  run validate data
  expect_rc 1
  expect_out "✗ orders id=$order: order "
  expect_out "(data.order_totals)"
  expect_out "✗ data.order_totals: 1 finding"
  expect_out "✓ data.orphans"
}

test_cross_store_finds_an_item_pointing_at_another_stores_order() {
  seeded
  local item other
  item=$(sql wizamart.db "SELECT min(id) FROM order_items WHERE store_id = 1")
  other=$(sql wizamart.db "SELECT min(id) FROM orders WHERE store_id = 2")
  by_hand "UPDATE order_items SET order_id = $other WHERE id = $item;"
  run validate data.cross_store
  expect_rc 1
  expect_out "✗ order_items id=$item: the row belongs to store 1 but its order_id=$other is a row of orders in store 2"
  expect_out "(data.cross_store)"
  expect_eq "$(only_rule_output data.cross_store)" "1" "findings"
  run validate data.orphans
  expect_rc 0
}

test_orphans_finds_rows_whose_parent_was_deleted() {
  seeded
  local order items user perm
  order=$(sql wizamart.db "SELECT min(id) FROM orders")
  items=$(sql wizamart.db "SELECT count(*) FROM order_items WHERE order_id = $order")
  user=$(sql wizamart.db "SELECT user_id FROM store_users WHERE role_id = (SELECT id FROM roles WHERE name = 'staff') LIMIT 1")
  perm=$(sql wizamart.db "SELECT id FROM permissions WHERE code = 'reports.view'")
  by_hand "DELETE FROM orders WHERE id = $order; DELETE FROM users WHERE id = $user;
           DELETE FROM permissions WHERE id = $perm;"
  run validate data.orphans
  expect_rc 1
  expect_out "order_id=$order (store "
  expect_out "points at no row of orders (data.orphans)"
  expect_eq "$(grep -c "✗ order_items id=" <<<"$out")" "$items" "orphaned items"
  expect_out "✗ store_users id="
  expect_out "user_id=$user points at no row of users"
  expect_out "✗ role_permissions role_id="
  expect_out ", permission_id=$perm: permission_id=$perm points at no row of permissions"
  run validate data.cross_store
  expect_rc 0
}

test_customer_emails_finds_a_duplicate_differing_in_case() {
  seeded
  local first email
  first=$(sql wizamart.db "SELECT min(id) FROM customers WHERE store_id = 2")
  email=$(sql wizamart.db "SELECT email FROM customers WHERE id = $first")
  by_hand "INSERT INTO customers (store_id, email, first_name) VALUES (2, upper('$email'), 'Twin');
           INSERT INTO customers (store_id, email, first_name) VALUES (3, '$email', 'Other store');"
  local dup
  dup=$(sql wizamart.db "SELECT id FROM customers WHERE first_name = 'Twin'")
  run validate data.customer_emails
  expect_rc 1
  expect_out "✗ customers id=$dup: email '$(tr a-z A-Z <<<"$email")' duplicates customer id=$first of the same store 2"
  expect_eq "$(only_rule_output data.customer_emails)" "1" "findings (the other store's customer is no duplicate)"
}

test_password_hashes_finds_a_plaintext_and_a_foreign_hash() {
  seeded
  by_hand "UPDATE users SET password_hash = 'hunter2-Secret' WHERE email = 'store2@example.com';
           UPDATE users SET password_hash = '\$2b\$12\$abcdefghijklmnopqrstuv' WHERE email = 'store3@example.com';"
  local id2 id3
  id2=$(sql wizamart.db "SELECT id FROM users WHERE email = 'store2@example.com'")
  id3=$(sql wizamart.db "SELECT id FROM users WHERE email = 'store3@example.com'")
  run validate data.password_hashes
  expect_rc 1
  expect_out "✗ users id=$id2: password_hash of 'store2@example.com' is not an Argon2id PHC string: it does not look like a hash at all"
  expect_out "✗ users id=$id3: password_hash of 'store3@example.com' is not an Argon2id PHC string: it is a bcrypt hash"
  expect_no_out "hunter2"
  expect_eq "$(only_rule_output data.password_hashes)" "2" "findings"
}

test_expired_invitations_finds_a_pending_one_past_its_expiry() {
  seeded
  by_hand "INSERT INTO store_invitations (store_id, email, role_id, token_hash, status, expires_at, created_at)
             SELECT 1, 'late@example.com', id, 'tok1', 'pending', '2020-01-08T00:00:00Z', '2020-01-01T00:00:00Z' FROM roles WHERE name = 'staff';
           INSERT INTO store_invitations (store_id, email, role_id, token_hash, status, expires_at, created_at)
             SELECT 1, 'future@example.com', id, 'tok2', 'pending', '2999-01-08T00:00:00Z', '2020-01-01T00:00:00Z' FROM roles WHERE name = 'staff';
           INSERT INTO store_invitations (store_id, email, role_id, token_hash, status, expires_at, created_at)
             SELECT 1, 'done@example.com', id, 'tok3', 'expired', '2020-01-08T00:00:00Z', '2020-01-01T00:00:00Z' FROM roles WHERE name = 'staff';"
  local id
  id=$(sql wizamart.db "SELECT id FROM store_invitations WHERE email = 'late@example.com'")
  run validate data.expired_invitations
  expect_rc 1
  expect_out "✗ store_invitations id=$id: invitation of 'late@example.com' to store 1 is still pending but expired at 2020-01-08T00:00:00Z"
  expect_eq "$(only_rule_output data.expired_invitations)" "1" "findings"
}

test_team_size_finds_a_store_over_the_limit() {
  seeded
  local hash role
  hash=$(sql wizamart.db "SELECT password_hash FROM users WHERE username = 'admin'")
  role=$(sql wizamart.db "SELECT id FROM roles WHERE name = 'staff'")
  sql wizamart.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
    INSERT INTO users (email, username, password_hash) SELECT 'member' || i || '@example.com', 'member' || i, '$hash' FROM n;
    INSERT INTO store_users (store_id, user_id, role_id) SELECT 2, id, $role FROM users WHERE username LIKE 'member%';"
  local members
  members=$(sql wizamart.db "SELECT count(*) FROM store_users WHERE store_id = 2 AND is_active")
  run validate data.team_size
  expect_rc 1
  expect_out "✗ stores id=2: the store has $members active team members; MAX_TEAM_MEMBERS_PER_STORE is 50 (data.team_size)"
  expect_eq "$(only_rule_output data.team_size)" "1" "findings"
  MAX_TEAM_MEMBERS_PER_STORE=$members run validate data.team_size
  expect_rc 0
}

test_stores_per_user_finds_an_owner_over_the_limit() {
  seeded
  local owner
  owner=$(sql wizamart.db "SELECT id FROM users WHERE email = 'store1@example.com'")
  sql wizamart.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
    INSERT INTO stores (code, name, subdomain, owner_user_id) SELECT 'EXTRA' || i, 'Extra ' || i, 'extra' || i, $owner FROM n;"
  run validate data.stores_per_user
  expect_rc 1
  expect_out "✗ users id=$owner: 'store1@example.com' owns 6 stores; MAX_STORES_PER_USER is 5 (data.stores_per_user)"
  expect_eq "$(only_rule_output data.stores_per_user)" "1" "findings"
}

test_findings_across_page_boundaries_are_each_reported_once() {
  seeded
  # 1203 bad hashes: three pages of 500 and a bit, each row exactly once.
  sql wizamart.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1203)
    INSERT INTO users (email, username, password_hash) SELECT 'bulk' || i || '@example.com', 'bulk' || i, 'plain' FROM n;"
  run validate data.password_hashes
  expect_rc 1
  expect_eq "$(grep -c '^✗ users id=' <<<"$out")" "1203" "findings"
  expect_eq "$(grep -o '^✗ users id=[0-9]*' <<<"$out" | sort -u | wc -l)" "1203" "distinct rows"
}

test_json_lists_each_finding_with_table_row_and_rule() {
  seeded
  by_hand "UPDATE users SET password_hash = '' WHERE email = 'store1@example.com';"
  run validate data --json
  expect_rc 1
  echo "$out" >out.json
  local id
  id=$(sql wizamart.db "SELECT id FROM users WHERE email = 'store1@example.com'")
  expect_eq "$(sql :memory: "SELECT json_extract(readfile('out.json'), '\$.findings[0].table') || ' ' || json_extract(readfile('out.json'), '\$.findings[0].row') || ' ' || json_extract(readfile('out.json'), '\$.findings[0].rule')")" \
    "users id=$id data.password_hashes" "first finding"
  expect_eq "$(sql :memory: "SELECT json_array_length(readfile('out.json'), '\$.findings') || ' ' || json_extract(readfile('out.json'), '\$.ok')")" "1 0" "count and ok"
  expect_eq "$(sql :memory: "SELECT json_array_length(readfile('out.json'), '\$.rules')")" "8" "rules"
}

test_schema_and_migrations_findings() {
  seeded
  by_hand "ALTER TABLE customers DROP COLUMN phone;"
  run validate schema
  expect_rc 1
  expect_out "✗ customers phone: column 'customers.phone'"
  rm wizamart.db
  run migrate up --sql
  sqlite3 wizamart.db "CREATE TABLE t (x);"
  run validate migrations
  expect_rc 1
  expect_out "never migrated"
  expect_out "pending"
}

test_config_in_production_reports_each_insecure_setting() {
  ENVIRONMENT=production run validate config
  expect_rc 1
  expect_out "(config.production)"
  expect_out "admin password"
  run validate config
  expect_rc 0
}

test_missing_database_and_unknown_rule() {
  run validate data
  expect_rc 1
  expect_err "no database at"
  [ -e wizamart.db ] && fail "validate created the database"
  run validate nonsense
  expect_rc 2
  expect_err "unknown validator 'nonsense'"
}

# ---- PostgreSQL: the same rules through the other driver (which reads a page whole)

test_postgres_rules_find_planted_defects_and_page_through() {
  local url="${WZ_PG_URL%/*}/wz_validate_$$"
  psql -q "$WZ_PG_URL" -c "CREATE DATABASE wz_validate_$$" >/dev/null
  DATABASE_URL=$url run migrate up
  DATABASE_URL=$url run init-prod
  DATABASE_URL=$url run seed-demo
  DATABASE_URL=$url run validate
  expect_rc 0 "clean seeded PostgreSQL database"
  # By hand: the constraints that forbid the defects are dropped first.
  psql -q "$url" >/dev/null <<'SQL'
ALTER TABLE order_items DROP CONSTRAINT order_items_store_id_order_id_fkey;
ALTER TABLE role_permissions DROP CONSTRAINT role_permissions_permission_id_fkey;
DELETE FROM permissions WHERE code = 'reports.view';
UPDATE order_items SET order_id = (SELECT min(id) FROM orders WHERE store_id = 2)
  WHERE id = (SELECT min(id) FROM order_items WHERE store_id = 1);
INSERT INTO store_invitations (store_id, email, role_id, token_hash, status, expires_at, created_at)
  SELECT 1, 'late@example.com', id, 'tok', 'pending', '2020-01-08T00:00:00Z', '2020-01-01T00:00:00Z'
  FROM roles WHERE name = 'staff';
INSERT INTO users (email, username, password_hash)
  SELECT 'bulk' || i || '@example.com', 'bulk' || i, 'plain' FROM generate_series(1, 1203) i;
SQL
  DATABASE_URL=$url run validate data
  expect_rc 1
  expect_out "is a row of orders in store 2 (a reference across stores) (data.cross_store)"
  expect_out "✗ role_permissions role_id="
  expect_out "points at no row of permissions (data.orphans)"
  expect_out "invitation of 'late@example.com' to store 1 is still pending but expired at 2020-01-08"
  expect_out "✗ data.order_totals: 1 finding"
  expect_eq "$(grep -o '^✗ users id=[0-9]*' <<<"$out" | sort -u | wc -l)" "1203" "distinct bad hashes"
  MAX_TEAM_MEMBERS_PER_STORE=1 DATABASE_URL=$url run validate data.team_size
  expect_rc 1
  expect_out "✗ stores id=1: the store has"
  expect_no_err "wzpass"
}

run_tests
