#!/usr/bin/env bash
# backends: postgres
# The same seed gives the same data on both backends: a SQLite file and a PostgreSQL database
# are migrated, initialised and seeded with the same settings, and their canonical exports
# (db export --exclude-timestamps) are byte-identical. On PostgreSQL the seeder's bulk rows go
# through COPY, one per table for a batch of new stores, not one INSERT per row.
. "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions" SEED_REFERENCE_DATE=2026-06-15 \
  SEED_RANDOM_SEED=20260615 SEED_DEMO_STORES=4 SEED_CUSTOMERS_PER_STORE=40 \
  SEED_PRODUCTS_PER_STORE=30 SEED_ORDERS_PER_STORE=50

setup() { # url
  export DATABASE_URL=$1
  run migrate up
  expect_rc 0 "migrate up on $1"
  run init-prod
  expect_rc 0 "init-prod on $1"
}

test_seeded_sqlite_and_postgresql_export_byte_identical() {
  local lite pg
  lite="sqlite:///$PWD/lite.db"
  pg=$(new_db_url pg) || fail "no PostgreSQL database"
  setup "$lite"
  setup "$pg"
  # The one value that differs by design: init-prod salts the admin's password hash at random
  # (docs/export.md). Give PostgreSQL's admin SQLite's hash, so what is compared is the rest.
  local hash
  hash=$(DATABASE_URL=$lite q "SELECT password_hash FROM users WHERE username = 'admin'")
  DATABASE_URL=$pg qdb "UPDATE users SET password_hash = '$hash' WHERE username = 'admin'"
  for url in "$lite" "$pg"; do
    DATABASE_URL=$url run seed-demo
    expect_rc 0 "seed-demo on $url"
  done
  DATABASE_URL=$lite run db export --exclude-timestamps --output lite.txt
  expect_rc 0
  DATABASE_URL=$pg run db export --exclude-timestamps --output pg.txt
  expect_rc 0
  expect_out "✓ Exported"
  cmp lite.txt pg.txt || fail "the exports differ:
$(diff lite.txt pg.txt | head -20)"
  # the comparison covers every seeded table, with rows in them
  local t
  for t in users stores store_domains store_users store_themes customers customer_addresses \
    products marketplace_products orders order_items; do
    [ "$(awk -v t="[$t]" '$0 == t { on = 1; next } on && $0 == "" { exit } on { n++ } END { print n - 1 }' pg.txt)" -gt 0 ] ||
      fail "no rows of $t in the export"
  done
  # every table of the models: its rows and its header line
  local tables sum
  tables=$(model_tables) && [ -n "$tables" ] || fail "cannot read the tables of the models"
  sum=$(sed 's/.*/(SELECT count(*) FROM &)/' <<<"$tables" | paste -sd+)
  expect_eq "$(grep -c $'\t' pg.txt)" "$(($(DATABASE_URL=$pg q "SELECT $sum") + $(wc -l <<<"$tables")))" \
    "rows and header lines in the export"
}

# Exports of both after each step; fails with the first lines that differ.
exports_match() { # lite pg what
  DATABASE_URL=$1 "$WZ_BIN" db export --exclude-timestamps --output lite.txt >/dev/null &&
    DATABASE_URL=$2 "$WZ_BIN" db export --exclude-timestamps --output pg.txt >/dev/null ||
    fail "export failed ($3)"
  cmp -s lite.txt pg.txt || fail "the exports differ after $3:
$(diff lite.txt pg.txt | head -12)"
}

# Seeding again with raised counts (rows that exist are looked up, not inserted again: on
# PostgreSQL a conflicting INSERT would still use up an id) and a reset (the ids restart
# after the rows that stay) keep the two backends identical.
test_raised_counts_and_reset_stay_identical() {
  local lite pg hash url
  lite="sqlite:///$PWD/lite.db"
  pg=$(new_db_url pg) || fail "no PostgreSQL database"
  setup "$lite"
  setup "$pg"
  hash=$(DATABASE_URL=$lite q "SELECT password_hash FROM users WHERE username = 'admin'")
  DATABASE_URL=$pg qdb "UPDATE users SET password_hash = '$hash' WHERE username = 'admin'"
  for url in "$lite" "$pg"; do
    DATABASE_URL=$url SEED_DEMO_STORES=2 run seed-demo
    expect_rc 0 "first seeding of $url"
    DATABASE_URL=$url SEED_CUSTOMERS_PER_STORE=44 SEED_ORDERS_PER_STORE=55 run seed-demo
    expect_rc 0 "raised counts on $url"
    expect_out "already present"
  done
  exports_match "$lite" "$pg" "raising the counts"
  # real customers keep stores 1 and 3: the reseeding then meets kept and new stores in turn
  for url in "$lite" "$pg"; do
    DATABASE_URL=$url qdb "INSERT INTO customers (store_id, email) VALUES (1, 'real@shop.example'), (3, 'real3@shop.example')"
    DATABASE_URL=$url run seed-demo --mode reset --yes
    expect_rc 0 "reset of $url"
  done
  exports_match "$lite" "$pg" "a reset"
}

# Counts the INSERT statements (a COPY is one) that reach each bulk table while seeding.
test_postgresql_bulk_rows_go_through_copy() {
  use_db
  setup "$DATABASE_URL"
  qdb <<'SQL' || fail "cannot install the statement counter"
CREATE TABLE statement_log (tbl TEXT NOT NULL);
CREATE FUNCTION log_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO statement_log VALUES (TG_TABLE_NAME); RETURN NULL; END $$;
CREATE TRIGGER log_customers AFTER INSERT ON customers FOR EACH STATEMENT EXECUTE FUNCTION log_statement();
CREATE TRIGGER log_addresses AFTER INSERT ON customer_addresses FOR EACH STATEMENT EXECUTE FUNCTION log_statement();
CREATE TRIGGER log_products AFTER INSERT ON products FOR EACH STATEMENT EXECUTE FUNCTION log_statement();
CREATE TRIGGER log_listings AFTER INSERT ON marketplace_products FOR EACH STATEMENT EXECUTE FUNCTION log_statement();
CREATE TRIGGER log_orders AFTER INSERT ON orders FOR EACH STATEMENT EXECUTE FUNCTION log_statement();
CREATE TRIGGER log_items AFTER INSERT ON order_items FOR EACH STATEMENT EXECUTE FUNCTION log_statement();
SQL
  run seed-demo
  expect_rc 0
  expect_eq "$(q "SELECT tbl || ' ' || count(*) FROM statement_log GROUP BY tbl ORDER BY tbl")" \
    "$(printf '%s 1\n' customer_addresses customers marketplace_products order_items orders products)" \
    "statements per table (4 new stores, one batch: one COPY each)"
  expect_eq "$(q "SELECT count(*) FROM order_items")" "$(q "SELECT sum(n) FROM (SELECT count(*) n FROM order_items GROUP BY store_id) x")" "items"
  [ "$(q "SELECT count(*) FROM order_items")" -gt 100 ] || fail "too few items to tell"
  # A store that has rows already takes the careful path: a raised count adds the rest.
  SEED_CUSTOMERS_PER_STORE=45 run seed-demo
  expect_rc 0
  expect_eq "$(q "SELECT count(*) FROM customers")" "180" "customers after raising the count"
}

run_tests
