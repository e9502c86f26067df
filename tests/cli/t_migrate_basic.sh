#!/usr/bin/env bash
# migrate up / down / status / history / create / stamp round trips on a real database
# (each backend).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/migrate_lib.sh"

test_up_status_down_round_trip() {
  use_db
  three_revs
  run migrate status --exit-code
  expect_rc 1 "three revisions pending"
  expect_out "Pending (3)"
  expect_out "Current:    base (nothing applied)"

  run migrate up
  expect_rc 0
  expect_out "✓ Applied $I1 create stores ("
  expect_out "✓ Applied $I3 create orders ("
  expect_out "Database is at $I3 (3 revisions applied)"
  expect_eq "$(tables)" "orders products stores wizamart_meta wizamart_migration_steps wizamart_migrations "
  expect_eq "$(q "SELECT name FROM stores")" "Tech; Store" "value with a ';' inside quotes"
  expect_eq "$(q "SELECT filename FROM wizamart_migrations WHERE revision='$I2'")" "$(basename "$R2")"

  run migrate status --exit-code
  expect_rc 0
  expect_out "Current:    $I3  create orders"
  expect_out "Pending (0)"
  expect_out "✓ Database is up to date"

  run migrate up
  expect_rc 0
  expect_out "Database is up to date (at $I3)"

  run migrate down
  expect_rc 0
  expect_out "✓ Reverted $I3 create orders"
  expect_out "Database is now at $I2 (1 revision reverted)"
  expect_eq "$(tables)" "products stores wizamart_meta wizamart_migration_steps wizamart_migrations "

  run migrate down base
  expect_rc 0
  expect_out "Reverted $I2"
  expect_out "Reverted $I1"
  expect_out "Database is now at base (2 revisions reverted)"
  expect_eq "$(applied)" ""
  expect_eq "$(tables)" "wizamart_meta wizamart_migration_steps wizamart_migrations "

  run migrate down
  expect_rc 0
  expect_out "Nothing to roll back (at base)"

  run migrate up
  expect_rc 0
  expect_eq "$(applied | wc -w)" "3" "revisions applied again after base"
}

test_targets_and_steps() {
  use_db
  three_revs
  run migrate up "${I2:0:6}"
  expect_rc 0 "a unique prefix names a revision"
  expect_eq "$(applied)" "$(printf '%s\n' "$I1" "$I2" | sort | tr '\n' ' ')"
  run migrate up heads
  expect_rc 0
  run migrate down 2
  expect_rc 0
  expect_eq "$(applied)" "$I1 "
  run migrate down 5
  expect_rc 1
  expect_err "cannot go down 5 steps: only 1 revision is applied; use \`wizamart migrate down base\`"
  run migrate up
  run migrate down "$I1"
  expect_rc 0 "down to a revision keeps it"
  expect_eq "$(applied)" "$I1 "
  run migrate up nosuchrev
  expect_rc 1
  expect_err "unknown revision 'nosuchrev'"
  run migrate down 0
  expect_rc 2
  expect_err "invalid step count '0'"
}

test_status_json() {
  use_db
  three_revs
  run migrate up "$I1"
  run migrate status --json
  expect_rc 0
  # jq is not a dependency: compare the document with its whitespace removed.
  local flat
  flat=$(tr -d ' \n' <<<"$out")
  [[ "$flat" == *"\"current\":[\"$I1\"]"* ]] || fail "current: $out"
  [[ "$flat" == *"\"heads\":[\"$I3\"]"* ]] || fail "heads: $out"
  [[ "$flat" == *"\"up_to_date\":false"* ]] || fail "up_to_date: $out"
  [[ "$flat" == *"\"applied\":[{\"revision\":\"$I1\",\"message\":\"createstores\",\"file\":\"$R1\""* ]] || fail "applied: $out"
  [[ "$flat" == *"\"pending\":[{\"revision\":\"$I2\""*"{\"revision\":\"$I3\""* ]] || fail "pending: $out"
  [[ "$flat" == *"\"problems\":[]"* ]] || fail "problems: $out"
}

