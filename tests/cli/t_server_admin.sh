#!/usr/bin/env bash
# The platform admin's API end to end on a real database (each backend): stores (list,
# search, pages, create with its theme, domain and owner, the uniqueness and limit rules,
# update, deactivate), a store's team and orders, users (list, search, pages, deactivate),
# the admin settings typed by their value_type, and the access rule of every admin route.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template

# One request with a chosen Content-Type (api always sends application/json).
api_ct() { # METHOD PATH BODY TOKEN CONTENT_TYPE
  status=$(curl -s -S -X "$1" -o body.txt -w '%{http_code}' -H "Content-Type: $5" \
    -H "Authorization: Bearer $4" --data-binary "$3" "$WZ_URL$2")
  body=$(cat body.txt)
}

# The fields a 422 or 409 names, sorted and comma-separated.
fields() { jq_get '",".join(sorted(e["field"] for e in j.get("errors", [])))'; }

# Rows of the tables a store create writes, as one line, for "nothing was written".
counts() {
  q "SELECT (SELECT count(*) FROM stores) || ',' || (SELECT count(*) FROM store_themes) || ',' ||
     (SELECT count(*) FROM store_domains) || ',' || (SELECT count(*) FROM store_users) || ',' ||
     (SELECT count(*) FROM users) || ',' || (SELECT count(*) FROM store_invitations)"
}

uid() { q "SELECT id FROM users WHERE email = '$1'"; }

test_every_admin_route_refuses_store_tokens_and_no_token() {
  seeded
  start_server || return
  local admin store
  admin=$(token admin admin123) || return
  store=$(token store1@example.com password123) || return
  local routes=(
    "GET /api/v1/admin/stores"
    "POST /api/v1/admin/stores"
    "GET /api/v1/admin/stores/1"
    "PATCH /api/v1/admin/stores/1"
    "GET /api/v1/admin/stores/1/team"
    "POST /api/v1/admin/stores/1/invitations/1/resend"
    "DELETE /api/v1/admin/stores/1/invitations/1"
    "GET /api/v1/admin/stores/1/orders"
    "GET /api/v1/admin/users"
    "GET /api/v1/admin/users/1"
    "PATCH /api/v1/admin/users/1"
    "GET /api/v1/admin/settings"
    "PATCH /api/v1/admin/settings/maintenance_mode"
  )
  local r m p b
  for r in "${routes[@]}"; do
    m=${r%% *} p=${r#* } b=""
    [ "$m" = POST ] || [ "$m" = PATCH ] && b='{}'
    api "$m" "$p" "$b"
    expect_status 401 "$r without a token"
    api "$m" "$p" "$b" "$store"
    expect_status 401 "$r with a store token"
    api "$m" "$p" "$b" "$admin"
    [ "$status" != 401 ] && [ "$status" != 403 ] || fail "$r refused the admin: $status"
  done
  api GET /api/v1/admin/stores "" "not.a.token"
  expect_status 401
}

test_stores_list_search_status_and_pages() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  api GET /api/v1/admin/stores "" "$admin"
  expect_status 200
  expect_eq "$(jq_get 'len(j["items"])')" "$(q 'SELECT count(*) FROM stores')" "every store"
  expect_eq "$(jq_get 'j["items"][0]["code"]')" "TECHHUB"
  expect_eq "$(jq_get 'j["items"][0]["custom_domain"]')" "techhub.example.com"
  expect_eq "$(jq_get 'j["items"][0]["owner_email"]')" "store1@example.com"
  expect_eq "$(jq_get 'j["next_cursor"]')" "null"
  api GET "/api/v1/admin/stores?q=NOOK" "" "$admin"
  expect_eq "$(jq_get '[s["code"] for s in j["items"]]')" '["BOOKNOOK"]' "search by name"
  api GET "/api/v1/admin/stores?q=urbanth" "" "$admin"
  expect_eq "$(jq_get '[s["code"] for s in j["items"]]')" '["URBANTHREADS"]' "search"
  api GET "/api/v1/admin/stores?q=%25" "" "$admin"
  expect_eq "$(jq_get 'len(j["items"])')" "0" "a % in q is literal"
  api GET "/api/v1/admin/stores?status=inactive" "" "$admin"
  expect_eq "$(jq_get 'len(j["items"])')" "0" "no inactive store yet"
  api GET "/api/v1/admin/stores?status=closed" "" "$admin"
  expect_status 400
  api GET "/api/v1/admin/stores?limit=0" "" "$admin"
  expect_status 400
  # one row a page: every store exactly once, in id order
  expect_eq "$(walk /api/v1/admin/stores "$admin" id 1 | paste -sd, -)" \
    "$(q 'SELECT id FROM stores ORDER BY id' | paste -sd, -)"
}

