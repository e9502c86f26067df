#!/usr/bin/env bash
# seed-demo on PostgreSQL (the throwaway server tests/run.sh starts): the real migration,
# init-prod, then the seeder's SQL and its COPY path, exact counts, a second run that creates
# nothing, and the same data as SQLite seeded alike. Each case gets a database of its own.
. "$WZ_ROOT/tests/cli/lib.sh"
: "${WZ_PG_URL:?WZ_PG_URL must name the test server (tests/run.sh starts one)}"

pg_fresh() {
  PGNAME="wzs_$$_${RANDOM}${RANDOM}"
  psql -qX "$WZ_PG_URL" -c "CREATE DATABASE $PGNAME" >/dev/null || fail "cannot create $PGNAME"
  export DATABASE_URL="${WZ_PG_URL%/*}/$PGNAME"
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
}
pg_drop() { psql -qX "$WZ_PG_URL" -c "DROP DATABASE IF EXISTS $PGNAME" >/dev/null; }
pgsql() { psql -qtAX "$DATABASE_URL" -c "$1"; }

test_pg_seed_counts_idempotence_and_parity() {
  export SEED_REFERENCE_DATE=2026-06-15
  pg_fresh
  run migrate up
  expect_rc 0 "migrate up"
  run init-prod
  expect_rc 0 "init-prod"
  run seed-demo
  expect_rc 0
  expect_out "✓ All changes committed"
  expect_eq "$(pgsql "SELECT count(*) FROM stores")" 3 "stores"
  expect_eq "$(pgsql "SELECT count(*) FROM customers")" 45 "customers"
  expect_eq "$(pgsql "SELECT count(*) FROM products")" 60 "products"
  expect_eq "$(pgsql "SELECT count(*) FROM orders")" 30 "orders"
  expect_eq "$(pgsql "SELECT count(*) FROM orders o WHERE o.subtotal_amount <> (SELECT sum(line_total_amount)
      FROM order_items i WHERE i.store_id = o.store_id AND i.order_id = o.id)")" 0 "totals"
  run seed-demo
  expect_rc 0 "second run"
  expect_out "Nothing to do: the demo data was already in place"
  expect_eq "$(pgsql "SELECT count(*) FROM order_items")" \
    "$(pgsql "SELECT count(*) FROM order_items WHERE is_demo")" "items"

  # the same settings on SQLite give the same business values
  local q="SELECT s.code, c.email, c.first_name, c.phone, a.line1, a.postcode, a.country_code
           FROM customers c JOIN stores s ON s.id = c.store_id
           JOIN customer_addresses a ON a.customer_id = c.id ORDER BY s.code, c.email, a.kind"
  local qo="SELECT s.code, o.order_number, o.status, o.total_amount, o.customer_email,
            replace(replace(o.placed_at::text, ' ', 'T'), '+00', 'Z')
            FROM orders o JOIN stores s ON s.id = o.store_id ORDER BY 1, 2"
  local qs="SELECT s.code, o.order_number, o.status, o.total_amount, o.customer_email, o.placed_at
            FROM orders o JOIN stores s ON s.id = o.store_id ORDER BY 1, 2"
  local pg_c pg_o
  pg_c=$(psql -qtAX -F'|' "$DATABASE_URL" -c "$q")
  pg_o=$(psql -qtAX -F'|' "$DATABASE_URL" -c "$qo")
  pg_drop
  export DATABASE_URL="sqlite:///$PWD/t.db"
  run migrate up
  run init-prod
  run seed-demo
  expect_rc 0 "sqlite"
  expect_eq "$(sql t.db "$q")" "$pg_c" "customers and addresses, PostgreSQL vs SQLite"
  expect_eq "$(sql t.db "$qs")" "$pg_o" "orders, PostgreSQL vs SQLite"
}

run_tests
