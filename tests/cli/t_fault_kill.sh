#!/usr/bin/env bash
# kill -9 at several points of the writing commands (issue 11, tests/faults/README.md): after
# each kill the database is exactly as before or exactly as a clean run leaves it (never in
# between), SQLite's integrity_check says ok, verify and validate report what they should, and
# running the same command again completes (exit 0) and leaves what a clean run leaves.
# (t_backup_safety covers the files a killed backup leaves; t_pg_processes a PostgreSQL
# restore killed while psql runs.)
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
# Large enough that seed-demo takes a few tenths of a second, small enough for a busy machine
# (PostgreSQL writes about a third as fast as SQLite here).
if [ "$WZ_BACKEND" = sqlite ]; then
  export SEED_DEMO_STORES=4 SEED_CUSTOMERS_PER_STORE=300 SEED_PRODUCTS_PER_STORE=1500 \
    SEED_ORDERS_PER_STORE=1500
else
  export SEED_DEMO_STORES=3 SEED_CUSTOMERS_PER_STORE=150 SEED_PRODUCTS_PER_STORE=400 \
    SEED_ORDERS_PER_STORE=400
fi
# The kill points are fractions of a clean run's duration, measured on this machine now:
# the steps' own lines come and go faster than a poll can see them.
FRACTIONS="0.1 0.4 0.7 0.95"
seconds_since() { awk -v s="$1" -v e="$EPOCHREALTIME" 'BEGIN {printf "%.3f", e - s}'; }
times() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a * b}'; }


# BASE: migrated, with the platform admin. SEEDED: BASE after one clean seed-demo (the twin).
BASE=$(script_db_url base) &&
  DATABASE_URL=$BASE "$WZ_BIN" migrate up >/dev/null &&
  DATABASE_URL=$BASE "$WZ_BIN" init-prod >/dev/null &&
  SEEDED=$(script_db_url seeded "$BASE") &&
  SEED_START=$EPOCHREALTIME &&
  DATABASE_URL=$SEEDED "$WZ_BIN" seed-demo >/dev/null &&
  SEED_SECS=$(seconds_since "$SEED_START") ||
  { echo "Bail out! cannot build the template databases"; exit 1; }
unset DATABASE_URL

# The schema, every platform table's rows (db export: no created_at/updated_at) and the
# applied revisions: what two clean runs of a command at different moments have in common.
schema() {
  if _url_is_sqlite; then sqlite3 -batch "$(_sqlite_path)" .schema; else
    pg_dump --schema-only --no-owner -d "$DATABASE_URL" | grep -Ev '^(--|$|\\(un)?restrict )'
  fi
}
# On PostgreSQL a rolled-back transaction still consumes sequence values, so the re-run's
# rows get other ids than a clean run's: there the ids (id, *_id columns) are left out, and
# the validators (orphans, cross_store, order_totals) vouch for the references.
without_ids() {
  if [ "$WZ_BACKEND" = sqlite ]; then cat; return; fi
  awk -F'\t' -v OFS='\t' '
    /^\[/ { head = 1; print; next }
    head { n = 0; for (i = 1; i <= NF; i++) keep[i] = ($i != "id" && $i !~ /_id$/); head = 0 }
    NF > 1 { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line $i "\t"; print line; next }
    { print }'
}
state() {
  schema
  "$WZ_BIN" db export --exclude-timestamps 2>&1 | without_ids
  q "SELECT revision || ' ' || checksum FROM wizamart_migrations ORDER BY revision" 2>&1
  q "SELECT key || '=' || value FROM wizamart_meta ORDER BY key" 2>&1
}
# Two long texts: on a difference, the first lines of the diff rather than both texts.
expect_same() { # GOT WANTED WHAT
  [ "$1" == "$2" ] || fail "$3: differs (< got, > wanted):
$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | head -n 12)"
}
integrity_ok() { # what
  [ "$WZ_BACKEND" = sqlite ] || return 0
  expect_eq "$(sql "$(_sqlite_path)" 'PRAGMA integrity_check' 2>&1)" ok "integrity_check $1"
}

