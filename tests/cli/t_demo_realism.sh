#!/usr/bin/env bash
# Demo data that looks like a shop (issue 16), read back from seeded databases on each backend:
# prices that fit the item, statuses that fit the order's age in realistic proportions, guest
# orders, order numbers in date order, VAT by shipping country, only active products ordered,
# accented names and places kept, and a password hash of each user's own. Each property on the
# default settings, proportions on a bigger seeding. The reference tables (item types and their
# prices, VAT rates) are read from the generator's sources, not copied here.
. "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions" SEED_REFERENCE_DATE=2026-06-15

_dbs=0
seed() { # [VAR=value ...] for seed-demo; each on a fresh database
  _dbs=$((_dbs + 1))
  migrated_db "d$_dbs"
  run init-prod
  expect_rc 0 "init-prod"
  env "$@" "$WZ_BIN" seed-demo >seed.out 2>&1 || fail "seed-demo failed: $(tail -5 seed.out)"
}
big() { seed SEED_DEMO_STORES=5 SEED_CUSTOMERS_PER_STORE=120 SEED_PRODUCTS_PER_STORE=150 SEED_ORDERS_PER_STORE=400; }

# "CODE|noun|min|max" for every item type of wz_fake_catalogue (src/seed/words.c).
catalogue() {
  awk '
    /^static const struct wz_fake_item_type [a-z]+_items\[\]/ { split($5, a, "_"); cat = a[1]; next }
    cat != "" && /^};/ { cat = ""; next }
    cat != "" && match($0, /\{"[^"]+", [0-9]+, [0-9]+,/) {
      s = substr($0, RSTART + 2, RLENGTH - 3); n = index(s, "\"")
      noun = substr(s, 1, n - 1); split(substr(s, n + 3), p, ", ")
      items[cat] = items[cat] noun "|" p[1] "|" p[2] "\n"
    }
    match($0, /CATEGORY\("[a-z]+", "[A-Z]+"/) {
      split(substr($0, RSTART, RLENGTH), q, "\""); code[q[2]] = q[4]
    }
    END { for (c in items) { n = split(items[c], l, "\n"); for (i = 1; i < n; i++) print code[c] "|" l[i] } }
  ' "$WZ_ROOT/src/seed/words.c"
}

# "CC|percent" for every VAT rate of wz_fake_vat_percent (src/seed/fake.c).
vat_rates() {
  grep -o '{"[A-Z][A-Z]", [0-9][0-9]*}' "$WZ_ROOT/src/seed/fake.c" | tr -d '{}" ' | tr ',' '|'
}

between() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; } # N LO HI

country_sql() {
  if _url_is_sqlite; then echo "json_extract(shipping_address, '\$.country')"; else echo "shipping_address->>'country'"; fi
}

