#!/usr/bin/env bash
# seed-demo end to end on a real database (each backend): exact counts (normal and minimal), a second run
# that changes nothing, additive store counts, identical data from identical settings,
# totals that add up, no reference across stores, and every refusal leaving nothing behind.
. "$WZ_ROOT/tests/cli/lib.sh"

setup_db() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  migrated_db "${1:-}"
  run init-prod
  expect_rc 0 "init-prod"
}
# A database as setup_db and a first `seed-demo` with the defaults leave it, for the cases
# about what comes after: a copy of one seeded once for the whole script (the first seeding
# itself is test_normal_creates_exact_counts's case).
MIGRATIONS_DIR="$WZ_ROOT/migrations/versions" seeded_template
seeded_db() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  seeded
}
count() { q "SELECT count(*) FROM $1"; }

# Every column of every table (db export), creation times left out, and without the admin's
# password hash: init-prod salts it at random in each database (docs/export.md).
business_dump() { # url
  DATABASE_URL=$1 "$WZ_BIN" db export --exclude-timestamps | sed '/^1\tadmin@wizamart.com\t/d'
}

# Orders whose totals do not add up, and lines whose total is not quantity x price.
bad_totals() {
  q "SELECT
    (SELECT count(*) FROM orders o WHERE o.subtotal_amount <>
        (SELECT coalesce(sum(i.line_total_amount), 0) FROM order_items i
          WHERE i.store_id = o.store_id AND i.order_id = o.id)
      OR o.total_amount <> o.subtotal_amount + o.shipping_amount + o.tax_amount
      OR NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id))
  + (SELECT count(*) FROM order_items WHERE line_total_amount <> quantity * unit_price_amount)"
}

