#!/usr/bin/env bash
# db backup under failure, on each backend: a backup that fails part-way (the file size limit
# standing in for a full disk) or is killed leaves nothing under a real backup name, and
# pruning counts and removes only real backups of this database, by their real age.
source "$WZ_ROOT/tests/cli/lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template SEED_PRODUCTS_PER_STORE=300 SEED_ORDERS_PER_STORE=300

base_name() { if [ "$WZ_BACKEND" = sqlite ]; then echo t; else echo "${DATABASE_URL##*/}"; fi; }
backups() { find backups -maxdepth 1 -name "*.$BACKUP_EXT" | sort; }
check_backup() { # FILE: a complete, readable backup
  if [ "$WZ_BACKEND" = sqlite ]; then
    [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] || fail "$1 is damaged"
  else
    pg_restore --list "$1" >/dev/null 2>&1 || fail "$1 is not a readable dump"
  fi
}

test_a_backup_that_runs_out_of_space_leaves_nothing_behind() {
  copy_db "$TEMPLATE"
  mkdir backups
  (ulimit -f 64 && run db backup && echo "$rc" >rc.txt)
  expect_eq "$(cat rc.txt 2>/dev/null || echo killed)" "1" "exit code of the failed backup"
  expect_eq "$(backups)" "" "files under a backup name"
  expect_eq "$(find backups -name '.*partial*' | wc -l)" "0" "temporary files left"
  run db backup
  expect_rc 0 "the next backup"
  check_backup "$(backups)"
}

test_a_killed_backup_never_leaves_a_bad_file_under_a_real_name() {
  copy_db "$TEMPLATE"
  local i
  for i in 1 2 3 4 5 6; do
    "$WZ_BIN" db backup >/dev/null 2>&1 &
    local pid=$!
    sleep "0.0$((i * 15))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  local f
  for f in $(backups); do check_backup "$f"; done
  return 0
}

test_pruning_keeps_good_backups_over_garbage_and_future_names() {
  copy_db "$TEMPLATE"
  export BACKUP_KEEP=2
  run db backup
  expect_rc 0
  local good
  good=$(backups)
  # A zero-filled file under a real backup name, newer than everything; and a real backup
  # renamed to a date in 2099 with a modification time in the future.
  local b
  b=$(base_name)
  head -c 65536 /dev/zero >"backups/$b-20991231T000000Z.$BACKUP_EXT"
  cp "$good" "backups/$b-20990101T000000Z.$BACKUP_EXT"
  touch -d '2099-01-01' "backups/$b-20990101T000000Z.$BACKUP_EXT"
  sleep 1
  run db backup
  expect_rc 0
  [ -f "$good" ] || fail "the older good backup was pruned in favour of a garbage file"
  [ -f "backups/$b-20991231T000000Z.$BACKUP_EXT" ] || fail "a file that is not a backup was removed"
  sleep 1
  run db backup
  expect_rc 0
  [ -f "backups/$b-20990101T000000Z.$BACKUP_EXT" ] && fail "a future-dated backup holds a slot for ever"
  expect_eq "$(backups | wc -l)" "3" "two newest backups kept, plus the garbage file left alone"
}

run_tests
