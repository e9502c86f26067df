#!/usr/bin/env bash
# Input that used to be silently misread (issue 11, defects 7 and 8; issue 16): .env line
# endings and quotes, every setting checked by its type when settings load, control
# characters never printed raw, SQLite paths that look like URIs, checks that must not write,
# usage errors that are exit 2 before any database is opened, and progress lines that reach
# a file even when the process is killed.
source "$(dirname "$0")/lib.sh"

# A URL naming a database that does not exist, on this script's backend.
missing_db_url() {
  if [ "$WZ_BACKEND" = sqlite ]; then
    printf 'sqlite:///%s/missing.db\n' "$PWD"
  else
    printf '%s/wzt_input_missing_%s\n' "${WZ_PG_URL%/*}" "$$"
  fi
}

test_cr_only_env_file_is_several_lines() {
  printf '# old Mac editor\rPROJECT_NAME=Shop\rDEFAULT_CURRENCY=USD\r' >.env
  run config show
  expect_rc 0
  expect_out "Shop"
  expect_out "USD"
  expect_out ".env:3"
}

test_single_quote_escape_and_literal_expansion() {
  printf '%s\n' "PROJECT_NAME='Let\\'s go!'" "ADMIN_LAST_NAME='\${PROJECT_NAME}'" >.env
  run config show --json
  expect_rc 0
  expect_eq "$(jq -r '.settings[] | select(.name=="PROJECT_NAME") | .value' <<<"$out")" "Let's go!"
  expect_eq "$(jq -r '.settings[] | select(.name=="ADMIN_LAST_NAME") | .value' <<<"$out")" \
    '${PROJECT_NAME}' "single-quoted \${} (kept literal, as docker compose does)"
}

# name=value, then the words the exit-2 message must hold.
bad_setting() {
  local kv=$1
  shift
  env "$kv" "$WZ_BIN" config validate >/dev/null 2>err.txt
  rc=$?
  err=$(<err.txt)
  expect_rc 2 "$kv"
  expect_err "invalid ${kv%%=*} from environment"
  local w
  for w in "$@"; do expect_err "$w"; done
}

test_settings_are_checked_by_type_when_they_load() {
  bad_setting DEFAULT_CURRENCY=EURO "ISO 4217"
  bad_setting DEFAULT_CURRENCY=eur "ISO 4217"
  bad_setting DEFAULT_LANGUAGE=EN "ISO 639-1"
  bad_setting DEFAULT_LANGUAGE=eng "ISO 639-1"
  bad_setting SEED_REFERENCE_DATE=garbage "YYYY-MM-DD"
  bad_setting SEED_REFERENCE_DATE=2023-02-29 "YYYY-MM-DD"
  bad_setting SEED_REFERENCE_DATE=2024-1-05 "YYYY-MM-DD"
  bad_setting SERVER_HOST=shop.example.com "IP address"
  bad_setting "ADMIN_FIRST_NAME=$(printf 'Bad\xffName')" "UTF-8"
  bad_setting "PROJECT_NAME=$(printf 'tab\there')" "control characters"
  bad_setting "ADMIN_PASSWORD=$(printf 'pass\nword-tail')" "control characters"
  expect_no_err "word-tail"
  # and where it came from, for a .env value
  printf 'DEFAULT_CURRENCY=EURO\n' >.env
  run config show
  expect_rc 2
  expect_err "invalid DEFAULT_CURRENCY from .env:1"
  rm .env
  SEED_REFERENCE_DATE=2024-02-29 SERVER_HOST=localhost DEFAULT_CURRENCY=CHF DEFAULT_LANGUAGE=de \
    ADMIN_LAST_NAME='Müller' run config validate
  expect_rc 0
  SERVER_HOST='[::1]' SEED_REFERENCE_DATE='' run config validate
  expect_rc 0
}

test_environment_prod_suggests_production() {
  ENVIRONMENT=prod run config show
  expect_rc 2
  expect_err "did you mean 'production'?"
}

test_control_characters_are_printed_escaped() {
  ADMIN_LAST_NAME=$'a\033[2J\033]0;pwned\007b\302\233c' run config show
  expect_rc 2
  expect_err 'a\x1b[2J\x1b]0;pwned\x07b\u009bc'
  [[ "$out$err" != *$'\033'* && "$err" != *$'\302\233'* && "$err" != *$'\007'* ]] ||
    fail "raw control characters printed: $err"
}

test_near_miss_environment_variable_gets_a_suggestion() {
  DATABSE_URL=sqlite:///x.db ADMIN_PASWORD=hunter2-secret run config show
  expect_rc 0
  expect_err "DATABSE_URL is not a setting; did you mean DATABASE_URL?"
  expect_err "ADMIN_PASWORD is not a setting; did you mean ADMIN_PASSWORD?"
  expect_no_err "hunter2-secret"
  expect_no_out "hunter2-secret"
  # only names shaped like ours, and far ones are left alone
  database_url=x DEBUGGER_PORT=1 run config show
  expect_no_err "not a setting"
}

test_config_show_prints_each_group_once() {
  run config show
  expect_rc 0
  local dup
  dup=$(grep -E '^[A-Z][A-Za-z ]+$' <<<"$out" | sort | uniq -d)
  expect_eq "$dup" "" "headings printed twice"
  [[ "$out" == *"DATABASE_URL"*"DB_BUSY_TIMEOUT"*"Admin initialization"* ]] ||
    fail "DB_BUSY_TIMEOUT is not under Database: $out"
}