# References whose two ends are in different stores (each foreign key joined).
cross_store() {
  q "SELECT
    (SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.store_id <> o.store_id)
  + (SELECT count(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.store_id <> i.store_id)
  + (SELECT count(*) FROM order_items i JOIN products p ON p.id = i.product_id WHERE p.store_id <> i.store_id)
  + (SELECT count(*) FROM customer_addresses a JOIN customers c ON c.id = a.customer_id WHERE c.store_id <> a.store_id)
  + (SELECT count(*) FROM marketplace_products m JOIN products p ON p.id = m.product_id WHERE p.store_id <> m.store_id)
  + (SELECT count(*) FROM store_themes x LEFT JOIN stores s ON s.id = x.store_id WHERE s.id IS NULL)
  + (SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email <> o.customer_email)
  + (SELECT count(*) FROM order_items i JOIN products p ON p.id = i.product_id
      WHERE p.sku <> i.sku OR p.title <> i.title OR p.price_amount <> i.unit_price_amount)"
}

test_normal_creates_exact_counts() {
  setup_db
  run seed-demo
  expect_rc 0
  expect_out "✓ All changes committed"
  expect_out "Store 1: store1@example.com / password123"
  expect_eq "$(count stores)" 3 "stores"
  expect_eq "$(count customers)" 45 "customers"
  expect_eq "$(count products)" 60 "products"
  expect_eq "$(count orders)" 30 "orders"
  expect_eq "$(count store_themes)" 3 "themes"
  expect_eq "$(q "SELECT count(*) FROM users WHERE is_demo")" 9 "demo users"
  expect_eq "$(q "SELECT count(*) FROM customers c WHERE (SELECT count(*) FROM customer_addresses a
      WHERE a.customer_id = c.id) NOT IN (1, 2)")" 0 "customers with one or two addresses"
  expect_eq "$(q "SELECT count(*) FROM orders o WHERE (SELECT count(*) FROM order_items i
      WHERE i.order_id = o.id) NOT BETWEEN 1 AND 5")" 0 "orders with one to five items"
  expect_eq "$(q "SELECT count(*) FROM stores s JOIN users u ON u.id = s.owner_user_id
      WHERE u.email = 'store' || s.id || '@example.com'")" 3 "owners store1..3@example.com"
  expect_eq "$(q "SELECT code FROM stores ORDER BY id" | paste -sd,)" \
    "TECHHUB,URBANTHREADS,BOOKNOOK" "the DEMO_STORES list"
  expect_eq "$(q "SELECT count(*) FROM store_domains WHERE is_verified")" 1 "verified domain"
  expect_eq "$(q "SELECT count(DISTINCT preset) FROM store_themes")" 3 "theme presets"
  expect_eq "$(q "SELECT count(*) FROM (SELECT store_id, email FROM customers GROUP BY 1, 2 HAVING count(*) > 1) d")" 0 "duplicate emails"
  expect_eq "$(bad_totals)" 0 "orders whose totals do not add up"
  expect_eq "$(cross_store)" 0 "references across stores"
  expect_eq "$(q "SELECT count(*) FROM users WHERE NOT is_demo")" 1 "the admin is not demo data"
}

test_minimal_creates_one_small_store() {
  setup_db
  run seed-demo --mode minimal
  expect_rc 0
  expect_eq "$(count stores)" 1 "stores"
  expect_eq "$(count customers)" 5 "customers"
  expect_eq "$(count products)" 8 "products"
  expect_eq "$(count orders)" 5 "orders"
  expect_eq "$(q "SELECT code FROM stores")" "TECHHUB"
  expect_eq "$(bad_totals)" 0 "totals"
  run seed-demo --mode bogus
  expect_rc 2 "an unknown mode"
  expect_err "unknown mode 'bogus'"
}

test_second_run_changes_nothing() {
  seeded_db
  local before; before=$(dump_db)
  run seed-demo
  expect_rc 0 "second run"
  expect_out "Nothing to do: the demo data was already in place"
  # One line per step on a re-run (the guide's `make db-setup` stays short) ...
  expect_eq "$(grep -c 'Nothing left to do' <<<"$out")" "4" "one line per seeding step"
  expect_no_out "customers already present"
  # ... and every table with -v.
  run seed-demo -v
  expect_rc 0
  expect_out "45 customers already present"
  expect_eq "$(dump_db)" "$before" "database dump after the second run"
  # init-prod's re-run: one line per step too (the admin's own line stays, as in the guide).
  run init-prod
  expect_rc 0
  expect_out "Admin user already exists"
  expect_out "items already present)"
  expect_no_out "Permission already exists"
}

test_raising_stores_adds_exactly_the_missing_ones() {
  seeded_db
  local first; first=$(q "SELECT id || email FROM customers WHERE store_id <= 3 ORDER BY id")
  SEED_DEMO_STORES=5 run seed-demo
  expect_rc 0
  expect_out "Created 2 stores"
  expect_out "3 stores already present"
  expect_eq "$(count stores)" 5 "stores"
  expect_eq "$(count customers)" 75 "customers"
  expect_eq "$(count products)" 100 "products"
  expect_eq "$(count orders)" 50 "orders"
  # the DEMO_STORES list's codes have no digit, generated ones end with one
  local listed
  listed=$(grep -c '\.store_code = "' "$WZ_ROOT/src/seed/demo_stores.c")
  [ "$listed" -gt 0 ] || fail "no store in the DEMO_STORES list"
  expect_eq "$(q "SELECT count(*) FROM stores WHERE id > $listed AND substr(code, length(code), 1) NOT BETWEEN '0' AND '9'")" 0 "generated codes"
  expect_eq "$(q "SELECT count(*) FROM stores WHERE id <= $listed AND substr(code, length(code), 1) BETWEEN '0' AND '9'")" 0 "listed codes"
  expect_eq "$(q "SELECT id || email FROM customers WHERE store_id <= 3 ORDER BY id")" "$first" "the first stores' customers"
  expect_eq "$(cross_store)" 0 "references across stores"
  expect_eq "$(bad_totals)" 0 "totals"
}

test_same_settings_give_the_same_data() {
  export SEED_REFERENCE_DATE=2026-06-15 SEED_DEMO_STORES=4
  local a b c
  setup_db a
  a=$DATABASE_URL
  run seed-demo
  expect_rc 0
  setup_db b
  b=$DATABASE_URL
  run seed-demo
  expect_rc 0
  expect_eq "$(business_dump "$a")" "$(business_dump "$b")" "two databases seeded alike"
  [ "$(business_dump "$a" | grep -c $'\t')" -gt 400 ] || fail "the dump is too short: $(business_dump "$a")"
  setup_db c
  c=$DATABASE_URL
  SEED_RANDOM_SEED=7 run seed-demo
  [ "$(business_dump "$a")" != "$(business_dump "$c")" ] || fail "another seed gave the same data"
  expect_eq "$(DATABASE_URL=$a q "SELECT value FROM wizamart_meta WHERE key = 'seed_reference_date'")" "2026-06-15"
}

test_reference_date_is_kept_by_later_runs() {
  setup_db
  SEED_REFERENCE_DATE=2026-06-15 run seed-demo
  expect_rc 0
  SEED_REFERENCE_DATE=2026-09-01 SEED_DEMO_STORES=4 run seed-demo
  expect_rc 0
  expect_out "Kept the reference date 2026-06-15"
  expect_eq "$(q "SELECT count(*) FROM orders WHERE placed_at >= '2026-06-15'")" 0 "orders after the kept date"
  SEED_REFERENCE_DATE=bad run seed-demo
  expect_rc 2 "a malformed date"
  expect_err "SEED_REFERENCE_DATE"
}

test_production_is_refused_with_nothing_written() {
  setup_db
  local before; before=$(dump_db)
  ENVIRONMENT=production ADMIN_PASSWORD='Str0ng-Passw0rd!' JWT_SECRET_KEY=0123456789abcdef0123456789abcdef \
    run seed-demo
  expect_rc 1
  expect_err "Cannot run demo seeding in production!"
  expect_eq "$(dump_db)" "$before" "database after the refusal"
  # a database stamped production is refused even with a development .env
  qdb "UPDATE wizamart_meta SET value = 'production' WHERE key = 'environment'"
  before=$(dump_db)
  run seed-demo
  expect_rc 1
  expect_err "Cannot run demo seeding in production!"
  expect_eq "$(dump_db)" "$before" "stamped database after the refusal"
}

test_staging_runs_with_a_warning() {
  setup_db
  ENVIRONMENT=staging run seed-demo --mode minimal
  expect_rc 0
  expect_out "⚠ Running demo seeding in staging"
  expect_eq "$(count stores)" 1
}

test_missing_prerequisites_name_the_target() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  use_db
  run seed-demo
  expect_rc 1
  expect_err "make migrate-up"
  [ "$WZ_BACKEND" != sqlite ] || [ ! -s t.db ] || fail "seed-demo wrote to an empty database"
  run migrate up
  run migrate down base
  run seed-demo
  expect_rc 1 "not at head"
  expect_err "make migrate-up"
  expect_out "Nothing was changed"
  run migrate up
  run seed-demo
  expect_rc 1 "without init-prod"
  expect_err "run \`make init-prod\` first"
  expect_eq "$(count stores)" 0 "stores"
  expect_eq "$(q "SELECT count(*) FROM wizamart_meta WHERE key = 'seed_reference_date'")" 0 "meta"
}

