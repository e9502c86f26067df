#!/usr/bin/env bash
# The API against its own OpenAPI document, on a real server over a seeded SQLite database:
#   1. `@redocly/cli lint` of /openapi.json (tests/api/redocly.yaml; a warning fails too),
#   2. tests/api/conformance.test.mjs: every GET operation's live answer, 401 without a token,
#      404 for an unknown id, 422/400 for bad bodies, each validated against the document,
#   3. tests/api/docs.test.mjs: /docs in headless Chromium shows every operation (and writes
#      docs/screenshots/api-docs.png; WZ_SCREENSHOT= another path, or empty for none),
#   4. the server answered no 5xx and stops with exit 0 on SIGTERM.
# Prints TAP; exits non-zero when anything failed. Missing tools fail (never skip): run make deps.
#
#   tests/api/run.sh [BUILD]      WZ_BIN / WZ_ROOT as tests/run.sh sets them, or build/ here
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${WZ_ROOT:=$root}"
: "${WZ_BIN:=$WZ_ROOT/${1:-build}/wizamart}"
export WZ_ROOT WZ_BIN
SHOT=${WZ_SCREENSHOT-$WZ_ROOT/docs/screenshots/api-docs.png}
CHROMIUM=${WZ_CHROMIUM:-/usr/bin/chromium}
NM=$WZ_ROOT/node_modules

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { # WHAT [DETAIL]
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  [ -z "${2:-}" ] || sed 's/^/# /' <<<"$2"
}
finish() {
  echo "1..$n"
  [ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
  exit $?
}

missing=()
command -v node >/dev/null || missing+=("node")
command -v curl >/dev/null || missing+=("curl")
[ -x "$WZ_BIN" ] || missing+=("$WZ_BIN (make build)")
[ -x "$NM/.bin/redocly" ] || missing+=("@redocly/cli")
[ -f "$NM/ajv/dist/2020.js" ] || missing+=("ajv")
[ -d "$NM/ajv-formats" ] || missing+=("ajv-formats")
[ -d "$NM/puppeteer-core" ] || missing+=("puppeteer-core")
[ -x "$CHROMIUM" ] || missing+=("$CHROMIUM")
if [ ${#missing[@]} -gt 0 ]; then
  not_ok "the API tests' tools are installed" "missing: ${missing[*]}: run make deps"
  finish
fi

# A clean environment: only the settings given here reach the server.
for v in $(env | sed -n 's/^\(ENVIRONMENT\|DATABASE_URL\|ADMIN_[A-Z_]*\|SEED_[A-Z_]*\|MAX_[A-Z_]*\|INVITATION_EXPIRY_DAYS\|JWT_SECRET_KEY\|DEBUG\|ALLOWED_HOSTS\|PLATFORM_DOMAIN\|PROJECT_NAME\|MIGRATIONS_DIR\|BACKUP_[A-Z_]*\|MIGRATE_LOCK_TIMEOUT\|DB_BUSY_TIMEOUT\|SERVER_[A-Z_]*\|ACCESS_TOKEN_EXPIRE_MINUTES\|SESSION_IDLE_MINUTES\|DEFAULT_[A-Z_]*\|SUPPORT_EMAIL\)=.*/\1/p'); do
  unset "$v"
done
tmp=$(mktemp -d /tmp/wz-api.XXXXXX)
server_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill -KILL "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$tmp" || exit 1
export DATABASE_URL="sqlite:///$tmp/api.db" MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
if ! setup=$({ "$WZ_BIN" migrate up && "$WZ_BIN" init-prod && "$WZ_BIN" seed-demo; } 2>&1); then
  not_ok "a seeded SQLite database (migrate up, init-prod, seed-demo)" "$setup"
  finish
fi

"$WZ_BIN" serve --port 0 >server.out 2>server.err </dev/null &
server_pid=$!
port=""
for _ in $(seq 1 200); do
  port=$(sed -n 's|^API available at: http://[^:]*:\([0-9]*\)$|\1|p' server.out)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$port" ]; then
  not_ok "the server starts" "$(cat server.out server.err)"
  finish
fi
export WZ_URL="http://127.0.0.1:$port"

token() { # LOGIN-FIELD LOGIN PASSWORD
  curl -s -H 'Content-Type: application/json' \
    --data-binary "{\"$1\": \"$2\", \"password\": \"$3\"}" "$WZ_URL/api/v1/auth/login" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      try { process.stdout.write(JSON.parse(s).access_token ?? ""); } catch { } });'
}
WZ_ADMIN_TOKEN=$(token username admin admin123)
WZ_STORE_TOKEN=$(token email store1@example.com password123)
export WZ_ADMIN_TOKEN WZ_STORE_TOKEN
if [ -z "$WZ_ADMIN_TOKEN" ] || [ -z "$WZ_STORE_TOKEN" ]; then
  not_ok "admin and store1@example.com sign in" "$(tail -n 20 server.err)"
  finish
fi

# ---- 1. lint
if ! curl -sf -o openapi.json "$WZ_URL/openapi.json"; then
  not_ok "GET /openapi.json"
else
  lint=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
    "$NM/.bin/redocly" lint --format=stylish --config "$WZ_ROOT/tests/api/redocly.yaml" openapi.json 2>&1)
  lint_rc=$?
  if [ "$lint_rc" -eq 0 ] && ! grep -qE 'You have [0-9]+ warning' <<<"$lint"; then
    ok "redocly lint /openapi.json: no error, no warning"
  else
    not_ok "redocly lint /openapi.json: no error, no warning (exit $lint_rc)" \
      "$(grep -v '[║╔╚]' <<<"$lint")"
  fi
