#!/usr/bin/env bash
# wizamart serve end to end on a real database (each backend): start-up refusals, the system
# routes, sign-in and its throttling, tokens of the wrong realm, the body cap, the headers
# every response carries, the access log, and a graceful stop with a request in flight.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template

test_health_ready_and_the_guide_urls() {
  seeded
  start_server || return
  expect_eq "$(grep -c 'http://localhost:' server.out)" "3" "the three URLs of the guide"
  grep -q '/admin/login$' server.out || fail "no admin panel URL: $(cat server.out)"
  grep -q '/docs$' server.out || fail "no docs URL: $(cat server.out)"
  api GET /healthz
  expect_status 200
  expect_body '"status":"ok"'
  api GET /readyz
  expect_status 200
  expect_body "\"database\":\"$WZ_DIALECT\""
  expect_header "X-Request-Id: "
  expect_header "X-Content-Type-Options: nosniff"
  expect_header "X-Frame-Options: DENY"
  expect_header "Content-Security-Policy: "
  stop_server
  expect_eq "$server_rc" "0" "exit code after SIGTERM"
  grep -q '^access GET /readyz 200 ' server.err || fail "no access log line: $(cat server.err)"
}

test_admin_signs_in_and_reads_me() {
  seeded
  start_server || return
  local t
  t=$(token admin admin123) || return
  api GET /api/v1/me "" "$t"
  expect_status 200
  expect_body '"username":"admin"'
  expect_body '"realm":"admin"'
  stop_server
  grep -q "$t" server.err && fail "the token is in the log"
  grep -q admin123 server.err && fail "the password is in the log"
  return 0
}


# ---- start-up refusals: exit 1, one line saying what to run, and no server left behind

test_refuses_a_missing_database() {
  if [ "$WZ_BACKEND" = sqlite ]; then
    export DATABASE_URL="sqlite:///$PWD/missing.db"
  else
    export DATABASE_URL="${WZ_PG_URL%/*}/wz_no_such_database"
  fi
  run serve --port 0
  expect_rc 1
  expect_err "does not exist"
  expect_err "migrate-up"
  [ "$WZ_BACKEND" != sqlite ] || [ ! -e missing.db ] || fail "serve created the database file"
}

test_bad_options_are_usage_errors_before_the_database() {
  if [ "$WZ_BACKEND" = sqlite ]; then
    export DATABASE_URL="sqlite:///$PWD/missing.db"
  else
    export DATABASE_URL="${WZ_PG_URL%/*}/wz_no_such_database"
  fi
  local bad
  for bad in "--port 70000" "--port abc" "--threads -1" "--host example.com"; do
    # shellcheck disable=SC2086
    run serve $bad
    expect_rc 2 "serve $bad"
    expect_err "must be"
  done
}

# A machine without libmicrohttpd: the binary built to look for a soname no package installs
# (Makefile, wizamart-without-mhd) says what to install, in one line, before any check runs.
test_refuses_without_the_http_library() {
  seeded
  local bin
  bin="$(dirname "$WZ_BIN")/tests/wizamart-without-mhd"
  [ -x "$bin" ] || { fail "$bin is missing: make build-tests builds it"; return; }
  WZ_BIN=$bin run serve --port 0
  expect_rc 1
  expect_eq "$err" "error: the HTTP server library libmicrohttpd-wz-missing.so.12 is not installed: apt-get install libmicrohttpd12 (make deps)" "serve's error"
  expect_no_out "API available"
  # The other commands do not need the library.
  WZ_BIN=$bin run migrate status
  expect_rc 0 "migrate status without libmicrohttpd"
}

# Only serve needs libmicrohttpd (and GnuTLS under it), only a postgresql:// URL libpq: the
# binary opens them when needed, so no other command loads them at start-up.
test_the_binary_does_not_link_the_server_or_postgresql_libraries() {
  local libs
  libs=$(ldd "$WZ_BIN") || { fail "ldd $WZ_BIN failed"; return; }
  local lib
  for lib in libmicrohttpd libgnutls libpq; do
    [[ "$libs" != *"$lib"* ]] || fail "$WZ_BIN links $lib: $libs"
  done
}

test_refuses_a_database_not_at_head() {
  use_db || return
  run serve --port 0
  expect_rc 1
  expect_err "cannot serve"
  expect_err "make migrate-up"
  # Migrated and then taken back to base: the tables are gone, the history is there.
  "$WZ_BIN" migrate up >/dev/null 2>&1 && "$WZ_BIN" migrate down base >/dev/null 2>&1 ||
    { fail "migrate up / down base failed"; return; }
  run serve --port 0
  expect_rc 1
  expect_err "pending"
  expect_err "make migrate-up"
}