test_create_a_store_for_an_existing_owner() {
  seeded
  start_server || return
  local admin owner before
  admin=$(token admin admin123) || return
  owner=$(uid store2@example.com)
  before=$(q "SELECT count(*) FROM stores")
  api POST /api/v1/admin/stores "{\"code\": \"new_shop\", \"name\": \"New Shop\",
    \"subdomain\": \"New-Shop\", \"theme_preset\": \"classic\", \"custom_domain\":
    \"Shop.Example.NET\", \"contact_email\": \"Hello@New.example\", \"owner_user_id\": $owner,
    \"description\": \"Things\"}" "$admin"
  expect_status 201
  expect_eq "$(jq_get 'j["code"]')" "NEW_SHOP" "the code is uppercased"
  expect_eq "$(jq_get 'j["subdomain"]')" "new-shop"
  expect_eq "$(jq_get 'j["custom_domain"]')" "shop.example.net"
  expect_eq "$(jq_get 'j["contact_email"]')" "hello@new.example"
  expect_eq "$(jq_get 'j["default_currency"]')" "EUR"
  expect_eq "$(jq_get 'j["theme_preset"]')" "classic"
  expect_eq "$(jq_get 'j["member_count"]')" "1"
  expect_eq "$(jq_get 'j["invitation"]')" "null"
  local id
  id=$(jq_get 'j["id"]')
  expect_eq "$(q "SELECT count(*) FROM stores")" "$((before + 1))"
  expect_eq "$(q "SELECT owner_user_id FROM stores WHERE id = $id")" "$owner"
  expect_eq "$(q "SELECT preset || ' ' || primary_color || ' ' || font_family FROM store_themes
    WHERE store_id = $id")" "classic #1e3a5f Georgia"
  expect_eq "$(q "SELECT domain || ' ' || CAST(is_primary AS INTEGER) || CAST(is_verified AS
    INTEGER) FROM store_domains WHERE store_id = $id")" "shop.example.net 10"
  expect_eq "$(q "SELECT r.name FROM store_users su JOIN roles r ON r.id = su.role_id WHERE
    su.store_id = $id AND su.user_id = $owner AND su.is_active = true")" "owner"
  api GET "/api/v1/admin/stores/$id" "" "$admin"
  expect_status 200
  expect_eq "$(jq_get 'j["name"]')" "New Shop"
  api GET "/api/v1/admin/stores/$id/team" "" "$admin"
  expect_status 200
  expect_eq "$(jq_get '[(m["email"], m["role"]) for m in j["members"]]')" \
    '[["store2@example.com", "owner"]]'
  expect_eq "$(jq_get 'j["invitations"]')" "[]"
  # the owner by email, an existing active account: a member at once, no invitation
  api POST /api/v1/admin/stores '{"code": "BY_MAIL", "name": "By Mail", "subdomain":
    "by-mail", "owner_email": "STORE3@example.com"}' "$admin"
  expect_status 201
  expect_eq "$(jq_get 'j["owner_email"]')" "store3@example.com"
  expect_eq "$(jq_get 'j["invitation"]')" "null"
  expect_eq "$(jq_get 'j["theme_preset"]')" "modern"
  expect_eq "$(jq_get 'j["custom_domain"]')" "null"
}