test_reset_needs_confirmation() {
  seeded_db
  local before; before=$(dump_db)
  run seed-demo --mode reset
  expect_rc 1
  expect_err "refusing to reset demo data without confirmation: pass --yes (make seed-demo-reset YES=1)"
  expect_eq "$(dump_db)" "$before" "database after the refusal"
}

test_reset_reseeds_and_keeps_other_data() {
  seeded_db
  qdb "INSERT INTO customers (store_id, email) VALUES (2, 'real@shop.example')"
  qdb "UPDATE products SET title = 'Edited' WHERE store_id = 1"
  local settings roles
  settings=$(q "SELECT key || value FROM admin_settings ORDER BY id")
  roles=$(q "SELECT id || name FROM roles ORDER BY id")
  run seed-demo --mode reset --yes
  expect_rc 0
  expect_out "Deleting demo data"
  expect_out "Kept (not made by the seeder)"
  expect_out "platform admin admin@wizamart.com"
  expect_out "Kept 1 demo stores still used by data the seeder did not make"
  expect_eq "$(count stores)" 3 "stores"
  expect_eq "$(count customers)" 46 "customers (45 demo + 1 kept)"
  expect_eq "$(q "SELECT count(*) FROM products WHERE title = 'Edited'")" 0 "edited demo rows reseeded"
  expect_eq "$(q "SELECT count(*) FROM users WHERE role = 'admin'")" 1 "admin"
  expect_eq "$(q "SELECT key || value FROM admin_settings ORDER BY id")" "$settings" "admin settings"
  expect_eq "$(q "SELECT id || name FROM roles ORDER BY id")" "$roles" "roles"
  expect_eq "$(bad_totals)" 0 "totals"
  expect_eq "$(cross_store)" 0 "references across stores"
}

test_make_targets_pass_the_mode_and_confirmation() {
  local n
  n=$(make -s -n -C "$WZ_ROOT" seed-demo-reset YES=1 2>/dev/null | grep 'seed-demo')
  [[ "$n" == *"seed-demo --mode reset --yes"* ]] || fail "make seed-demo-reset YES=1 runs: $n"
  n=$(make -s -n -C "$WZ_ROOT" seed-demo-reset 2>/dev/null | grep 'seed-demo')
  [[ "$n" != *"--yes"* ]] || fail "make seed-demo-reset without YES confirms: $n"
  n=$(make -s -n -C "$WZ_ROOT" seed-demo-minimal 2>/dev/null | grep 'seed-demo')
  [[ "$n" == *"seed-demo --mode minimal"* ]] || fail "make seed-demo-minimal runs: $n"
}

run_tests
