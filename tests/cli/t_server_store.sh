#!/usr/bin/env bash
# The store users' API end to end on a real database (each backend): my stores, a store, the
# catalog (create, change, archive, its rules and its 409), customers, orders with their
# items, the team, the public catalog, the roles' permissions, keyset pages that visit every
# row once, search and status filters. Every answer is checked against its schema in
# /openapi.json.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template

# The last body against components/schemas/NAME of the live /openapi.json.
expect_schema() { # NAME
  [ -s openapi.json ] || curl -s "$WZ_URL/openapi.json" >openapi.json
  local msg
  msg=$(python3 -c 'import json,sys
from jsonschema import Draft202012Validator
doc = json.load(open("openapi.json"))
schema = {"$ref": "#/components/schemas/" + sys.argv[1], "components": doc["components"]}
errors = [e.message for e in Draft202012Validator(schema).iter_errors(json.loads(sys.stdin.read()))]
print("; ".join(errors[:3]))' "$1" <<<"$body" 2>&1)
  [ -z "$msg" ] || fail "the body does not match $1: $msg
  body: ${body:0:400}"
}
# The fields named by the last 422, sorted, comma-separated.
error_fields() { jq_get '",".join(sorted(e["field"] for e in j["errors"]))'; }

P1=/api/v1/stores/1

test_my_stores_and_one_store() {
  seeded
  start_server || return
  local t
  t=$(token store1@example.com password123) || return
  api GET /api/v1/stores "" "$t"
  expect_status 200
  expect_schema MyStoreList
  expect_eq "$(jq_get '[s["code"] + ":" + s["role"] for s in j["items"]]')" '["TECHHUB:owner"]'
  api GET $P1 "" "$t"
  expect_status 200
  expect_schema StoreView
  expect_eq "$(jq_get 'j["code"]')" TECHHUB
  expect_eq "$(jq_get 'j["role"]')" owner
  expect_eq "$(jq_get '"team.manage" in j["permissions"]')" true
  expect_eq "$(jq_get 'j["theme"] is not None')" true
  expect_eq "$(jq_get 'j["domains"][0]["domain"]')" techhub.example.com
  # A manager's permissions are the role's, not the owner's.
  t=$(token marc.weber@techhub.example.com password123) || return
  api GET $P1 "" "$t"
  expect_status 200
  expect_eq "$(jq_get 'j["role"]')" manager
  expect_eq "$(jq_get '"team.manage" in j["permissions"]')" false
  expect_eq "$(jq_get '"products.create" in j["permissions"]')" true
  # No token, or an admin's: 401.
  api GET /api/v1/stores
  expect_status 401
}

test_product_create_read_update_deactivate() {
  seeded
  start_server || return
  local t id
  t=$(token store1@example.com password123) || return
  api POST $P1/products '{"sku": "NEW-1", "title": "Travel Charger", "price_amount": 2999}' "$t"
  expect_status 201
  expect_schema Product
  id=$(jq_get 'j["id"]')
  expect_header "Location: $P1/products/$id"
  expect_eq "$(jq_get 'j["currency"] + " " + j["status"] + " " + str(j["stock_quantity"])')" \
    "EUR draft 0" "the store's currency, draft, no stock"
  expect_eq "$(q "SELECT store_id || '|' || sku || '|' || price_amount || '|' || currency FROM products WHERE id = $id")" \
    "1|NEW-1|2999|EUR"
  api GET $P1/products/$id "" "$t"
  expect_status 200
  expect_schema Product
  expect_body '"title":"Travel Charger"'
  api PATCH $P1/products/$id '{"title": "Travel Charger 65W", "price_amount": 3499, "currency": "USD", "stock_quantity": 12, "status": "active", "description": "GaN"}' "$t"
  expect_status 200
  expect_schema Product
  expect_eq "$(q "SELECT title || '|' || price_amount || '|' || currency || '|' || stock_quantity || '|' || status || '|' || description FROM products WHERE id = $id")" \
    "Travel Charger 65W|3499|USD|12|active|GaN"
  # A PATCH changes only what it names; null clears the description.
  api PATCH $P1/products/$id '{"description": null}' "$t"
  expect_status 200
  expect_eq "$(jq_get 'j["description"]')" null
  expect_eq "$(jq_get 'j["title"]')" "Travel Charger 65W"
  api POST $P1/products/$id/deactivate "" "$t"
  expect_status 200
  expect_schema Product
  expect_eq "$(jq_get 'j["status"]')" archived
  # Idempotent: archiving again changes nothing.
  local before
  before=$(dump_db)
  api POST $P1/products/$id/deactivate "" "$t"
  expect_status 200
  expect_eq "$(jq_get 'j["status"]')" archived
  expect_eq "$(dump_db)" "$before" "the second archive wrote nothing"
  api GET $P1/products/999999 "" "$t"
  expect_status 404
  api GET $P1/products/abc "" "$t"
  expect_status 404
}

test_product_rules_are_422_with_one_entry_per_field() {
  seeded
  start_server || return
  local t before
  t=$(token store1@example.com password123) || return
  before=$(dump_db)
  api POST $P1/products '{"sku": "has space", "title": "", "description": "'"$(printf 'x%.0s' $(seq 5001))"'", "price_amount": -1, "currency": "eur", "stock_quantity": -5, "status": "sold", "colour": "red"}' "$t"
  expect_status 422
  expect_schema Problem
  expect_eq "$(error_fields)" "colour,currency,description,price_amount,sku,status,stock_quantity,title"
  api POST $P1/products '{}' "$t"
  expect_status 422
  expect_eq "$(error_fields)" "price_amount,sku,title" "the required fields"
  # A wrong type is one entry, not also "is required".
  api POST $P1/products '{"sku": "OK-1", "title": "T", "price_amount": "12.50"}' "$t"
  expect_status 422
  expect_eq "$(error_fields)" "price_amount"
  # An unknown field refuses an otherwise valid product.
  api POST $P1/products '{"sku": "OK-1", "title": "T", "price_amount": 1, "prize": 2}' "$t"
  expect_status 422
  expect_eq "$(error_fields)" "prize"
  api PATCH $P1/products/1 '{"title": "   ", "price_amount": 1.5}' "$t"
  expect_status 422
  expect_eq "$(error_fields)" "price_amount,title"
  api POST $P1/products 'not json' "$t"
  expect_status 400
  expect_eq "$(dump_db)" "$before" "nothing written"
  # The limits are inclusive.
  api POST $P1/products '{"sku": "'"$(printf 'S%.0s' $(seq 64))"'", "title": "'"$(printf 'é%.0s' $(seq 200))"'", "price_amount": 0}' "$t"
  expect_status 201 "64-byte SKU, 200-character title, price 0"
}

test_duplicate_sku_is_409_and_writes_nothing() {
  seeded
  start_server || return
  local t before sku1
  t=$(token store1@example.com password123) || return
  sku1=$(q "SELECT sku FROM products WHERE store_id = 1 AND id = 1")
  before=$(dump_db)
  api POST $P1/products '{"sku": "'"$sku1"'", "title": "Again", "price_amount": 100}' "$t"
  expect_status 409
  expect_schema Problem
  expect_body "$sku1"
  api PATCH $P1/products/2 '{"sku": "'"$sku1"'"}' "$t"
  expect_status 409
  expect_eq "$(dump_db)" "$before" "nothing written"
  # The same SKU in another store is fine: uniqueness is per store.
  local t2
  t2=$(token store2@example.com password123) || return
  api POST /api/v1/stores/2/products '{"sku": "'"$sku1"'", "title": "Same SKU elsewhere", "price_amount": 100}' "$t2"
  expect_status 201
}

test_roles_decide_what_a_member_may_do() {
  seeded
  start_server || return
  local ines nora tom before
  ines=$(token ines.costa@techhub.example.com password123) || return
  nora=$(token nora.klein@urbanthreads.example.com password123) || return
  tom=$(token tom.schmit@urbanthreads.example.com password123) || return
  before=$(dump_db)
  # support: sees the catalog, cannot add to it
  api GET $P1/products "" "$ines"
  expect_status 200
  api POST $P1/products '{"sku": "X-1", "title": "X", "price_amount": 1}' "$ines"
  expect_status 403
  expect_schema Problem
  api PATCH $P1/products/1 '{"title": "X"}' "$ines"
  expect_status 403
  api POST $P1/products/1/deactivate "" "$ines"
  expect_status 403
  api GET $P1/team "" "$ines"
  expect_status 403 "support has no team.view"
  # viewer: reads, never writes
  api GET /api/v1/stores/2/products "" "$nora"
  expect_status 200
  api GET /api/v1/stores/2/orders "" "$nora"
  expect_status 200
  api GET /api/v1/stores/2/team "" "$nora"
  expect_status 200
  api POST /api/v1/stores/2/products '{"sku": "X-1", "title": "X", "price_amount": 1}' "$nora"
  expect_status 403
  api POST /api/v1/stores/2/team/invitations '{"email": "x@example.com", "role": "staff"}' "$nora"
  expect_status 403
  api DELETE "/api/v1/stores/2/team/members/$(q "SELECT id FROM users WHERE email = 'tom.schmit@urbanthreads.example.com'")" "" "$nora"
  expect_status 403
  expect_eq "$(dump_db)" "$before" "nothing written by refused requests"
  # staff: adds products
  api POST /api/v1/stores/2/products '{"sku": "X-1", "title": "X", "price_amount": 1}' "$tom"
  expect_status 201
}

test_public_catalog_shows_active_products_of_active_stores() {
  seeded
  start_server || return
  local t n
  t=$(token store1@example.com password123) || return
  api POST $P1/products '{"sku": "DRAFT-1", "title": "Not yet", "price_amount": 1}' "$t"
  expect_status 201
  api GET "/api/v1/shop/TECHHUB/products?limit=100"
  expect_status 200
  expect_schema ShopProductList
  n=$(q "SELECT count(*) FROM products WHERE store_id = 1 AND status = 'active'")
  expect_eq "$(jq_get 'len(j["items"])')" "$n" "active products of store 1"
  local skus
  skus=$(q "SELECT sku FROM products WHERE store_id = 1 AND status = 'active' ORDER BY id" | paste -sd,)
  expect_eq "$(jq_get '",".join(p["sku"] for p in j["items"])')" "$skus"
  expect_no_body DRAFT-1
  expect_no_body "$(q "SELECT sku FROM products WHERE store_id = 1 AND status = 'archived' ORDER BY id LIMIT 1")"
  expect_no_body '"stock_quantity"'
  # in_stock follows the stock
  qdb "UPDATE products SET stock_quantity = 0 WHERE store_id = 1 AND id = 1"
  api GET "/api/v1/shop/techhub/products?limit=1"
  expect_status 200 "the code in any case"
  expect_eq "$(jq_get 'j["items"][0]["in_stock"]')" false
  api GET /api/v1/shop/NOSUCHSTORE/products
  expect_status 404
  expect_schema Problem
  api GET /api/v1/shop/URBANTHREADS/products
  expect_status 200
  qdb "UPDATE stores SET is_active = false WHERE id = 2"
  api GET /api/v1/shop/URBANTHREADS/products
  expect_status 404 "a deactivated store"
  # A store with no active product is an empty page, not a 404.
  qdb "UPDATE products SET status = 'draft' WHERE store_id = 3"
  api GET /api/v1/shop/BOOKNOOK/products
  expect_status 200
  expect_eq "$(jq_get 'j["items"]')" "[]"
  expect_eq "$(jq_get 'j["next_cursor"]')" null
}

test_pages_visit_every_row_once() {
  seeded
  start_server || return
  local t
  t=$(token store1@example.com password123) || return
  expect_eq "$(walk "$P1/products?x=1" "$t" id | sed '/^$/d' | paste -sd,)" \
    "$(q "SELECT id FROM products WHERE store_id = 1 ORDER BY id" | paste -sd,)" "products"
  expect_eq "$(walk "$P1/orders?x=1" "$t" id | sed '/^$/d' | paste -sd,)" \
    "$(q "SELECT id FROM orders WHERE store_id = 1 ORDER BY id" | paste -sd,)" "orders"
  expect_eq "$(walk "$P1/customers?x=1" "$t" id | sed '/^$/d' | paste -sd,)" \
    "$(q "SELECT id FROM customers WHERE store_id = 1 ORDER BY id" | paste -sd,)" "customers"
  expect_eq "$(walk "/api/v1/shop/TECHHUB/products?x=1" "" sku | sed '/^$/d' | paste -sd,)" \
    "$(q "SELECT sku FROM products WHERE store_id = 1 AND status = 'active' ORDER BY id" | paste -sd,)" "the public catalog"
  api GET "$P1/products?limit=101" "" "$t"
  expect_status 400
  api GET "$P1/products?cursor=abc" "" "$t"
  expect_status 400
  api GET "$P1/products?limit=3" "" "$t"
  expect_schema ProductList
}

test_search_and_status_filters() {
  seeded
  start_server || return
  local t word
  t=$(token store1@example.com password123) || return
  word=$(q "SELECT title FROM products WHERE store_id = 1 ORDER BY id LIMIT 1" | awk '{print $NF}')
  api GET "$P1/products?q=$(tr '[:upper:]' '[:lower:]' <<<"$word")" "" "$t"
  expect_status 200
  expect_eq "$(jq_get '",".join(str(p["id"]) for p in j["items"])')" \
    "$(q "SELECT id FROM products WHERE store_id = 1 AND (lower(title) LIKE lower('%$word%') OR lower(sku) LIKE lower('%$word%')) ORDER BY id" | paste -sd,)" \
    "products matching '$word'"
  api GET "$P1/products?q=ELE-00000" "" "$t"
  expect_eq "$(jq_get 'len(j["items"])')" 9 "a search on the SKU"
  api GET "$P1/products?q=%25" "" "$t"
  expect_eq "$(jq_get 'len(j["items"])')" 0 "% is a character, not a wildcard"
  # Non-ASCII titles: the pattern is lowered the way the database lowers the column.
  api POST $P1/products '{"sku": "SCR-1", "title": "Écran Ultra", "price_amount": 1}' "$t"
  expect_status 201
  api GET "$P1/products?q=%C3%89CRAN" "" "$t"
  expect_eq "$(jq_get '[p["sku"] for p in j["items"]]')" '["SCR-1"]' "a search for ÉCRAN"
  api GET "$P1/products?status=archived" "" "$t"
  expect_status 200
  expect_eq "$(jq_get '",".join(str(p["id"]) for p in j["items"])')" \
    "$(q "SELECT id FROM products WHERE store_id = 1 AND status = 'archived' ORDER BY id" | paste -sd,)"
  api GET "$P1/products?status=sold" "" "$t"
  expect_status 400
  api GET "$P1/orders?status=shipped&limit=100" "" "$t"
  expect_status 200
  expect_schema OrderList
  expect_eq "$(jq_get '",".join(str(p["id"]) for p in j["items"])')" \
    "$(q "SELECT id FROM orders WHERE store_id = 1 AND status = 'shipped' ORDER BY id" | paste -sd,)"
  local num email
  num=$(q "SELECT order_number FROM orders WHERE store_id = 1 ORDER BY id DESC LIMIT 1")
  api GET "$P1/orders?q=$num" "" "$t"
  expect_eq "$(jq_get '[o["order_number"] for o in j["items"]]')" "[\"$num\"]"
  email=$(q "SELECT email FROM customers WHERE store_id = 1 ORDER BY id LIMIT 1")
  api GET "$P1/orders?q=$(tr '[:lower:]' '[:upper:]' <<<"$email")&limit=100" "" "$t"
  expect_eq "$(jq_get 'len(j["items"])')" \
    "$(q "SELECT count(*) FROM orders WHERE store_id = 1 AND customer_email = '$email'")" "orders by email"
  api GET "$P1/customers?q=${email%@*}" "" "$t"
  expect_status 200
  expect_schema CustomerList
  expect_eq "$(jq_get '[c["email"] for c in j["items"]]')" "[\"$email\"]"
  local last
  last=$(q "SELECT last_name FROM customers WHERE store_id = 1 ORDER BY id LIMIT 1")
  api GET "$P1/customers?q=$last&limit=100" "" "$t"
  expect_eq "$(jq_get 'len(j["items"])')" \
    "$(q "SELECT count(*) FROM customers WHERE store_id = 1 AND (lower(email) LIKE lower('%$last%') OR lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) LIKE lower('%$last%'))")" \
    "customers named $last"
}

