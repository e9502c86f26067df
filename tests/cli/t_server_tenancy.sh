#!/usr/bin/env bash
# Tenancy of the store users' API end to end (each backend): a member of store 1 reaches
# nothing of store 2 (every route answers 404, the database unchanged), store 1's routes
# refuse store 2's ids, tokens of the other realm are 401s, and an inactive membership,
# user or store loses access at once.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template

# Each request "METHOD PATH [BODY]" of the list answers STATUS for TOKEN, and never shows
# store 2's data.
expect_all() { # STATUS TOKEN REQUEST...
  local want=$1 tok=$2 r m p b
  shift 2
  for r in "$@"; do
    read -r m p b <<<"$r"
    api "$m" "$p" "$b" "$tok"
    [ "$status" = "$want" ] || fail "$m $p: expected HTTP $want, got $status
  body: $body"
    [[ "$body" != *URBANTHREADS* && "$body" != *urbanthreads* ]] || fail "$m $p shows store 2: $body"
  done
}

# One real row id of store 2 per table, and one of its members.
store2_ids() {
  P2=$(q "SELECT id FROM products WHERE store_id = 2 ORDER BY id LIMIT 1")
  C2=$(q "SELECT id FROM customers WHERE store_id = 2 ORDER BY id LIMIT 1")
  O2=$(q "SELECT id FROM orders WHERE store_id = 2 ORDER BY id LIMIT 1")
  U2=$(q "SELECT id FROM users WHERE email = 'tom.schmit@urbanthreads.example.com'")
  [ -n "$P2" ] && [ -n "$C2" ] && [ -n "$O2" ] && [ -n "$U2" ] || fail "store 2 has no rows"
}

test_store1_owner_reaches_nothing_of_store2() {
  seeded
  start_server || return
  store2_ids
  local t before
  t=$(token store1@example.com password123) || return
  before=$(dump_db)
  local S=/api/v1/stores/2
  expect_all 404 "$t" \
    "GET $S" \
    "GET $S/products" \
    "GET $S/products?status=active&q=a" \
    "GET $S/products/$P2" \
    "POST $S/products {\"sku\":\"X-1\",\"title\":\"X\",\"price_amount\":1}" \
    "PATCH $S/products/$P2 {\"title\":\"Mine now\"}" \
    "POST $S/products/$P2/deactivate" \
    "GET $S/customers" \
    "GET $S/customers/$C2" \
    "GET $S/orders" \
    "GET $S/orders/$O2" \
    "GET $S/team" \
    "POST $S/team/invitations {\"email\":\"spy@example.com\",\"role\":\"manager\"}" \
    "DELETE $S/team/members/$U2"
  # Invalid input changes nothing: membership is checked before the body is read.
  expect_all 404 "$t" "POST $S/products {\"sku\":\"bad sku\"}" "PATCH $S/products/$P2 not-json"
  # A store that does not exist answers the same.
  expect_all 404 "$t" "GET /api/v1/stores/999" "GET /api/v1/stores/999/products" \
    "GET /api/v1/stores/0/products" "GET /api/v1/stores/x/products"
  expect_eq "$(dump_db)" "$before" "nothing changed"
}

test_store1_routes_refuse_store2_ids() {
  seeded
  start_server || return
  store2_ids
  local t before
  t=$(token store1@example.com password123) || return
  before=$(dump_db)
  local S=/api/v1/stores/1
  expect_all 404 "$t" \
    "GET $S/products/$P2" \
    "PATCH $S/products/$P2 {\"title\":\"Mine now\"}" \
    "POST $S/products/$P2/deactivate" \
    "GET $S/customers/$C2" \
    "GET $S/orders/$O2" \
    "DELETE $S/team/members/$U2"
  # and store 1's lists hold store 1's rows only
  api GET "$S/products?limit=100" "" "$t"
  expect_eq "$(jq_get 'sorted(p["id"] for p in j["items"])')" \
    "[$(q "SELECT id FROM products WHERE store_id = 1 ORDER BY id" | paste -sd, | sed 's/,/, /g')]"
  expect_eq "$(dump_db)" "$before" "nothing changed"
}

test_tokens_of_the_other_realm_are_401() {
  seeded
  start_server || return
  local admin t
  admin=$(token admin admin123) || return
  t=$(token store1@example.com password123) || return
  expect_all 401 "$admin" \
    "GET /api/v1/stores" \
    "GET /api/v1/stores/1" \
    "GET /api/v1/stores/1/products" \
    "POST /api/v1/stores/1/products {\"sku\":\"X-1\",\"title\":\"X\",\"price_amount\":1}" \
    "GET /api/v1/stores/1/orders"
  api GET /api/v1/stores/1/products "" "$admin"
  expect_header 'WWW-Authenticate: Bearer'
  expect_all 401 "$t" "GET /api/v1/admin/stores" "GET /api/v1/admin/stores/1"
  expect_all 401 "" "GET /api/v1/stores/1/products" "GET /api/v1/stores"
  expect_all 401 "not.a.token" "GET /api/v1/stores/1/products"
  # The public catalog needs no token, and ignores one.
  expect_all 200 "" "GET /api/v1/shop/TECHHUB/products"
  expect_all 200 "$admin" "GET /api/v1/shop/TECHHUB/products"
}

test_inactive_membership_user_or_store_loses_access() {
  seeded
  start_server || return
  local ines marc t
  ines=$(token ines.costa@techhub.example.com password123) || return
  marc=$(token marc.weber@techhub.example.com password123) || return
  t=$(token store1@example.com password123) || return
  expect_all 200 "$ines" "GET /api/v1/stores/1/products"
  qdb "UPDATE store_users SET is_active = false WHERE store_id = 1 AND user_id = (SELECT id FROM users WHERE email = 'ines.costa@techhub.example.com')"
  expect_all 404 "$ines" "GET /api/v1/stores/1" "GET /api/v1/stores/1/products" \
    "GET /api/v1/stores/1/orders"
  api GET /api/v1/stores "" "$ines"
  expect_status 200
  expect_eq "$(jq_get 'j["items"]')" "[]" "no store listed"
  # An inactive user: the token stops working at once.
  qdb "UPDATE users SET is_active = false WHERE email = 'marc.weber@techhub.example.com'"
  expect_all 401 "$marc" "GET /api/v1/stores" "GET /api/v1/stores/1/products"
  # An inactive store: its own owner gets a 404, and it leaves their list.
  qdb "UPDATE stores SET is_active = false WHERE id = 1"
  expect_all 404 "$t" "GET /api/v1/stores/1" "GET /api/v1/stores/1/products"
  api GET /api/v1/stores "" "$t"
  expect_eq "$(jq_get 'j["items"]')" "[]"
}

run_tests
