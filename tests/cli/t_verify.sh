#!/usr/bin/env bash
# wizamart verify / make verify-setup: `make setup` then `make verify-setup` pass on a fresh
# clone without .env (and `make setup` again changes nothing); each failure is one clear ✗
# line with its fix: the admin missing or inactive, a revision pending, an applied file
# edited, a column dropped by hand, admin settings or roles missing, demo data that differs
# from the settings, production settings; an absent database is reported, never created.
# On each backend; the fresh-clone cases (SQLite, the default without .env) on SQLite.
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"

# One seeded database for the whole script, copied for each test.
seeded_template
HEAD_REVISION=$(DATABASE_URL=$TEMPLATE "$WZ_BIN" migrate status --json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["heads"][0])')

head_revision() { echo "$HEAD_REVISION"; }

# The tree as a clone has it (tracked and new files, nothing ignored, so no .env), with the
# build reused (timestamps kept) so make only runs what the targets run.
make_clone() {
  mkdir clone
  if git -C "$WZ_ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$WZ_ROOT" && git ls-files -co --exclude-standard -z | xargs -0 cp -p --parents -t "$OLDPWD/clone")
  else # a tree without git (an unpacked archive): everything but outputs and local files
    tar -C "$WZ_ROOT" --exclude='./build*' --exclude='./.env' --exclude='*.db' \
      --exclude='./backups' -cf - . | tar -C clone -xpf -
  fi
  cp -a "$(dirname "$WZ_BIN")" clone/build
  # The installed npm packages too (as the build's own objects), so the clone's make finds
  # everything up to date instead of installing them again and relinking with other flags
  # (the sanitizer build's objects with the plain flags cannot link).
  [ ! -d "$WZ_ROOT/node_modules" ] || ln -s "$WZ_ROOT/node_modules" clone/node_modules
  unset MIGRATIONS_DIR MAKEFLAGS MAKELEVEL MFLAGS
}

if [ "$WZ_BACKEND" = sqlite ]; then
test_make_setup_then_verify_setup_on_a_fresh_clone_without_env() {
  make_clone
  [ -e clone/.env ] && fail "the clone has a .env"
  local log
  log=$(cd clone && make --no-print-directory setup 2>&1)
  local src=$?
  expect_eq "$src" "0" "make setup exit status (output: $log)"
  [ -f clone/wizamart.db ] || fail "make setup made no ./wizamart.db"
  log=$(cd clone && make --no-print-directory verify-setup 2>&1)
  expect_eq "$?" "0" "make verify-setup exit status (output: $log)"
  [[ "$log" == *"✓ Setup verified: 9 checks passed"* ]] || fail "verify-setup said: $log"
  [[ "$log" == *"✗"* ]] && fail "a ✗ line in: $log"
  # Idempotent: a second make setup duplicates nothing and changes no row.
  local before after
  before=$(sqlite3 clone/wizamart.db .dump)
  log=$(cd clone && make --no-print-directory setup 2>&1)
  expect_eq "$?" "0" "second make setup (output: $log)"
  after=$(sqlite3 clone/wizamart.db .dump)
  [ "$before" == "$after" ] || fail "the second make setup changed the database: $(diff <(echo "$before") <(echo "$after") | head -20)"
}

test_make_db_reset_backup_db_and_help_targets() {
  make_clone
  (cd clone && make --no-print-directory setup >/dev/null 2>&1) || fail "make setup failed"
  sqlite3 clone/wizamart.db "INSERT INTO customers (store_id, email) VALUES (1, 'extra@example.com');"
  local log
  log=$(cd clone && make --no-print-directory db-reset 2>&1 </dev/null)
  [ $? -ne 0 ] || fail "make db-reset without YES=1 succeeded: $log"
  expect_eq "$(sql clone/wizamart.db "SELECT count(*) FROM customers WHERE email = 'extra@example.com'")" "1" "row before the confirmed reset"
  log=$(cd clone && make --no-print-directory db-reset YES=1 2>&1)
  expect_eq "$?" "0" "make db-reset YES=1 (output: $log)"
  expect_eq "$(sql clone/wizamart.db "SELECT count(*) FROM customers WHERE email = 'extra@example.com'")" "0" "row after the reset"
  log=$(cd clone && make --no-print-directory backup-db 2>&1)
  expect_eq "$?" "0" "make backup-db (output: $log)"
  [[ "$log" == *"Backup written: backups/wizamart-"* ]] || fail "make backup-db said: $log"
  expect_eq "$(ls clone/backups | grep -c 'pre-reset')" "1" "the backup db-reset took first"
  log=$(cd clone && make --no-print-directory verify-setup 2>&1)
  expect_eq "$?" "0" "make verify-setup after the reset (output: $log)"
  log=$(cd clone && make --no-print-directory help 2>&1)
  local groups
  groups=$(grep -v '^ \|^$' <<<"$log" | tr '\n' ',')
  expect_eq "$groups" "Setup,Migrations,Initialization,Demo Data,Database Utilities,Development,Help,Fuzzing," "make help groups"
  local t
  for t in setup db-setup migrate-up migrate-create init-prod seed-demo seed-demo-minimal \
    seed-demo-reset db-reset backup-db verify-setup test help help-db; do
    grep -q "^  make $t  " <<<"$log" || fail "make help lacks $t"
  done
  log=$(cd clone && make --no-print-directory help-db 2>&1)
  [[ "$log" == *"make db-reset"* && "$log" == *"make migrate-up"* ]] || fail "make help-db: $log"
  [[ "$log" == *"make test "* ]] && fail "make help-db lists make test"
  return 0
}
fi