# Every product's title ends with an item noun of its store's category (the SKU's code) and its
# price is within that item's range: no "Earbuds" at 775.99, no "Smartwatch" at 23.00.
check_catalogue() {
  catalogue >catalogue.txt
  [ "$(wc -l <catalogue.txt)" -ge 50 ] || fail "the catalogue read from words.c has $(wc -l <catalogue.txt) item types"
  q "SELECT sku, title, price_amount FROM products WHERE is_demo" >products.txt
  [ -s products.txt ] || fail "no demo products"
  local bad
  bad=$(awk -F'|' '
    NR == FNR { nouns[$1] = nouns[$1] "\n" $2; lo[$1 "|" $2] = $3; hi[$1 "|" $2] = $4; next }
    {
      n = split($1, sku, "-"); code = sku[n - 1]; best = ""
      m = split(nouns[code], cand, "\n")
      for (i = 2; i <= m; i++) {
        c = cand[i]
        if (length($2) > length(c) && substr($2, length($2) - length(c)) == " " c && length(c) > length(best)) best = c
      }
      if (best == "") { print "no " code " item: " $2; next }
      if ($3 < lo[code "|" best] || $3 > hi[code "|" best]) print $2 " at " $3 " outside " lo[code "|" best] ".." hi[code "|" best]
    }' catalogue.txt products.txt)
  [ -z "$bad" ] || fail "products that do not fit the catalogue:
$(echo "$bad" | head -5)"
}

test_catalogue_prices_fit_items() {
  seed
  check_catalogue
  # the three listed stores sell what their category says
  expect_eq "$(q "SELECT count(*) FROM products p JOIN stores s ON s.id = p.store_id
    WHERE s.code = 'TECHHUB' AND p.sku NOT LIKE 'TECHHUB-ELE-%'")" 0 "TECHHUB products outside electronics"
  big
  check_catalogue
}

test_order_statuses_fit_age_in_realistic_proportions() {
  seed
  # the reference date is 2026-06-15: ten days before, every parcel has arrived or the order
  # was cancelled or refunded; in the last day nothing is delivered or refunded yet
  expect_eq "$(q "SELECT count(*) FROM orders WHERE is_demo AND placed_at < '2026-06-05T00:00:00Z'
    AND status NOT IN ('delivered', 'cancelled', 'refunded')")" 0 "old orders still open"
  expect_eq "$(q "SELECT count(*) FROM orders WHERE is_demo AND placed_at >= '2026-06-14T00:00:00Z'
    AND status IN ('delivered', 'refunded')")" 0 "orders of the last day delivered or refunded"
  expect_eq "$(q "SELECT count(*) FROM orders WHERE is_demo AND placed_at >= '2026-06-15T00:00:00Z'")" 0 \
    "orders on or after the reference date"
  # the default data already shows variety: open orders, and not nearly all delivered
  local total delivered open
  total=$(q "SELECT count(*) FROM orders WHERE is_demo")
  delivered=$(q "SELECT count(*) FROM orders WHERE is_demo AND status = 'delivered'")
  open=$(q "SELECT count(*) FROM orders WHERE is_demo AND status IN ('pending', 'paid', 'shipped')")
  [ "$open" -ge 2 ] || fail "$open open orders of $total"
  [ $((delivered * 100)) -le $((total * 85)) ] || fail "$delivered of $total orders delivered"

  big
  total=$(q "SELECT count(*) FROM orders WHERE is_demo")
  local s n pct
  for s in pending paid shipped delivered cancelled refunded; do
    n=$(q "SELECT count(*) FROM orders WHERE is_demo AND status = '$s'")
    pct=$((n * 100 / total))
    case $s in
      delivered) between "$pct" 50 80 || fail "$pct % delivered" ;;
      cancelled | refunded) between "$pct" 3 12 || fail "$pct % $s" ;;
      *) between "$n" 1 $((total / 5)) || fail "$n ($pct %) $s" ;;
    esac
  done
  # more recent orders than old ones per day, as in a growing shop
  local recent old
  recent=$(q "SELECT count(*) FROM orders WHERE is_demo AND placed_at >= '2026-06-01T00:00:00Z'")
  old=$(q "SELECT count(*) FROM orders WHERE is_demo AND placed_at < '2026-04-16T00:00:00Z'")
  [ $((recent * 122)) -gt $((old * 14)) ] || fail "$recent orders in the last 14 days, $old in the 122 before"
}

test_guest_orders() {
  seed
  local guests
  guests=$(q "SELECT count(*) FROM orders WHERE is_demo AND customer_id IS NULL")
  [ "$guests" -ge 1 ] || fail "no guest order"
  expect_eq "$(q "SELECT count(*) FROM orders WHERE customer_id IS NULL
    AND (customer_email IS NULL OR customer_email NOT LIKE '%_@_%.%' OR shipping_address IS NULL)")" 0 \
    "guest orders without an email or an address"
  # a customer's order carries that customer's email
  expect_eq "$(q "SELECT count(*) FROM orders o JOIN customers c ON c.store_id = o.store_id
    AND c.id = o.customer_id WHERE o.customer_email <> c.email")" 0 "orders with another email"
  big
  local total pct
  total=$(q "SELECT count(*) FROM orders WHERE is_demo")
  guests=$(q "SELECT count(*) FROM orders WHERE is_demo AND customer_id IS NULL")
  pct=$((guests * 100 / total))
  between "$pct" 8 25 || fail "$pct % guest orders"
}

test_order_numbers_follow_placed_at() {
  seed
  local check="SELECT count(*) FROM orders a JOIN orders b ON a.store_id = b.store_id
    AND a.placed_at < b.placed_at AND a.order_number > b.order_number WHERE a.is_demo AND b.is_demo"
  expect_eq "$(q "$check")" 0 "orders numbered out of date order"
  # raising the count adds orders without renumbering the ones there
  q "SELECT order_number, placed_at FROM orders ORDER BY 1" >before.txt
  SEED_ORDERS_PER_STORE=25 "$WZ_BIN" seed-demo >/dev/null 2>&1 || fail "second seed-demo failed"
  expect_eq "$(q "$check")" 0 "orders numbered out of date order after raising the count"
  q "SELECT order_number, placed_at FROM orders ORDER BY 1" >after.txt
  expect_eq "$(comm -23 before.txt after.txt | wc -l)" 0 "orders changed by raising the count"
  big
  expect_eq "$(q "$check")" 0 "orders numbered out of date order (bigger seeding)"
}

