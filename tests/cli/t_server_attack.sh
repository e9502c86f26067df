#!/usr/bin/env bash
# The API server attacked as an adversary would, on each backend: forged and replayed tokens,
# tenancy through every id a request carries, role escalation, sign-in timing and throttling
# bypasses, hostile input (traversal, huge or malformed requests, smuggling, slow clients),
# hostile Host headers, the headers of every kind of answer, and secrets that must never
# leave the server. Each test keeps an attack the server withstands (or must withstand) from
# coming back. The targets are only the servers these tests start on 127.0.0.1.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template
# expect_status quotes $body: requests made with curl directly leave it as it was.
body="" headers=""

# A known key, so the tests can sign tokens as an attacker who stole it would (and check
# that even such tokens are bound to a live account of the right realm).
export JWT_SECRET_KEY=attack-test-key-0123456789abcdef0123456789abcdef

# jwt_forge HEADER_JSON PAYLOAD_JSON [KEY] [ALG]: a compact JWS signed with KEY (default the
# server's) using HMAC-SHA256 (or sha512 when ALG is HS512; none: an empty signature).
jwt_forge() {
  python3 - "$1" "$2" "${3:-$JWT_SECRET_KEY}" "${4:-HS256}" <<'PY'
import base64, hashlib, hmac, sys
def b64(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
h, p, key, alg = sys.argv[1:5]
signing = b64(h.encode()) + "." + b64(p.encode())
if alg == "none":
    sig = ""
else:
    sig = b64(hmac.new(key.encode(), signing.encode(),
                       hashlib.sha512 if alg == "HS512" else hashlib.sha256).digest())
print(signing + "." + sig)
PY
}

# raw_http PORT [TIMEOUT]: sends stdin as it is on one connection and prints every byte the
# server answers until it closes or TIMEOUT seconds (default 3) pass without a byte.
raw_http() {
  python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(float(sys.argv[2]))
s.sendall(sys.stdin.buffer.read())
out = b""
try:
    while True:
        d = s.recv(65536)
        if not d:
            break
        out += d
except socket.timeout:
    out += b"\n[timeout: connection still open]"
s.close()
sys.stdout.write(out.decode("latin-1"))' "${WZ_URL##*:}" "${2:-3}"
}

# Counts the HTTP responses in a raw answer.
responses() { grep -c '^HTTP/1\.[01] [0-9]' <<<"$1"; }

# sign_in_from ADDRESS LOGIN-FIELD LOGIN PASSWORD: one API sign-in from a loopback address
# (the throttle counts per client address); prints the status.
sign_in_from() {
  curl -s -o body.txt -D headers.txt -w '%{http_code}' --interface "$1" \
    -H 'Content-Type: application/json' \
    --data-binary "{\"$2\": \"$3\", \"password\": \"$4\"}" "$WZ_URL/api/v1/auth/login"
  body=$(cat body.txt)
}

# ---- tokens

test_forged_and_altered_tokens_are_401() {
  seeded
  start_server || return
  local t
  t=$(token store1@example.com password123) || return
  local h p s now
  IFS=. read -r h p s <<<"$t"
  now=$(date +%s)
  local good_payload="{\"sub\":\"2\",\"aud\":\"wizamart:store\",\"iat\":$now,\"exp\":$((now + 600))}"
  declare -A forged=(
    [alg_none]=$(jwt_forge '{"alg":"none","typ":"JWT"}' "$good_payload" "" none)
    [alg_none_no_dot]="$(jwt_forge '{"alg":"none","typ":"JWT"}' "$good_payload" "" none | sed 's/\.$//')"
    [alg_hs512]=$(jwt_forge '{"alg":"HS512","typ":"JWT"}' "$good_payload" "$JWT_SECRET_KEY" HS512)
    [kid_header]=$(jwt_forge '{"alg":"HS256","typ":"JWT","kid":"../../dev/null"}' "$good_payload")
    [jku_header]=$(jwt_forge '{"alg":"HS256","typ":"JWT","jku":"https://evil.example/k"}' "$good_payload")
    [header_spaces]=$(jwt_forge '{"alg": "HS256", "typ": "JWT"}' "$good_payload")
    [other_key]=$(jwt_forge '{"alg":"HS256","typ":"JWT"}' "$good_payload" wrong-key)
    [payload_swapped]="$h.$(printf '{"sub":"5","aud":"wizamart:store","iat":%s,"exp":%s}' "$now" "$((now + 600))" | base64 -w0 | tr '+/' '-_' | tr -d '=').$s"
    [sig_padded]="$t="
    [sig_std_b64]="$h.$p.$(tr -- '-_' '+/' <<<"$s")=="
    [extra_segment]="$t.x"
    [truncated_sig]="${t%?}"
    [empty]=""
    [expired]=$(jwt_forge '{"alg":"HS256","typ":"JWT"}' "{\"sub\":\"2\",\"aud\":\"wizamart:store\",\"iat\":$((now - 900)),\"exp\":$((now - 1))}")
    [sub_number]=$(jwt_forge '{"alg":"HS256","typ":"JWT"}' "{\"sub\":2,\"aud\":\"wizamart:store\",\"iat\":$now,\"exp\":$((now + 600))}")
    [sub_leading_zero]=$(jwt_forge '{"alg":"HS256","typ":"JWT"}' "{\"sub\":\"02\",\"aud\":\"wizamart:store\",\"iat\":$now,\"exp\":$((now + 600))}")
    [aud_array]=$(jwt_forge '{"alg":"HS256","typ":"JWT"}' "{\"sub\":\"2\",\"aud\":[\"wizamart:store\"],\"iat\":$now,\"exp\":$((now + 600))}")
    [dup_claims]=$(jwt_forge '{"alg":"HS256","typ":"JWT"}' "{\"sub\":\"2\",\"sub\":\"1\",\"aud\":\"wizamart:store\",\"iat\":$now,\"exp\":$((now + 600))}")
    [no_such_user]=$(jwt_forge '{"alg":"HS256","typ":"JWT"}' "{\"sub\":\"999999\",\"aud\":\"wizamart:store\",\"iat\":$now,\"exp\":$((now + 600))}")
  )
  local k
  for k in "${!forged[@]}"; do
    api GET /api/v1/stores/1 "" "${forged[$k]}"
    [ -n "${forged[$k]}" ] || api GET /api/v1/stores/1 # an empty Bearer is no token
    expect_status 401 "token $k"
    [ -z "${forged[$k]}" ] || expect_no_body "${forged[$k]}"
    expect_header "WWW-Authenticate: Bearer"
  done
  # A key thief still cannot cross realms: a store user's id in an admin token is refused,
  # because the account is read again and must have the realm's role.
  local cross
  cross=$(jwt_forge '{"alg":"HS256","typ":"JWT"}' "{\"sub\":\"2\",\"aud\":\"wizamart:admin\",\"iat\":$now,\"exp\":$((now + 600))}")
  api GET /api/v1/admin/stores "" "$cross"
  expect_status 401 "a store user's id in an admin-audience token"
  api GET /api/v1/me "" "$cross"
  expect_status 401 "a store user's id in an admin-audience token on /me"
  # The token is taken from the Authorization header only: not from a query or a cookie.
  status=$(curl -s -o /dev/null -w '%{http_code}' "$WZ_URL/api/v1/me?access_token=$t")
  expect_status 401 "a token in the query string"
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "access_token=$t" "$WZ_URL/api/v1/me")
  expect_status 401 "a token in a cookie"
  # The genuine token still works (the checks above refused the forgeries, not everything).
  api GET /api/v1/stores/1 "" "$t"
  expect_status 200 "the genuine token"
}