test_create_validation_names_every_bad_field() {
  seeded
  start_server || return
  local admin before
  admin=$(token admin admin123) || return
  before=$(counts)
  api POST /api/v1/admin/stores '{"code": "a", "name": "", "subdomain": "www",
    "theme_preset": "dark", "default_currency": "eur", "custom_domain": "not a host",
    "contact_email": "nobody", "description": 5, "colour": "red", "owner_user_id": 1,
    "owner_email": "x@example.com"}' "$admin"
  expect_status 422
  expect_eq "$(fields)" "code,colour,contact_email,custom_domain,default_currency,description,name,owner_email,subdomain,theme_preset"
  api POST /api/v1/admin/stores '{"code": "OK1", "name": "OK", "subdomain": "ok-one"}' "$admin"
  expect_status 422 "no owner"
  expect_eq "$(fields)" "owner_user_id"
  # an owner that cannot own: the admin, an unknown id, an admin's email
  api POST /api/v1/admin/stores "{\"code\": \"OK1\", \"name\": \"OK\", \"subdomain\":
    \"ok-one\", \"owner_user_id\": $(uid admin@wizamart.com)}" "$admin"
  expect_status 422
  expect_body "active store user"
  api POST /api/v1/admin/stores '{"code": "OK1", "name": "OK", "subdomain": "ok-one",
    "owner_user_id": 999999}' "$admin"
  expect_status 422
  expect_eq "$(fields)" "owner_user_id"
  api POST /api/v1/admin/stores '{"code": "OK1", "name": "OK", "subdomain": "ok-one",
    "owner_email": "admin@wizamart.com"}' "$admin"
  expect_status 422
  expect_eq "$(fields)" "owner_email"
  api POST /api/v1/admin/stores '{"code": ' "$admin"
  expect_status 400
  api POST /api/v1/admin/stores '[1]' "$admin"
  expect_status 400
  api_ct POST /api/v1/admin/stores '{"code": "X"}' "$admin" text/plain
  expect_status 415
  expect_eq "$(counts)" "$before" "nothing was written"
}

test_duplicates_are_409_and_write_nothing() {
  seeded
  start_server || return
  local admin before owner
  admin=$(token admin admin123) || return
  owner=$(uid store2@example.com)
  before=$(counts)
  api POST /api/v1/admin/stores "{\"code\": \"techhub\", \"name\": \"Dup\", \"subdomain\":
    \"fresh-one\", \"owner_user_id\": $owner}" "$admin"
  expect_status 409
  expect_eq "$(fields)" "code"
  expect_header "Content-Type: application/problem+json"
  api POST /api/v1/admin/stores "{\"code\": \"FRESH\", \"name\": \"Dup\", \"subdomain\":
    \"TechHub\", \"owner_user_id\": $owner}" "$admin"
  expect_status 409
  expect_eq "$(fields)" "subdomain"
  api POST /api/v1/admin/stores "{\"code\": \"FRESH\", \"name\": \"Dup\", \"subdomain\":
    \"fresh-one\", \"custom_domain\": \"techhub.example.com\", \"owner_user_id\": $owner}" \
    "$admin"
  expect_status 409
  expect_eq "$(fields)" "custom_domain"
  api POST /api/v1/admin/stores "{\"code\": \"BOOKNOOK\", \"name\": \"Dup\", \"subdomain\":
    \"booknook\", \"custom_domain\": \"booknook.example.org\", \"owner_email\":
    \"someone.new@example.com\"}" "$admin"
  expect_status 409
  expect_eq "$(fields)" "code,custom_domain,subdomain"
  expect_eq "$(counts)" "$before" "nothing was written, not even the new owner's account"
  # a custom domain taken by another store, on update
  api PATCH /api/v1/admin/stores/2 '{"custom_domain": "booknook.example.org"}' "$admin"
  expect_status 409
  expect_eq "$(fields)" "custom_domain"
  expect_eq "$(counts)" "$before"
}

