#!/usr/bin/env bash
# wizamart serve end to end on a real database (each backend): start-up refusals, the system
# routes, sign-in and its throttling, tokens of the wrong realm, the body cap, the headers
# every response carries, the access log, and a graceful stop with a request in flight.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
TEMPLATE=$(script_db_url seeded) &&
  DATABASE_URL=$TEMPLATE "$WZ_BIN" migrate up >/dev/null &&
  DATABASE_URL=$TEMPLATE "$WZ_BIN" init-prod >/dev/null &&
  DATABASE_URL=$TEMPLATE "$WZ_BIN" seed-demo >/dev/null ||
  { echo "Bail out! cannot build the seeded template database"; exit 1; }
seeded() { copy_db "$TEMPLATE"; }

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

run_tests
