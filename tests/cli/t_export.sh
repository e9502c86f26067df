#!/usr/bin/env bash
# wizamart db export on each backend: the canonical format (model order, key order, one form
# per type), --exclude-timestamps, --output (private, replaced only when complete), paging
# through tables larger than a page, and a clear refusal on a database that is not migrated.
# The comparison of a SQLite and a PostgreSQL export is in t_export_parity.sh.
. "$WZ_ROOT/tests/cli/lib.sh"

MODEL_TABLES=$(model_tables | paste -sd' ')
[ -n "$MODEL_TABLES" ] || { echo "Bail out! cannot read the tables of the models"; exit 1; }

# One database migrated, initialized and seeded (minimal) for the whole script; each test
# that needs one exports a copy.
MIGRATIONS_DIR="$WZ_ROOT/migrations/versions" seeded_template SEED_REFERENCE_DATE=2026-06-15 -- --mode minimal
setup_db() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions" SEED_REFERENCE_DATE=2026-06-15
  seeded
}

# The lines of one table's section of an export (header line first).
section() { # export-text table
  awk -v t="[$2]" '$0 == t { on = 1; next } on && $0 == "" { exit } on { print }' <<<"$1"
}

test_format_order_and_values() {
  setup_db
  run db export
  expect_rc 0
  expect_eq "$err" "" "stderr"
  expect_eq "$(head -1 <<<"$out")" "# wizamart db export, format 1"
  expect_eq "$(grep '^\[' <<<"$out" | tr -d '[]' | tr '\n' ' ')" "$(echo $MODEL_TABLES) " "tables in model order"
  local users
  users=$(section "$out" users)
  expect_eq "$(head -1 <<<"$users")" "$(printf 'id\temail\tusername\tpassword_hash\tfirst_name\tlast_name\trole\tis_active\tis_email_verified\tlast_login_at\tis_demo\tcreated_at\tupdated_at')" "users columns"
  # the admin: booleans as true/false, a NULL as \N, timestamps in UTC to the second
  local admin
  admin=$(sed -n 2p <<<"$users")
  # shellcheck disable=SC1011 # $'\t' inside the bracket expression, as intended
  [[ "$admin" =~ ^1$'\t'admin@wizamart\.com$'\t'admin$'\t'\$argon2id\$[^$'\t']*$'\t'Platform$'\t'Administrator$'\t'admin$'\t'true$'\t'true$'\t'\\N$'\t'false$'\t'[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$'\t'[0-9-]{10}T[0-9:]{8}Z$ ]] ||
    fail "admin row: $admin"
  # rows in key order, and as many as the database holds
  local t n
  for t in $MODEL_TABLES; do
    n=$(section "$out" "$t" | tail -n +2 | grep -c .)
    expect_eq "$n" "$(q "SELECT count(*) FROM $t")" "rows of $t"
  done
  expect_eq "$(section "$out" customers | tail -n +2 | cut -f1,2)" \
    "$(q "SELECT id, store_id FROM customers ORDER BY store_id, id" | tr '|' '\t')" "customers in key order"
  expect_eq "$(section "$out" role_permissions | tail -n +2 | cut -f1,2)" \
    "$(q "SELECT role_id, permission_id FROM role_permissions ORDER BY 1, 2" | tr '|' '\t')" "role_permissions in key order"
}

test_awkward_values_have_one_form() {
  setup_db
  local ts=2026-01-02T03:04:05Z
  # PostgreSQL gets the same instant in another zone and with a fraction of a second.
  [ "$WZ_BACKEND" = postgres ] && ts='2026-01-02 05:04:05.678+02'
  qdb "INSERT INTO customers (store_id, email, first_name, last_name, phone)
         VALUES (1, 'odd@example.com', 'tab$(printf '\t')here', 'line1
line2 back\\slash', '\\N');
       UPDATE users SET last_login_at = '$ts' WHERE username = 'admin';
       UPDATE store_themes SET settings = '{\"zeta\": 1, \"alpha\": [1, 2, {\"b\": null, \"a\": \"x\"}]}'" ||
    fail "planting the values failed"
  run db export --exclude-timestamps
  expect_rc 0
  local id
  id=$(q "SELECT id FROM customers WHERE email = 'odd@example.com'")
  expect_eq "$(grep -F 'odd@example.com' <<<"$out")" \
    "$(printf '%s\t1\todd@example.com\ttab\\there\tline1\\nline2 back\\\\slash\t\\\\N\tfalse\ttrue\tfalse' "$id")" "customer row"
  expect_eq "$(section "$out" users | sed -n 2p | cut -f10)" "2026-01-02T03:04:05Z" "last_login_at in UTC"
  expect_eq "$(section "$out" store_themes | sed -n 2p | cut -f9)" '{"alpha":[1,2,{"a":"x","b":null}],"zeta":1}' "JSON with sorted keys"
}

test_exclude_timestamps_leaves_out_the_bookkeeping_times_only() {
  setup_db
  run db export
  local whole=$out
  run db export --exclude-timestamps
  expect_rc 0
  expect_eq "$(sed -n 2p <<<"$out")" "# left out: created_at, updated_at (--exclude-timestamps)"
  grep -v '^#' <<<"$out" | grep -Eq 'created_at|updated_at' && fail "a bookkeeping time is left"
  expect_eq "$(section "$out" store_users | head -1)" "$(printf 'id\tstore_id\tuser_id\trole_id\tis_active\tinvited_by_user_id\tjoined_at\tis_demo')" "store_users columns"
  [[ "$(section "$out" orders | head -1)" == *$'\t'placed_at$'\t'* ]] || fail "placed_at was left out"
  # the data rows keep their seeded times
  expect_eq "$(section "$out" store_users | sed -n 2p | cut -f7)" \
    "$(section "$whole" store_users | sed -n 2p | cut -f7)" "joined_at"
  [[ "$(section "$out" store_users | sed -n 2p | cut -f7)" == 20[0-9][0-9]-* ]] || fail "no joined_at"
  # every other column and row is the same as in the whole export
  expect_eq "$(grep -c . <<<"$out")" "$(($(grep -c . <<<"$whole") + 1))" "lines"
}

test_output_is_private_and_replaced_only_when_complete() {
  setup_db
  run db export
  local whole=$out
  run db export -o out.txt
  expect_rc 0
  local ntables
  ntables=$(wc -w <<<"$MODEL_TABLES")
  expect_out "✓ Exported $(($(grep -c $'\t' <<<"$whole") - ntables)) rows of $ntables tables to out.txt"
  expect_eq "$(cat out.txt)" "$whole" "the file holds what stdout would"
  expect_eq "$(stat -c %a out.txt)" "600" "mode"
  run db export --exclude-timestamps --output out.txt
  expect_rc 0
  expect_eq "$(sed -n 2p out.txt)" "# left out: created_at, updated_at (--exclude-timestamps)" "replaced"
  local before
  before=$(cat out.txt)
  # a failing export leaves the old file alone and nothing else behind
  use_db empty
  qdb "CREATE TABLE other (x INTEGER)"
  run db export -o out.txt
  expect_rc 1
  expect_eq "$(cat out.txt)" "$before" "the previous export"
  expect_eq "$(ls | grep -c 'out.txt.tmp')" "0" "temporary files left"
  mkdir dir
  setup_db
  run db export -o dir
  expect_rc 1
  expect_err "'dir' is a folder"
}

test_unmigrated_or_missing_database_is_refused() {
  if [ "$WZ_BACKEND" = sqlite ]; then
    DATABASE_URL="sqlite:///$PWD/missing.db" run db export
    expect_err "the SQLite database '$PWD/missing.db' does not exist"
    [ ! -e missing.db ] || fail "db export created missing.db"
  else
    DATABASE_URL="${WZ_PG_URL%/*}/$(_pg_db_name missing)" run db export
    expect_err "database '$(_pg_db_name missing)' does not exist"
  fi
  expect_rc 1
  expect_err "make migrate-up"
  expect_eq "$out" "" "stdout"
  use_db
  qdb "CREATE TABLE other (x INTEGER)"
  run db export
  expect_rc 1
  expect_err "table 'users' does not exist: the database is not migrated; run \`make migrate-up\` first"
  expect_eq "$out" "" "stdout"
}

test_tables_larger_than_a_page() {
  setup_db
  # 2500 more customers in two stores' key ranges: three pages, keys in both columns.
  qdb "INSERT INTO stores (code, name, subdomain, owner_user_id)
         SELECT 'SECOND', 'Second', 'second', id FROM users WHERE username = 'admin';
       INSERT INTO customers (store_id, email)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
         SELECT CASE WHEN i % 2 = 0 THEN 1 ELSE (SELECT id FROM stores WHERE code = 'SECOND') END,
                'c' || i || '@example.com' FROM n" || fail "inserting customers failed"
  run db export
  expect_rc 0
  local rows
  rows=$(section "$out" customers | tail -n +2)
  expect_eq "$(grep -c . <<<"$rows")" "$(q "SELECT count(*) FROM customers")" "customers exported"
  expect_eq "$(cut -f1,2 <<<"$rows")" \
    "$(q "SELECT id, store_id FROM customers ORDER BY store_id, id" | tr '|' '\t')" "key order across pages"
}

run_tests
