#!/usr/bin/env bash
# wizamart validate: each data rule finds the defect planted for it (one test per rule), names
# the table, the row and the rule, exits 1; a clean seeded database gives no finding at all.
# Defects the schema forbids are planted the way a hand-edited database gets them: with
# sqlite3, foreign keys off (its default) and CHECK constraints ignored; on PostgreSQL, after
# the foreign keys and CHECKs were dropped. On each backend (the PostgreSQL driver reads a
# page of rows whole, so paging is exercised through both drivers).
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"

# One seeded database for the whole file, copied for each test.
seeded_template

# Writes like a person at the database prompt, with nothing in the way: SQLite with foreign
# keys off and CHECKs ignored; PostgreSQL after dropping every foreign key and CHECK.
by_hand() {
  if [ "$WZ_BACKEND" = sqlite ]; then
    sqlite3 -batch "$(_sqlite_path)" "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = ON; $1"
  else
    psql -XAtq -v ON_ERROR_STOP=1 -d "$DATABASE_URL" >/dev/null <<SQL
DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
           WHERE contype IN ('f', 'c') AND connamespace = current_schema()::regnamespace LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', r.tbl, r.conname);
  END LOOP;
END \$\$;
$1
SQL
  fi
}
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

test_stamped_production_database_gets_the_production_rules() {
  seeded
  qdb "INSERT INTO wizamart_meta (key, value) VALUES ('environment', 'production') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
  run validate all
  expect_rc 1
  expect_out "Using default admin password"
  expect_out "config.production: "
  expect_no_out "admin123"
}

test_order_totals_finds_an_item_deleted_by_hand() {
  seeded
  local order
  order=$(q "SELECT order_id FROM order_items GROUP BY order_id HAVING count(*) >= 2 ORDER BY order_id LIMIT 1")
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
  item=$(q "SELECT min(id) FROM order_items WHERE store_id = 1")
  other=$(q "SELECT min(id) FROM orders WHERE store_id = 2")
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
  order=$(q "SELECT min(id) FROM orders")
  items=$(q "SELECT count(*) FROM order_items WHERE order_id = $order")
  user=$(q "SELECT user_id FROM store_users WHERE role_id = (SELECT id FROM roles WHERE name = 'staff') LIMIT 1")
  perm=$(q "SELECT id FROM permissions WHERE code = 'reports.view'")
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
  first=$(q "SELECT min(id) FROM customers WHERE store_id = 2")
  email=$(q "SELECT email FROM customers WHERE id = $first")
  by_hand "INSERT INTO customers (store_id, email, first_name) VALUES (2, upper('$email'), 'Twin');
           INSERT INTO customers (store_id, email, first_name) VALUES (3, '$email', 'Other store');"
  local dup
  dup=$(q "SELECT id FROM customers WHERE first_name = 'Twin'")
  run validate data.customer_emails
  expect_rc 1
  expect_out "✗ customers id=$dup: email '$(tr a-z A-Z <<<"$email")' duplicates customer id=$first of the same store 2"
  expect_eq "$(only_rule_output data.customer_emails)" "1" "findings (the other store's customer is no duplicate)"
}

# A group is found whatever its members' spellings: the first customer not in lowercase, no
# member in lowercase at all, or a lone spelling not in lowercase (no duplicate).
test_customer_emails_groups_every_spelling_of_one_email() {
  seeded
  local a b c cap="upper(substr(email, 1, 1)) || substr(email, 2)"
  a=$(q "SELECT min(id) FROM customers WHERE store_id = 2")
  b=$(q "SELECT min(id) FROM customers WHERE store_id = 3")
  c=$(q "SELECT min(id) FROM customers WHERE store_id = 4")
  by_hand "UPDATE customers SET email = $cap WHERE id = $a;
           INSERT INTO customers (store_id, email, first_name) SELECT 2, upper(email), 'Upper2' FROM customers WHERE id = $a;
           INSERT INTO customers (store_id, email, first_name) SELECT 2, lower(email), 'Lower2' FROM customers WHERE id = $a;
           UPDATE customers SET email = upper(email) WHERE id = $b;
           INSERT INTO customers (store_id, email, first_name) SELECT 3, upper(substr(email, 1, 1)) || lower(substr(email, 2)), 'Cap3' FROM customers WHERE id = $b;
           UPDATE customers SET email = upper(email) WHERE id = $c;"
  local upper2 lower2 cap3
  upper2=$(q "SELECT id FROM customers WHERE first_name = 'Upper2'")
  lower2=$(q "SELECT id FROM customers WHERE first_name = 'Lower2'")
  cap3=$(q "SELECT id FROM customers WHERE first_name = 'Cap3'")
  run validate data.customer_emails
  expect_rc 1
  expect_out "✗ customers id=$upper2: email '$(q "SELECT email FROM customers WHERE id = $upper2")' duplicates customer id=$a of the same store 2"
  expect_out "✗ customers id=$lower2: email '$(q "SELECT email FROM customers WHERE id = $lower2")' duplicates customer id=$a of the same store 2"
  expect_out "✗ customers id=$cap3: email '$(q "SELECT email FROM customers WHERE id = $cap3")' duplicates customer id=$b of the same store 3"
  expect_eq "$(only_rule_output data.customer_emails)" "3" "findings (a lone spelling in capitals is no duplicate)"
}

