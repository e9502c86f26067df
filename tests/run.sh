#!/usr/bin/env bash
# Runs every test against one build folder: the cmocka unit binaries (TAP output), the
# end-to-end scripts in tests/cli/ (TAP too), and the runners of the other suites that exist
# (tests/fuzz/run_smoke.sh, tests/api/run.sh, tests/browser/run.sh; TAP). Test files run in
# parallel, one job per core, the slowest first (the SQLite scripts while the PostgreSQL
# server starts, the others once it is up); each file's output is kept together and
# printed when it ends: failures in full, then its line "NAME  N passed, M failed". Then one
# closing line "N passed, N failed". Exit status 0 only when nothing failed and something ran.
# WZ_TEST_FILTER=regex limits the files that run; WZ_BACKENDS="sqlite" (or "postgres") the
# backends the end-to-end scripts run on; WZ_TEST_JOBS=N the jobs at once (default: nproc).
set -uo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export WZ_BIN="$root/$build/wizamart"
export WZ_ROOT="$root"
export CMOCKA_MESSAGE_OUTPUT=TAP
# A test that runs make does so as a user would, not as a sub-make of `make test` (whose
# -j and jobserver would otherwise reach it).
unset MAKEFLAGS MFLAGS MAKELEVEL
filter=${WZ_TEST_FILTER:-.}
jobs=${WZ_TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || {
  echo "error: WZ_TEST_JOBS must be a positive number, not '$jobs'" >&2
  exit 2
}
# Each file's duration in the last run, read to start the slowest first next time.
times_file="$root/$build/test-times"
passed=0
failed=0
failures=()
work=$(mktemp -d)
pg_dir=""
pg_pid="" # the background start of the server, until pg_ready has seen it end
running=() # process ids of the jobs in flight; each leads its own process group (set -m)

stop_jobs() {
  local p
  for p in "${running[@]}"; do kill -TERM -- "-$p" 2>/dev/null; done
  for p in "${running[@]}"; do wait "$p" 2>/dev/null; done
  running=()
}
cleanup() {
  stop_jobs
  [ -z "$pg_pid" ] || wait "$pg_pid"
  rm -rf "$work"
  [ -z "$pg_dir" ] || "$root/tests/pg/pg_server.sh" stop "$pg_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- PostgreSQL: the driver suite and the PostgreSQL end-to-end cases run against a throwaway
# server started here and stopped at exit (tests/pg/pg_server.sh, docs/postgresql.md), so they
# never silently skip. A WZ_PG_URL already in the environment is used as it is. Every job
# shares the one server: each script names its databases after itself (tests/cli/lib.sh), so
# scripts running at once never meet. The server starts in the background (pg_start) while
# the SQLite scripts run; every other job starts once it is up (pg_ready), and a run with no
# such job starts none. Its files live in memory (/dev/shm) where there is such a folder with
# room for them (a container's is often 64 MiB; the server with the scripts' databases needs
# a few hundred): a run creates and drops hundreds of databases, and on a disk file system
# that churn of files cost the server more CPU than all the queries (docs/postgresql.md).
pg_start() {
  [ -z "${WZ_PG_URL:-}" ] || return 0
  local shm=/dev/shm avail
  avail=$(df -Pk "$shm" 2>/dev/null | awk 'NR == 2 {print $4}')
  [ -d "$shm" ] && [ -w "$shm" ] && [ "${avail:-0}" -ge $((1024 * 1024)) ] || shm=/tmp
  pg_dir=$(mktemp -d "$shm/wz-pg.XXXXXX")
  (
    "$root/tests/pg/pg_server.sh" start "$pg_dir" >"$work/pg.env" 2>"$work/pg.err" </dev/null
    echo $? >"$work/pg.rc"
  ) &
  pg_pid=$!
}
# True once the server is up, or when none was started; with "wait", waits for it. The run
# ends here when it could not start.
pg_ready() { # [wait]
  [ -n "$pg_pid" ] || return 0
  [ "${1:-}" = wait ] || [ -f "$work/pg.rc" ] || return 1
  wait "$pg_pid"
  pg_pid=""
  if [ "$(cat "$work/pg.rc" 2>/dev/null)" != 0 ]; then
    cat "$work/pg.err" >&2
    echo "error: cannot start the throwaway PostgreSQL server the tests need (see above);" \
      "run \`make deps\` to install postgresql" >&2
    stop_jobs
    echo "0 passed, 1 failed"
    exit 1
  fi
  eval "$(<"$work/pg.env")"
  export WZ_PG_URL WZ_PG_PORT
  # The server's own client programs (psql, pg_dump, pg_restore) first in PATH: Debian's
  # /usr/bin ones are a Perl wrapper that chooses a version on every call (~17 ms of CPU
  # each), and a run calls them about a thousand times.
  export PATH="$WZ_PG_BINDIR:$PATH"
}
# ---- end PostgreSQL

# ---- the jobs: one line each in $work/jobs, "NAME<TAB>BACKEND<TAB>COMMAND..." (BACKEND "-"
# for a job that opens no database through lib.sh).
add_job() { # name backend command...
  local IFS=$'\t'
  echo "$*" >>"$work/jobs"
}
: >"$work/jobs"

for t in "$root/$build"/tests/test_*; do
  [ -x "$t" ] && [ -f "$t" ] || continue
  [[ "$(basename "$t")" =~ $filter ]] || continue
  add_job "unit/$(basename "$t")" - "$t"
done
# Each end-to-end script runs once per backend it declares in a line "# backends: ..." near
# its top (default: sqlite postgres), reported as cli/t_name[backend]. "# backends: any"
# marks a script that opens no database: it runs once, as cli/t_name. WZ_BACKENDS limits
# the backends that run.
for t in "$root"/tests/cli/t_*.sh; do
  [ -f "$t" ] || continue
  [[ "$(basename "$t")" =~ $filter ]] || continue
  declared=$(sed -n '1,15s/^# backends: *\([a-z ]*\).*/\1/p' "$t" | head -n 1)
  declared=$(echo $declared)
  if [ "$declared" = any ]; then
    add_job "cli/$(basename "$t" .sh)" sqlite bash "$t"
    continue
  fi
  for backend in ${declared:-sqlite postgres}; do
    [[ " ${WZ_BACKENDS:-sqlite postgres} " == *" $backend "* ]] || continue
    add_job "cli/$(basename "$t" .sh)[$backend]" "$backend" bash "$t"
  done
done
# The other suites' runners, each once. One that is absent is not listed at all (it is
# neither passed nor failed); one that is there and fails fails the run.
for r in fuzz/run_smoke.sh api/run.sh browser/run.sh; do
  [ -x "$root/tests/$r" ] || continue
  [[ "$r" =~ $filter ]] || continue
  add_job "${r%%/*}" - "$root/tests/$r" "$build"
done

# The slowest first, so that no long file starts last: by the durations of the last run,
# and for a file that has none, by its size (roughly a second per kilobyte of script, three
# on PostgreSQL, whose cases each create databases).
estimate() { # name backend command...
  local name=$1 backend=$2 src=${4:-} t
  [ "$3" = bash ] || src=$3
  case $name in unit/*) src="$root/tests/unit/${name#unit/}.c" ;; esac
  if [ -f "$times_file" ] && t=$(awk -v n="$name" '$2 == n {print $1; exit}' "$times_file") &&
    [ -n "$t" ]; then
    echo "$t"
    return
  fi
  local kb=$(($(stat -c %s "$src" 2>/dev/null || echo 1000) / 1000))
  [ "$backend" = postgres ] && kb=$((kb * 3))
  echo "$kb"
}
while IFS=$'\t' read -r -a job; do
  printf '%s\t%s\n' "$(estimate "${job[@]}")" "$(IFS=$'\t'; echo "${job[*]}")"
done <"$work/jobs" | sort -t$'\t' -k1,1 -rn | cut -f2- >"$work/order"

# ---- running them
report() { # index: counts the job's TAP lines, prints its failures and its summary line
  local i=$1 name rc ok notok log="$work/$1.log"
  name=$(cat "$work/$i.name")
  rc=$(cat "$work/$i.rc" 2>/dev/null || echo 1)
  ok=$(grep -cE '^ok ' "$log")
  notok=$(grep -cE '^not ok ' "$log")
  passed=$((passed + ok))
  failed=$((failed + notok))
  if [ "$rc" -ne 0 ] && [ "$notok" -eq 0 ]; then
    failed=$((failed + 1))
    failures+=("$name: exited $rc without reporting a failing case")
  fi
  if [ "$notok" -gt 0 ] || [ "$rc" -ne 0 ]; then
    echo "---- $name (exit $rc)"
    cat "$log"
  fi
  printf '%-40s %3d passed, %d failed\n' "$name" "$ok" "$notok"
  printf '%s %s\n' "$(cat "$work/$i.secs")" "$name" >>"$work/times"
}

# Each job in its own process group, so that an interrupted run stops every process a test
# started, and with its own log, rc and duration files.
set -m
start_job() { # index name backend command...
  local i=$1 name=$2 backend=$3
  shift 3
  echo "$name" >"$work/$i.name"
  (
    [ "$backend" = - ] || export WZ_BACKEND=$backend
    s=$EPOCHREALTIME
    "$@" >"$work/$i.log" 2>&1 </dev/null
    echo $? >"$work/$i.rc"
    awk -v s="$s" -v e="$EPOCHREALTIME" 'BEGIN {printf "%.1f\n", e - s}' >"$work/$i.secs"
  ) &
  running+=($!)
  echo "$i" >"$work/pid.$!"
}

finished_one() { # waits for one job, reports it, drops it from running
  local pid="" i p keep=()
  wait -n -p pid "${running[@]}"
  [ -n "$pid" ] || return 1
  i=$(cat "$work/pid.$pid")
  for p in "${running[@]}"; do [ "$p" = "$pid" ] || keep+=("$p"); done
  running=("${keep[@]}")
  report "$i"
}

mapfile -t queue <"$work/order"
# Only the SQLite scripts run without the server (BACKEND sqlite): a unit test or another
# suite may read WZ_PG_URL, and without it would skip its PostgreSQL cases.
needs_pg() { [ "$2" != sqlite ]; }
for j in "${queue[@]}"; do
  IFS=$'\t' read -r -a job <<<"$j"
  if needs_pg "${job[@]}"; then
    pg_start
    break
  fi
done
n=0
while [ ${#queue[@]} -gt 0 ]; do
  while [ ${#running[@]} -ge "$jobs" ]; do finished_one || break; done
  # The slowest job that can start now: any once the server is up, else the slowest that
  # does not need it, else wait for the server.
  pick=""
  pg_ready && pick=0
  for ((k = 0; ${#pick} == 0 && k < ${#queue[@]}; k++)); do
    IFS=$'\t' read -r -a job <<<"${queue[k]}"
    needs_pg "${job[@]}" || pick=$k
  done
  if [ -z "$pick" ]; then
    pg_ready wait
    pick=0
  fi
  IFS=$'\t' read -r -a job <<<"${queue[pick]}"
  queue=("${queue[@]:0:pick}" "${queue[@]:pick+1}")
  n=$((n + 1))
  start_job "$n" "${job[@]}"
done
while [ ${#running[@]} -gt 0 ]; do finished_one || break; done
set +m

# A run of a subset keeps the other files' durations of earlier runs.
if [ -f "$work/times" ]; then
  { cat "$work/times"; [ ! -f "$times_file" ] || cat "$times_file"; } |
    awk '!seen[$2]++' >"$work/times.all" && cp "$work/times.all" "$times_file" 2>/dev/null
fi

for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
