#!/usr/bin/env bash
# One runner at a time: two `migrate up` started together apply each revision once and both
# exit 0; a runner that cannot get the lock in MIGRATE_LOCK_TIMEOUT stops with a clear message.
# On each backend: SQLite's lock is an flock on a sidecar file, PostgreSQL's an advisory lock.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/migrate_lib.sh"

# A revision that takes ~0.3 s (a recursive CTE counting to a million) and leaves a trace of
# each run in a table without a unique key, so a second application would show.
slow_revs() {
  R1=$(new_rev "slow one") && fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE runs (rev TEXT);
INSERT INTO runs VALUES ('one');
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT count(*) FROM c;
-- +downgrade
DROP TABLE runs;
SQL
  R2=$(new_rev "slow two") && fill "$R2" <<'SQL'
-- +upgrade
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000) SELECT count(*) FROM c;
INSERT INTO runs VALUES ('two');
-- +downgrade
DELETE FROM runs WHERE rev = 'two';
SQL
}

test_two_concurrent_ups_apply_each_revision_once() {
  use_db
  slow_revs
  "$WZ_BIN" migrate up >out1 2>err1 &
  local p1=$!
  "$WZ_BIN" migrate up >out2 2>err2 &
  local p2=$!
  wait $p1
  local rc1=$?
  wait $p2
  local rc2=$?
  expect_eq "$rc1" "0" "first runner's exit ($(cat err1))"
  expect_eq "$rc2" "0" "second runner's exit ($(cat err2))"
  expect_eq "$(q "SELECT rev FROM runs ORDER BY rev" | tr '\n' ' ')" "one two " "each revision ran once"
  expect_eq "$(applied | wc -w)" "2"
  # Between them, the two runners applied two revisions; one of them found nothing to do.
  expect_eq "$(cat out1 out2 | grep -c '^✓ Applied')" "2" "applied lines ($(cat out1 out2))"
  # grep reads the files itself: in `cat | grep -q`, grep may exit at the first match while
  # cat still writes, and under pipefail cat's SIGPIPE would fail the check.
  grep -q "Database is up to date" out1 out2 || fail "no runner reported up to date: $(cat out1 out2)"
}

# The key of PostgreSQL's migration lock (docs/postgresql.md).
PG_LOCK_KEY=-5267956560482999800

test_lock_timeout_stops_cleanly() {
  use_db
  slow_revs
  qdb "CREATE TABLE other (x INT)"
  # Another runner holds the migration lock: the driver's flock on its sidecar file, or a
  # session holding the advisory lock until it is told to stop.
  local holder=""
  if [ "$WZ_BACKEND" = sqlite ]; then
    exec 9>"$PWD/t.db-migrate.lock"
    flock 9
  else
    mkfifo hold
    psql -XAtq -d "$DATABASE_URL" -c "SELECT pg_advisory_lock($PG_LOCK_KEY)" -f hold >/dev/null &
    holder=$!
    exec 9>hold
    local i
    for ((i = 0; i < 100; i++)); do
      [ "$(q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ] && break
      sleep 0.05
    done
  fi
  MIGRATE_LOCK_TIMEOUT=1 run migrate up
  expect_rc 1
  if [ "$WZ_BACKEND" = sqlite ]; then
    expect_err "another migration holds the lock on '$PWD/t.db'"
  else
    expect_err "another migration holds the lock on database '${DATABASE_URL##*/}'"
  fi
  expect_err "MIGRATE_LOCK_TIMEOUT"
  expect_eq "$(tables)" "other " "tables while the lock was held (a refused run writes nothing)"
  exec 9>&-
  [ -z "$holder" ] || wait "$holder"
  run migrate up
  expect_rc 0
}

run_tests