test_a_deleted_or_deactivated_users_token_is_401() {
  seeded
  qdb "INSERT INTO users (email, username, password_hash, role, is_active, is_email_verified)
       VALUES ('gone@example.com', 'gone', (SELECT password_hash FROM users WHERE id = 2), 'store', true, true)"
  start_server || return
  local gone store1 admin
  gone=$(token gone@example.com password123) || return
  store1=$(token store1@example.com password123) || return
  admin=$(token admin admin123) || return
  qdb "DELETE FROM users WHERE email = 'gone@example.com'"
  api GET /api/v1/me "" "$gone"
  expect_status 401 "a deleted user's token"
  api PATCH /api/v1/admin/users/2 '{"is_active": false}' "$admin"
  expect_status 200
  api GET /api/v1/stores/1 "" "$store1"
  expect_status 401 "a deactivated user's token"
  api POST /api/v1/auth/login '{"email": "store1@example.com", "password": "password123"}'
  expect_status 401 "a deactivated user's sign-in"
}

# ---- tenancy

test_ids_of_another_store_in_paths_bodies_and_cursors_are_404() {
  seeded
  start_server || return
  local t p2 o2 c2
  t=$(token store1@example.com password123) || return
  p2=$(q "SELECT min(id) FROM products WHERE store_id = 2")
  o2=$(q "SELECT min(id) FROM orders WHERE store_id = 2")
  c2=$(q "SELECT min(id) FROM customers WHERE store_id = 2")
  dump_db >before.sql
  api GET "/api/v1/stores/1/products/$p2" "" "$t"
  # Ids are per table, so store 2's product id may also be one of store 1's: compare rows.
  if [ "$(q "SELECT count(*) FROM products WHERE store_id = 1 AND id = $p2")" = 0 ]; then
    expect_status 404 "store 2's product through store 1's path"
    api PATCH "/api/v1/stores/1/products/$p2" '{"title": "pwned"}' "$t"
    expect_status 404 "PATCH of store 2's product"
    api POST "/api/v1/stores/1/products/$p2/deactivate" "" "$t"
    expect_status 404 "deactivate of store 2's product"
  fi
  if [ "$(q "SELECT count(*) FROM orders WHERE store_id = 1 AND id = $o2")" = 0 ]; then
    api GET "/api/v1/stores/1/orders/$o2" "" "$t"
    expect_status 404 "store 2's order through store 1's path"
  fi
  if [ "$(q "SELECT count(*) FROM customers WHERE store_id = 1 AND id = $c2")" = 0 ]; then
    api GET "/api/v1/stores/1/customers/$c2" "" "$t"
    expect_status 404 "store 2's customer through store 1's path"
  fi
  api DELETE /api/v1/stores/1/team/members/5 "" "$t"
  expect_status 404 "removing store 2's owner through store 1"
  api DELETE /api/v1/stores/1/team/members/6 "" "$t"
  expect_status 404 "removing store 2's staff through store 1"
  local path
  for path in /api/v1/stores/2 /api/v1/stores/2/products /api/v1/stores/2/orders \
    /api/v1/stores/2/customers /api/v1/stores/2/team "/api/v1/stores/2/products/$p2" \
    /api/v1/stores/02/products /api/v1/stores/2%2F/products "/api/v1/stores/1/../2/products" \
    /api/v1/stores/-1/products /api/v1/stores/9223372036854775807/products; do
    api GET "$path" "" "$t"
    [[ "$status" == 404 || "$status" == 400 ]] || fail "$path answered $status for store 1's owner"
    expect_no_body 'URBANTHREADS'
  done
  # Ids in bodies: a store_id beside the product's fields is refused, not obeyed.
  api POST /api/v1/stores/1/products '{"store_id": 2, "sku": "X-1", "title": "x", "price_amount": 1}' "$t"
  expect_status 422 "store_id in a product body"
  api PATCH "/api/v1/stores/1/products/$(q 'SELECT min(id) FROM products WHERE store_id = 1')" \
    '{"store_id": 2}' "$t"
  expect_status 422 "store_id in a product update"
  # Cursors and filters: every row a page shows is store 1's, whatever the cursor.
  local ids want
  for path in "/api/v1/stores/1/products?limit=100&cursor=1" "/api/v1/stores/1/orders?limit=100&cursor=1" \
    "/api/v1/stores/1/customers?limit=100&cursor=1" "/api/v1/stores/1/products?limit=100&q=%25" \
    "/api/v1/stores/1/customers?limit=100&q=_" "/api/v1/stores/1/orders?limit=100&q=%5C"; do
    api GET "$path" "" "$t"
    expect_status 200 "$path"
    ids=$(jq_get '",".join(str(i["id"]) for i in j["items"])')
    [ -z "$ids" ] && continue
    local table=${path#/api/v1/stores/1/}
    table=${table%%\?*}
    want=$(q "SELECT count(*) FROM $table WHERE store_id = 1 AND id IN ($ids)")
    expect_eq "$want" "$(tr ',' '\n' <<<"$ids" | grep -c .)" "rows of store 1 among $path"
  done
  dump_db >after.sql
  cmp -s before.sql after.sql || fail "a refused request changed the database: $(diff before.sql after.sql | head -5)"
}

test_admin_routes_take_admin_tokens_and_store_routes_store_tokens() {
  seeded
  start_server || return
  local st ad
  st=$(token store1@example.com password123) || return
  ad=$(token admin admin123) || return
  local path
  for path in /api/v1/admin/stores /api/v1/admin/stores/1 /api/v1/admin/users /api/v1/admin/settings \
    /api/v1/admin/stores/1/team /api/v1/admin/stores/1/orders; do
    api GET "$path" "" "$st"
    expect_status 401 "$path with a store token"
  done
  api PATCH /api/v1/admin/users/2 '{"is_active": false}' "$st"
  expect_status 401 "a store owner deactivating someone through the admin API"
  for path in /api/v1/stores /api/v1/stores/1 /api/v1/stores/1/products /api/v1/stores/1/team; do
    api GET "$path" "" "$ad"
    expect_status 401 "$path with an admin token"
  done
}

test_roles_cannot_escalate() {
  seeded
  start_server || return
  local owner marc ines tom
  owner=$(token store1@example.com password123) || return
  marc=$(token marc.weber@techhub.example.com password123) || return
  ines=$(token ines.costa@techhub.example.com password123) || return
  tom=$(token tom.schmit@urbanthreads.example.com password123) || return
  dump_db >before.sql
  # The manager cannot invite anyone, least of all an owner (no team.manage).
  api POST /api/v1/stores/1/team/invitations '{"email": "x@example.com", "role": "owner"}' "$marc"
  expect_status 403 "a manager inviting an owner"
  api POST /api/v1/stores/1/team/invitations '{"email": "marc.weber@techhub.example.com", "role": "owner"}' "$marc"
  expect_status 403 "a manager promoting themselves"
  api DELETE /api/v1/stores/1/team/members/2 "" "$marc"
  expect_status 403 "a manager removing the owner"
  api POST /api/v1/stores/1/products '{"sku": "S-1", "title": "x", "price_amount": 1}' "$ines"
  expect_status 403 "support creating a product"
  api DELETE /api/v1/stores/2/team/members/5 "" "$tom"
  expect_status 403 "staff removing the owner"
  dump_db >after.sql
  cmp -s before.sql after.sql || fail "a refused request changed the database"
  # The owner: no second owner by invitation, no unknown role, cannot remove themselves.
  api POST /api/v1/stores/1/team/invitations '{"email": "x@example.com", "role": "owner"}' "$owner"
  expect_status 422 "inviting a second owner"
  api POST /api/v1/stores/1/team/invitations '{"email": "x@example.com", "role": "admin"}' "$owner"
  expect_status 422 "an invitation with the role admin"
  api DELETE /api/v1/stores/1/team/members/2 "" "$owner"
  expect_status 422 "the owner removing themselves"
  expect_eq "$(q "SELECT CAST(is_active AS INTEGER) FROM store_users WHERE store_id = 1 AND user_id = 2")" 1 \
    "the owner's membership"
  # An invitation to the platform admin's email cannot make the admin a store member, even
  # with the admin's own password.
  api POST /api/v1/stores/1/team/invitations '{"email": "admin@wizamart.com", "role": "manager"}' "$owner"
  if [ "$status" = 201 ]; then
    local tok
    tok=$(jq_get 'j["token"]')
    api POST /api/v1/invitations/accept "{\"token\": \"$tok\", \"password\": \"admin123\"}"
    expect_status 404 "the admin accepting a store invitation"
    expect_eq "$(q "SELECT count(*) FROM store_users WHERE user_id = 1")" 0 "the admin's memberships"
  fi
  # An invitation joins its own store only: a store_id in the body is refused.
  api POST /api/v1/stores/1/team/invitations '{"email": "newbie@example.com", "role": "viewer"}' "$owner"
  expect_status 201
  local tok2
  tok2=$(jq_get 'j["token"]')
  api POST /api/v1/invitations/accept "{\"token\": \"$tok2\", \"password\": \"a-long-password-1\", \"store_id\": 2}"
  expect_status 422 "store_id in an acceptance"
  api POST /api/v1/invitations/accept "{\"token\": \"$tok2\", \"password\": \"a-long-password-1\"}"
  expect_status 200
  expect_eq "$(jq_get 'j["store_id"]')" 1 "the store joined"
  expect_eq "$(q "SELECT count(*) FROM store_users su JOIN users u ON u.id = su.user_id WHERE u.email = 'newbie@example.com' AND su.store_id <> 1")" 0 \
    "memberships of other stores"
  # Replayed, the token is spent.
  api POST /api/v1/invitations/accept "{\"token\": \"$tok2\", \"password\": \"a-long-password-1\"}"
  expect_status 404 "a replayed invitation"
}

# Archiving a product is products.delete in the panel (docs/panels.md: "deactivate = archive
# products.delete") but products.edit in the API: staff, who may edit but not delete, archive
# through the API what the panel refuses them.
test_archiving_a_product_takes_the_same_permission_in_the_api_and_the_panel() {
  seeded
  start_server || return
  local tom pid
  tom=$(token tom.schmit@urbanthreads.example.com password123) || return
  pid=$(q "SELECT min(id) FROM products WHERE store_id = 2 AND status <> 'archived'")
  api POST "/api/v1/stores/2/products/$pid/deactivate" "" "$tom"
  expect_status 403 "staff (no products.delete) archiving a product through the API"
  expect_eq "$(q "SELECT status FROM products WHERE store_id = 2 AND id = $pid")" \
    "$(DATABASE_URL=$TEMPLATE q "SELECT status FROM products WHERE store_id = 2 AND id = $pid")" "the product's status"
}

# ---- sign-in

test_sign_in_timing_unknown_account_vs_wrong_password() {
  seeded
  start_server || return
  # Each attempt from its own loopback address and at most 4 per account, so that neither
  # throttle answers early and the two kinds are measured alike (interleaved).
  python3 - "${WZ_URL##*:}" >timing.txt <<'PY'
import http.client, json, statistics, sys, time
port = int(sys.argv[1])
accounts = ["store1@example.com", "store2@example.com", "store3@example.com",
            "marc.weber@techhub.example.com", "ines.costa@techhub.example.com",
            "tom.schmit@urbanthreads.example.com", "nora.klein@urbanthreads.example.com",
            "claire.dubois@booknook.example.org", "paul.reuter@booknook.example.org",
            "admin@wizamart.com"]
def attempt(src, body):
    c = http.client.HTTPConnection("127.0.0.1", port, source_address=(src, 0), timeout=10)
    t = time.perf_counter()
    c.request("POST", "/api/v1/auth/login", json.dumps(body), {"Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    dt = time.perf_counter() - t
    c.close()
    return r.status, dt
unknown, wrong = [], []
for i in range(40):
    s, dt = attempt("127.0.%d.%d" % (10 + i // 15, 1 + i % 15),
                    {"email": "nobody%d@example.com" % i, "password": "wrong-%d" % i})
    if s != 401: sys.exit("unknown account answered %d" % s)
    unknown.append(dt)
    s, dt = attempt("127.1.%d.%d" % (10 + i // 15, 1 + i % 15),
                    {"email": accounts[i % len(accounts)], "password": "wrong-%d" % i})
    if s != 401: sys.exit("wrong password answered %d" % s)
    wrong.append(dt)
mu, mw = statistics.median(unknown), statistics.median(wrong)
print("unknown_ms=%.1f wrong_ms=%.1f diff=%.0f%%" % (mu * 1e3, mw * 1e3, abs(mu - mw) / min(mu, mw) * 100))
PY
  local rc=$?
  [ $rc = 0 ] || { fail "timing run failed: $(cat timing.txt)"; return; }
  echo "# $WZ_BACKEND $(cat timing.txt)" >>"${TMPDIR:-/tmp}/t_server_attack_timing.txt"
  local diff
  diff=$(sed -n 's/.*diff=\([0-9]*\)%.*/\1/p' timing.txt)
  [ "$diff" -le 20 ] || fail "unknown account and wrong password differ by more than 20%: $(cat timing.txt)"
}

test_throttle_ignores_case_and_spoofed_client_addresses() {
  seeded
  start_server || return
  local i
  # Case variants of an email are one account.
  for i in 1 2 3 4 5; do
    status=$(sign_in_from 127.0.2.1 email "$([ $((i % 2)) = 0 ] && echo STORE2@Example.COM || echo Store2@example.com)" "bad$i")
  done
  status=$(sign_in_from 127.0.2.2 email store2@example.com password123)
  expect_status 429 "the right password after 5 failures spelled in other cases"
  # A login padded with spaces is not the account (no match), so it cannot reach it unthrottled.
  status=$(sign_in_from 127.0.2.3 email " store2@example.com" password123)
  expect_status 401 "a padded login"
  # 20 failures of one address block it; X-Real-IP / X-Forwarded-For do not move it elsewhere
  # (the server is not behind a proxy here).
  for i in $(seq 1 21); do status=$(sign_in_from 127.0.3.1 email "nobody$i@example.com" bad); done
  expect_status 429 "a sign-in after 20 failures of one address"
  status=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.3.1 -H 'X-Real-IP: 10.9.8.7' \
    -H 'X-Forwarded-For: 10.9.8.7' -H 'Forwarded: for=10.9.8.7' -H 'Content-Type: application/json' \
    --data-binary '{"email": "store1@example.com", "password": "password123"}' "$WZ_URL/api/v1/auth/login")
  expect_status 429 "a blocked address naming another one in X-Real-IP / X-Forwarded-For"
  stop_server
  grep -q 'ip=10.9.8.7' server.err && fail "the access log believed a spoofed client address"
  return 0
}

# The account throttle counts the login as typed: the same account's username gets five
# more guesses after its email is blocked.
test_throttle_counts_the_account_not_the_login_spelling() {
  seeded
  start_server || return
  local i
  for i in 1 2 3 4 5; do status=$(sign_in_from 127.0.4.$i email store3@example.com "bad$i"); done
  status=$(sign_in_from 127.0.4.9 username store3 "bad6")
  expect_status 429 "store3's username after 5 failures of its email"
  status=$(sign_in_from 127.0.4.10 username store3 password123)
  expect_status 429 "store3's username with the right password after 5 failures of its email"
}

# Accepting an invitation for an existing account checks that account's password: a
# sign-in in all but name, so it must be throttled (and use the verification slots) like one.
test_invitation_accept_is_not_an_unthrottled_password_oracle() {
  seeded
  start_server || return
  local owner tok i
  owner=$(token store1@example.com password123) || return
  api POST /api/v1/stores/1/team/invitations '{"email": "store2@example.com", "role": "viewer"}' "$owner"
  expect_status 201 "store 1's owner invites store 2's owner"
  tok=$(jq_get 'j["token"]')
  local seen429=0
  for i in $(seq 1 8); do
    api POST /api/v1/invitations/accept "{\"token\": \"$tok\", \"password\": \"guess-$i\"}"
    [ "$status" = 429 ] && { seen429=1; break; }
    expect_status 404 "guess $i"
  done
  [ $seen429 = 1 ] || fail "8 wrong passwords for store2@example.com through /api/v1/invitations/accept, none throttled (429): an unthrottled password oracle for any store owner"
  # The account's sign-in is throttled by those guesses too.
  api POST /api/v1/auth/login '{"email": "store2@example.com", "password": "password123"}'
  expect_status 429 "store2's sign-in after 8 failed guesses through an invitation"
}

# ---- hostile input

test_path_traversal_on_docs_and_static() {
  seeded
  start_server || return
  status=$(curl -s -o /dev/null -w '%{http_code}' "$WZ_URL/static/panel.css")
  expect_status 200 "the stylesheet"
  local p
  for p in '/static/../../../../etc/passwd' '/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd' \
    '/static/%252e%252e/%252e%252e/etc/passwd' '/static/..%2f..%2f..%2fetc%2fpasswd' \
    '/static/..\..\..\etc\passwd' '/static/%5c..%5c..%5cetc%5cpasswd' '/docs/../../.env' \
    '/docs/%2e%2e/%2e%2e/.env' '/docs/..%252f..%252f.env' \
    '/static/panel.css/..' '/static//etc/passwd' '/docs/../openapi.json' '/static/./panel.css/../../../../proc/self/environ' \
    '/static/tmpl/layout.html' '/static/../tmpl/layout.html' '/docs/../tmpl/admin/login.html' \
    '/tmpl/layout.html' '/static/%2e%2e/tmpl/layout.html'; do
    status=$(curl -s --path-as-is -o body.txt -w '%{http_code}' "$WZ_URL$p")
    body=$(cat body.txt)
    [[ "$status" == 4?? ]] || fail "$p answered $status"
    expect_no_body 'root:'
    expect_no_body 'JWT_SECRET_KEY'
    expect_no_body '{{'
  done
}

test_oversized_requests_are_refused_and_the_server_keeps_answering() {
  seeded
  start_server || return
  local long
  long=$(printf 'a%.0s' {1..5000})
  status=$(curl -s -o /dev/null -w '%{http_code}' "$WZ_URL/$long")
  [[ "$status" == 404 || "$status" == 414 ]] || fail "a 5000-byte path answered $status"
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $(printf 'b%.0s' {1..60000})" "$WZ_URL/healthz")
  [[ "$status" =~ ^(200|400|431)$ ]] || fail "a 60 kB header answered $status"
  printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Big: %s\r\n\r\n' \
    "$(head -c 300000 /dev/zero | tr '\0' b)" >big.req
  local out
  out=$(raw_http "" 5 <big.req)
  grep -qE '^HTTP/1.1 (400|413|431)' <<<"$out" || fail "a 300 kB header: $(head -1 <<<"$out")"
  local args=()
  local i
  for i in $(seq 1 100); do args+=(-H "X-H$i: $(printf 'c%.0s' {1..300})"); done
  status=$(curl -s -o /dev/null -w '%{http_code}' "${args[@]}" "$WZ_URL/healthz")
  [[ "$status" == 200 || "$status" == 431 ]] || fail "100 headers of 300 bytes answered $status"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$WZ_URL/healthz?q=$(printf 'd%.0s' {1..40000})")
  [[ "$status" == 200 || "$status" == 414 || "$status" == 400 ]] || fail "a 40 kB query answered $status"
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    "$WZ_URL/healthz?$(python3 -c 'print("&".join("p%d=1" % i for i in range(100)))')")
  expect_status 200 "100 query parameters"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$WZ_URL/healthz")
  expect_status 200 "the server after oversized requests"
}

# A query with a few hundred parameters fills libmicrohttpd's per-connection memory pool
# while it parses them: the request then gets no answer at all, and the connection hangs
# until CONNECTION_TIMEOUT (15 s) instead of a prompt 414/431.
test_many_query_parameters_get_a_prompt_answer() {
  seeded
  start_server || return
  local q
  q=$(python3 -c 'print("&".join("p%d=1" % i for i in range(600)))')
  status=$(curl -s -o body.txt -w '%{http_code}' --max-time 5 "$WZ_URL/healthz?$q")
  [[ "$status" =~ ^(200|400|414|431)$ ]] ||
    fail "600 query parameters (4.7 kB) got no answer within 5 s (curl status $status)"
}

test_hostile_json_is_refused_and_writes_nothing() {
  seeded
  start_server || return
  local t
  t=$(token store1@example.com password123) || return
  dump_db >before.sql
  local b
  for b in $'{"sku":"U\xff\xfe","title":"t","price_amount":1}' '{"sku":"N\u0000","title":"t","price_amount":1}' \
    '{"sku":"D-1","sku":"D-2","title":"t","price_amount":1}' '{"sku":"H-1","title":"t","price_amount":100000000000000000000000}' \
    '[1,2]' '"str"' '{"sku":"x"' 'nul' $'{"sku":"C-1","title":"t\xc0\xaf","price_amount":1}'; do
    api POST /api/v1/stores/1/products "$b" "$t"
    expect_status 400 "body $b"
  done
  python3 -c 'print("[" * 100000 + "]" * 100000)' >deep.json
  status=$(curl -s -o body.txt -w '%{http_code}' -H "Authorization: Bearer $t" -H 'Content-Type: application/json' \
    --data-binary @deep.json "$WZ_URL/api/v1/stores/1/products")
  expect_status 400 "100000 nested arrays"
  for b in '{"sku":"I-1","title":"t","price_amount":9223372036854775807}' \
    '{"sku":"I-2","title":"t","price_amount":-9223372036854775808}' \
    '{"sku":"I-3","title":"t","price_amount":1,"stock_quantity":-1}' \
    '{"sku":"I-4","title":"t","price_amount":1.5}' '{"sku":"I-5","title":"t","price_amount":"1"}' \
    '{"sku":"I-6","title":"t","price_amount":true}' '{"sku":{"a":1},"title":"t","price_amount":1}'; do
    api POST /api/v1/stores/1/products "$b" "$t"
    expect_status 422 "body $b"
  done
  # A JSON route refuses other content types (no form-encoded or text/plain cross-site posts).
  for b in application/x-www-form-urlencoded text/plain multipart/form-data application/jsonx; do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $t" -H "Content-Type: $b" \
      --data-binary '{"sku":"T-1","title":"t","price_amount":1}' "$WZ_URL/api/v1/stores/1/products")
    expect_status 415 "Content-Type $b"
  done
  local p
  for p in 'limit=-1' 'limit=0' 'limit=101' 'limit=abc' 'limit=1e2' 'limit=%2B5' 'limit=99999999999999999999' \
    'cursor=-5' 'cursor=abc' 'cursor=99999999999999999999' 'cursor=1.5' 'cursor=%20' 'status=nope' \
    "q=$(printf 'q%.0s' {1..300})"; do
    api GET "/api/v1/stores/1/products?$p" "" "$t"
    expect_status 400 "?$p"
  done
  for p in 'q=%00' 'q=%25%5F%5C' "q=%27%20OR%201%3D1--" 'cursor=0' 'limit=100'; do
    api GET "/api/v1/stores/1/products?$p" "" "$t"
    [[ "$status" == 200 || "$status" == 400 ]] || fail "?$p answered $status"
  done
  api GET "/api/v1/stores/1/products?q=%27%20OR%201%3D1--" "" "$t"
  expect_eq "$(jq_get 'len(j["items"])')" 0 "a SQL-injection search text matches nothing"
  dump_db >after.sql
  cmp -s before.sql after.sql || fail "refused bodies changed the database: $(diff before.sql after.sql | head -5)"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$WZ_URL/healthz")
  expect_status 200 "the server after hostile JSON"
}

# Bytes that are not UTF-8 in a query or a path segment are the client's error (400), on
# both backends; PostgreSQL refuses to bind them as text, so they must not reach it (a 500
# there, a 200 on SQLite today).
test_invalid_utf8_in_queries_and_paths_is_400_not_500() {
  seeded
  start_server || return
  local st ad
  st=$(token store1@example.com password123) || return
  ad=$(token admin admin123) || return
  local p
  for p in '/api/v1/stores/1/products?q=%FF%FE' '/api/v1/stores/1/customers?q=%C3' \
    '/api/v1/stores/1/orders?q=%ED%A0%80' '/api/v1/stores/1/products?status=%FF'; do
    api GET "$p" "" "$st"
    [[ "$status" == 400 || "$status" == 200 ]] || fail "$p answered $status"
    expect_no_body 'invalid byte sequence'
  done
  for p in '/api/v1/admin/stores?q=%FF' '/api/v1/admin/users?q=%C0%AF'; do
    api GET "$p" "" "$ad"
    [[ "$status" == 400 || "$status" == 200 ]] || fail "$p answered $status"
  done
  api GET '/api/v1/shop/%FF%FE/products'
  [[ "$status" == 400 || "$status" == 404 ]] || fail "a shop code that is not UTF-8 answered $status"
  api PATCH '/api/v1/admin/settings/%FF' '{"value": "x"}' "$ad"
  [[ "$status" == 400 || "$status" == 404 ]] || fail "a setting key that is not UTF-8 answered $status"
  stop_server
  grep -q '^error: request' server.err && fail "server faults logged: $(grep '^error: request' server.err | head -3)"
  return 0
}

# An unknown field is named in the 422; a long name cut in the middle of a UTF-8 character
# must not make the entry lose its "field" (the Problem schema requires it).
test_a_long_unknown_field_is_named_in_the_422() {
  seeded
  start_server || return
  local t key
  t=$(token store1@example.com password123) || return
  key=$(printf 'é%.0s' {1..200})
  api POST /api/v1/stores/1/products "{\"$key\": 1, \"sku\": \"L-1\", \"title\": \"t\", \"price_amount\": 1}" "$t"
  expect_status 422
  expect_eq "$(jq_get 'all("field" in e for e in j["errors"])')" true "every error entry names its field"
}

# ---- HTTP framing

# RFC 9112 6.3: a request with both Content-Length and Transfer-Encoding "ought to be handled
# as an error" and the server MUST close the connection after answering it; otherwise a
# front end that frames by Content-Length and this server disagree on where the next request
# starts (request smuggling).
test_content_length_with_transfer_encoding_closes_the_connection() {
  seeded
  start_server || return
  local out
  out=$(printf 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' | raw_http "" 3)
  expect_eq "$(responses "$out")" 1 "responses to a CL+TE request with a request hidden behind it"
  [[ "$out" == *'{"status":"ok"}'* ]] && fail "the request smuggled behind a CL+TE body was served"
  return 0
}

test_two_content_lengths_are_400() {
  seeded
  start_server || return
  local out
  out=$(printf 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 44\r\n\r\n{}GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' | raw_http "" 3)
  grep -q '^HTTP/1.1 400' <<<"$out" || fail "two different Content-Lengths: $(head -1 <<<"$out")"
  expect_eq "$(responses "$out")" 1 "responses to a request with two Content-Lengths"
}

test_two_host_headers_are_400() {
  seeded
  start_server || return
  local out
  out=$(printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n' | raw_http "" 3)
  grep -q '^HTTP/1.1 400' <<<"$out" || fail "two Host headers: $(head -1 <<<"$out")"
}

# RFC 9112 5.1: whitespace between a field name and its colon MUST be a 400. libmicrohttpd
# 0.9.75 keeps "Content-Length " as another header, so the body is read as the next request
# (a front end that tolerates the space frames it as a body: a CL.0 desync).
test_whitespace_in_a_header_name_is_400() {
  seeded
  start_server || return
  local out
  out=$(printf 'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length : 2\r\n\r\n{}GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' | raw_http "" 3)
  grep -q '^HTTP/1.1 400' <<<"$out" || fail "'Content-Length :': $(head -1 <<<"$out")"
  expect_eq "$(responses "$out")" 1 "responses to a request with 'Content-Length :'"
  [[ "$out" == *'{}GET'* ]] && fail "the body of a 'Content-Length :' request was read as the next request"
  out=$(printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding : chunked\r\nConnection: close\r\n\r\n0\r\n\r\n' | raw_http "" 3)
  grep -q '^HTTP/1.1 400' <<<"$out" || fail "'Transfer-Encoding :': $(head -1 <<<"$out")"
  out=$(printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad Header: 1\r\nConnection: close\r\n\r\n' | raw_http "" 3)
  grep -q '^HTTP/1.1 400' <<<"$out" || fail "a space inside a header name: $(head -1 <<<"$out")"
}

# libmicrohttpd decodes %00 in the path to a NUL, and the router and the asset lookup read
# the path as a C string: /static/panel.css%00.txt is served as /static/panel.css and
# /admin%00/x as /admin (and logged so). A path with a NUL must match nothing.
test_a_nul_in_the_path_matches_nothing() {
  seeded
  start_server || return
  local p
  for p in '/static/panel.css%00.txt' '/admin%00/anything' '/healthz%00.json' '/docs%00'; do
    status=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$WZ_URL$p")
    [[ "$status" == 404 || "$status" == 400 ]] || fail "$p answered $status"
  done
}

test_malformed_framing_is_refused() {
  seeded
  start_server || return
  local out
  out=$(printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n' | raw_http "" 3)
  grep -q '^HTTP/1.1 400' <<<"$out" || fail "Content-Length -1: $(head -1 <<<"$out")"
  out=$(printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n\r\n' | raw_http "" 3)
  grep -qE '^HTTP/1.1 (400|413)' <<<"$out" || fail "a huge Content-Length: $(head -1 <<<"$out")"
  out=$(printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n' | raw_http "" 3)
  [[ "$out" != *'{"status":"ok"}'* ]] || fail "an unsupported Transfer-Encoding was served"
  out=$(printf 'GET /healthz HTTP/1.1\nHost: 127.0.0.1\n\n' | raw_http "" 3)
  [[ "$out" != *'{"status":"ok"}'* ]] || true # bare LF is tolerated by some parsers: no assertion
  out=$(printf 'GET /healthz HTTP/1.0\r\n\r\n' | raw_http "" 3)
  grep -q '^HTTP/1.1 400' <<<"$out" || fail "a request without Host: $(head -1 <<<"$out")"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$WZ_URL/healthz")
  expect_status 200 "the server after malformed framing"
}

# ---- slow clients and many connections

test_slow_clients_and_many_connections_do_not_starve_others() {
  seeded
  start_server || return
  python3 - "${WZ_URL##*:}" <<'PY' >conn.txt 2>&1
import socket, sys, threading, time, urllib.request
port = int(sys.argv[1])
def trickle():
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    try:
        for i in range(8):
            s.sendall(b"X-Slow-%d: a\r\n" % i)
            time.sleep(0.5)
    except OSError:
        pass
    s.close()
threads = [threading.Thread(target=trickle) for _ in range(6)]
for t in threads: t.start()
worst = 0.0
for i in range(8):
    t0 = time.time()
    urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=5).read()
    worst = max(worst, time.time() - t0)
    time.sleep(0.4)
for t in threads: t.join()
print("slow_worst=%.3f" % worst)
# 300 idle connections from one address (over the per-address limit of 256): another
# address is still served, and so is the first one once they close.
idle = []
for i in range(300):
    try:
        idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
    except OSError:
        break
c = socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.2", 0), timeout=5)
c.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
r = c.recv(100)
print("other_address=%s" % r.split(b"\r\n")[0].decode())
for s in idle: s.close()
time.sleep(0.5)
print("after=%d" % urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=5).status)
PY
  local worst
  worst=$(sed -n 's/^slow_worst=//p' conn.txt)
  [ -n "$worst" ] || { fail "the run failed: $(cat conn.txt)"; return; }
  python3 -c "import sys; sys.exit(0 if float('$worst') < 1.0 else 1)" ||
    fail "a request took ${worst}s while 6 clients trickled headers"
  grep -q '^other_address=HTTP/1.1 200' conn.txt || fail "another address was not served: $(cat conn.txt)"
  grep -q '^after=200' conn.txt || fail "not served after the idle connections closed: $(cat conn.txt)"
}

# ---- methods and hosts

test_head_options_trace_and_unknown_methods() {
  seeded
  start_server || return
  local out
  out=$(curl -s -I "$WZ_URL/healthz" | tr -d '\r')
  grep -q '^HTTP/1.1 200' <<<"$out" || fail "HEAD /healthz: $out"
  status=$(curl -s -o body.txt -D headers.txt -w '%{http_code}' -X OPTIONS "$WZ_URL/api/v1/me")
  expect_status 405 "OPTIONS"
  grep -qi '^Allow: GET' headers.txt || fail "OPTIONS without Allow: $(cat headers.txt)"
  grep -qi '^Access-Control-Allow' headers.txt && fail "CORS headers on OPTIONS: $(cat headers.txt)"
  status=$(curl -s -o body.txt -w '%{http_code}' -X TRACE -H 'Cookie: secret-cookie=s3cr3t' \
    -H 'Authorization: Bearer s3cr3t-token' "$WZ_URL/healthz")
  expect_status 405 "TRACE"
  body=$(cat body.txt)
  expect_no_body 's3cr3t'
  status=$(curl -s -o /dev/null -w '%{http_code}' -X FOO "$WZ_URL/healthz")
  [[ "$status" == 405 || "$status" == 400 || "$status" == 501 ]] || fail "method FOO answered $status"
  status=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$WZ_URL/api/v1/auth/login")
  expect_status 405 "DELETE on the sign-in"
  # No CORS: a cross-origin page cannot read API answers.
  status=$(curl -s -o /dev/null -D headers.txt -w '%{http_code}' -H 'Origin: https://evil.example' "$WZ_URL/healthz")
  grep -qi '^Access-Control-Allow-Origin' headers.txt && fail "CORS for a foreign origin: $(cat headers.txt)"
  return 0
}

test_host_header_is_checked_and_never_reflected() {
  seeded
  start_server || return
  local h
  for h in evil.example 'evil.example:80' '127.0.0.1.evil.example' '[::1]' 'localhost.' ''; do
    status=$(curl -s -o body.txt -w '%{http_code}' -H "Host: $h" "$WZ_URL/healthz")
    expect_status 400 "Host '$h'"
  done
  # Location headers are paths, whatever Host or X-Forwarded-Host claim.
  local t
  t=$(token store1@example.com password123) || return
  status=$(curl -s -o body.txt -D headers.txt -w '%{http_code}' -H "Authorization: Bearer $t" \
    -H 'X-Forwarded-Host: evil.example' -H 'Content-Type: application/json' \
    --data-binary '{"sku":"LOC-1","title":"t","price_amount":1}' "$WZ_URL/api/v1/stores/1/products")
  expect_status 201
  grep -qi '^Location: /api/v1/stores/1/products/[0-9]*\s*$' headers.txt || fail "Location: $(grep -i location headers.txt)"
  grep -qi 'evil' headers.txt body.txt && fail "X-Forwarded-Host reflected"
  status=$(curl -s -o body.txt -w '%{http_code}' -H 'X-Forwarded-Host: evil.example' "$WZ_URL/")
  grep -q evil body.txt && fail "X-Forwarded-Host in the root document"
  status=$(curl -s -o body.txt -w '%{http_code}' -H 'X-Forwarded-Host: evil.example' "$WZ_URL/openapi.json")
  grep -q evil body.txt && fail "X-Forwarded-Host in /openapi.json"
  return 0
}

# A Host's port is digits (RFC 9112 3.2: an invalid Host is a 400); the check keeps only
# what precedes the last ':' and accepts anything after it.
test_a_host_with_a_bogus_port_is_400() {
  seeded
  start_server || return
  local h
  for h in 'localhost:80@evil.example' '127.0.0.1:evil.example' 'localhost:1/x'; do
    status=$(curl -s -o body.txt -w '%{http_code}' -H "Host: $h" "$WZ_URL/healthz")
    body=$(cat body.txt)
    expect_status 400 "Host '$h'"
  done
}

# ---- headers and secrets

test_every_kind_of_answer_has_the_security_headers() {
  seeded
  start_server || return
  local t
  t=$(token store1@example.com password123) || return
  local etag
  etag=$(curl -s -D - -o /dev/null "$WZ_URL/static/panel.css" | tr -d '\r' | sed -n 's/^ETag: //Ip')
  local kinds=(
    "200|-s $WZ_URL/healthz"
    "404|-s $WZ_URL/nope"
    "405|-s -X DELETE $WZ_URL/healthz"
    "400|-s -H Host:evil.example $WZ_URL/healthz"
    "401|-s $WZ_URL/api/v1/me"
    "403|-s -X POST -H Origin:https://evil.example --data login=a&password=b $WZ_URL/store/login"
    "415|-s -X POST --data x $WZ_URL/api/v1/auth/login"
    "422|-s -H Content-Type:application/json --data {} $WZ_URL/api/v1/auth/login"
    "413|-s -H Content-Type:application/json --data-binary @big.json $WZ_URL/api/v1/auth/login"
    "303|-s $WZ_URL/admin"
    "200|-s $WZ_URL/static/panel.css"
    "304|-s -H If-None-Match:$etag $WZ_URL/static/panel.css"
    "200|-s $WZ_URL/docs"
    "200|-s $WZ_URL/admin/login"
  )
  head -c 1100000 /dev/zero | tr '\0' 'a' >big.json
  local k want args
  for k in "${kinds[@]}"; do
    want=${k%%|*}
    read -r -a args <<<"${k#*|}"
    status=$(curl -o /dev/null -D headers.txt -w '%{http_code}' "${args[@]}")
    headers=$(tr -d '\r' <headers.txt)
    expect_status "$want" "${k#*|}"
    local h
    for h in 'X-Content-Type-Options: nosniff' 'X-Frame-Options: DENY' 'Referrer-Policy: same-origin' \
      'Content-Security-Policy: ' 'X-Request-Id: ' 'Cache-Control: '; do
      grep -qiF -- "$h" <<<"$headers" || fail "$want (${k#*|}) lacks '$h'"
    done
  done
  # 429 too.
  local i
  for i in 1 2 3 4 5 6; do
    status=$(curl -s -o /dev/null -D headers.txt -w '%{http_code}' -H 'Content-Type: application/json' \
      --data '{"email":"store3@example.com","password":"x"}' "$WZ_URL/api/v1/auth/login")
  done
  expect_status 429
  grep -qi '^X-Frame-Options: DENY' headers.txt || fail "429 lacks the security headers"
  grep -qi '^Retry-After: [0-9]' headers.txt || fail "429 lacks Retry-After"
}

test_no_secret_leaves_the_server() {
  seeded
  export ADMIN_PASSWORD=admin123
  start_server || return
  : >all.txt
  local owner admin
  owner=$(token store1@example.com password123) || return
  admin=$(token admin admin123) || return
  grab() { cat headers.txt body.txt >>all.txt 2>/dev/null; }
  api GET /api/v1/me "" "$owner"; grab
  api GET /api/v1/admin/users?limit=100 "" "$admin"; grab
  api GET /api/v1/admin/users/2 "" "$admin"; grab
  api GET /api/v1/admin/settings "" "$admin"; grab
  api GET /api/v1/admin/stores/1 "" "$admin"; grab
  api GET /api/v1/admin/stores/1/team "" "$admin"; grab
  api POST /api/v1/stores/1/team/invitations '{"email": "leak@example.com", "role": "viewer"}' "$owner"
  local inv_token
  inv_token=$(jq_get 'j["token"]')
  api GET /api/v1/stores/1/team "" "$owner"; grab
  api GET /api/v1/stores/1 "" "$owner"; grab
  api GET /openapi.json; grab
  api GET /; grab
  api GET /readyz; grab
  api GET /api/v1/me "" "$owner.x"; grab
  api POST /api/v1/auth/login '{"email": "store1@example.com", "password": "wrong-secret-pw"}'; grab
  api POST /api/v1/invitations/accept "{\"token\": \"$inv_token\", \"password\": \"leaky-password-123\"}"; grab
  # A panel sign-in's cookie goes in Set-Cookie and nowhere else.
  curl -s -o body.txt -D headers.txt -c jar -H "Origin: $WZ_URL" --data 'login=admin&password=admin123' \
    "$WZ_URL/admin/login" >/dev/null
  local sid
  sid=$(awk '$6 == "__Host-wz_session" {print $7}' jar)
  [ -n "$sid" ] || fail "no panel session"
  curl -s -o body.txt -D headers.txt -b jar "$WZ_URL/admin/stores/1" >/dev/null; grab
  curl -s -o body.txt -D headers.txt -b jar "$WZ_URL/admin/users" >/dev/null; grab
  curl -s -o body.txt -D headers.txt -b jar "$WZ_URL/admin/settings" >/dev/null; grab
  stop_server
  local s
  for s in "$JWT_SECRET_KEY" admin123 password123 leaky-password-123 wrong-secret-pw "$owner" "$admin" \
    "$inv_token" "$sid" '$argon2' token_hash password_hash; do
    [ -n "$s" ] || continue
    grep -qF -- "$s" all.txt && fail "a secret in an answer: ${s:0:12}... ($(grep -oF -- "$s" all.txt | head -1 | cut -c1-20))"
    grep -qF -- "$s" server.err && fail "a secret in the server's log: ${s:0:12}..."
    grep -qF -- "$s" server.out && fail "a secret on the server's stdout: ${s:0:12}..."
  done
  # Hashes of invitation tokens stay in the database.
  local h
  for h in $(q "SELECT token_hash FROM store_invitations"); do
    grep -qF "$h" all.txt server.err && fail "an invitation's token hash left the server"
  done
  return 0
}

run_tests