test_order_and_customer_details() {
  seeded
  start_server || return
  local t oid cid
  t=$(token store1@example.com password123) || return
  oid=$(q "SELECT id FROM orders WHERE store_id = 1 AND customer_id IS NOT NULL ORDER BY id LIMIT 1")
  api GET $P1/orders/$oid "" "$t"
  expect_status 200
  expect_schema OrderDetail
  expect_eq "$(jq_get 'sum(i["line_total_amount"] for i in j["items"]) == j["subtotal_amount"]')" true \
    "the items' line totals add up to the subtotal"
  expect_eq "$(jq_get 'all(i["quantity"] * i["unit_price_amount"] == i["line_total_amount"] for i in j["items"])')" true
  expect_eq "$(jq_get 'len(j["items"])')" "$(q "SELECT count(*) FROM order_items WHERE store_id = 1 AND order_id = $oid")"
  expect_eq "$(jq_get 'j["subtotal_amount"] + j["shipping_amount"] + j["tax_amount"] == j["total_amount"]')" true
  expect_eq "$(jq_get 'j["customer"]["id"] == j["customer_id"]')" true
  expect_eq "$(jq_get 'type(j["shipping_address"]).__name__')" dict
  expect_eq "$(jq_get 'len(j["customer"]["addresses"])')" \
    "$(q "SELECT count(*) FROM customer_addresses WHERE store_id = 1 AND customer_id = (SELECT customer_id FROM orders WHERE id = $oid)")"
  cid=$(q "SELECT customer_id FROM customer_addresses WHERE store_id = 1 ORDER BY id LIMIT 1")
  api GET $P1/customers/$cid "" "$t"
  expect_status 200
  expect_schema CustomerDetail
  expect_eq "$(jq_get '[a["line1"] for a in j["addresses"]]' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
    "$(q "SELECT count(*) FROM customer_addresses WHERE store_id = 1 AND customer_id = $cid")"
  api GET $P1/orders/999999 "" "$t"
  expect_status 404
  api GET $P1/customers/999999 "" "$t"
  expect_status 404
}

