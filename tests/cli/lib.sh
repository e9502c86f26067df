# The end-to-end harness: sourced by each tests/cli/t_*.sh. Every function named test_* in
# the script runs in its own empty temporary folder with a clean environment (no WZ settings
# inherited), and reports one TAP line. Assertions print what they expected and what they got.
#
#   run ARGS...           runs the real binary; sets $rc, $out (stdout), $err (stderr)
#   expect_rc N           the last run exited N
#   expect_out TEXT       stdout contains TEXT          (expect_no_out: does not)
#   expect_err TEXT       stderr contains TEXT          (expect_no_err: does not)
#   sql DB QUERY          runs sqlite3 on a database file, prints the result
#   expect_eq A B [what]  A equals B
set -uo pipefail
: "${WZ_BIN:?WZ_BIN must point at build/wizamart (run through tests/run.sh)}"
: "${WZ_ROOT:?}"
WZ_SETTINGS_VARS=(ENVIRONMENT DATABASE_URL ADMIN_EMAIL ADMIN_USERNAME ADMIN_PASSWORD ADMIN_FIRST_NAME
  ADMIN_LAST_NAME SEED_DEMO_STORES SEED_CUSTOMERS_PER_STORE SEED_PRODUCTS_PER_STORE
  SEED_ORDERS_PER_STORE SEED_RANDOM_SEED SEED_REFERENCE_DATE MAX_STORES_PER_USER MAX_TEAM_MEMBERS_PER_STORE
  INVITATION_EXPIRY_DAYS JWT_SECRET_KEY DEBUG ALLOWED_HOSTS PLATFORM_DOMAIN PROJECT_NAME
  MIGRATIONS_DIR BACKUP_DIR BACKUP_KEEP BACKUP_BEFORE_MIGRATE MIGRATE_LOCK_TIMEOUT
  DB_BUSY_TIMEOUT DEFAULT_CURRENCY DEFAULT_LANGUAGE SUPPORT_EMAIL NO_COLOR)
for v in "${WZ_SETTINGS_VARS[@]}"; do unset "$v"; done

_t_failed=0
_t_msgs=()
fail() { _t_failed=1; _t_msgs+=("$*"); }

run() {
  local o e
  o=$(mktemp) e=$(mktemp)
  "$WZ_BIN" "$@" >"$o" 2>"$e" </dev/null
  rc=$?
  out=$(cat "$o") err=$(cat "$e")
  rm -f "$o" "$e"
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "expected exit $1, got $rc${2:+ ($2)}
  stdout: $out
  stderr: $err"; }
expect_out() { [[ "$out" == *"$1"* ]] || fail "stdout lacks '$1'
  stdout: $out
  stderr: $err"; }
expect_no_out() { [[ "$out" != *"$1"* ]] || fail "stdout has '$1'
  stdout: $out"; }
expect_err() { [[ "$err" == *"$1"* ]] || fail "stderr lacks '$1'
  stderr: $err"; }
expect_no_err() { [[ "$err" != *"$1"* ]] || fail "stderr has '$1'
  stderr: $err"; }
expect_eq() { [ "$1" == "$2" ] || fail "${3:-value}: expected '$2', got '$1'"; }
sql() { sqlite3 -batch -noheader "$1" "$2"; }

run_tests() {
  local n=0 t dir
  local tests
  tests=$(declare -F | awk '{print $3}' | grep '^test_' )
  local total
  total=$(echo "$tests" | grep -c .)
  echo "1..$total"
  for t in $tests; do
    n=$((n + 1))
    dir=$(mktemp -d)
    _t_failed=0
    _t_msgs=()
    ( cd "$dir" && "$t"; _finish_test ) >"$dir/.log" 2>&1
    local sub=$?
    if [ $sub -eq 0 ] && ! grep -q '^__FAIL__' "$dir/.log"; then
      echo "ok $n - $t"
    else
      echo "not ok $n - $t"
      sed 's/^/# /' "$dir/.log"
    fi
    rm -rf "$dir"
  done
}
_finish_test() { if [ "$_t_failed" -ne 0 ]; then printf '__FAIL__\n'; printf '%s\n' "${_t_msgs[@]}"; return 1; fi; }
