#!/usr/bin/env bash
# Two processes of every writing command at once on one database (issue 11,
# tests/faults/README.md): each exits 0, or the one that lost exits 1 saying the database is
# busy or locked (never 2, never a crash), and the database ends exactly as one clean run of
# the command leaves a twin database (sequential, alone).
# (t_pg_processes covers several `migrate up` creating a PostgreSQL database that does not
# exist yet; t_migrate_concurrency the migration lock itself.)
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"

# MIGRATED: at head. BASE: plus init-prod. SEEDED: BASE plus seed-demo (default sizes).
MIGRATED=$(script_db_url migrated_only) &&
  DATABASE_URL=$MIGRATED "$WZ_BIN" migrate up >/dev/null &&
  BASE=$(script_db_url base "$MIGRATED") &&
  DATABASE_URL=$BASE "$WZ_BIN" init-prod >/dev/null &&
  SEEDED=$(script_db_url seeded "$BASE") &&
  DATABASE_URL=$SEEDED "$WZ_BIN" seed-demo >/dev/null ||
  { echo "Bail out! cannot build the template databases"; exit 1; }

expect_same() { # GOT WANTED WHAT
  [ "$1" == "$2" ] || fail "$3: differs (< got, > wanted):
$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | head -n 12)"
}
# The state a clean run leaves, less what differs between two clean runs: timestamps (db
# export --exclude-timestamps), password hashes (init-prod salts the admin's at random) and,
# on PostgreSQL, ids (a transaction that lost still consumed sequence values).
comparable() {
  awk -F'\t' -v OFS='\t' -v pg="$([ "$WZ_BACKEND" = postgres ] && echo 1)" '
    /^\[/ { head = 1; print; next }
    head {
      for (i = 1; i <= NF; i++) {
        hash[i] = ($i == "password_hash")
        keep[i] = !(pg && ($i == "id" || $i ~ /_id$/))
      }
      head = 0
    }
    NF > 1 {
      line = ""
      for (i = 1; i <= NF; i++) if (keep[i]) line = line (hash[i] ? "*" : $i) "\t"
      print line
      next
    }
    { print }'
}
schema() {
  if _url_is_sqlite; then sqlite3 -batch "$(_sqlite_path)" .schema; else
    pg_dump --schema-only --no-owner -d "$DATABASE_URL" | grep -Ev '^(--|$|\\(un)?restrict )'
  fi
}
state() {
  schema
  "$WZ_BIN" db export --exclude-timestamps 2>&1 | comparable
  q "SELECT revision || ' ' || checksum FROM wizamart_migrations ORDER BY revision" 2>&1
  q "SELECT key || '=' || value FROM wizamart_meta ORDER BY key" 2>&1
}

# Runs the command twice at once; checks each exit and message.
twice_at_once() { # ARGS...
  "$WZ_BIN" "$@" >a.out 2>a.err &
  local a=$!
  "$WZ_BIN" "$@" >b.out 2>b.err &
  local b=$! rc_a rc_b
  wait "$a"
  rc_a=$?
  wait "$b"
  rc_b=$?
  local x rcx
  for x in a b; do
    [ "$x" = a ] && rcx=$rc_a || rcx=$rc_b
    case $rcx in
    0) ;;
    1) grep -qiE 'busy|locked|lock|another' "$x.err" ||
      fail "'$*' ($x) exited 1 without saying the database was busy: $(cat "$x.err")" ;;
    *) fail "'$*' ($x) exited $rcx (only 0, or 1 for the loser, are allowed): $(cat "$x.err")" ;;
    esac
    ! grep -qE 'AddressSanitizer|runtime error|LeakSanitizer' "$x.err" ||
      fail "'$*' ($x) crashed: $(cat "$x.err")"
  done
  [ "$rc_a" = 0 ] || [ "$rc_b" = 0 ] || fail "'$*': neither process completed"
}

# The twin: one clean run on a copy of FROM, its state printed.
clean_run() { # FROM ARGS...
  local from=$1
  shift
  (copy_db "$from" twin && "$WZ_BIN" "$@" >/dev/null 2>&1 && state) ||
    fail "the clean run of '$*' failed"
}

test_migrate_up_twice_at_once() {
  use_db twin
  "$WZ_BIN" migrate up >/dev/null 2>&1 || fail "the clean migrate up failed"
  local twin
  twin=$(state)
  use_db
  twice_at_once migrate up
  expect_same "$(state)" "$twin" "the database after two migrate up at once"
}

test_init_prod_twice_at_once() {
  local twin
  twin=$(clean_run "$MIGRATED" init-prod)
  copy_db "$MIGRATED"
  twice_at_once init-prod
  expect_same "$(state)" "$twin" "the database after two init-prod at once"
  expect_eq "$(q "SELECT count(*) FROM users WHERE role = 'admin'")" 1 "platform admins"
}

test_seed_demo_twice_at_once() {
  local twin
  twin=$(DATABASE_URL=$SEEDED state)
  copy_db "$BASE"
  twice_at_once seed-demo
  expect_same "$(state)" "$twin" "the database after two seed-demo at once"
  run validate all
  expect_rc 0 "validate all after two seed-demo at once"
}

test_backup_twice_at_once() {
  copy_db "$SEEDED"
  local before f n=0
  before=$(dump_db)
  twice_at_once db backup
  expect_same "$(dump_db)" "$before" "the database after two backups at once"
  for f in backups/*."$BACKUP_EXT"; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    expect_eq "$(backup_q "$f" "SELECT count(*) FROM orders")" "$(q "SELECT count(*) FROM orders")" \
      "orders in $f"
  done
  expect_eq "$n" "$(cat a.out b.out | grep -c 'Backup written')" "backups written and reported"
}

test_reset_twice_at_once() {
  local twin
  twin=$(clean_run "$SEEDED" db reset --yes)
  copy_db "$SEEDED"
  twice_at_once db reset --yes
  expect_same "$(state)" "$twin" "the database after two resets at once"
  run validate all
  expect_rc 0 "validate all after two resets at once"
}

test_restore_twice_at_once() {
  DATABASE_URL=$SEEDED "$WZ_BIN" db backup --output "full.$BACKUP_EXT" >/dev/null ||
    { fail "cannot back up the seeded database"; return 1; }
  local twin
  twin=$(clean_run "$BASE" db restore "full.$BACKUP_EXT" --yes)
  copy_db "$BASE"
  twice_at_once db restore "full.$BACKUP_EXT" --yes
  expect_same "$(state)" "$twin" "the database after two restores at once"
  run validate all
  expect_rc 0 "validate all after two restores at once"
}

run_tests
