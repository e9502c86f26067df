#!/usr/bin/env bash
# The admin and store panels attacked as an adversary would, with curl, on each backend:
# session fixation, session ids in URLs, sign-out, CSRF variants (another session's token,
# JSON and multipart bodies, null/look-alike origins, login CSRF), open redirects, tenancy
# through every id a page or form carries, role escalation, a deactivated user's open
# session, stored and reflected XSS through every field a page shows, the invitation
# acceptance form as a password oracle, and the headers of error pages. Targets are only
# the servers these tests start on 127.0.0.1.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template
body="" headers="" location=""

# page METHOD PATH [FORM-DATA] [JAR] [CURL-ARGS...]: one browser-like request (the jar's
# cookies sent and kept; a POST carries Origin and Sec-Fetch-Site as a same-origin form
# post has them unless CURL-ARGS override them); sets $status, $body, $headers, $location.
page() {
  local jar=${4:-jar}
  local args=(-s -S -X "$1" -D headers.txt -o body.txt -w '%{http_code}' -b "$jar" -c "$jar")
  if [ "$1" = POST ] && [ $# -le 4 ]; then
    args+=(-H "Origin: $WZ_URL" -H 'Sec-Fetch-Site: same-origin' --data "${3:-}")
  elif [ "$1" = POST ]; then
    args+=("${@:5}")
  fi
  touch "$jar"
  status=$(curl "${args[@]}" "$WZ_URL$2")
  body=$(cat body.txt)
  headers=$(tr -d '\r' <headers.txt)
  location=$(sed -n 's/^Location: //p' <<<"$headers")
}

sign_in() { # REALM LOGIN PASSWORD [JAR]
  page POST "/$1/login" "login=$(urlenc "$2")&password=$(urlenc "$3")" "${4:-jar}"
  [ "$status" = 303 ] || { fail "sign-in of $2 at /$1/login: $status"; return 1; }
}

urlenc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
csrf_of_page() { grep -o 'name="csrf_token" value="[0-9a-f]*"' body.txt | head -1 | sed 's/.*value="//; s/"$//'; }
session_id() { awk '$6 == "__Host-wz_session" {print $7}' "${1:-jar}"; }
expect_unchanged() { # what
  dump_db >after.sql
  cmp -s before.sql after.sql || fail "$1 changed the database: $(diff before.sql after.sql | head -6)"
}

# ---- sessions

test_a_session_id_chosen_before_sign_in_is_never_adopted() {
  seeded
  start_server || return
  local planted
  planted=$(printf 'ab%.0s' {1..32})
  printf '127.0.0.1\tFALSE\t/\tTRUE\t0\t__Host-wz_session\t%s\n' "$planted" >jar
  page GET /store
  expect_status 303 "a planted, unknown session id"
  sign_in store store1@example.com password123 || return
  local sid
  sid=$(session_id)
  [ -n "$sid" ] && [ "$sid" != "$planted" ] || fail "the planted id was kept at sign-in ($sid)"
  printf '127.0.0.1\tFALSE\t/\tTRUE\t0\t__Host-wz_session\t%s\n' "$planted" >planted.jar
  page GET /store "" planted.jar
  expect_status 303 "the planted id after the victim signed in"
  # A second sign-in in the same browser replaces the first session; the first id is dead.
  sign_in store store1@example.com password123 || return
  printf '127.0.0.1\tFALSE\t/\tTRUE\t0\t__Host-wz_session\t%s\n' "$sid" >old.jar
  page GET /store "" old.jar
  expect_status 303 "the session replaced by a new sign-in"
  # Malformed ids are simply no session.
  local bad
  for bad in "" "x" "$(printf 'g%.0s' {1..64})" "${sid}00" "$(printf 'A%.0s' {1..64})" "../../etc/passwd"; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: __Host-wz_session=$bad" "$WZ_URL/store")
    expect_status 303 "session id '$bad'"
  done
  # A cookie without the __Host- prefix is not read.
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: wz_session=$(session_id)" "$WZ_URL/store")
  expect_status 303 "the id in a cookie without the __Host- prefix"
}

# The session table holds 8192 sessions and a new sign-in only takes a free or expired slot;
# nothing bounds one user's sessions, so any store user who signs in 8192 times (a few
# minutes of password checks) fills it and every sign-in of every user is a 503 until
# sessions idle out. One user's sessions must be bounded (the oldest make room).
test_one_user_cannot_hold_unbounded_sessions() {
  seeded
  start_server || return
  local i
  for i in $(seq 1 12); do sign_in store nora.klein@urbanthreads.example.com password123 "s$i.jar" || return; done
  page GET /store "" s1.jar
  body=${body:0:80}
  expect_status 303 "the first of 12 sessions one user opened (sessions per user are unbounded)"
  page GET /store "" s12.jar
  expect_status 200 "the newest session"
}

test_session_ids_never_appear_in_urls_pages_or_the_log() {
  seeded
  start_server || return
  sign_in admin admin admin123 || return
  local sid
  sid=$(session_id)
  [[ "$location" != *"$sid"* ]] || fail "the session id in a Location"
  : >pages.txt
  local p
  for p in /admin /admin/stores /admin/stores/1 /admin/stores/1/edit /admin/users /admin/settings /admin/stores/new; do
    page GET "$p"
    expect_status 200 "$p"
    cat headers.txt body.txt >>pages.txt
  done
  grep -v '^Set-Cookie' pages.txt | grep -qF "$sid" && fail "the session id in a page or a header other than Set-Cookie"
  grep -q 'csrf_token=' pages.txt && fail "a CSRF token in a URL"
  stop_server
  grep -qF "$sid" server.err && fail "the session id in the log"
  return 0
}

test_sign_out_is_a_csrf_checked_post_and_ends_the_session() {
  seeded
  start_server || return
  sign_in store store1@example.com password123 || return
  cp jar kept.jar
  page GET /store/logout
  expect_status 405 "sign-out by GET (a link or an image could sign a user out)"
  page POST /store/logout ""
  expect_status 403 "sign-out without the CSRF token"
  page GET /store
  expect_status 200 "the session after a refused sign-out"
  local token
  token=$(csrf_of_page)
  page POST /store/logout "csrf_token=$token"
  expect_status 303
  page GET /store/stores/1 "" kept.jar
  expect_status 303 "the old cookie on a store page after sign-out"
  page POST /store/stores/1/products "csrf_token=$token&sku=AFTER-1&title=x&price=1.00" kept.jar
  expect_status 303 "a form posted with the old cookie and token after sign-out"
  expect_eq "$(q "SELECT count(*) FROM products WHERE sku = 'AFTER-1'")" 0 "products written after sign-out"
}

test_a_deactivated_or_removed_users_open_session_ends() {
  seeded
  start_server || return
  sign_in store store1@example.com password123 owner.jar || return
  sign_in store marc.weber@techhub.example.com password123 marc.jar || return
  page GET /store/stores/1 "" marc.jar
  expect_status 200
  # The owner removes marc: marc's open session no longer reaches the store.
  page GET /store/stores/1/team "" owner.jar
  local token
  token=$(csrf_of_page)
  page POST /store/stores/1/team/3/remove "csrf_token=$token" owner.jar
  expect_status 303 "the owner removes marc"
  page GET /store/stores/1 "" marc.jar
  expect_status 404 "a removed member's open session"
  page GET /store/stores/1/products "" marc.jar
  expect_status 404 "a removed member's open session on products"
  # The admin deactivates the owner: the owner's open session ends at once.
  sign_in admin admin admin123 admin.jar || return
  page GET /admin/users "" admin.jar
  token=$(csrf_of_page)
  page POST /admin/users/2/deactivate "csrf_token=$token" admin.jar
  expect_status 303
  page GET /store "" owner.jar
  expect_status 303 "a deactivated user's open session"
  expect_eq "$location" "/store/login" "where a deactivated user lands"
}

# ---- CSRF and redirects

test_csrf_variants_are_refused_and_change_nothing() {
  seeded
  start_server || return
  sign_in admin admin admin123 a.jar || return
  page GET /admin/users "" a.jar
  local ta
  ta=$(csrf_of_page)
  sign_in admin admin admin123 b.jar || return
  page GET /admin/users "" b.jar
  local tb
  tb=$(csrf_of_page)
  [ "$ta" != "$tb" ] || fail "two sessions share a CSRF token"
  dump_db >before.sql
  local u="/admin/users/5/deactivate"
  page POST "$u" "csrf_token=$ta" b.jar
  expect_status 403 "session B with session A's token"
  page POST "$u" "csrf_token=${tb}0" b.jar
  expect_status 403 "a token with a byte more"
  page POST "$u" "csrf_token=${tb:0:63}" b.jar
  expect_status 403 "a token a byte short"
  page POST "$u" "csrf_token=$(tr a-f A-F <<<"$tb")" b.jar
  expect_status 403 "the token in upper case"
  page POST "$u" "" b.jar -H "Origin: $WZ_URL" -H 'Content-Type: application/json' --data "{\"csrf_token\":\"$tb\"}"
  expect_status 403 "the token in a JSON body"
  page POST "$u" "" b.jar -H "Origin: $WZ_URL" -F "csrf_token=$tb"
  expect_status 403 "the token in a multipart body"
  page POST "$u?csrf_token=$tb" "" b.jar -H "Origin: $WZ_URL" --data "x=1"
  expect_status 403 "the token in the query string"
  page POST "$u" "" b.jar -H "Origin: $WZ_URL" -H 'Content-Type: text/plain' --data "csrf_token=$tb"
  expect_status 403 "a text/plain body"
  page POST "$u" "" b.jar -H 'Origin: null' --data "csrf_token=$tb"
  expect_status 403 "Origin: null"
  page POST "$u" "" b.jar -H "Origin: $WZ_URL.evil.example" --data "csrf_token=$tb"
  expect_status 403 "a look-alike Origin"
  page POST "$u" "" b.jar -H "Origin: http://127.0.0.1:1" --data "csrf_token=$tb"
  expect_status 403 "an Origin on another port"
  page POST "$u" "" b.jar -H 'Sec-Fetch-Site: same-site' --data "csrf_token=$tb"
  expect_status 403 "Sec-Fetch-Site: same-site"
  page POST "$u" "" b.jar -H 'Sec-Fetch-Site: cross-site' -H "Origin: $WZ_URL" --data "csrf_token=$tb"
  expect_status 403 "Sec-Fetch-Site: cross-site with a same-origin Origin"
  page POST "$u" "csrf_token=$tb&csrf_token=$ta" b.jar
  [[ "$status" == 303 || "$status" == 403 ]] || fail "a duplicated token answered $status"
  # Login CSRF: a foreign page cannot sign the victim into the attacker's account.
  page POST /store/login "" c.jar -H 'Origin: https://evil.example' --data 'login=store2%40example.com&password=password123'
  expect_status 403 "a cross-site sign-in (login CSRF)"
  page POST /store/login "" c.jar -H 'Sec-Fetch-Site: cross-site' --data 'login=store2%40example.com&password=password123'
  expect_status 403 "a cross-site sign-in by Sec-Fetch-Site"
  [ -z "$(session_id c.jar)" ] || fail "a cross-site sign-in set a session cookie"
  page POST /store/invitations/accept "" c.jar -H 'Origin: https://evil.example' --data 'token=00&password=x'
  expect_status 403 "a cross-site invitation acceptance"
  if [ "$status" = 303 ]; then :; fi
  # The previous duplicated-token post may have gone through with the right first token: put
  # the row back before comparing.
  qdb "UPDATE users SET is_active = true WHERE id = 5"
  dump_db >before2.sql
  grep -v 'users\|updated_at' before.sql >b1.sql
  grep -v 'users\|updated_at' before2.sql >b2.sql
  cmp -s b1.sql b2.sql || fail "refused forms changed the database: $(diff b1.sql b2.sql | head -6)"
}

test_sign_in_never_redirects_off_site() {
  seeded
  start_server || return
  local n
  for n in 'https://evil.example/' '//evil.example' '/\evil.example' 'javascript:alert(1)'; do
    page GET "/admin/login?next=$(urlenc "$n")" "" n.jar
    expect_status 200
    expect_no_body 'evil.example'
    page POST "/admin/login?next=$(urlenc "$n")" "login=admin&password=admin123&next=$(urlenc "$n")" n.jar
    expect_status 303
    expect_eq "$location" "/admin" "the redirect after sign-in with next=$n"
    page POST "/store/login?next=$(urlenc "$n")" "login=store1%40example.com&password=password123&next=$(urlenc "$n")" m.jar
    expect_eq "$location" "/store" "the store redirect after sign-in with next=$n"
  done
  # Every Location the panels write is a path on this site.
  sign_in admin admin admin123 || return
  page GET /admin/stores/1
  local token
  token=$(csrf_of_page)
  page POST /admin/stores/1 "csrf_token=$token&name=Renamed&description=&contact_email=&custom_domain=&theme_preset=modern"
  [[ "$location" == /admin/* ]] || fail "a Location off site after saving a store: $location"
}

# ---- tenancy and roles

test_store_pages_and_forms_refuse_another_stores_ids() {
  seeded
  start_server || return
  sign_in store store1@example.com password123 || return
  page GET /store/stores/1/products
  local token p2 o2
  token=$(csrf_of_page)
  p2=$(q "SELECT min(id) FROM products WHERE store_id = 2 AND id NOT IN (SELECT id FROM products WHERE store_id = 1)")
  o2=$(q "SELECT min(id) FROM orders WHERE store_id = 2 AND id NOT IN (SELECT id FROM orders WHERE store_id = 1)")
  dump_db >before.sql
  if [ -n "$p2" ]; then
    page GET "/store/stores/1/products/$p2/edit"
    expect_status 404 "store 2's product in store 1's edit page"
    page POST "/store/stores/1/products/$p2" "csrf_token=$token&sku=PWN&title=pwned&price=1.00&status=active"
    expect_status 404 "saving store 2's product through store 1"
    page POST "/store/stores/1/products/$p2/deactivate" "csrf_token=$token"
    expect_status 404 "archiving store 2's product through store 1"
  fi
  if [ -n "$o2" ]; then
    page GET "/store/stores/1/orders/$o2"
    expect_status 404 "store 2's order in store 1's order page"
  fi
  page POST /store/stores/1/team/5/remove "csrf_token=$token"
  expect_status 404 "removing store 2's owner through store 1"
  page POST /store/stores/1/team/6/remove "csrf_token=$token"
  expect_status 404 "removing store 2's staff through store 1"
  page POST /store/stores/2/products "csrf_token=$token&sku=X2&title=x&price=1.00"
  expect_status 404 "creating a product in store 2"
  page POST /store/stores/2/team/invitations "csrf_token=$token&email=x%40example.com&role=viewer"
  expect_status 404 "inviting into store 2"
  local p
  for p in /store/stores/02 /store/stores/2/ /store/stores/1/../2 '/store/stores/2%2F' /store/stores/-1 \
    /store/stores/9223372036854775807 /store/stores/0; do
    page GET "$p"
    [[ "$status" == 404 || "$status" == 400 ]] || fail "$p answered $status"
    expect_no_body URBANTHREADS
  done
  # A store_id field in a form is not obeyed.
  page POST /store/stores/1/products "csrf_token=$token&store_id=2&sku=SID-1&title=x&price=1.00&status=draft"
  expect_eq "$(q "SELECT count(*) FROM products WHERE sku = 'SID-1' AND store_id = 2")" 0 "a product written into store 2"
  qdb "DELETE FROM products WHERE sku = 'SID-1'"
  expect_unchanged "store 1's owner posting store 2's ids"
  # The admin panel is not reachable with a store session, nor its forms.
  page POST /admin/users/5/deactivate "csrf_token=$token"
  expect_status 303 "a store session posting an admin form"
  expect_eq "$location" "/admin/login" "where a store session lands on an admin form"
}

test_roles_cannot_escalate_through_the_panel() {
  seeded
  start_server || return
  sign_in store marc.weber@techhub.example.com password123 marc.jar || return
  page GET /store/stores/1/team "" marc.jar
  expect_status 200
  expect_no_body 'Invite a member'
  local tm
  tm=$(csrf_of_page)
  sign_in store ines.costa@techhub.example.com password123 ines.jar || return
  sign_in store tom.schmit@urbanthreads.example.com password123 tom.jar || return
  dump_db >before.sql
  page POST /store/stores/1/team/invitations "csrf_token=$tm&email=marc.weber%40techhub.example.com&role=owner" marc.jar
  expect_status 403 "a manager inviting themselves as owner"
  page POST /store/stores/1/team/invitations "csrf_token=$tm&email=x%40example.com&role=manager" marc.jar
  expect_status 403 "a manager inviting"
  page POST /store/stores/1/team/2/remove "csrf_token=$tm" marc.jar
  expect_status 403 "a manager removing the owner"
  page GET /store/stores/1/products "" ines.jar
  local ti
  ti=$(csrf_of_page)
  page POST /store/stores/1/products "csrf_token=$ti&sku=SUP-1&title=x&price=1.00" ines.jar
  expect_status 403 "support creating a product"
  page POST "/store/stores/1/products/$(q 'SELECT min(id) FROM products WHERE store_id = 1')/deactivate" "csrf_token=$ti" ines.jar
  expect_status 403 "support archiving a product"
  page GET /store/stores/2/products "" tom.jar
  local tt
  tt=$(csrf_of_page)
  page POST "/store/stores/2/products/$(q 'SELECT min(id) FROM products WHERE store_id = 2')/deactivate" "csrf_token=$tt" tom.jar
  expect_status 403 "staff archiving a product (products.delete)"
  page POST /store/stores/2/team/5/remove "csrf_token=$tt" tom.jar
  expect_status 403 "staff removing the owner"
  expect_unchanged "refused role escalations"
  # The owner cannot remove themselves nor invite a second owner.
  sign_in store store1@example.com password123 owner.jar || return
  page GET /store/stores/1/team "" owner.jar
  local to
  to=$(csrf_of_page)
  page POST /store/stores/1/team/2/remove "csrf_token=$to" owner.jar
  [[ "$status" == 4?? ]] || fail "the owner removing themselves answered $status"
  page POST /store/stores/1/team/invitations "csrf_token=$to&email=second%40example.com&role=owner" owner.jar
  expect_status 422 "inviting a second owner"
  expect_eq "$(q "SELECT CAST(is_active AS INTEGER) FROM store_users WHERE store_id = 1 AND user_id = 2")" 1 "the owner's membership"
  expect_eq "$(q "SELECT count(*) FROM store_invitations WHERE email = 'second@example.com'")" 0 "a second owner's invitation"
}

# ---- output

P='<script>alert(1)</script>"'"'"'><img src=x onerror=alert(2)>'
P_SQL=$(sed "s/'/''/g" <<<"$P")
P_LOWER=$(tr 'A-Z' 'a-z' <<<"$P_SQL")
P_JSON=$(python3 -c 'import json, sys; print(json.dumps({"full_name": sys.argv[1], "line1": sys.argv[1], "city": sys.argv[1], "postcode": "1", "country_code": "LU"}).replace("\x27", "\x27\x27"))' "$P")

expect_escaped() { # what
  [[ "$body" != *'<script>alert(1)'* ]] || fail "$1: an unescaped <script>"
  [[ "$body" != *'<img src=x'* ]] || fail "$1: an unescaped <img>"
  [[ "$body" != *'"'"'"'><img'* ]] || fail "$1: a quote broke out of an attribute"
}

test_hostile_values_in_every_field_are_escaped_on_every_page() {
  seeded
  local c1 a1 o1 p1
  p1=$(q "SELECT min(id) FROM products WHERE store_id = 1")
  c1=$(q "SELECT min(id) FROM customers WHERE store_id = 1")
  o1=$(q "SELECT min(id) FROM orders WHERE store_id = 1")
  a1=$(q "SELECT min(id) FROM customer_addresses WHERE store_id = 1")
  local now
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  qdb "UPDATE stores SET name = '$P_SQL', description = '$P_SQL', contact_email = '$P_LOWER' WHERE id = 1;
       UPDATE store_themes SET font_family = '$P_SQL' WHERE store_id = 1;
       UPDATE products SET title = '$P_SQL', description = '$P_SQL', sku = '$P_SQL' WHERE store_id = 1 AND id = $p1;
       UPDATE customers SET first_name = '$P_SQL', last_name = '$P_SQL', email = '$P_LOWER', phone = '$P_SQL' WHERE store_id = 1 AND id = $c1;
       UPDATE customer_addresses SET full_name = '$P_SQL', line1 = '$P_SQL', city = '$P_SQL' WHERE store_id = 1 AND id = $a1;
       UPDATE orders SET order_number = '$P_SQL', customer_email = '$P_LOWER', shipping_address = '$P_JSON' WHERE store_id = 1 AND id = $o1;
       UPDATE order_items SET title = '$P_SQL', sku = '$P_SQL' WHERE store_id = 1 AND order_id = $o1;
       UPDATE users SET first_name = '$P_SQL', last_name = '$P_SQL', username = '$P_SQL' WHERE id = 3;
       UPDATE admin_settings SET value = '$P_SQL', description = '$P_SQL' WHERE key = 'platform_name';
       INSERT INTO store_invitations (store_id, email, role_id, token_hash, status, expires_at, created_at)
         VALUES (1, '$P_LOWER', (SELECT id FROM roles WHERE name = 'viewer'), 'f00d', 'pending', '2099-01-01T00:00:00Z', '$now');
       INSERT INTO store_domains (store_id, domain, is_primary, is_verified) VALUES (1, '$P_LOWER', false, false)" ||
    { fail "cannot write the hostile values"; return; }
  start_server || return
  sign_in admin admin admin123 || return
  local p
  for p in /admin /admin/stores /admin/stores/1 /admin/stores/1/edit /admin/users /admin/settings \
    "/admin/users?q=marc" "/admin/stores?q=techhub"; do
    page GET "$p"
    expect_status 200 "$p"
    expect_escaped "$p"
  done
  page GET /admin/stores/1
  expect_body '&lt;script&gt;alert(1)&lt;/script&gt;'
  sign_in store store1@example.com password123 store.jar || return
  for p in /store /store/stores/1 /store/stores/1/products "/store/stores/1/products/$p1/edit" \
    /store/stores/1/customers /store/stores/1/orders "/store/stores/1/orders/$o1" /store/stores/1/team \
    "/store/stores/1/products?q=script" "/store/stores/1/customers?q=script"; do
    page GET "$p" "" store.jar
    expect_status 200 "$p"
    expect_escaped "$p"
  done
  page GET /store/stores/1/products "" store.jar
  expect_body '&lt;script&gt;'
  page GET /store/stores/1/team "" store.jar
  expect_body '&lt;script&gt;'
}

test_reflected_input_is_escaped() {
  seeded
  start_server || return
  local e
  e=$(urlenc "$P")
  page GET "/admin/login?login=$e&error=$e"
  expect_escaped "the admin sign-in form"
  page POST /store/login "login=$e&password=x"
  expect_status 401
  expect_escaped "the store sign-in form echoing the login"
  expect_body '&lt;script&gt;'
  page GET "/store/invitations/accept?token=$e"
  expect_escaped "the acceptance form"
  page POST /store/invitations/accept "token=$e&password=x&first_name=$e&last_name=$e"
  expect_escaped "the acceptance form's answer"
  sign_in admin admin admin123 || return
  local p
  for p in "/admin/stores?q=$e" "/admin/users?q=$e" "/admin/stores?done=$e" "/admin/users?done=$e" \
    "/admin/settings?done=$e" "/admin/stores/1?done=$e" "/admin/stores?cursor=$e"; do
    page GET "$p"
    expect_escaped "$p"
  done
  page GET /admin/stores/new
  local token
  token=$(csrf_of_page)
  page POST /admin/stores "csrf_token=$token&code=$e&name=$e&subdomain=$e&description=$e&custom_domain=$e&contact_email=$e&owner=$e&theme_preset=$e"
  expect_status 422
  expect_escaped "the store form's errors"
  page POST /admin/stores/1 "csrf_token=$token&name=$e&custom_domain=$e&contact_email=$e&theme_preset=$e"
  expect_escaped "the store edit form's errors"
  page POST /admin/settings/max_stores_per_user "csrf_token=$token&value=$e"
  expect_escaped "a setting's error"
  page POST "/admin/settings/$e" "csrf_token=$token&value=1"
  expect_escaped "an unknown setting's key"
  sign_in store store1@example.com password123 s.jar || return
  page GET /store/stores/1/products "" s.jar
  token=$(csrf_of_page)
  for p in "/store/stores/1/products?q=$e" "/store/stores/1/products?status=$e" "/store/stores/1/customers?q=$e" \
    "/store/stores/1/orders?q=$e" "/store/stores/1/orders?status=$e" "/store/stores/1/team?done=$e" \
    "/store/stores/1/products?done=$e"; do
    page GET "$p" "" s.jar
    expect_escaped "$p"
  done
  page POST /store/stores/1/products "csrf_token=$token&sku=$e&title=$e&description=$e&price=$e&currency=$e&stock_quantity=$e&status=$e" s.jar
  expect_status 422
  expect_escaped "the product form's errors"
  page POST /store/stores/1/team/invitations "csrf_token=$token&email=$e&role=$e" s.jar
  expect_escaped "the invitation form's errors"
}

# Form values and queries that are not UTF-8: a 400 or a field error, never a 500 (PostgreSQL
# refuses to bind them as text) and never stored.
test_invalid_utf8_in_forms_and_queries_is_not_a_500() {
  seeded
  start_server || return
  sign_in store store1@example.com password123 || return
  page GET /store/stores/1/products
  local token
  token=$(csrf_of_page)
  page POST /store/stores/1/products "csrf_token=$token&sku=UTF-1&title=%FF%FE&price=1.00&status=draft"
  [[ "$status" == 400 || "$status" == 422 ]] || fail "a product title that is not UTF-8 answered $status"
  page POST /store/stores/1/team/invitations "csrf_token=$token&email=a%FF%40example.com&role=viewer"
  [[ "$status" == 400 || "$status" == 422 ]] || fail "an invitation email that is not UTF-8 answered $status"
  local p
  for p in '/store/stores/1/products?q=%FF' '/store/stores/1/customers?q=%C3' '/store/stores/1/orders?q=%FF'; do
    page GET "$p"
    [[ "$status" == 400 || "$status" == 200 ]] || fail "$p answered $status"
  done
  page POST /store/login "login=%FF%FE&password=x" u.jar
  [[ "$status" == 401 || "$status" == 422 || "$status" == 400 ]] || fail "a login that is not UTF-8 answered $status"
  sign_in admin admin admin123 a.jar || return
  page GET '/admin/stores?q=%FF' "" a.jar
  [[ "$status" == 400 || "$status" == 200 ]] || fail "/admin/stores?q=%FF answered $status"
  page GET '/admin/users?q=%FF' "" a.jar
  [[ "$status" == 400 || "$status" == 200 ]] || fail "/admin/users?q=%FF answered $status"
  page GET /admin/settings "" a.jar
  token=$(csrf_of_page)
  page POST /admin/settings/platform_name "csrf_token=$token&value=%FF%FE" a.jar
  [[ "$status" =~ ^(303|400|422)$ ]] || fail "a setting value that is not UTF-8 answered $status"
  q "SELECT value FROM admin_settings WHERE key = 'platform_name'" |
    python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' 2>/dev/null ||
    fail "a setting value that is not UTF-8 was stored"
  expect_eq "$(q "SELECT count(*) FROM products WHERE sku = 'UTF-1'")" 0 "a product with a title that is not UTF-8"
  stop_server
  grep -q '^error: request' server.err && fail "server faults logged: $(grep '^error: request' server.err | head -3)"
  return 0
}

test_error_pages_and_assets_carry_the_security_headers() {
  seeded
  start_server || return
  local p
  check() { # what
    local h
    for h in 'X-Content-Type-Options: nosniff' 'X-Frame-Options: DENY' 'Content-Security-Policy: ' \
      'Referrer-Policy: ' 'Cache-Control: '; do
      grep -qF -- "$h" <<<"$headers" || fail "$1 lacks '$h'"
    done
    grep -q 'unsafe-inline' <<<"$headers" && fail "$1: CSP allows unsafe-inline"
    return 0
  }
  page GET /admin
  expect_status 303
  check "the redirect to sign-in"
  page POST /admin/login "" x.jar -H 'Origin: https://evil.example' --data 'login=a&password=b'
  expect_status 403
  check "a refused cross-site form"
  for p in 1 2 3 4 5 6; do page POST /store/login "login=store3%40example.com&password=bad$p"; done
  expect_status 429
  check "the throttled sign-in page"
  sign_in store store1@example.com password123 s.jar || return
  page GET /store/stores/2 "" s.jar
  expect_status 404
  check "another store's page"
  page GET /store/stores/1/team/invitations "" s.jar
  [[ "$status" == 405 || "$status" == 404 ]] || fail "GET on a form route answered $status"
  check "a form route by GET"
  page GET /static/panel.css
  expect_status 200
  check "the stylesheet"
  grep -q '^Content-Type: text/css' <<<"$headers" || fail "the stylesheet's type: $headers"
  # The logout cookie keeps the prefix and attributes, so it cannot be shadowed.
  page GET /store "" s.jar
  local token
  token=$(csrf_of_page)
  page POST /store/logout "csrf_token=$token" s.jar
  grep -q '^Set-Cookie: __Host-wz_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict$' <<<"$headers" ||
    fail "the sign-out cookie: $headers"
}

# The acceptance form checks an existing account's own password: without the sign-in's
# throttle it is a password oracle for any account a store owner invites.
test_the_acceptance_form_is_throttled_like_sign_in() {
  seeded
  start_server || return
  sign_in store store1@example.com password123 || return
  page GET /store/stores/1/team
  local token
  token=$(csrf_of_page)
  page POST /store/stores/1/team/invitations "csrf_token=$token&email=store2%40example.com&role=viewer"
  local inv
  inv=$(grep -o '[0-9a-f]\{64\}' body.txt | grep -v "$token" | head -1)
  [ -n "$inv" ] || { fail "no invitation token on the page: $status"; return; }
  local i seen=0
  for i in $(seq 1 8); do
    page POST /store/invitations/accept "token=$inv&password=guess-$i" other.jar
    [ "$status" = 429 ] && { seen=1; break; }
  done
  [ $seen = 1 ] || fail "8 wrong passwords for store2@example.com through /store/invitations/accept, none throttled (429)"
}

run_tests
