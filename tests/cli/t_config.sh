#!/usr/bin/env bash
# backends: any (no database is opened: the backend does not matter)
# `wizamart config show` and `config validate` end to end: where each value comes from
# (environment > .env > default), --env-file, bad values (exit 2 naming variable and
# file:line, no database touched), secrets never printed, --json, and the production checks.
source "$(dirname "$0")/lib.sh"

ADMIN_PW='Adm1n-Passw0rd!x'
JWT='9f2c4e1a7b3d5f6081a2c3e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718'
DB_PW='Db-Pa55word-77'
PG_URL="postgresql://app:${DB_PW}@db.example.com:5432/wizamart"

# Asserts stdout has a line "  NAME  VALUE  ORIGIN" (columns separated by spaces).
expect_setting() { # name value origin
  local re
  re="^  $1 +$(printf '%s' "$2" | sed 's/[][\.*^$/+?(){}|]/\\&/g') +$(printf '%s' "$3" | sed 's/[][\.*^$/+?(){}|]/\\&/g')\$"
  grep -Eq -- "$re" <<<"$out" || fail "no line '$1  $2  $3' in config show:
$out"
}

# A .env an operator would deploy to production; mode 0600.
write_strong_env() {
  cat >.env <<EOF
ENVIRONMENT=production
DATABASE_URL=${PG_URL}
ADMIN_EMAIL=ops@example.com
ADMIN_PASSWORD=${ADMIN_PW}
JWT_SECRET_KEY=${JWT}
ALLOWED_HOSTS=shop.example.com
EOF
  chmod 600 .env
}

expect_no_secrets() {
  local s
  for s in "$ADMIN_PW" "$JWT" "$DB_PW" "${JWT:0:16}" "Pa55word"; do
    expect_no_out "$s"
    expect_no_err "$s"
  done
}

test_show_lists_every_setting_with_source() {
  run config show
  expect_rc 0
  expect_eq "$err" "" "stderr"
  expect_out "Wizamart configuration"
  expect_out "Environment: development (is_production=false, is_staging=false, is_development=true)"
  expect_out ".env file:   none"
  local v
  for v in "${WZ_SETTINGS_VARS[@]}"; do
    [ "$v" = NO_COLOR ] && continue
    [[ "$out" =~ (^|$'\n')"  $v " ]] || fail "config show lacks $v"
  done
  # the guide's Appendix A defaults
  expect_setting ENVIRONMENT development default
  expect_setting DATABASE_URL 'sqlite:///./wizamart.db' default
  expect_setting ADMIN_EMAIL admin@wizamart.com default
  expect_setting ADMIN_USERNAME admin default
  expect_setting ADMIN_PASSWORD '****' default
  expect_setting ADMIN_FIRST_NAME Platform default
  expect_setting ADMIN_LAST_NAME Administrator default
  expect_setting SEED_DEMO_STORES 3 default
  expect_setting SEED_CUSTOMERS_PER_STORE 15 default
  expect_setting SEED_PRODUCTS_PER_STORE 20 default
  expect_setting SEED_ORDERS_PER_STORE 10 default
  expect_setting MAX_STORES_PER_USER 5 default
  expect_setting MAX_TEAM_MEMBERS_PER_STORE 50 default
  expect_setting INVITATION_EXPIRY_DAYS 7 default
  expect_setting JWT_SECRET_KEY '****' default
  expect_setting DEBUG false default
  expect_no_out admin123
  expect_no_out change-this-in-production
}

test_show_dotenv_values_with_file_and_line() {
  printf '# demo\nSEED_DEMO_STORES=7\n\nADMIN_USERNAME=owner\nDEBUG=yes\n' >.env
  run config show
  expect_rc 0
  expect_out ".env file:   .env"
  expect_setting SEED_DEMO_STORES 7 .env:2
  expect_setting ADMIN_USERNAME owner .env:4
  expect_setting DEBUG true .env:5
  expect_setting SEED_ORDERS_PER_STORE 10 default
}

test_environment_overrides_dotenv() {
  printf 'SEED_DEMO_STORES=7\nENVIRONMENT=staging\n' >.env
  SEED_DEMO_STORES=9 run config show
  expect_rc 0
  expect_setting SEED_DEMO_STORES 9 environment
  expect_setting ENVIRONMENT staging .env:2
  # and the environment's value is the one used: staging from the file
  expect_out "Environment: staging (is_production=false, is_staging=true, is_development=false)"
}

