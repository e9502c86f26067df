#!/usr/bin/env bash
# backends: sqlite
# A full disk under the writing commands (issue 11, tests/faults/README.md), on SQLite, whose
# files this process writes itself (a PostgreSQL server's disk is its own; a backup's pg_dump
# output under a file-size limit is t_backup_safety's). Two stand-ins:
# - RLIMIT_FSIZE (`ulimit -f` in a subshell): a write past it fails with EFBIG.
# - a small tmpfs, where mount is allowed (root here; elsewhere those cases say so and pass
#   without checking anything): the WAL, the database and BACKUP_DIR really run out of space.
# In each: exit 1, one error line on stderr naming the cause, the database exactly as before
# (dump_db), nothing under a backup's real name; and the same command completes once there is
# room.
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
BASE=$(script_db_url base) &&
  DATABASE_URL=$BASE "$WZ_BIN" migrate up >/dev/null &&
  DATABASE_URL=$BASE "$WZ_BIN" init-prod >/dev/null ||
  { echo "Bail out! cannot build the template database"; exit 1; }
export SEED_PRODUCTS_PER_STORE=2000 SEED_ORDERS_PER_STORE=1000

expect_same() { # GOT WANTED WHAT
  [ "$1" == "$2" ] || fail "$3: differs (< got, > wanted):
$(diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | head -n 12)"
}
# docs/cli.md: one clear error line first (details, such as migrate's statement, after),
# saying why (CAUSE: a regex, case-insensitive); one error, not one per layer.
expect_one_error_line() { # CAUSE WHAT
  expect_rc 1 "$2"
  local first=${err%%$'\n'*}
  [[ "$first" == error:* ]] || fail "$2: stderr does not start with 'error:': '$err'"
  expect_eq "$(grep -c '^error:' <<<"$err")" 1 "error lines on stderr ($2): '$err'"
  grep -qiE "$1" <<<"$first" || fail "$2: the error line does not say why (/$1/): '$first'"
}
integrity_ok() { expect_eq "$(sql "$(_sqlite_path)" 'PRAGMA integrity_check' 2>&1)" ok "integrity_check $1"; }

# Runs the command with a file size limit of KB kibibytes; sets rc, out, err as run does.
run_limited() { # KB ARGS...
  local kb=$1
  shift
  (
    ulimit -f "$kb"
    run "$@"
    printf '%s' "$rc" >.limited.rc
    printf '%s' "$out" >.limited.out
    printf '%s' "$err" >.limited.err
  )
  rc=$(cat .limited.rc 2>/dev/null || echo "killed") out=$(cat .limited.out 2>/dev/null)
  err=$(cat .limited.err 2>/dev/null)
}
EFBIG='file too large|file size limit'
ENOSPC='disk is full|no space left|full'

