#!/usr/bin/env bash
# init-prod end to end on a real database (each backend): creation, idempotence, partial
# repair, production refusal and a failure part-way that must leave nothing behind.
. "$WZ_ROOT/tests/cli/lib.sh"

setup_db() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  migrated_db
}
count() { q "SELECT count(*) FROM $1"; }

test_fresh_database_gets_everything() {
  setup_db
  run init-prod
  expect_rc 0
  expect_out "Admin user created: admin@wizamart.com"
  expect_out "All changes committed"
  expect_eq "$(q "SELECT role || ',' || CAST(is_active AS INTEGER) FROM users WHERE username = 'admin'")" "admin,1" "admin row"
  expect_eq "$(q "SELECT substr(password_hash, 1, 10) FROM users")" '$argon2id$' "hash format"
  # as many as the tables init-prod writes from (each row created is a line of its output)
  expect_eq "$(count admin_settings)" "$(grep -c '✓ Admin setting created: ' <<<"$out")" "admin settings"
  [ "$(count admin_settings)" -gt 0 ] || fail "no admin setting"
  expect_eq "$(q "SELECT value FROM admin_settings WHERE key = 'max_stores_per_user'")" "5"
  expect_eq "$(q "SELECT value FROM admin_settings WHERE key = 'platform_name'")" "Wizamart"
  expect_eq "$(count roles)" "$(grep -c '✓ Role template created: ' <<<"$out")" "roles"
  [ "$(count roles)" -gt 0 ] || fail "no role template"
  expect_eq "$(q "SELECT count(*) FROM roles r WHERE NOT EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_id = r.id)")" "0" "roles without permissions"
  expect_eq "$(q "SELECT count(*) FROM role_permissions rp JOIN roles r ON r.id = rp.role_id WHERE r.name = 'owner'")" "$(count permissions)" "owner has every permission"
  expect_no_out "admin123"
  expect_no_err "admin123"
}

test_second_run_changes_no_row() {
  setup_db
  run init-prod
  expect_rc 0
  local before; before=$(dump_db)
  run init-prod
  expect_rc 0 "second run"
  expect_out "⚠ Admin user already exists: admin@wizamart.com"
  expect_out "✓ All changes committed"
  expect_out "0 created"
  expect_out "RBAC schema verified: $(count roles) roles, $(count permissions) permissions, active admin present"
  expect_eq "$(dump_db)" "$before" "database dump after the second run"
}

# Step 5 reports what an administrator changed (a role left with no permission, the admin
# deactivated) and fixes nothing.
test_rbac_problems_are_reported_not_fixed() {
  setup_db
  run init-prod
  qdb "DELETE FROM role_permissions WHERE role_id = (SELECT id FROM roles WHERE name = 'owner');
       UPDATE users SET is_active = false WHERE username = 'admin'"
  local before; before=$(dump_db)
  run init-prod
  expect_rc 0
  expect_out "⚠ 1 role template(s) grant no permission"
  expect_out "⚠ No active platform admin: the admin admin@wizamart.com exists but is inactive"
  expect_no_out "RBAC schema verified"
  expect_out "0 created"
  expect_eq "$(dump_db)" "$before" "database dump after the run"
}

test_changed_setting_is_reported_and_kept() {
  setup_db
  run init-prod
  q "UPDATE admin_settings SET value = '9' WHERE key = 'max_stores_per_user'"
  MAX_STORES_PER_USER=7 run init-prod
  expect_rc 0
  expect_out "max_stores_per_user is '9' in the database but '7' in the configuration"
  expect_eq "$(q "SELECT value FROM admin_settings WHERE key = 'max_stores_per_user'")" "9" "kept value"
}

test_existing_admin_password_is_not_overwritten() {
  setup_db
  run init-prod
  local hash; hash=$(q "SELECT password_hash FROM users")
  ADMIN_PASSWORD='Another-Passw0rd!' run init-prod
  expect_rc 0
  expect_eq "$(q "SELECT password_hash FROM users")" "$hash" "admin hash"
}

test_missing_roles_only_roles_are_created() {
  setup_db
  run init-prod
  local users settings perms
  users=$(q "SELECT id || email FROM users ORDER BY id")
  settings=$(q "SELECT key || value || created_at FROM admin_settings ORDER BY key")
  perms=$(q "SELECT id || code FROM permissions ORDER BY id")
  qdb "DELETE FROM roles"
  expect_eq "$(count role_permissions)" "0" "links cascade with roles"
  run init-prod
  expect_rc 0
  expect_out "Role template created: owner"
  expect_out "Summary: 5 created"
  expect_eq "$(count roles)" "5" "roles recreated"
  expect_eq "$(q "SELECT count(*) FROM roles r WHERE NOT EXISTS (SELECT 1 FROM role_permissions rp WHERE rp.role_id = r.id)")" "0"
  expect_eq "$(q "SELECT id || email FROM users ORDER BY id")" "$users" "users untouched"
  expect_eq "$(q "SELECT key || value || created_at FROM admin_settings ORDER BY key")" "$settings" "settings untouched"
  expect_eq "$(q "SELECT id || code FROM permissions ORDER BY id")" "$perms" "permissions untouched"
}