test_environment_any_case() {
  ENVIRONMENT=PRODUCTION run config show
  expect_rc 0
  expect_out "Environment: production (is_production=true, is_staging=false, is_development=false)"
  expect_setting ENVIRONMENT production environment
}

test_env_file_explicit_path() {
  mkdir conf
  printf 'ENVIRONMENT=production\n' >.env
  printf 'ENVIRONMENT=staging\nSEED_DEMO_STORES=2\n' >conf/staging.env
  run --env-file conf/staging.env config show
  expect_rc 0
  expect_out ".env file:   conf/staging.env"
  expect_setting ENVIRONMENT staging conf/staging.env:1
  expect_setting SEED_DEMO_STORES 2 conf/staging.env:2
  run --env-file=conf/staging.env config show --json
  expect_rc 0
  expect_out '"env_file": "conf/staging.env"'
  expect_out '"environment": "staging"'
}

test_env_file_missing_explicit_exits_2() {
  printf 'ENVIRONMENT=staging\n' >.env
  run --env-file conf/missing.env config show
  expect_rc 2
  expect_err "error: env file 'conf/missing.env' not found"
  expect_eq "$out" "" "stdout"
  run --env-file conf/missing.env config validate
  expect_rc 2
}

test_missing_default_env_file_is_fine() {
  run config validate
  expect_rc 0
  expect_out "OK"
}

test_bad_value_in_dotenv_exits_2_naming_variable_and_line() {
  printf 'DATABASE_URL=sqlite:///./app.db\nADMIN_USERNAME=owner\nSEED_DEMO_STORES=-4\n' >.env
  run config show
  expect_rc 2
  expect_err "SEED_DEMO_STORES"
  expect_err ".env:3"
  expect_err "'-4'"
  expect_err "expected a whole number from 0 to 10000"
  expect_eq "$out" "" "stdout"
  [ ! -e app.db ] || fail "a database file was created"
  run config validate
  expect_rc 2
  expect_err ".env:3"
}

test_bad_values_from_environment_exit_2() {
  local spec name value want
  for spec in "DEBUG|maybe|expected true/false" \
    "ENVIRONMENT|prod|expected development, staging or production" \
    "ADMIN_EMAIL|not-an-email|expected an email address" \
    "SEED_ORDERS_PER_STORE|lots|expected a whole number" \
    "MAX_STORES_PER_USER|0|out of range" \
    "INVITATION_EXPIRY_DAYS|99999|out of range" \
    "ADMIN_USERNAME||expected a non-empty value" \
    "DATABASE_URL|mysql://localhost/shop|accepted forms"; do
    IFS='|' read -r name value want <<<"$spec"
    env "$name=$value" "$WZ_BIN" config show >stdout.txt 2>stderr.txt </dev/null
    rc=$? out=$(cat stdout.txt) err=$(cat stderr.txt)
    expect_rc 2 "$name=$value"
    expect_err "$name"
    expect_err "environment"
    expect_err "'$value'"
    expect_err "$want"
    expect_eq "$out" "" "stdout for $name=$value"
  done
}

test_bad_database_url_exits_2_and_lists_forms() {
  printf 'DATABASE_URL=sqlite:/wizamart.db\n' >.env
  run config show
  expect_rc 2
  expect_err "invalid DATABASE_URL 'sqlite:/wizamart.db'"
  expect_err ".env:1"
  expect_err "sqlite:///relative.db"
  expect_err "postgresql://user:pass@host:port/db"
  [ ! -e wizamart.db ] || fail "a database file was created"
}

test_secrets_masked_in_show_text_and_json() {
  write_strong_env
  run config show
  expect_rc 0
  expect_setting ADMIN_PASSWORD '****' .env:4
  expect_setting JWT_SECRET_KEY '****' .env:5
  expect_setting DATABASE_URL 'postgresql://app:****@db.example.com:5432/wizamart' .env:2
  expect_no_secrets
  run config show --json
  expect_rc 0
  expect_out '"value": "postgresql://app:****@db.example.com:5432/wizamart"'
  expect_no_secrets
}