# Without its UNIQUE (store_id, email) (the table rebuilt by hand), two customers may share
# the very same email, which the rule finds as well.
test_customer_emails_finds_an_identical_email_once_the_unique_key_is_gone() {
  seeded
  local a dup email
  a=$(q "SELECT min(id) FROM customers WHERE store_id = 2")
  email=$(q "SELECT email FROM customers WHERE id = $a")
  by_hand "CREATE TABLE customers_copy AS SELECT * FROM customers;
           DROP TABLE customers;
           ALTER TABLE customers_copy RENAME TO customers;
           INSERT INTO customers (id, store_id, email, first_name)
             SELECT (SELECT max(id) FROM customers) + 1, store_id, email, 'Same' FROM customers WHERE id = $a;"
  dup=$(q "SELECT id FROM customers WHERE first_name = 'Same'")
  run validate data.customer_emails
  expect_rc 1
  expect_out "✗ customers id=$dup: email '$email' duplicates customer id=$a of the same store 2"
  expect_eq "$(only_rule_output data.customer_emails)" "1" "findings"
}

test_password_hashes_finds_a_plaintext_and_a_foreign_hash() {
  seeded
  by_hand "UPDATE users SET password_hash = 'hunter2-Secret' WHERE email = 'store2@example.com';
           UPDATE users SET password_hash = '\$2b\$12\$abcdefghijklmnopqrstuv' WHERE email = 'store3@example.com';"
  local id2 id3
  id2=$(q "SELECT id FROM users WHERE email = 'store2@example.com'")
  id3=$(q "SELECT id FROM users WHERE email = 'store3@example.com'")
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
  id=$(q "SELECT id FROM store_invitations WHERE email = 'late@example.com'")
  run validate data.expired_invitations
  expect_rc 1
  expect_out "✗ store_invitations id=$id: invitation of 'late@example.com' to store 1 is still pending but expired at 2020-01-08T00:00:00Z"
  expect_eq "$(only_rule_output data.expired_invitations)" "1" "findings"
}

test_team_size_finds_a_store_over_the_limit() {
  seeded
  local hash role
  hash=$(q "SELECT password_hash FROM users WHERE username = 'admin'")
  role=$(q "SELECT id FROM roles WHERE name = 'staff'")
  qdb "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
    INSERT INTO users (email, username, password_hash) SELECT 'member' || i || '@example.com', 'member' || i, '$hash' FROM n;
    INSERT INTO store_users (store_id, user_id, role_id) SELECT 2, id, $role FROM users WHERE username LIKE 'member%';"
  local members
  members=$(q "SELECT count(*) FROM store_users WHERE store_id = 2 AND is_active")
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
  owner=$(q "SELECT id FROM users WHERE email = 'store1@example.com'")
  qdb "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
    INSERT INTO stores (code, name, subdomain, owner_user_id) SELECT 'EXTRA' || i, 'Extra ' || i, 'extra' || i, $owner FROM n;"
  run validate data.stores_per_user
  expect_rc 1
  expect_out "✗ users id=$owner: 'store1@example.com' owns 6 stores; MAX_STORES_PER_USER is 5 (data.stores_per_user)"
  expect_eq "$(only_rule_output data.stores_per_user)" "1" "findings"
}

test_findings_across_page_boundaries_are_each_reported_once() {
  seeded
  # 1203 bad hashes: three pages of 500 and a bit, each row exactly once.
  qdb "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1203)
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
  id=$(q "SELECT id FROM users WHERE email = 'store1@example.com'")
  expect_eq "$(sql :memory: "SELECT json_extract(readfile('out.json'), '\$.findings[0].table') || ' ' || json_extract(readfile('out.json'), '\$.findings[0].row') || ' ' || json_extract(readfile('out.json'), '\$.findings[0].rule')")" \
    "users id=$id data.password_hashes" "first finding"
  expect_eq "$(sql :memory: "SELECT json_array_length(readfile('out.json'), '\$.findings') || ' ' || json_extract(readfile('out.json'), '\$.ok')")" "1 0" "count and ok"
  expect_eq "$(sql :memory: "SELECT json_array_length(readfile('out.json'), '\$.rules')")" "8" "rules"
}