# A revision that writes about a MiB in one transaction.
big_revision() { # DIR
  mkdir -p "$1"
  cp "$WZ_ROOT"/migrations/versions/*.sql "$1"/
  cat >"$1/fa17000000b1_fault_bulk.sql" <<EOF
-- wizamart revision
-- revision: fa17000000b1
-- down_revision: $(project_head)
-- message: fault suite: about a MiB in one transaction
-- created: 2026-11-27T00:00:00Z

-- +upgrade
CREATE TABLE fault_bulk (id BIGINT PRIMARY KEY, pad TEXT NOT NULL);
INSERT INTO fault_bulk (id, pad)
  WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000)
  SELECT x, printf('%080d', x) FROM c;

-- +downgrade
DROP TABLE fault_bulk;
EOF
}

# A tmpfs of SIZE at DIR, unmounted when the test ends. False when this machine does not
# allow it (not root, no CAP_SYS_ADMIN in a container).
small_fs() { # DIR SIZE
  mkdir -p "$1"
  mount -t tmpfs -o "size=$2,mode=0755" tmpfs "$1" 2>/dev/null || return 1
  # shellcheck disable=SC2064 # the path now, not when the trap runs
  trap "umount -l '$PWD/$1' 2>/dev/null" EXIT
}

# ---- RLIMIT_FSIZE
test_seed_demo_past_the_file_size_limit_changes_nothing() {
  copy_db "$BASE"
  local before kb
  before=$(dump_db)
  kb=$(($(stat -c %s t.db) / 1024 + 256))
  run_limited "$kb" seed-demo
  expect_one_error_line "$EFBIG" "seed-demo past the file size limit"
  integrity_ok "after the failed seed"
  expect_same "$(dump_db)" "$before" "the database after the failed seed"
  run seed-demo
  expect_rc 0 "seed-demo without the limit"
}

test_migrate_up_past_the_file_size_limit_changes_nothing() {
  big_revision revs
  export MIGRATIONS_DIR=$PWD/revs
  copy_db "$BASE"
  local before kb
  before=$(dump_db)
  kb=$(($(stat -c %s t.db) / 1024 + 256))
  run_limited "$kb" migrate up
  expect_one_error_line "$EFBIG" "migrate up past the file size limit"
  integrity_ok "after the failed migrate up"
  expect_same "$(dump_db)" "$before" "the database after the failed migrate up"
  run migrate up
  expect_rc 0 "migrate up without the limit"
  expect_eq "$(q "SELECT count(*) FROM fault_bulk")" 10000 "rows of the revision"
}

# The first migrate up on an empty file: the bookkeeping tables belong to the same
# transaction as the first revision, so a failure leaves the empty file empty.
test_first_migrate_up_past_the_file_size_limit_leaves_the_file_empty() {
  use_db
  local before
  before=$(dump_db)
  run_limited 64 migrate up
  expect_one_error_line "$EFBIG" "the first migrate up past the file size limit"
  integrity_ok "after the failed migrate up"
  expect_same "$(dump_db)" "$before" "the database after the failed first migrate up"
  run migrate up
  expect_rc 0 "migrate up without the limit"
}

# ---- a full file system (tmpfs)
test_seed_demo_on_a_full_file_system_changes_nothing() {
  small_fs full 2m || { echo "no tmpfs here (mount refused): not checked"; return 0; }
  cp "${BASE#sqlite:///}" full/t.db
  export DATABASE_URL="sqlite:///$PWD/full/t.db"
  local before
  before=$(dump_db)
  run seed-demo
  expect_one_error_line "$ENOSPC" "seed-demo on a full file system"
  integrity_ok "after the failed seed"
  expect_same "$(dump_db)" "$before" "the database after the failed seed"
  # Room again (the same file on a larger file system): the seed completes.
  cp full/t.db roomy.db
  export DATABASE_URL="sqlite:///$PWD/roomy.db"
  run seed-demo
  expect_rc 0 "seed-demo with room"
}

test_migrate_up_on_a_full_file_system_changes_nothing() {
  small_fs full 2m || { echo "no tmpfs here (mount refused): not checked"; return 0; }
  big_revision revs
  export MIGRATIONS_DIR=$PWD/revs
  cp "${BASE#sqlite:///}" full/t.db
  export DATABASE_URL="sqlite:///$PWD/full/t.db"
  local before
  before=$(dump_db)
  # Fill what the WAL could use, leaving a few pages.
  head -c $((2 * 1024 * 1024 - $(stat -c %s full/t.db) - 96 * 1024)) /dev/zero >full/filler 2>/dev/null
  run migrate up
  expect_one_error_line "$ENOSPC" "migrate up on a full file system"
  integrity_ok "after the failed migrate up"
  expect_same "$(dump_db)" "$before" "the database after the failed migrate up"
  rm -f full/filler
  run migrate up
  expect_rc 0 "migrate up with room"
}

test_backup_into_a_full_backup_dir_leaves_nothing_behind() {
  small_fs full 1m || { echo "no tmpfs here (mount refused): not checked"; return 0; }
  copy_db "$BASE"
  "$WZ_BIN" seed-demo >/dev/null || fail "cannot seed"
  local before
  before=$(dump_db)
  export BACKUP_DIR=$PWD/full/backups
  run db backup
  expect_one_error_line "$ENOSPC" "db backup into a full BACKUP_DIR"
  expect_eq "$(find full -type f | wc -l)" 0 "files left in the full BACKUP_DIR"
  expect_same "$(dump_db)" "$before" "the database after the failed backup"
  export BACKUP_DIR=$PWD/backups
  run db backup
  expect_rc 0 "db backup with room"
}

run_tests