test_verify_passes_on_a_seeded_database() {
  seeded
  run verify
  expect_rc 0
  expect_out "✓ Settings valid: ENVIRONMENT=development"
  expect_out "✓ Database reachable"
  expect_out "✓ Migrations at head, checksums matching: at $(head_revision)"
  expect_out "✓ Live schema matches the models"
  expect_out "✓ Platform admin present and active: admin@wizamart.com"
  expect_out "✓ Admin settings present"
  expect_out "✓ Permissions and role templates present"
  expect_out "✓ Production settings safe: not enforced"
  expect_out "✓ Demo data matches a seeding mode: 3 demo stores"
  expect_out "✓ Setup verified"
}

test_verify_fails_when_the_admin_is_missing() {
  seeded
  qdb "DELETE FROM users WHERE username = 'admin';"
  run verify
  expect_rc 1
  expect_out "✗ Platform admin present and active: no user admin@wizamart.com (ADMIN_EMAIL) or admin (ADMIN_USERNAME)"
  expect_out "    fix: make init-prod"
  expect_out "✗ Setup incomplete: 1 of 9 checks failed"
}

test_verify_fails_when_the_admin_is_inactive() {
  seeded
  qdb "UPDATE users SET is_active = false WHERE username = 'admin';"
  run verify
  expect_rc 1
  expect_out "✗ Platform admin present and active: admin@wizamart.com (id 1, role admin, inactive)"
  expect_out "fix: reactivate the admin: UPDATE users SET is_active = true WHERE id = 1"
}