test_max_stores_per_user_is_enforced() {
  seeded
  export MAX_STORES_PER_USER=3
  start_server || return
  local admin owner i
  admin=$(token admin admin123) || return
  owner=$(uid store1@example.com)
  expect_eq "$(q "SELECT count(*) FROM stores WHERE owner_user_id = $owner")" "1"
  for i in 2 3; do
    api POST /api/v1/admin/stores "{\"code\": \"LIMIT$i\", \"name\": \"Limit $i\",
      \"subdomain\": \"limit-$i\", \"owner_user_id\": $owner}" "$admin"
    expect_status 201 "store $i of 3"
  done
  api POST /api/v1/admin/stores "{\"code\": \"LIMIT4\", \"name\": \"Limit 4\",
    \"subdomain\": \"limit-4\", \"owner_user_id\": $owner}" "$admin"
  expect_status 422 "a fourth store"
  expect_eq "$(fields)" "owner_user_id"
  expect_body "MAX_STORES_PER_USER is 3"
  api POST /api/v1/admin/stores '{"code": "LIMIT4", "name": "Limit 4", "subdomain":
    "limit-4", "owner_email": "store1@example.com"}' "$admin"
  expect_status 422 "the same owner by email"
  expect_eq "$(fields)" "owner_email"
  expect_eq "$(q "SELECT count(*) FROM stores WHERE owner_user_id = $owner")" "3"
}

test_update_a_store() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  api PATCH /api/v1/admin/stores/3 '{"name": "The Book Corner", "contact_email": null,
    "description": null, "theme_preset": "vibrant", "custom_domain": "Books.Example.ORG"}' \
    "$admin"
  expect_status 200
  expect_eq "$(jq_get '[j["name"], j["description"], j["contact_email"], j["theme_preset"],
    j["custom_domain"]]')" '["The Book Corner", null, null, "vibrant", "books.example.org"]'
  expect_eq "$(q "SELECT count(*) FROM store_domains WHERE store_id = 3")" "1"
  expect_eq "$(q "SELECT primary_color FROM store_themes WHERE store_id = 3")" "#db2777"
  api PATCH /api/v1/admin/stores/3 '{"custom_domain": null}' "$admin"
  expect_status 200
  expect_eq "$(jq_get 'j["custom_domain"]')" "null"
  expect_eq "$(q "SELECT count(*) FROM store_domains WHERE store_id = 3")" "0"
  api PATCH /api/v1/admin/stores/3 '{"name": "", "theme_preset": "neon", "is_active": "no",
    "owner_user_id": 1}' "$admin"
  expect_status 422
  expect_eq "$(fields)" "is_active,name,owner_user_id,theme_preset"
  api PATCH /api/v1/admin/stores/3 '{"is_active": false}' "$admin"
  expect_status 200
  expect_eq "$(jq_get 'j["is_active"]')" "false"
  api GET "/api/v1/admin/stores?status=inactive" "" "$admin"
  expect_eq "$(jq_get '[s["id"] for s in j["items"]]')" "[3]"
  api PATCH /api/v1/admin/stores/3 '{"is_active": true}' "$admin"
  expect_eq "$(jq_get 'j["is_active"]')" "true"
  api PATCH /api/v1/admin/stores/999999 '{"name": "Nobody"}' "$admin"
  expect_status 404
  api GET /api/v1/admin/stores/999999 "" "$admin"
  expect_status 404
  api GET /api/v1/admin/stores/999999/team "" "$admin"
  expect_status 404
  api GET /api/v1/admin/stores/999999/orders "" "$admin"
  expect_status 404
  api GET /api/v1/admin/stores/abc "" "$admin"
  expect_status 404
}

test_a_deactivated_store_stops_serving_its_team() {
  seeded
  start_server || return
  local admin owner
  admin=$(token admin admin123) || return
  owner=$(token store1@example.com password123) || return
  api GET /api/v1/stores/1 "" "$owner"
  expect_status 200 "the owner reads their store" || return
  api PATCH /api/v1/admin/stores/1 '{"is_active": false}' "$admin"
  expect_status 200
  api GET /api/v1/stores/1 "" "$owner"
  expect_status 404 "a deactivated store is not served"
  api PATCH /api/v1/admin/stores/1 '{"is_active": true}' "$admin"
  api GET /api/v1/stores/1 "" "$owner"
  expect_status 200 "reactivated"
}

