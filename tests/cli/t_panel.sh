#!/usr/bin/env bash
# The admin and store panels with curl, on each backend: the session cookie's attributes and
# its renewal at each sign-in, CSRF (a form without the session's token, with a wrong one, or
# from another site changes nothing), sign-out, realms and tenancy (a store user on /admin, store
# 1's owner on store 2's pages), escaping of hostile names, and the headers of every page.
# curl keeps a Secure cookie for http://127.0.0.1 (it treats loopback as a secure origin, as
# browsers do), so the harness's WZ_URL serves as it is.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template

# page METHOD PATH [FORM-DATA] [JAR]: one browser-like request (the jar's cookies sent and
# kept, Origin and Sec-Fetch-Site as a same-origin form post has them); sets $status, $body,
# $headers and $location.
page() {
  local jar=${4:-jar}
  local args=(-s -S -X "$1" -D headers.txt -o body.txt -w '%{http_code}' -b "$jar" -c "$jar")
  if [ "$1" = POST ]; then
    args+=(-H "Origin: $WZ_URL" -H 'Sec-Fetch-Site: same-origin' --data "${3:-}")
  fi
  touch "$jar"
  status=$(curl "${args[@]}" "$WZ_URL$2")
  body=$(cat body.txt)
  headers=$(tr -d '\r' <headers.txt)
  location=$(sed -n 's/^Location: //p' <<<"$headers")
}

# sign_in REALM LOGIN PASSWORD [JAR]
sign_in() {
  page POST "/$1/login" "login=$(jq_urlenc "$2")&password=$(jq_urlenc "$3")" "${4:-jar}"
  [ "$status" = 303 ] || { fail "sign-in of $2 at /$1/login: $status"; return 1; }
}

jq_urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# The CSRF token of the last page's forms.
csrf_of_page() { grep -o 'name="csrf_token" value="[0-9a-f]*"' body.txt | head -1 | sed 's/.*value="//; s/"$//'; }

session_id() { awk '$6 == "__Host-wz_session" {print $7}' "${1:-jar}"; }

expect_security_headers() { # what
  expect_header "Content-Security-Policy: default-src 'self'"
  grep -q "^Content-Security-Policy: .*unsafe-inline" <<<"$headers" && fail "$1: CSP allows unsafe-inline"
  expect_header "X-Frame-Options: DENY"
  expect_header "X-Content-Type-Options: nosniff"
  expect_header "Referrer-Policy: "
}

test_sign_in_sets_a_host_cookie_renewed_at_each_sign_in() {
  seeded
  start_server || return
  page GET /admin/login
  expect_status 200
  expect_body 'name="password"'
  sign_in admin admin admin123 || return
  grep -q '^Set-Cookie: __Host-wz_session=[0-9a-f]\{64\}; Path=/; HttpOnly; Secure; SameSite=Strict$' \
    <<<"$headers" || fail "cookie attributes: $headers"
  grep -q '^Set-Cookie: .*Max-Age' <<<"$headers" && fail "a browser-session cookie has no Max-Age"
  expect_eq "$location" "/admin" "redirect after sign-in"
  local first
  first=$(session_id)
  page GET /admin
  expect_status 200
  expect_body 'Dashboard'
  sign_in admin admin admin123 || return
  [ "$(session_id)" != "$first" ] || fail "the session id was not renewed at sign-in"
  # The earlier session ended with the new sign-in.
  printf '127.0.0.1\tFALSE\t/\tTRUE\t0\t__Host-wz_session\t%s\n' "$first" >old.jar
  page GET /admin "" old.jar
  expect_status 303
  expect_eq "$location" "/admin/login" "the replaced session"
  stop_server
  grep -q admin123 server.err && fail "the password is in the log"
  grep -q "$first" server.err && fail "a session id is in the log"
  return 0
}

test_wrong_password_and_unknown_account_get_one_message() {
  seeded
  start_server || return
  page POST /admin/login "login=admin&password=nope"
  expect_status 401
  expect_body 'Wrong email, username or password.'
  local a=$body
  page POST /admin/login "login=nobody%40example.com&password=nope"
  expect_status 401
  expect_body 'Wrong email, username or password.'
  # A store user is not an account of the admin panel: the same answer.
  page POST /admin/login "login=store1%40example.com&password=password123"
  expect_status 401
  expect_body 'Wrong email, username or password.'
  [ -z "$(session_id)" ] || fail "a failed sign-in set a cookie"
  [[ "$a" == *'value="admin"'* ]] || fail "the login is not kept in the form"
}