fi

# ---- 2 and 3. node's test runner, its top-level results renumbered into this stream
node_tests() { # FILE
  local out rc
  out=$(cd "$WZ_ROOT" && node --test-reporter=tap "$1" 2>&1)
  rc=$?
  local before=$n
  while IFS= read -r line; do
    case "$line" in
    "TAP version"* | 1..* | "# tests "* | "# suites "* | "# pass "* | "# fail "* | \
      "# cancelled "* | "# skipped "* | "# todo "* | "# duration_ms "*) ;;
    "ok "[0-9]*)
      n=$((n + 1))
      echo "ok $n ${line#ok * }"
      ;;
    "not ok "[0-9]*)
      n=$((n + 1))
      failed=$((failed + 1))
      echo "not ok $n ${line#not ok * }"
      ;;
    *) echo "$line" ;;
    esac
  done <<<"$out"
  local now_failed
  now_failed=$(grep -c '^not ok ' <<<"$out")
  if [ "$rc" -ne 0 ] && [ "$now_failed" -eq 0 ]; then
    not_ok "$1 ran to its end (node exited $rc)"
  elif [ "$n" -eq "$before" ]; then
    not_ok "$1 reported no test"
  fi
}
node_tests tests/api/conformance.test.mjs
WZ_SCREENSHOT=$SHOT WZ_CHROMIUM=$CHROMIUM node_tests tests/api/docs.test.mjs

# ---- 4. the server's side of it
errors=$(grep -E '^access [A-Z]+ [^ ]+ 5[0-9][0-9] ' server.err)
if [ -z "$errors" ]; then
  ok "no request was answered with a 5xx"
else
  not_ok "no request was answered with a 5xx" "$errors
$(grep '^error:' server.err)"
fi
kill -TERM "$server_pid"
wait "$server_pid"
rc=$?
server_pid=""
if [ "$rc" -eq 0 ]; then
  ok "the server stops with exit 0 on SIGTERM"
else
  not_ok "the server stops with exit 0 on SIGTERM (exit $rc)" "$(tail -n 20 server.err)"
fi
finish