test_a_store_team_and_its_orders() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  api GET /api/v1/admin/stores/1/team "" "$admin"
  expect_status 200
  expect_eq "$(jq_get '[(m["email"], m["role"]) for m in j["members"]][:3]')" \
    '[["store1@example.com", "owner"], ["marc.weber@techhub.example.com", "manager"], ["ines.costa@techhub.example.com", "support"]]'
  expect_eq "$(walk /api/v1/admin/stores/1/orders "$admin" id 7 | paste -sd, -)" \
    "$(q "SELECT id FROM orders WHERE store_id = 1 ORDER BY id DESC" | paste -sd, -)" \
    "every order of the store once, newest first"
  api GET "/api/v1/admin/stores/1/orders?limit=1" "" "$admin"
  expect_eq "$(jq_get '(lambda o: o["total_amount"] == o["subtotal_amount"] +
    o["shipping_amount"] + o["tax_amount"])(j["items"][0])')" "true"
}

test_users_list_search_pages_and_read() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  api GET /api/v1/admin/users "" "$admin"
  expect_status 200
  api GET "/api/v1/admin/users?role=admin" "" "$admin"
  expect_eq "$(jq_get '[u["username"] for u in j["items"]]')" '["admin"]'
  api GET "/api/v1/admin/users?q=WEBER" "" "$admin"
  expect_eq "$(jq_get '[u["email"] for u in j["items"]]')" '["marc.weber@techhub.example.com"]'
  api GET "/api/v1/admin/users?q=lena%20hoff" "" "$admin"
  expect_eq "$(jq_get '[u["email"] for u in j["items"]]')" '["store1@example.com"]' "full name"
  api GET "/api/v1/admin/users?q=_" "" "$admin"
  expect_eq "$(jq_get 'len(j["items"])')" "0" "an _ in q is literal"
  api GET "/api/v1/admin/users?role=owner" "" "$admin"
  expect_status 400
  api GET "/api/v1/admin/users?status=inactive" "" "$admin"
  expect_eq "$(jq_get 'len(j["items"])')" "$(q "SELECT count(*) FROM users WHERE is_active = false")"
  expect_eq "$(walk /api/v1/admin/users "$admin" id 1 | paste -sd, -)" \
    "$(q 'SELECT id FROM users ORDER BY id' | paste -sd, -)" "every user once, a page each"
  local id
  id=$(uid store1@example.com)
  api GET "/api/v1/admin/users/$id" "" "$admin"
  expect_status 200
  expect_eq "$(jq_get '[j["email"], j["role"], j["is_active"], j["stores_owned"]]')" \
    '["store1@example.com", "store", true, 1]'
  expect_no_body "password"
  api GET /api/v1/admin/users/999999 "" "$admin"
  expect_status 404
}

test_deactivating_a_user_ends_their_access() {
  seeded
  start_server || return
  local admin t id
  admin=$(token admin admin123) || return
  t=$(token store2@example.com password123) || return
  id=$(uid store2@example.com)
  api GET /api/v1/me "" "$t"
  expect_status 200
  api PATCH "/api/v1/admin/users/$id" '{"is_active": false}' "$admin"
  expect_status 200
  expect_eq "$(jq_get 'j["is_active"]')" "false"
  api GET /api/v1/me "" "$t"
  expect_status 401 "a deactivated user's token"
  api POST /api/v1/auth/login '{"email": "store2@example.com", "password": "password123"}'
  [ "$status" = 401 ] || [ "$status" = 403 ] || fail "a deactivated user signed in: $status"
  api PATCH "/api/v1/admin/users/$id" '{"is_active": true}' "$admin"
  expect_status 200
  api GET /api/v1/me "" "$t"
  expect_status 200 "reactivated"
  # the admin cannot lock themself out; the body is checked
  api PATCH "/api/v1/admin/users/$(uid admin@wizamart.com)" '{"is_active": false}' "$admin"
  expect_status 422
  expect_eq "$(fields)" "is_active"
  api PATCH "/api/v1/admin/users/$id" '{"is_active": "no", "role": "admin"}' "$admin"
  expect_status 422
  expect_eq "$(fields)" "is_active,role"
  api PATCH "/api/v1/admin/users/$id" '{}' "$admin"
  expect_status 422
  api PATCH /api/v1/admin/users/999999 '{"is_active": false}' "$admin"
  expect_status 404
  api_ct PATCH "/api/v1/admin/users/$id" 'is_active=false' "$admin" \
    application/x-www-form-urlencoded
  expect_status 415
}