test_refuses_without_a_platform_admin() {
  use_db || return
  "$WZ_BIN" migrate up >/dev/null 2>&1 || { fail "migrate up failed"; return; }
  run serve --port 0
  expect_rc 1
  expect_err "no active platform admin"
  expect_err "make init-prod"
}

test_refuses_insecure_production_settings() {
  seeded
  # The defaults: the default JWT key and admin password are named as settings to change.
  ENVIRONMENT=production run serve --port 0
  expect_rc 1
  expect_err "JWT_SECRET_KEY"
  expect_err "ADMIN_PASSWORD"
  expect_no_out "API available"
  # Values of our own: refused as weak, and neither appears in what is printed.
  ENVIRONMENT=production JWT_SECRET_KEY=tooShortSecretXyz ADMIN_PASSWORD=weakPw9 \
    run serve --port 0
  expect_rc 1
  expect_err "JWT secret key"
  expect_no_err "tooShortSecretXyz"
  expect_no_out "tooShortSecretXyz"
  expect_no_err "weakPw9"
  expect_no_out "weakPw9"
}

test_refuses_a_port_in_use() {
  seeded
  start_server || return
  local port=${WZ_URL##*:}
  # Bounded: a second server that wrongly binds the port too would otherwise serve forever.
  run_with_timeout 5 serve --port "$port"
  expect_rc 1 "a second server on port $port"
  expect_err "port"
  api GET /healthz
  expect_status 200 "the first server still answers"
}

run_with_timeout() { # SECONDS ARGS...
  local secs=$1 o e
  shift
  o=$(mktemp) e=$(mktemp)
  timeout -s KILL "$secs" "$WZ_BIN" "$@" >"$o" 2>"$e" </dev/null
  rc=$?
  out=$(cat "$o") err=$(cat "$e")
  rm -f "$o" "$e"
}

# ---- the transport's own answers

test_unknown_path_and_wrong_method() {
  seeded
  start_server || return
  api GET /no/such/path
  expect_status 404
  expect_header "Content-Type: application/problem+json"
  expect_body '"status":404'
  api DELETE /healthz
  expect_status 405
  expect_header "Allow: GET"
  expect_header "Content-Type: application/problem+json"
  api GET /api/v1/auth/login
  expect_status 405
  expect_header "Allow: POST"
}

test_login_errors() {
  seeded
  start_server || return
  api POST /api/v1/auth/login '{"username": "admin", "password": '
  expect_status 400 "bad JSON"
  expect_header "Content-Type: application/problem+json"
  api POST /api/v1/auth/login '["admin"]'
  expect_status 400 "not an object"
  status=$(curl -s -o body.txt -w '%{http_code}' -H 'Content-Type: text/plain' \
    --data-binary '{"username":"admin","password":"admin123"}' "$WZ_URL/api/v1/auth/login")
  body=$(cat body.txt)
  expect_status 415 "text/plain"
  api POST /api/v1/auth/login '{"username": "admin"}'
  expect_status 422 "no password"
  expect_body '"field":"password"'
  api POST /api/v1/auth/login '{"email": "admin@wizamart.com", "username": "admin", "password": "x"}'
  expect_status 422 "both email and username"
  api POST /api/v1/auth/login '{"username": "admin", "password": "admin123", "extra": 1}'
  expect_status 422 "an unknown field"
  expect_body '"field":"extra"'

  api POST /api/v1/auth/login '{"username": "admin", "password": "not-the-password"}'
  expect_status 401 "wrong password"
  local wrong=$body
  api POST /api/v1/auth/login '{"username": "nobody-at-all", "password": "not-the-password"}'
  expect_status 401 "unknown account"
  expect_eq "$body" "$wrong" "the unknown account's answer"
  api POST /api/v1/auth/login '{"email": "nobody@example.com", "password": "not-the-password"}'
  expect_status 401 "unknown email"
  expect_eq "$body" "$wrong" "the unknown email's answer"
}

test_login_throttle_per_account() {
  seeded
  start_server || return
  local i
  for i in 1 2 3 4 5; do
    api POST /api/v1/auth/login '{"email": "store1@example.com", "password": "wrong-password"}'
    expect_status 401 "failure $i"
  done
  api POST /api/v1/auth/login '{"email": "store1@example.com", "password": "password123"}'
  expect_status 429 "the right password after 5 failures"
  expect_header "Retry-After: "
  local wait
  wait=$(sed -n 's/^Retry-After: //p' <<<"$headers")
  [[ "$wait" =~ ^[0-9]+$ ]] && [ "$wait" -ge 1 ] && [ "$wait" -le 900 ] ||
    fail "Retry-After is not 1..900 seconds: '$wait'"
  # The account is keyed by its normalized login: another spelling is the same account.
  api POST /api/v1/auth/login '{"email": "STORE1@example.com", "password": "password123"}'
  expect_status 429 "the same account in capitals"
  api POST /api/v1/auth/login '{"email": "store2@example.com", "password": "password123"}'
  expect_status 200 "another account from the same address"
}

test_body_over_the_cap() {
  seeded
  SERVER_MAX_BODY=2048 start_server || return
  local big
  big=$(python3 -c 'h = "{\"username\": \"admin\", \"password\": \""
print(h + "x" * (4096 - len(h) - 2) + "\"}", end="")')
  expect_eq "${#big}" "4096" "the body's size"
  api POST /api/v1/auth/login "$big"
  expect_status 413 "4096 bytes with Content-Length"
  expect_header "Content-Type: application/problem+json"
  # Without a Content-Length the cap holds while the body streams in.
  printf '%s' "$big" >big.json
  status=$(curl -s -o body.txt -w '%{http_code}' -H 'Content-Type: application/json' \
    -H 'Transfer-Encoding: chunked' --data-binary @big.json "$WZ_URL/api/v1/auth/login")
  body=$(cat body.txt)
  expect_status 413 "4096 bytes chunked"
  api GET /healthz
  expect_status 200 "the server after the refused bodies"
  api POST /api/v1/auth/login '{"username": "admin", "password": "admin123"}'
  expect_status 200 "a sign-in under the cap"
}

test_host_not_allowed() {
  seeded
  ALLOWED_HOSTS=shop.example.com start_server || return
  status=$(curl -s -o body.txt -w '%{http_code}' -H 'Host: evil.example.net' "$WZ_URL/healthz")
  body=$(cat body.txt)
  expect_status 400 "Host: evil.example.net"
  expect_body "ALLOWED_HOSTS"
  status=$(curl -s -o body.txt -w '%{http_code}' -H 'Host: shop.example.com:8000' "$WZ_URL/healthz")
  expect_status 200 "an allowed host with a port"
  api GET /healthz
  expect_status 400 "127.0.0.1 is not in ALLOWED_HOSTS here"
}

# An HS256 token signed by us, as an attacker with the key would: KEY SUB AUD IAT EXP [ALG]
craft_token() {
  python3 - "$@" <<'PY'
import base64, hashlib, hmac, json, sys
key, sub, aud, iat, exp = sys.argv[1:6]
alg = sys.argv[6] if len(sys.argv) > 6 else "HS256"
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
head = b64(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")).encode())
body = b64(json.dumps({"sub": sub, "aud": aud, "iat": int(iat), "exp": int(exp)},
                      separators=(",", ":")).encode())
sig = "" if alg == "none" else b64(hmac.new(key.encode(), f"{head}.{body}".encode(),
                                           hashlib.sha256).digest())
print(f"{head}.{body}.{sig}")
PY
}

test_tokens_that_are_refused() {
  seeded
  local key=test-key-one-0123456789abcdef0123456789 other=test-key-two-0123456789abcdef0123456789
  JWT_SECRET_KEY=$other start_server || return
  local foreign
  foreign=$(token admin admin123) || return
  stop_server
  JWT_SECRET_KEY=$key start_server || return
  local good store now
  good=$(token admin admin123) || return
  store=$(token store1@example.com password123) || return
  now=$(date +%s)
  local admin_id
  admin_id=$(q "SELECT id FROM users WHERE username = 'admin'")

  api GET /api/v1/me "" "$good"
  expect_status 200 "the admin's own token"
  api GET /api/v1/me "" "$store"
  expect_status 200 "a store user's token on /api/v1/me"
  expect_body '"realm":"store"'
  # Our crafted token is accepted when it is valid: the checks below refuse for their reason.
  api GET /api/v1/me "" "$(craft_token "$key" "$admin_id" wizamart:admin "$now" $((now + 600)))"
  expect_status 200 "a valid crafted token (the crafting is right)"

  api GET /api/v1/me "" "$foreign"
  expect_status 401 "signed with another JWT_SECRET_KEY"
  expect_header 'WWW-Authenticate: Bearer'
  api GET /api/v1/me "" "$(craft_token "$key" "$admin_id" wizamart:admin $((now - 600)) $((now - 60)))"
  expect_status 401 "expired"
  expect_body "expired"
  api GET /api/v1/me "" "$(craft_token "$key" "$admin_id" wizamart:admin "$now" $((now + 600)) none)"
  expect_status 401 "alg none"
  api GET /api/v1/me "" "$(craft_token "$key" "$admin_id" wizamart:admin "$now" $((now + 600)) HS512)"
  expect_status 401 "another alg in the header"
  api GET /api/v1/me "" "garbage"
  expect_status 401 "garbage"
  api GET /api/v1/me "" "a.b.c"
  expect_status 401 "three garbage parts"
  api GET /api/v1/me
  expect_status 401 "no token"
  expect_header 'WWW-Authenticate: Bearer'
  status=$(curl -s -o body.txt -w '%{http_code}' -H "Authorization: Basic $good" "$WZ_URL/api/v1/me")
  expect_status 401 "not a bearer scheme"
  stop_server
  grep -qF "$good" server.err && fail "a token is in the log"
  return 0
}

test_inactive_admin_token_refused() {
  seeded
  start_server || return
  local t
  t=$(token admin admin123) || return
  api GET /api/v1/me "" "$t"
  expect_status 200
  qdb "UPDATE users SET is_active = false WHERE username = 'admin'" || { fail "update failed"; return; }
  api GET /api/v1/me "" "$t"
  expect_status 401 "the token of a deactivated admin"
  api POST /api/v1/auth/login '{"username": "admin", "password": "admin123"}'
  expect_status 401 "a deactivated admin signs in"
}

test_graceful_stop_with_a_request_in_flight() {
  seeded
  start_server || return
  # 3 KB at 1 KB/s: about three seconds on the wire.
  python3 -c 'print("{\"username\": \"admin\", \"password\": \"not-the-password\"}" + " " * 3000, end="")' >slow.json
  curl -s -o slow_body.txt -w '%{http_code}' --limit-rate 1k -H 'Content-Type: application/json' \
    --data-binary @slow.json "$WZ_URL/api/v1/auth/login" >slow_status.txt 2>slow_err.txt &
  local curl_pid=$!
  bg_pid "$curl_pid"
  sleep 1
  kill -0 "$curl_pid" 2>/dev/null || fail "the upload ended before the stop: $(cat slow_status.txt)"
  stop_server
  wait "$curl_pid"
  local curl_rc=$?
  expect_eq "$curl_rc" "0" "curl's exit code (stderr: $(cat slow_err.txt))"
  expect_eq "$(cat slow_status.txt)" "401" "the in-flight request's answer"
  expect_eq "$server_rc" "0" "the server's exit code after SIGTERM"
  grep -q 'SIGTERM received' server.err || fail "no stop message: $(cat server.err)"
  # Stopped means not listening any more.
  curl -s -o /dev/null --max-time 2 "$WZ_URL/healthz" && fail "the server still answers after its stop"
  return 0
}

test_access_log_and_request_ids() {
  seeded
  start_server || return
  local t
  t=$(token admin admin123) || return
  api GET "/healthz?token=secretvalue123&password=hunter2"
  expect_status 200
  local id1 id2
  id1=$(sed -n 's/^X-Request-Id: //p' <<<"$headers")
  api GET /api/v1/me "" "$t"
  id2=$(sed -n 's/^X-Request-Id: //p' <<<"$headers")
  [[ "$id1" =~ ^[0-9a-f]{32}$ ]] || fail "X-Request-Id is not 32 hex digits: '$id1'"
  [ "$id1" != "$id2" ] || fail "two requests share the X-Request-Id $id1"
  status=$(curl -s -o /dev/null -w '%{http_code}' -b "__Host-wz_session=cookievalue42" \
    "$WZ_URL/healthz")
  stop_server
  grep -q "^access GET /healthz 200 [0-9]*B [0-9.]*ms id=$id1 " server.err ||
    fail "no access line with the request id $id1: $(cat server.err)"
  grep -q "^access GET /api/v1/me 200 .* id=$id2 " server.err ||
    fail "no access line with the request id $id2"
  local secret
  for secret in secretvalue123 hunter2 'token=' '?' admin123 cookievalue42 "$t"; do
    grep -qF -- "$secret" server.err && fail "the log holds '$secret': $(grep -F -- "$secret" server.err)"
  done
  return 0
}

run_tests