test_secrets_from_environment_masked() {
  ADMIN_PASSWORD=$ADMIN_PW JWT_SECRET_KEY=$JWT DATABASE_URL=$PG_URL run config show
  expect_rc 0
  expect_setting ADMIN_PASSWORD '****' environment
  expect_no_secrets
  ADMIN_PASSWORD=$ADMIN_PW JWT_SECRET_KEY=$JWT DATABASE_URL=$PG_URL run config show --json
  expect_rc 0
  expect_no_secrets
  ADMIN_PASSWORD=$ADMIN_PW JWT_SECRET_KEY=$JWT DATABASE_URL=$PG_URL ENVIRONMENT=production \
    run config validate
  expect_no_secrets
}

test_secrets_masked_in_error_messages() {
  # a bad port: the URL is rejected, its password is not shown
  printf 'DATABASE_URL=postgresql://app:%s@db.example.com:99999/wizamart\n' "$DB_PW" >.env
  run config show
  expect_rc 2
  expect_err "DATABASE_URL"
  expect_err ".env:1"
  expect_err "postgresql://app:****@db.example.com:99999/wizamart"
  expect_no_secrets
  # a base64 password with '/' pasted unescaped, and a typo elsewhere in the URL
  printf 'DATABASE_URL=postgresql://app:Ab/cD+eF%s@db:port/w\n' "$DB_PW" >.env
  run config show --json
  expect_rc 2
  expect_no_secrets
  expect_no_err "cD+eF"
  # an empty secret names the variable but shows no value
  printf 'ADMIN_PASSWORD=\n' >.env
  run config show
  expect_rc 2
  expect_err "invalid ADMIN_PASSWORD from .env:1: '****': expected a non-empty value"
  # a bad value after the secrets were read: the message cannot show them
  printf 'ADMIN_PASSWORD=%s\nJWT_SECRET_KEY=%s\nDEBUG=%s\n' "$ADMIN_PW" "$JWT" "$ADMIN_PW" >.env
  run config show
  expect_rc 2
  expect_err "invalid DEBUG from .env:3: '****'"
  expect_no_secrets
}

test_json_is_valid_with_expected_keys() {
  printf 'SEED_DEMO_STORES=4\n' >.env
  ADMIN_USERNAME=owner run config show --json
  expect_rc 0
  expect_eq "$err" "" "stderr"
  printf '%s' "$out" | python3 -m json.tool >/dev/null || fail "not valid JSON: $out"
  local names
  names=$(printf '%s' "${WZ_SETTINGS_VARS[*]}")
  printf '%s' "$out" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
want = [n for n in sys.argv[1].split() if n != "NO_COLOR"]
errors = []
for key in ("environment", "is_production", "is_staging", "is_development", "env_file",
            "database_dialect", "settings"):
    if key not in doc:
        errors.append("missing key " + key)
if doc.get("environment") != "development" or doc.get("is_development") is not True:
    errors.append("environment: %r" % doc.get("environment"))
if doc.get("env_file") != ".env" or doc.get("database_dialect") != "sqlite":
    errors.append("env_file/database_dialect: %r %r" % (doc.get("env_file"), doc.get("database_dialect")))
rows = {s["name"]: s for s in doc.get("settings", [])}
for name in want:
    if name not in rows:
        errors.append("no setting " + name)
for s in rows.values():
    for k in ("name", "value", "source", "origin", "secret", "group"):
        if k not in s:
            errors.append("%s lacks %s" % (s.get("name"), k))
def expect(name, value, source, origin):
    r = rows.get(name, {})
    got = (r.get("value"), r.get("source"), r.get("origin"))
    if got != (value, source, origin):
        errors.append("%s: expected %r, got %r" % (name, (value, source, origin), got))
expect("SEED_DEMO_STORES", "4", "dotenv", ".env:1")
expect("ADMIN_USERNAME", "owner", "environment", "environment")
expect("SEED_ORDERS_PER_STORE", "10", "default", "default")
expect("ADMIN_PASSWORD", "****", "default", "default")
expect("JWT_SECRET_KEY", "****", "default", "default")
if rows.get("ADMIN_PASSWORD", {}).get("secret") is not True:
    errors.append("ADMIN_PASSWORD is not marked secret")
if rows.get("ADMIN_EMAIL", {}).get("secret") is not False:
    errors.append("ADMIN_EMAIL is marked secret")
print("\n".join(errors))
sys.exit(1 if errors else 0)
' "$names" >check.txt 2>&1 || fail "JSON content: $(cat check.txt)"
  if command -v jq >/dev/null; then
    expect_eq "$(printf '%s' "$out" | jq -r '.settings | length')" \
      "$(($(printf '%s\n' "${WZ_SETTINGS_VARS[@]}" | grep -vc NO_COLOR)))" "settings in JSON"
  fi
}