# A process that has exited but was not waited for still answers kill -0: read its state.
alive() { local s; s=$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null) && [ "$s" != Z ]; }
wait_for_line() { # FILE TEXT PID: true once TEXT is in FILE, false if PID ended first
  local i
  for ((i = 0; i < 600; i++)); do
    grep -qF -- "$2" "$1" 2>/dev/null && return 0
    alive "$3" || { grep -qF -- "$2" "$1" 2>/dev/null; return; }
    sleep 0.02
  done
  return 1
}
# Starts the command, waits for the line (when given) and the delay, and kills it with
# SIGKILL; its output so far stays in killed.out.
kill_at() { # LINE DELAY COMMAND...
  local line=$1 delay=$2 pid
  shift 2
  "$WZ_BIN" "$@" >killed.out 2>&1 &
  pid=$!
  if [ -n "$line" ] && ! wait_for_line killed.out "$line" "$pid"; then
    fail "'$*' never printed '$line' before it ended: $(cat killed.out)"
  fi
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# ---- seed-demo: one transaction, so a kill leaves the database exactly as before.
test_seed_demo_killed_at_each_step_is_all_or_nothing() {
  local twin f delay mid=0
  twin=$(DATABASE_URL=$SEEDED state)
  for f in $FRACTIONS; do
    delay=$(times "$SEED_SECS" "$f")
    copy_db "$BASE"
    local before
    before=$(dump_db)
    kill_at "[1] Checking prerequisites" "$delay" seed-demo
    integrity_ok "after seed-demo killed at ${delay}s"
    if [ "$(dump_db)" != "$before" ]; then
      # Only the commit may have won the race: then it is exactly the clean result.
      expect_same "$(state)" "$twin" "seed-demo killed at ${delay}s: neither before nor after"
    else
      mid=$((mid + 1))
      # verify: every check but the demo data passes (exit 1); validate: nothing to find.
      run verify
      expect_rc 1 "verify after a killed seed-demo"
      expect_out "✗ Demo data"
      expect_no_out "✗ Migrations"
      run validate all
      expect_rc 0 "validate all after a killed seed-demo"
    fi
    run seed-demo
    expect_rc 0 "seed-demo again after the kill at ${delay}s"
    expect_same "$(state)" "$twin" "the database after seed-demo re-ran (killed at ${delay}s)"
  done
  run verify
  expect_rc 0 "verify after the last re-run"
  [ "$mid" -gt 0 ] || fail "every kill came after the commit: these kill points test nothing"
}

# ---- migrate up with a transaction: false revision: statements commit one by one and are
# recorded, so a kill leaves a prefix; the next migrate up continues and ends as a clean run.
write_revisions() { # DIR
  mkdir -p "$1"
  cp "$WZ_ROOT"/migrations/versions/*.sql "$1"/
  local head
  head=$(project_head)
  # Each statement can run twice: a kill between a statement and its record (two
  # transactions) runs it again. The scratch table is dropped at the end, so the final schema
  # is exactly the models' (verify and validate pass), and the slow insert is where most
  # kills land.
  cat >"$1/fa17000000a1_fault_scratch.sql" <<EOF
-- wizamart revision
-- revision: fa17000000a1
-- down_revision: $head
-- message: fault suite: a scratch table, filled, indexed and dropped, one statement at a time
-- created: 2026-11-27T00:00:00Z
-- transaction: false

-- +upgrade
CREATE TABLE IF NOT EXISTS fault_scratch (id BIGINT PRIMARY KEY, v BIGINT NOT NULL);
-- +upgrade sqlite
INSERT INTO fault_scratch (id, v)
  WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 150000)
  SELECT x, x % 97 FROM c WHERE true ON CONFLICT DO NOTHING;
-- +upgrade postgresql
INSERT INTO fault_scratch (id, v) SELECT x, x % 97 FROM generate_series(1, 50000) AS x
  ON CONFLICT DO NOTHING;
-- +upgrade
CREATE INDEX IF NOT EXISTS ix_fault_scratch_v ON fault_scratch (v);
CREATE TABLE IF NOT EXISTS fault_second (id BIGINT PRIMARY KEY);
DROP TABLE IF EXISTS fault_second;
DROP TABLE IF EXISTS fault_scratch;

-- +downgrade
SELECT 1;
EOF
}

test_migrate_up_killed_mid_revision_resumes_to_a_clean_result() {
  write_revisions revs
  export MIGRATIONS_DIR=$PWD/revs
  use_db twin
  local twin start secs
  start=$EPOCHREALTIME
  "$WZ_BIN" migrate up >/dev/null 2>&1 || fail "the clean migrate up failed"
  secs=$(seconds_since "$start")
  twin=$(state)
  local f delay n=0 mid=0
  for f in $FRACTIONS; do
    delay=$(times "$secs" "$f") n=$((n + 1))
    use_db "k$n"
    kill_at "" "$delay" migrate up
    integrity_ok "after migrate up killed at ${delay}s"
    local done_rev
    done_rev=$(q "SELECT count(*) FROM wizamart_migrations WHERE revision = 'fa17000000a1'" 2>/dev/null)
    if [ "${done_rev:-0}" != 1 ]; then
      mid=$((mid + 1))
      run verify
      expect_rc 1 "verify on a half-migrated database"
      expect_out "✗ Migrations"
      run validate all
      expect_rc 1 "validate all on a half-migrated database"
    fi
    run migrate up
    expect_rc 0 "migrate up again after the kill at ${delay}s"
    expect_eq "$(q "SELECT count(*) FROM wizamart_migration_steps")" 0 "step rows left"
    expect_same "$(state)" "$twin" "the database after migrate up re-ran (killed at ${delay}s)"
    run validate all
    expect_rc 0 "validate all after the re-run"
  done
  [ "$mid" -gt 0 ] || fail "every kill came after the last revision: these kill points test nothing"
}

# A revision committed is reported at once (issue 11, defect 8): a migrate up killed in its
# second revision has printed the first one's line to its file.
test_migrate_up_killed_has_printed_the_revisions_it_applied() {
  write_revisions revs
  export MIGRATIONS_DIR=$PWD/revs
  use_db
  "$WZ_BIN" migrate up >killed.out 2>&1 &
  local pid=$! i
  for ((i = 0; i < 500; i++)); do
    [ "$(q "SELECT count(*) FROM wizamart_migration_steps" 2>/dev/null)" = 1 ] && break
    alive "$pid" || break
    sleep 0.01
  done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # Usually killed inside the second (transaction: false) revision; on a slow run it may have
  # finished first. Either way every revision that committed has its line in the output.
  local applied r
  applied=$(q "SELECT revision FROM wizamart_migrations" 2>&1)
  [[ "$applied" == *"$(project_base)"* ]] || fail "the first revision is not applied: '$applied'"
  for r in $applied; do
    grep -q "Applied $r" killed.out ||
      fail "revision $r committed but its line never reached the output: '$(cat killed.out)'"
  done
}

# ---- db backup: the database is never changed by it; a killed one leaves no file under a
# real backup name that is not a complete backup, and on PostgreSQL takes pg_dump with it.
test_backup_killed_leaves_the_database_and_backups_good() {
  copy_db "$SEEDED"
  local before delay child f
  before=$(dump_db)
  for delay in 0.01 0.05 0.1 0.2; do
    "$WZ_BIN" db backup >killed.out 2>&1 &
    local pid=$! i
    child=""
    if [ "$WZ_BACKEND" = postgres ]; then
      for ((i = 0; i < 400; i++)); do
        child=$(pgrep -P "$pid" -x pg_dump) && break
        alive "$pid" || break
        sleep 0.01
      done
    fi
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ -n "$child" ]; then
      for ((i = 0; i < 100; i++)); do alive "$child" || break; sleep 0.05; done
      alive "$child" && fail "pg_dump ($child) outlived the killed backup"
    fi
  done
  integrity_ok "after killed backups"
  expect_same "$(dump_db)" "$before" "the database after killed backups"
  for f in backups/*."$BACKUP_EXT"; do
    [ -e "$f" ] || continue
    if [ "$WZ_BACKEND" = sqlite ]; then
      expect_eq "$(sql "$f" 'PRAGMA integrity_check' 2>&1)" ok "$f"
    else
      pg_restore --list "$f" >/dev/null 2>&1 || fail "$f is not a readable dump"
    fi
  done
  run db backup --output again."$BACKUP_EXT"
  expect_rc 0 "db backup again"
  expect_eq "$(backup_q again."$BACKUP_EXT" "SELECT count(*) FROM order_items")" \
    "$(q "SELECT count(*) FROM order_items")" "order items in the new backup"
}

# ---- db restore (SQLite; a PostgreSQL restore is one psql transaction, t_pg_processes):
# the pages are written in one transaction, so a kill leaves the old database or the backup.
test_restore_killed_is_old_or_new_never_between() {
  [ "$WZ_BACKEND" = sqlite ] || return 0
  DATABASE_URL=$SEEDED "$WZ_BIN" db backup --output full.sqlite >/dev/null ||
    { fail "cannot back up the seeded database"; return 1; }
  copy_db "$BASE" twin
  local twin start secs f delay
  start=$EPOCHREALTIME
  "$WZ_BIN" db restore full.sqlite --yes >/dev/null 2>&1 || fail "the clean restore failed"
  secs=$(seconds_since "$start")
  twin=$(dump_db)
  for f in $FRACTIONS; do
    delay=$(times "$secs" "$f")
    copy_db "$BASE"
    local before
    before=$(dump_db)
    kill_at "" "$delay" db restore full.sqlite --yes
    integrity_ok "after restore killed at ${delay}s"
    local now
    now=$(dump_db)
    [ "$now" = "$before" ] || [ "$now" = "$twin" ] ||
      fail "restore killed at ${delay}s left neither the old database nor the backup"
    run db restore full.sqlite --yes
    expect_rc 0 "db restore again after the kill at ${delay}s"
    expect_same "$(dump_db)" "$twin" "the database after the restore re-ran"
    run validate all
    expect_rc 0 "validate all after the re-run"
  done
}

run_tests