test_throttled_sign_in_is_a_429_page_with_retry_after() {
  seeded
  start_server || return
  local i
  for i in 1 2 3 4 5; do page POST /store/login "login=store2%40example.com&password=bad$i"; done
  page POST /store/login "login=store2%40example.com&password=password123"
  expect_status 429
  expect_header "Retry-After: "
  expect_body 'Too many failed sign-ins'
}

test_csrf_token_missing_or_wrong_changes_nothing() {
  seeded
  start_server || return
  sign_in admin admin admin123 || return
  page GET /admin/users
  local token
  token=$(csrf_of_page)
  [ ${#token} = 64 ] || fail "no CSRF token in the page's forms"
  dump_db >before.sql
  page POST /admin/users/5/deactivate ""
  expect_status 403
  page POST /admin/users/5/deactivate "csrf_token=$(printf '0%.0s' {1..64})"
  expect_status 403
  page POST /admin/stores "code=NOPE&name=Nope&subdomain=nope&owner=store1%40example.com&csrf_token=x"
  expect_status 403
  dump_db >after.sql
  cmp -s before.sql after.sql || fail "a refused form changed the database: $(diff before.sql after.sql | head -5)"
  # The right token goes through.
  page POST /admin/users/5/deactivate "csrf_token=$token"
  expect_status 303
  expect_eq "$(q 'SELECT CASE WHEN is_active THEN 1 ELSE 0 END FROM users WHERE id = 5')" "0" \
    "deactivated with the right token"
}

test_cross_site_form_posts_are_refused() {
  seeded
  start_server || return
  sign_in admin admin admin123 || return
  page GET /admin/users
  local token
  token=$(csrf_of_page)
  status=$(curl -s -o /dev/null -w '%{http_code}' -b jar -H 'Origin: https://evil.example' \
    --data "csrf_token=$token" "$WZ_URL/admin/users/5/deactivate")
  expect_status 403 "a cross-site Origin"
  status=$(curl -s -o /dev/null -w '%{http_code}' -b jar -H 'Sec-Fetch-Site: cross-site' \
    --data "csrf_token=$token" "$WZ_URL/admin/users/5/deactivate")
  expect_status 403 "Sec-Fetch-Site: cross-site"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Origin: https://evil.example' \
    --data "login=admin&password=admin123" "$WZ_URL/admin/login")
  expect_status 403 "a cross-site sign-in"
  expect_eq "$(q 'SELECT CASE WHEN is_active THEN 1 ELSE 0 END FROM users WHERE id = 5')" "1" \
    "the user is still active"
}

test_sign_out_ends_the_session() {
  seeded
  start_server || return
  sign_in store store1@example.com password123 || return
  cp jar kept.jar
  page GET /store
  expect_status 200
  local token
  token=$(csrf_of_page)
  page POST /store/logout "csrf_token=$token"
  expect_status 303
  expect_eq "$location" "/store/login" "after sign-out"
  grep -q '^Set-Cookie: __Host-wz_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict$' \
    <<<"$headers" || fail "the cookie is not expired: $headers"
  # The old cookie, replayed, is a signed-out browser.
  page GET /store "" kept.jar
  expect_status 303
  expect_eq "$location" "/store/login" "the old cookie after sign-out"
}

test_realms_and_tenancy() {
  seeded
  start_server || return
  sign_in store store1@example.com password123 || return
  page GET /admin
  expect_status 303
  expect_eq "$location" "/admin/login" "a store user's session on /admin"
  page GET /store
  expect_status 200
  expect_body 'TECHHUB'
  expect_no_body 'URBANTHREADS'
  local p
  for p in /store/stores/2 /store/stores/2/products /store/stores/2/orders /store/stores/2/team \
    /store/stores/2/orders/1 /store/stores/999/products; do
    page GET "$p"
    expect_status 404 "$p for store 1's owner"
    expect_header "Content-Type: text/html"
    expect_body "No such store"
  done
  page GET /store/stores/1/products
  expect_status 200
  # An admin session is not a store panel session.
  sign_in admin admin admin123 admin.jar || return
  page GET /store "" admin.jar
  expect_status 303
  expect_eq "$location" "/store/login" "an admin's session on /store"
}

test_a_role_sees_and_may_do_only_its_permissions() {
  seeded
  start_server || return
  # nora.klein is store 2's viewer: products are listed, not editable.
  sign_in store nora.klein@urbanthreads.example.com password123 || return
  page GET /store/stores/2/products
  expect_status 200
  expect_no_body '/products/new'
  expect_no_body '/edit"'
  expect_no_body 'Deactivate'
  local token
  token=$(csrf_of_page)
  page GET /store/stores/2/products/new
  expect_status 403
  dump_db >before.sql
  page POST /store/stores/2/products "csrf_token=$token&sku=V-1&title=Viewer&price=1"
  expect_status 403
  dump_db >after.sql
  cmp -s before.sql after.sql || fail "a viewer's product post changed the database"
  page GET /store/stores/2/team
  expect_status 200
  expect_no_body 'Invite a member'
}

test_hostile_names_are_escaped() {
  seeded
  qdb "UPDATE stores SET name = '<script>alert(1)</script>' WHERE id = 1"
  start_server || return
  sign_in admin admin admin123 || return
  local p
  for p in /admin/stores /admin/stores/1; do
    page GET "$p"
    expect_status 200
    expect_body '&lt;script&gt;alert(1)&lt;/script&gt;'
    expect_no_body '<script>alert(1)'
  done
  page GET '/admin/stores?q=%22%3E%3Cscript%3E'
  expect_status 200
  expect_no_body '"><script>'
  expect_body 'value="&quot;&gt;&lt;script&gt;"'
  sign_in store store1@example.com password123 store.jar || return
  page GET /store "" store.jar
  expect_body '&lt;script&gt;alert(1)&lt;/script&gt;'
  expect_no_body '<script>alert(1)'
}

test_every_page_has_the_security_headers() {
  seeded
  start_server || return
  local p
  for p in /admin/login /store/login /store/invitations/accept; do
    page GET "$p"
    expect_status 200 "$p"
    expect_security_headers "$p"
  done
  sign_in admin admin admin123 || return
  for p in /admin /admin/stores /admin/stores/new /admin/stores/1 /admin/stores/1/edit \
    /admin/users /admin/settings; do
    page GET "$p"
    expect_status 200 "$p"
    expect_security_headers "$p"
    grep -qi '<script\|style=' body.txt && fail "$p has a script or an inline style"
  done
  sign_in store store1@example.com password123 store.jar || return
  for p in /store /store/stores/1 /store/stores/1/products /store/stores/1/products/new \
    /store/stores/1/products/1/edit /store/stores/1/customers /store/stores/1/orders \
    /store/stores/1/orders/1 /store/stores/1/team; do
    page GET "$p" "" store.jar
    expect_status 200 "$p"
    expect_security_headers "$p"
    grep -qi '<script\|style=' body.txt && fail "$p has a script or an inline style"
  done
  page GET /static/panel.css
  expect_status 200
  expect_header "Content-Type: text/css"
}

test_admin_creates_a_store_and_the_new_owner_joins() {
  seeded
  start_server || return
  sign_in admin admin admin123 || return
  page GET /admin/stores/new
  local token
  token=$(csrf_of_page)
  # Every broken rule is shown next to its field, and nothing is written.
  page POST /admin/stores "csrf_token=$token&code=TECHHUB&name=&subdomain=x&owner="
  expect_status 422
  expect_body 'id="name-error"'
  expect_body 'id="subdomain-error"'
  page POST /admin/stores "csrf_token=$token&code=TECHHUB&name=Dup&subdomain=dup-shop&owner=store1%40example.com"
  expect_status 409
  expect_body 'id="code-error"'
  page POST /admin/stores "csrf_token=$token&code=NEWSHOP&name=New+Shop&subdomain=newshop&theme_preset=classic&owner=new.owner%40example.com"
  expect_status 200
  local inv
  inv=$(grep -o 'id="invitation-token">[0-9a-f]*' body.txt | sed 's/.*>//')
  [ ${#inv} = 64 ] || { fail "no invitation token on the page: $body"; return; }
  page GET '/admin/stores?q=newshop'
  expect_body 'New Shop'
  page POST /store/invitations/accept "token=$inv&password=a-good-password-1"
  expect_status 200
  expect_body 'new.owner@example.com'
  sign_in store new.owner@example.com a-good-password-1 owner.jar || return
  page GET /store "" owner.jar
  expect_body 'NEWSHOP'
  expect_no_body 'TECHHUB'
  stop_server
  grep -q "$inv" server.err && fail "the invitation token is in the log"
  return 0
}

run_tests