test_validate_development_ok() {
  run config validate
  expect_rc 0
  expect_out "✓ OK (ENVIRONMENT=development: production checks are not enforced)"
  expect_out "would be flagged in production"
  expect_no_out "⚠"
}

test_validate_staging_ok_with_defaults() {
  ENVIRONMENT=staging run config validate
  expect_rc 0
  expect_out "OK (ENVIRONMENT=staging"
}

test_validate_production_defaults_exit_1_naming_each_warning() {
  ENVIRONMENT=production run config validate
  expect_rc 1
  expect_out "⚠ Using default admin password! Set ADMIN_PASSWORD"
  expect_out "⚠ Using default JWT secret key! Set JWT_SECRET_KEY"
  expect_out "⚠ SQLite is the database (sqlite:///./wizamart.db); use PostgreSQL in production"
  expect_out "⚠ ADMIN_EMAIL is the example address"
  expect_out "Action Required"
  expect_out "(4 warnings)"
  expect_no_out "OK"
  expect_no_out "admin123"
}

test_validate_production_strong_settings_ok() {
  write_strong_env
  run config validate
  expect_rc 0
  expect_out "✓ OK: production settings are safe"
  expect_no_out "⚠"
  expect_no_secrets
  # the same from an explicit --env-file
  mkdir -p deploy && cp -p .env deploy/prod.env && rm .env
  run --env-file deploy/prod.env config validate
  expect_rc 0
  expect_out "OK"
}

test_validate_production_debug_and_wildcard_hosts() {
  write_strong_env
  DEBUG=true ALLOWED_HOSTS='*' run config validate
  expect_rc 1
  expect_out "⚠ Debug mode enabled! Set DEBUG=false"
  expect_out "⚠ ALLOWED_HOSTS is set to wildcard (*)"
  expect_out "(2 warnings)"
  DEBUG=1 run config validate
  expect_rc 1
  expect_out "(1 warning)"
}

test_validate_production_weak_password_and_short_jwt() {
  write_strong_env
  ADMIN_PASSWORD='Sh0rt!pw' JWT_SECRET_KEY='too-short-secret' run config validate
  expect_rc 1
  expect_out "Admin password is weak: it is shorter than 12 characters"
  expect_out "JWT secret key is shorter than 32 characters"
  expect_no_out "Sh0rt!pw"
  expect_no_out "too-short-secret"
}

test_validate_production_sqlite() {
  write_strong_env
  DATABASE_URL='sqlite:////srv/wizamart/shop.db' run config validate
  expect_rc 1
  expect_out "SQLite is the database (sqlite:////srv/wizamart/shop.db)"
  expect_out "(1 warning)"
}

test_validate_production_env_file_readable_by_others() {
  write_strong_env
  chmod 644 .env
  run config validate
  expect_rc 1
  expect_out ".env is readable by other users (mode 0644); run: chmod 600 .env"
  chmod 600 .env
  run config validate
  expect_rc 0
}

test_unknown_dotenv_key_warns_with_did_you_mean() {
  printf 'ENVIRONMENT=staging\nADMIN_PASWORD=typo-value-1\nCOMPLETELY_UNKNOWN=1\n' >.env
  run config show
  expect_rc 0
  expect_err "warning: .env:2: unknown setting 'ADMIN_PASWORD'; did you mean 'ADMIN_PASSWORD'?"
  expect_err "warning: .env:3: unknown setting 'COMPLETELY_UNKNOWN' is ignored"
  expect_no_err "typo-value-1"
  expect_setting ADMIN_PASSWORD '****' default
  expect_setting ENVIRONMENT staging .env:1
}

run_tests