test_history_newest_first() {
  three_revs
  run migrate history
  expect_rc 0
  expect_eq "$(head -1 <<<"$out")" "$I2 -> $I3 (head), create orders"
  expect_eq "$(tail -1 <<<"$out")" "<base> -> $I1, create stores"
  # It needs no database: a URL nothing answers at does not matter.
  if [ "$WZ_BACKEND" = sqlite ]; then
    DATABASE_URL=sqlite:///app.db run migrate history
    [ ! -e app.db ] || fail "history opened the database"
  else
    DATABASE_URL=postgresql://wz:x@127.0.0.1:1/nosuch run migrate history
  fi
  expect_rc 0 "history without a database"
}

test_create_template_and_parents() {
  use_db
  run migrate create --empty -m "Add store invitations!"
  expect_rc 0
  local f
  f=$(ls $V/*.sql)
  [[ "$(basename "$f")" =~ ^[0-9a-f]{12}_add_store_invitations\.sql$ ]] || fail "file name: $f"
  expect_out "Created $f (down_revision: none)"
  grep -q '^-- +upgrade$' "$f" || fail "template lacks -- +upgrade"
  grep -q '^-- +downgrade$' "$f" || fail "template lacks -- +downgrade"
  run migrate create --empty -m "second"
  expect_rc 0
  expect_out "(down_revision: $(rev_id "$f"))"
  # An unfilled template is refused before anything runs.
  run migrate up
  expect_rc 1
  expect_err "cannot apply '$f': it has no upgrade statements for $WZ_DIALECT"
  expect_eq "$(applied)" ""
}

test_create_usage_errors() {
  run migrate create --empty
  expect_rc 2
  expect_err "a message is required"
  run migrate create
  expect_rc 2
  [ ! -d $V ] || [ -z "$(ls $V)" ] || fail "a refused create wrote a file"
}

test_no_revisions() {
  use_db
  mkdir -p $V
  run migrate up
  expect_rc 0
  expect_out "No revisions in 'migrations/versions': nothing to apply"
  rmdir $V
  run migrate up
  expect_rc 1
  expect_err "migrations directory 'migrations/versions' does not exist"
}

# The revisions are checked before the database is opened: a missing folder creates no
# PostgreSQL database and no SQLite file.
test_missing_migrations_dir_touches_nothing() {
  if [ "$WZ_BACKEND" = sqlite ]; then
    export DATABASE_URL="sqlite:///$PWD/fresh.db"
  else
    local name
    name=$(_pg_db_name fresh)
    echo "$name" >>"$_t_dir/.pg_databases"
    export DATABASE_URL="${WZ_PG_URL%/*}/$name"
  fi
  MIGRATIONS_DIR=no/such/dir run migrate up
  expect_rc 1
  expect_err "migrations directory 'no/such/dir' does not exist"
  if [ "$WZ_BACKEND" = sqlite ]; then
    [ ! -e fresh.db ] || fail "migrate up created fresh.db"
  else
    expect_eq "$(DATABASE_URL=$WZ_PG_URL q "SELECT count(*) FROM pg_database WHERE datname = '$name'")" "0" "databases created"
  fi
  return 0
}

test_custom_migrations_dir_and_env_file() {
  local url
  url=$(new_db_url other)
  printf 'MIGRATIONS_DIR=db/revs\nDATABASE_URL=%s\n' "$url" >custom.env
  unset DATABASE_URL
  run --env-file custom.env migrate create --empty -m "first"
  expect_rc 0
  expect_out "Created db/revs/"
  fill db/revs/*.sql <<'SQL'
-- +upgrade
CREATE TABLE t (x INT);
-- +downgrade
DROP TABLE t;
SQL
  run --env-file custom.env migrate up
  expect_rc 0
  expect_eq "$(DATABASE_URL=$url tables)" "t wizamart_meta wizamart_migration_steps wizamart_migrations "
}

test_stamp() {
  use_db
  three_revs
  # A database whose schema was built another way.
  qdb "CREATE TABLE stores (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE products (id INTEGER PRIMARY KEY, store_id INTEGER);"
  run migrate stamp "$I2"
  expect_rc 0
  expect_out "✓ Stamped $I1 create stores"
  expect_out "✓ Stamped $I2 create products"
  expect_out "Database is now at $I2; no migration SQL was run"
  expect_eq "$(q "SELECT count(*) FROM stores")" "0" "stamp ran no SQL"
  run migrate up
  expect_rc 0
  expect_out "Applied $I3"
  expect_no_out "Applied $I1"
  run migrate stamp "$I1"
  expect_rc 0
  expect_out "Unstamped $I3"
  expect_out "Unstamped $I2"
  expect_eq "$(applied)" "$I1 "
  run migrate stamp base
  expect_rc 0
  expect_eq "$(applied)" ""
  run migrate stamp heads
  expect_rc 0
  expect_eq "$(applied | wc -w)" "3"
  run migrate stamp
  expect_rc 2 "stamp needs a revision"
}

test_bad_database_url_exits_2() {
  export DATABASE_URL=sqlite:///app.db
  three_revs
  DATABASE_URL=mysql://user:secret@host/db run migrate up
  expect_rc 2
  expect_err "invalid DATABASE_URL"
  expect_no_err "secret"
  DATABASE_URL=mysql://x run migrate status
  expect_rc 2
  [ -z "$(ls ./*.db 2>/dev/null)" ] || fail "a database file was created"
}

# A database whose tables were built before the migrations (or by another tool): `up` says so
# and names the way to adopt it, instead of failing on "table ... already exists".
test_up_on_a_database_that_predates_the_migrations() {
  use_db
  three_revs
  qdb "CREATE TABLE stores (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"
  run migrate up
  expect_rc 1
  expect_err "this database predates the migrations: it has the platform's tables ('stores', ...) but no migration record"
  expect_err "make migrate-check"
  expect_err "build/wizamart migrate stamp heads"
  expect_no_err "already exists"
  expect_eq "$(q "SELECT count(*) FROM stores")" "0" "the table is untouched"
  run migrate stamp heads
  expect_rc 0
  run migrate up
  expect_rc 0
  expect_out "Database is up to date (at $I3)"
}

test_history_json() {
  use_db
  three_revs
  run migrate history --json
  expect_rc 0
  expect_eq "$(jq -r '[.revisions[].id] | join(" ")' <<<"$out")" "$I3 $I2 $I1" "newest first"
  expect_eq "$(jq -r '.revisions[0].head, .revisions[1].head' <<<"$out" | tr '\n' ' ')" "true false "
  expect_eq "$(jq -r '.revisions[1].parents | join(",")' <<<"$out")" "$I1"
  expect_eq "$(jq -r '.revisions[2].parents | length' <<<"$out")" "0"
  expect_eq "$(jq -r '.revisions[0].message' <<<"$out")" "create orders"
  expect_eq "$(jq -r '.heads | join(",")' <<<"$out")" "$I3"
  expect_eq "$(jq -r '.problems | length' <<<"$out")" "0"
}

# `make migrate-down` passes --force the way YES=1 passes --yes.
test_make_migrate_down_force() {
  local n
  n=$(make -s -n -C "$WZ_ROOT" migrate-down FORCE=1 2>/dev/null | grep -c 'migrate down --force$')
  expect_eq "$n" "1" "make migrate-down FORCE=1 runs migrate down --force"
  n=$(make -s -n -C "$WZ_ROOT" migrate-down 2>/dev/null | grep -c -- '--force')
  expect_eq "$n" "0" "no --force without FORCE=1"
}

run_tests