test_verify_fails_when_a_revision_is_pending() {
  seeded
  mkdir versions
  cp "$WZ_ROOT"/migrations/versions/*.sql versions/
  cat >versions/a1b2c3d4e5f6_add_notes.sql <<EOF
-- wizamart revision
-- revision: a1b2c3d4e5f6
-- down_revision: $(head_revision)
-- message: add notes

-- +upgrade
CREATE TABLE notes (id INTEGER PRIMARY KEY);

-- +downgrade
DROP TABLE notes;
EOF
  MIGRATIONS_DIR=$PWD/versions run verify
  expect_rc 1
  expect_out "✗ Migrations at head, checksums matching: 1 revision pending: a1b2c3d4e5f6 (add notes)"
  expect_out "    fix: make migrate-up"
  expect_out "✓ Live schema matches the models"
}

test_verify_fails_when_an_applied_revision_was_edited() {
  seeded
  mkdir versions
  cp "$WZ_ROOT"/migrations/versions/*.sql versions/
  echo "-- an innocent edit" >>"$(ls versions/*.sql | head -1)"
  MIGRATIONS_DIR=$PWD/versions run verify
  expect_rc 1
  expect_out "✗ Migrations at head, checksums matching:"
  expect_out "fix: an applied revision file was edited or deleted"
}

test_verify_fails_when_a_column_was_dropped_by_hand() {
  seeded
  qdb "ALTER TABLE customers DROP COLUMN phone;"
  run verify
  expect_rc 1
  expect_out "✗ Live schema matches the models: 1 difference: column 'customers.phone'"
  expect_out "fix: the database was changed outside the migrations"
  expect_out "✓ Migrations at head"
}

test_verify_fails_when_settings_and_roles_are_missing() {
  seeded
  qdb "DELETE FROM admin_settings WHERE key IN ('maintenance_mode', 'support_email');
    DELETE FROM role_permissions WHERE role_id = (SELECT id FROM roles WHERE name = 'viewer');"
  run verify
  expect_rc 1
  expect_out "✗ Admin settings present: missing: support_email, maintenance_mode"
  expect_out "✗ Permissions and role templates present: missing: viewer"
  expect_out "fix: make init-prod"
}

test_verify_compares_demo_data_with_the_settings() {
  seeded
  SEED_DEMO_STORES=4 run verify
  expect_rc 1
  expect_out "✗ Demo data matches a seeding mode: 3 demo stores; expected SEED_DEMO_STORES=4"
  expect_out "fix: make seed-demo (adds what is missing)"
  SEED_CUSTOMERS_PER_STORE=10 run verify
  expect_rc 1
  expect_out "store TECHHUB has 15 customers, 20 products, 10 orders"
  expect_out "fix: make seed-demo-reset"
  qdb "DELETE FROM stores WHERE is_demo; DELETE FROM users WHERE is_demo;"
  run verify
  expect_rc 1
  expect_out "✗ Demo data matches a seeding mode: no demo data"
}

test_verify_in_production_requires_safe_settings_and_no_demo_data() {
  seeded
  ENVIRONMENT=production run verify
  expect_rc 1
  expect_out "✗ Production settings safe:"
  expect_out "admin password"
  expect_out "✗ No demo data: 3 demo stores and"
  expect_no_out "admin123"
}

test_verify_reports_a_missing_database_without_creating_it() {
  if [ "$WZ_BACKEND" = sqlite ]; then
    run verify
    expect_out "✗ Database reachable: no database at './wizamart.db'"
  else
    DATABASE_URL="${WZ_PG_URL%/*}/$(_pg_db_name missing)"
    export DATABASE_URL
    run verify
    expect_out "✗ Database reachable: database '$(_pg_db_name missing)' does not exist"
  fi
  expect_rc 1
  expect_out "fix: make db-setup"
  # Not checked is shown as such, as the JSON says "skipped": one truth in both forms.
  expect_out "– Migrations at head, checksums matching: not checked: the database is unreachable"
  expect_no_out "✗ Migrations"
  expect_out "checks failed, the ones marked – not checked"
  run verify --json
  expect_rc 1
  expect_eq "$(jq -r '.checks[] | select(.id == "migrations") | .status' <<<"$out")" "skipped"
  expect_eq "$(jq -r '.checks[] | select(.id == "database") | .status' <<<"$out")" "fail"
  if [ "$WZ_BACKEND" = sqlite ]; then
    [ -e wizamart.db ] && fail "verify created ./wizamart.db"
  else
    expect_eq "$(DATABASE_URL=$WZ_PG_URL q "SELECT count(*) FROM pg_database WHERE datname = '$(_pg_db_name missing)'")" "0" "databases created"
  fi
  return 0
}

# The guide's "OR": after `make seed-demo-minimal` the checklist passes too.
test_verify_accepts_the_minimal_mode() {
  use_db
  "$WZ_BIN" migrate up >/dev/null && "$WZ_BIN" init-prod >/dev/null &&
    "$WZ_BIN" seed-demo --mode minimal >/dev/null || fail "cannot seed the minimal mode"
  run verify
  expect_rc 0
  expect_out "✓ Demo data matches a seeding mode: 1 demo store with 5 customers, 8 products, 5 orders (the minimal mode)"
  expect_out "✓ Setup verified"
}

# A database stamped production is checked as production, whatever ENVIRONMENT says: it
# never suggests seeding demo data into it.
test_verify_on_a_database_stamped_production() {
  seeded
  qdb "DELETE FROM stores WHERE is_demo; DELETE FROM users WHERE is_demo;
    DELETE FROM wizamart_meta WHERE key = 'environment';
    INSERT INTO wizamart_meta (key, value) VALUES ('environment', 'production');"
  run verify
  expect_out "stamped production: checked as production"
  expect_out "✓ No demo data"
  expect_no_out "seed-demo"
  expect_no_err "seed-demo"
}

# The README promises --wait for every command that connects; verify and validate open their
# database themselves.
test_verify_and_validate_accept_wait() {
  seeded
  run verify --wait 1
  expect_rc 0 "verify --wait 1"
  run validate all --wait 1
  expect_rc 0 "validate all --wait 1"
  run verify --wait -1
  expect_rc 2 "a negative wait is a usage error"
}

test_verify_json() {
  seeded
  qdb "DELETE FROM users WHERE username = 'admin';"
  run verify --json
  expect_rc 1
  echo "$out" >v.json
  expect_eq "$(sql :memory: "SELECT json_extract(readfile('v.json'), '\$.ok')")" "0" "ok"
  expect_eq "$(sql :memory: "SELECT group_concat(json_extract(value, '\$.id') || '=' || json_extract(value, '\$.status'), ' ') FROM json_each(readfile('v.json'), '\$.checks')")" \
    "settings=ok database=ok migrations=ok schema=ok admin=fail admin_settings=ok roles=ok production=ok demo=ok" "checks"
}

run_tests