test_admin_settings_are_typed() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  api GET /api/v1/admin/settings "" "$admin"
  expect_status 200
  expect_eq "$(jq_get 'len(j["items"])')" "$(q 'SELECT count(*) FROM admin_settings')"
  expect_eq "$(jq_get '[s["value"] for s in j["items"] if s["key"] == "maintenance_mode"]')" \
    "[false]"
  expect_eq "$(jq_get '[s["value"] for s in j["items"] if s["key"] == "supported_currencies"]')" \
    '[["EUR", "USD", "GBP", "CHF"]]'
  expect_eq "$(jq_get '[type(s["value"]).__name__ for s in j["items"] if s["key"] == "password_min_length"]')" \
    "[\"int\"]"
  api PATCH /api/v1/admin/settings/maintenance_mode '{"value": true}' "$admin"
  expect_status 200
  expect_eq "$(jq_get 'j["value"]')" "true"
  expect_eq "$(q "SELECT value FROM admin_settings WHERE key = 'maintenance_mode'")" "true"
  api PATCH /api/v1/admin/settings/maintenance_mode '{"value": "yes"}' "$admin"
  expect_status 422
  expect_eq "$(fields)" "value"
  api PATCH /api/v1/admin/settings/password_min_length '{"value": 14}' "$admin"
  expect_status 200
  expect_eq "$(jq_get 'j["value"]')" "14"
  api PATCH /api/v1/admin/settings/password_min_length '{"value": "14"}' "$admin"
  expect_status 422
  api PATCH /api/v1/admin/settings/password_min_length '{"value": 1.5}' "$admin"
  expect_status 422
  api PATCH /api/v1/admin/settings/supported_currencies '{"value": ["EUR", "SEK"]}' "$admin"
  expect_status 200
  expect_eq "$(jq_get 'j["value"]')" '["EUR", "SEK"]'
  expect_eq "$(q "SELECT value FROM admin_settings WHERE key = 'supported_currencies'")" \
    '["EUR","SEK"]'
  local skey
  skey=$(q "SELECT key FROM admin_settings WHERE value_type = 'string' ORDER BY key LIMIT 1")
  if [ -n "$skey" ]; then
    api PATCH "/api/v1/admin/settings/$skey" '{"value": "Hello"}' "$admin"
    expect_status 200
    expect_eq "$(jq_get 'j["value"]')" "Hello"
    api PATCH "/api/v1/admin/settings/$skey" '{"value": 5}' "$admin"
    expect_status 422
  fi
  api PATCH /api/v1/admin/settings/no_such_key '{"value": 1}' "$admin"
  expect_status 404
  api PATCH /api/v1/admin/settings/maintenance_mode '{"value": false, "extra": 1}' "$admin"
  expect_status 422
  expect_eq "$(fields)" "extra"
  api PATCH /api/v1/admin/settings/maintenance_mode '{}' "$admin"
  expect_status 422
  api PATCH /api/v1/admin/settings/maintenance_mode 'nope' "$admin"
  expect_status 400
  expect_eq "$(q "SELECT value FROM admin_settings WHERE key = 'maintenance_mode'")" "true"
}

run_tests