test_team_list_invite_and_remove() {
  seeded
  start_server || return
  local t ines tok
  t=$(token store1@example.com password123) || return
  ines=$(q "SELECT id FROM users WHERE email = 'ines.costa@techhub.example.com'")
  api GET $P1/team "" "$t"
  expect_status 200
  expect_schema Team
  expect_eq "$(jq_get '",".join(m["role"] for m in j["members"])')" "owner,manager,support"
  api POST $P1/team/invitations '{"email": "New.Hire@Example.com", "role": "staff"}' "$t"
  expect_status 201
  expect_schema InvitationCreated
  tok=$(jq_get 'j["token"]')
  expect_eq "${#tok}" 64 "the token's length"
  expect_eq "$(jq_get 'j["email"] + " " + j["role"] + " " + j["status"]')" "new.hire@example.com staff pending"
  expect_eq "$(q "SELECT count(*) FROM store_invitations WHERE store_id = 1 AND email = 'new.hire@example.com' AND token_hash <> '$tok'")" 1 \
    "stored, without its token"
  api GET $P1/team "" "$t"
  expect_schema Team
  expect_eq "$(jq_get '[i["email"] for i in j["invitations"]]')" '["new.hire@example.com"]'
  expect_no_body "$tok"
  expect_no_body token
  # The invitations engine's rules answer through the API.
  api POST $P1/team/invitations '{"email": "new.hire@example.com", "role": "staff"}' "$t"
  expect_status 409 "a pending invitation exists"
  api POST $P1/team/invitations '{"email": "not-an-email", "role": "staff"}' "$t"
  expect_status 422
  expect_eq "$(error_fields)" "email"
  api POST $P1/team/invitations '{"email": "chief@example.com", "role": "chief"}' "$t"
  expect_status 422
  expect_eq "$(error_fields)" "role"
  api POST $P1/team/invitations '{"role": "staff"}' "$t"
  expect_status 422
  expect_eq "$(error_fields)" "email"
  # Removing members
  api DELETE $P1/team/members/$ines "" "$t"
  expect_status 204
  expect_eq "$(q "SELECT CAST(is_active AS INTEGER) FROM store_users WHERE store_id = 1 AND user_id = $ines")" 0
  api GET $P1/team "" "$t"
  expect_no_body ines.costa
  api DELETE $P1/team/members/$ines "" "$t"
  expect_status 404 "no longer a member"
  api DELETE "$P1/team/members/$(q "SELECT owner_user_id FROM stores WHERE id = 1")" "" "$t"
  expect_status 422 "the owner stays"
  expect_eq "$(error_fields)" user_id
  api DELETE "$P1/team/members/$(q "SELECT id FROM users WHERE email = 'tom.schmit@urbanthreads.example.com'")" "" "$t"
  expect_status 404 "a member of another store"
  grep -q "$tok" server.err && fail "the invitation token is in the log"
  return 0
}

run_tests