test_world_writable_backup_dir_is_warned_about() {
  mkdir -p open && chmod 0777 open
  BACKUP_DIR=open run config validate
  expect_rc 0
  expect_out "BACKUP_DIR open is writable by every user"
  BACKUP_DIR=open ENVIRONMENT=production run config validate
  expect_rc 1
  expect_out "BACKUP_DIR open is writable by every user"
  migrated_db || return
  BACKUP_DIR=open run db backup
  expect_rc 0
  expect_err "BACKUP_DIR open is writable by every user"
  mkdir -p closed && chmod 0755 closed
  BACKUP_DIR=closed run db backup
  expect_rc 0
  expect_no_err "writable by every user"
}

test_usage_errors_exit_2_before_the_database() {
  local url
  url=$(missing_db_url)
  export DATABASE_URL=$url
  run db backup --output ''
  expect_rc 2
  expect_err "option '--output' needs a non-empty value"
  run db backup --output=
  expect_rc 2
  run migrate down -5
  expect_rc 2
  expect_err "invalid step count '-5'"
  run migrate down 0
  expect_rc 2
  run seed-demo --mode bogus
  expect_rc 2
  expect_err "unknown mode 'bogus'"
  run db backup --verify=bogus
  expect_rc 2
  expect_err "bogus"
  run --env-file '' config show
  expect_rc 2
  [ ! -e missing.db ] || fail "a usage error created the database file"
}

test_usage_error_prints_the_usage_line_not_the_help_page() {
  run migrate down -5
  expect_rc 2
  expect_err "usage: wizamart [--env-file PATH] migrate down [N|REV|base] [--sql] [--force]"
  expect_err "see 'wizamart migrate down --help'"
  expect_no_err "Reverts the last applied revision"
  expect_eq "$out" "" "stdout"
  run config validate extra
  expect_err $'usage: wizamart [--env-file PATH] config validate\n'
}

test_unknown_command_gets_did_you_mean() {
  run migrat up
  expect_rc 2
  expect_err "unknown command 'migrat'; did you mean 'migrate'?"
  run migrate stauts
  expect_rc 2
  expect_err "did you mean 'wizamart migrate status'?"
  run seeddemo
  expect_err "did you mean 'seed-demo'?"
  run zzzzzzzz
  expect_rc 2
  expect_no_err "did you mean"
}

test_help_has_no_trailing_spaces_and_keeps_its_columns() {
  run --help
  expect_rc 0
  local bad
  bad=$(grep -nE ' $' <<<"$out")
  expect_eq "$bad" "" "lines with trailing spaces"
  bad=$(awk 'length($0) > 80' <<<"$out")
  expect_eq "$bad" "" "lines wider than 80 columns"
  # a row's summary starts in the summary column (44); a wide command stands on its own line
  bad=$(awk '/^  [a-z]/ { i = index(substr($0, 3), "  "); if (i == 0) next;
    rest = substr($0, i + 2); match(rest, /[^ ]/); if (i + 1 + RSTART != 44) print }' <<<"$out")
  expect_eq "$bad" "" "rows whose summary is not in its column"
  run config validate --help
  bad=$(grep -nE ' $' <<<"$out")
  expect_eq "$bad" "" "trailing spaces in config validate --help"
}

test_sqlite_file_uri_is_a_plain_file_name() {
  export DATABASE_URL=sqlite:///file:shop.db
  export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  run migrate status
  expect_rc 0
  [ -z "$(ls)" ] || fail "migrate status left files behind: $(ls)"
  run migrate up
  expect_rc 0
  [ -s "file:shop.db" ] || fail "no database in the file named file:shop.db: $(ls -la)"
  [ ! -e shop.db ] || fail "opened as a SQLite URI (shop.db exists)"
  expect_eq "$(sqlite3 ./file:shop.db "SELECT count(*) FROM wizamart_migrations")" "$(project_revision_count)"
}

test_checks_do_not_write_to_an_empty_database_file() {
  : >empty.db
  export DATABASE_URL=sqlite:///empty.db
  run verify
  expect_rc 1
  run validate
  run validate schema
  expect_eq "$(stat -c %s empty.db)" "0" "size of empty.db after verify and validate"
  [ ! -e empty.db-wal ] || fail "a WAL file was created"
}

test_progress_reaches_a_file_when_killed() {
  export DATABASE_URL=sqlite:///$PWD/t.db MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
  "$WZ_BIN" migrate up >/dev/null 2>&1 && "$WZ_BIN" init-prod >/dev/null 2>&1 ||
    { fail "migrate up / init-prod failed"; return; }
  # A seed big enough to be killed part-way: the step lines it printed before must be in the
  # file (buffered output would be lost with the process).
  SEED_PRODUCTS_PER_STORE=3000 SEED_ORDERS_PER_STORE=3000 "$WZ_BIN" seed-demo >progress.txt 2>/dev/null &
  local pid=$! _
  for _ in $(seq 100); do
    grep -q '^\[1\]' progress.txt && break
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  grep -q '^\[1\] ' progress.txt || fail "progress lines lost when killed: '$(<progress.txt)'"
}

run_tests