test_schema_and_migrations_findings() {
  seeded
  qdb "ALTER TABLE customers DROP COLUMN phone;"
  run validate schema
  expect_rc 1
  expect_out "✗ customers phone: column 'customers.phone'"
  use_db unmigrated
  run migrate up --sql
  qdb "CREATE TABLE t (x INTEGER);"
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
  if [ "$WZ_BACKEND" = sqlite ]; then
    run validate data
    expect_err "no database at"
    [ -e wizamart.db ] && fail "validate created the database"
  else
    DATABASE_URL="${WZ_PG_URL%/*}/$(_pg_db_name missing)"
    export DATABASE_URL
    run validate data
    expect_err "database '$(_pg_db_name missing)' does not exist"
    expect_eq "$(DATABASE_URL=$WZ_PG_URL q "SELECT count(*) FROM pg_database WHERE datname = '$(_pg_db_name missing)'")" "0" "databases created"
  fi
  expect_rc 1
  run validate nonsense
  expect_rc 2
  expect_err "unknown validator 'nonsense'"
}

# A row's store is checked however its other keys read: an item moved to a store that does
# not exist while its order stays sound, then an order without a customer moved there too,
# then a whole store deleted (every row of it keeps pointing at it).
test_orphans_finds_rows_of_a_missing_store_whatever_their_other_keys() {
  seeded
  local item order n
  item=$(q "SELECT min(id) FROM order_items WHERE store_id = 2")
  order=$(q "SELECT max(id) FROM orders WHERE store_id = 2")
  by_hand "UPDATE order_items SET store_id = 999999 WHERE id = $item;"
  run validate data.orphans
  expect_rc 1
  expect_out "✗ order_items id=$item: store_id=999999 points at no row of stores (data.orphans)"
  expect_eq "$(only_rule_output data.orphans)" "1" "findings"
  by_hand "UPDATE orders SET customer_id = NULL, store_id = 999999 WHERE id = $order;"
  run validate data.orphans
  expect_rc 1
  expect_out "✗ order_items id=$item: store_id=999999 points at no row of stores (data.orphans)"
  expect_out "✗ orders id=$order: store_id=999999 points at no row of stores (data.orphans)"
  expect_eq "$(only_rule_output data.orphans)" "2" "findings"
  n=$(q "SELECT (SELECT count(*) FROM store_domains WHERE store_id = 3) + (SELECT count(*) FROM store_users WHERE store_id = 3)
         + (SELECT count(*) FROM store_invitations WHERE store_id = 3) + (SELECT count(*) FROM store_themes WHERE store_id = 3)
         + (SELECT count(*) FROM customers WHERE store_id = 3) + (SELECT count(*) FROM customer_addresses WHERE store_id = 3)
         + (SELECT count(*) FROM products WHERE store_id = 3) + (SELECT count(*) FROM marketplace_products WHERE store_id = 3)
         + (SELECT count(*) FROM orders WHERE store_id = 3) + (SELECT count(*) FROM order_items WHERE store_id = 3)")
  by_hand "DELETE FROM stores WHERE id = 3;"
  run validate data.orphans
  expect_rc 1
  expect_out "✗ order_items id=$(q "SELECT max(id) FROM order_items WHERE store_id = 3"): store_id=3 points at no row of stores (data.orphans)"
  expect_out "✗ customer_addresses id=$(q "SELECT max(id) FROM customer_addresses WHERE store_id = 3"): store_id=3 points at no row of stores (data.orphans)"
  expect_eq "$(only_rule_output data.orphans)" "$((n + 2))" "findings (every row of store 3, and the two above)"
}

# data.cross_store and data.orphans read the same rows in one pass per table, and the second
# skips the tables the first found sound: run together (validate data) they report exactly
# what each reports alone, for defects of both kinds in one table and in others.
test_cross_store_and_orphans_together_report_what_each_reports_alone() {
  seeded
  local item other order user
  item=$(q "SELECT min(id) FROM order_items WHERE store_id = 1")
  other=$(q "SELECT min(id) FROM orders WHERE store_id = 2")
  order=$(q "SELECT max(order_id) FROM order_items WHERE store_id = 1")
  user=$(q "SELECT user_id FROM store_users WHERE role_id = (SELECT id FROM roles WHERE name = 'staff') LIMIT 1")
  by_hand "UPDATE order_items SET order_id = $other WHERE id = $item;
           UPDATE order_items SET product_id = 999999 WHERE id = (SELECT max(id) FROM order_items WHERE store_id = 1);
           DELETE FROM orders WHERE id = $order; DELETE FROM users WHERE id = $user;"
  local alone=""
  run validate data.cross_store
  expect_rc 1
  alone+=$(grep '^✗ [a-z_]* ' <<<"$out")$'\n'
  run validate data.orphans
  expect_rc 1
  alone+=$(grep '^✗ [a-z_]* ' <<<"$out")$'\n'
  run validate data
  expect_rc 1
  expect_eq "$(grep -E '\((data\.cross_store|data\.orphans)\)$' <<<"$out" | sort)" \
    "$(grep -v '^$' <<<"$alone" | sort)" "findings together and alone"
  expect_out "✗ order_items id=$item: the row belongs to store 1 but its order_id=$other"
  expect_out "product_id=999999 (store 1) points at no row of products (data.orphans)"
  expect_out "user_id=$user points at no row of users (data.orphans)"
}

run_tests