check_tax() {
  vat_rates >rates.txt
  [ "$(wc -l <rates.txt)" -ge 5 ] || fail "the VAT rates read from fake.c: $(cat rates.txt)"
  q "SELECT $(country_sql), subtotal_amount, tax_amount FROM orders WHERE is_demo" >tax.txt
  local bad
  bad=$(awk -F'|' 'NR == FNR { rate[$1] = $2; next }
    { r = ($1 in rate) ? rate[$1] : 0; want = int(($2 * r + 50) / 100)
      if ($3 != want) print $1 ": subtotal " $2 " tax " $3 ", want " want }' rates.txt tax.txt)
  [ -z "$bad" ] || fail "tax not at the shipping country's rate:
$(echo "$bad" | head -5)"
}

test_tax_by_shipping_country() {
  seed
  check_tax
  big
  check_tax
  # exports carry no VAT, EU sales do
  expect_eq "$(q "SELECT count(*) FROM orders WHERE $(country_sql) IN ('US', 'GB', 'CH') AND tax_amount <> 0")" 0 \
    "VAT on exports"
  [ "$(q "SELECT count(*) FROM orders WHERE $(country_sql) = 'US'")" -gt 0 ] || fail "no order to the US"
  [ "$(q "SELECT count(DISTINCT $(country_sql)) FROM orders WHERE tax_amount > 0")" -ge 4 ] ||
    fail "VAT from fewer than four countries"
}

test_only_active_products_in_orders() {
  seed
  local bad="SELECT count(*) FROM order_items i JOIN products p ON p.store_id = i.store_id
    AND p.id = i.product_id WHERE p.status <> 'active'"
  expect_eq "$(q "$bad")" 0 "order lines of draft or archived products"
  [ "$(q "SELECT count(*) FROM products WHERE status <> 'active'")" -gt 0 ] || fail "no inactive product to avoid"
  big
  expect_eq "$(q "$bad")" 0 "order lines of draft or archived products (bigger seeding)"
  # the lines copy their product as it is
  expect_eq "$(q "SELECT count(*) FROM order_items i JOIN products p ON p.store_id = i.store_id
    AND p.id = i.product_id WHERE i.sku <> p.sku OR i.title <> p.title
    OR i.unit_price_amount <> p.price_amount")" 0 "lines that differ from their product"
}

test_utf8_names_and_places() {
  big
  local city
  for city in Liège Zürich Kraków München; do
    [ "$(q "SELECT count(*) FROM customer_addresses WHERE city = '$city'")" -gt 0 ] || fail "no address in $city"
  done
  expect_eq "$(q "SELECT count(*) FROM customer_addresses WHERE city IN ('Liege', 'Zurich', 'Krakow', 'Muenchen')")" 0 \
    "places that lost their accents"
  [ "$(q "SELECT count(*) FROM customers WHERE last_name IN ('Müller', 'Wiśniewski', 'López')")" -gt 0 ] ||
    fail "no accented customer name"
  # what must be ASCII is transliterated, never dropped or mangled
  expect_eq "$(q "SELECT count(*) FROM customers WHERE email <> lower(email) OR email LIKE '%..%'
    OR email LIKE '.%' OR email NOT LIKE '%_@_%'")" 0 "malformed emails"
  q "SELECT email FROM customers UNION ALL SELECT subdomain FROM stores UNION ALL SELECT code FROM stores" >ascii.txt
  expect_eq "$(LC_ALL=C grep -c '[^ -~]' ascii.txt)" 0 "non-ASCII emails, subdomains or codes"
}

test_password_hashes_per_user_and_reproducible() {
  seed
  local users distinct
  users=$(q "SELECT count(*) FROM users WHERE is_demo")
  distinct=$(q "SELECT count(DISTINCT password_hash) FROM users WHERE is_demo")
  [ "$users" -ge 9 ] || fail "$users demo users"
  expect_eq "$distinct" "$users" "distinct password hashes"
  expect_eq "$(q "SELECT count(*) FROM users WHERE is_demo AND password_hash NOT LIKE '\$argon2id\$%'")" 0 \
    "hashes that are not Argon2id"
  # the same seed gives the same hashes
  q "SELECT email, password_hash FROM users WHERE is_demo ORDER BY email" >first.txt
  seed
  q "SELECT email, password_hash FROM users WHERE is_demo ORDER BY email" >second.txt
  cmp -s first.txt second.txt || fail "the hashes differ between two seedings with the same seed"
  seed SEED_RANDOM_SEED=7
  q "SELECT email, password_hash FROM users WHERE is_demo ORDER BY email" >other.txt
  expect_eq "$(comm -12 first.txt other.txt | wc -l)" 0 "hashes shared by another seed"
}

run_tests