test_production_with_default_credentials_is_refused() {
  setup_db
  local before; before=$(dump_db)
  ENVIRONMENT=production run init-prod
  expect_rc 1
  expect_err "default admin password"
  expect_err "ADMIN_PASSWORD"
  expect_eq "$(dump_db)" "$before" "nothing written"
  ENVIRONMENT=production ADMIN_PASSWORD='Str0ng-Enough-Pass!' run init-prod
  expect_rc 1
  expect_err "JWT_SECRET_KEY"
  ENVIRONMENT=production ADMIN_PASSWORD='short1A!' JWT_SECRET_KEY=0123456789abcdef0123456789abcdef run init-prod
  expect_rc 1
  expect_err "too weak"
  expect_no_err "short1A!"
  expect_eq "$(dump_db)" "$before" "nothing written"
}

test_production_with_secure_settings_works() {
  setup_db
  ENVIRONMENT=production ADMIN_PASSWORD='Str0ng-Enough-Pass!' JWT_SECRET_KEY=0123456789abcdef0123456789abcdef run init-prod
  expect_rc 0
  expect_no_out "Str0ng-Enough-Pass!"
  expect_no_err "Str0ng-Enough-Pass!"
  expect_eq "$(q "SELECT value FROM wizamart_meta WHERE key = 'environment'")" "production" "stamp"
}

# A production-stamped database with a development environment (no ENVIRONMENT, a stale .env):
# the stamp wins, so init-prod refuses the default admin instead of adding a second admin.
stamped_production() {
  setup_db
  ENVIRONMENT=production ADMIN_EMAIL=ops@corp.example ADMIN_USERNAME=ops \
    ADMIN_PASSWORD='Str0ng-Enough-Pass!' JWT_SECRET_KEY=0123456789abcdef0123456789abcdef run init-prod
  expect_rc 0 "production init"
}

test_stamped_production_database_refuses_the_default_admin() {
  stamped_production
  local before; before=$(dump_db)
  run init-prod
  expect_rc 1
  expect_err "stamped as a production database"
  expect_err "default admin password"
  expect_no_out "fine for development"
  expect_eq "$(q "SELECT count(*) FROM users WHERE role = 'admin'")" "1" "platform admins"
  expect_eq "$(dump_db)" "$before" "nothing written"
  printf 'ENVIRONMENT=development\n' >.env
  ADMIN_PASSWORD='Str0ng-Enough-Pass!' run init-prod
  expect_rc 1 "a strong password but the default JWT secret"
  expect_err "JWT_SECRET_KEY"
  expect_eq "$(dump_db)" "$before" "nothing written"
}

test_stamped_production_database_is_production_for_verify() {
  stamped_production
  ADMIN_EMAIL=ops@corp.example ADMIN_USERNAME=ops run verify
  expect_rc 1
  expect_out "stamped production"
  expect_out "✗ Production settings safe:"
  expect_out "admin password"
  expect_out "✓ No demo data"
}

test_verify_fails_a_production_admin_that_kept_the_default_password() {
  setup_db
  run init-prod
  expect_rc 0
  qdb "INSERT INTO wizamart_meta (key, value) VALUES ('environment', 'production') ON CONFLICT (key) DO UPDATE SET value = excluded.value"
  ADMIN_PASSWORD='Str0ng-Enough-Pass!' JWT_SECRET_KEY=0123456789abcdef0123456789abcdef run verify
  expect_rc 1
  expect_out "✗ Platform admin present and active"
  expect_out "its password is the default one"
  expect_no_out "admin123"
}

test_failure_part_way_leaves_nothing() {
  setup_db
  if [ "$WZ_BACKEND" = sqlite ]; then
    qdb "CREATE TRIGGER planted BEFORE INSERT ON roles BEGIN SELECT RAISE(ABORT, 'planted failure'); END;"
  else
    qdb "CREATE FUNCTION planted() RETURNS trigger LANGUAGE plpgsql AS \$\$
      BEGIN RAISE EXCEPTION 'planted failure'; END \$\$;
      CREATE TRIGGER planted BEFORE INSERT ON roles FOR EACH ROW EXECUTE FUNCTION planted();"
  fi
  local before; before=$(dump_db)
  run init-prod
  expect_rc 1
  expect_err "planted failure"
  expect_out "Nothing was changed"
  expect_eq "$(count users)" "0" "no admin left behind"
  expect_eq "$(count admin_settings)" "0" "no settings left behind"
  expect_eq "$(dump_db)" "$before" "database unchanged"
}

test_unmigrated_database_names_the_fix() {
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  use_db
  run init-prod
  expect_rc 1
  expect_err "make migrate-up"
}

run_tests
