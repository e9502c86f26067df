#!/usr/bin/env bash
# Runs every test against one build folder: the cmocka unit binaries (TAP output) and the
# end-to-end scripts in tests/cli/ (TAP too). Prints failures in full, then one closing line
# "N passed, N failed". Exit status 0 only when nothing failed and something ran.
# WZ_TEST_FILTER=regex limits the files that run; WZ_BACKENDS="sqlite" (or "postgres") the
# backends the end-to-end scripts run on.
set -uo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export WZ_BIN="$root/$build/wizamart"
export WZ_ROOT="$root"
export CMOCKA_MESSAGE_OUTPUT=TAP
filter=${WZ_TEST_FILTER:-.}
passed=0
failed=0
failures=()
log=$(mktemp)
pg_dir=""
trap 'rm -f "$log"; [ -z "$pg_dir" ] || "$root/tests/pg/pg_server.sh" stop "$pg_dir"' EXIT
trap 'exit 130' INT TERM

# ---- PostgreSQL: the driver suite and the PostgreSQL end-to-end cases run against a throwaway
# server started here and stopped at exit (tests/pg/pg_server.sh, docs/postgresql.md), so they
# never silently skip. A WZ_PG_URL already in the environment is used as it is.
if [ -z "${WZ_PG_URL:-}" ]; then
  pg_dir=$(mktemp -d /tmp/wz-pg.XXXXXX)
  if ! pg_env=$("$root/tests/pg/pg_server.sh" start "$pg_dir"); then
    echo "error: cannot start the throwaway PostgreSQL server the tests need (see above);" \
      "run \`make deps\` to install postgresql" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  eval "$pg_env"
  export WZ_PG_URL WZ_PG_PORT
fi
# ---- end PostgreSQL

run_one() { # name, command...
  local name=$1; shift
  "$@" >"$log" 2>&1
  local rc=$?
  local ok notok
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
}

for t in "$root/$build"/tests/test_*; do
  [ -x "$t" ] || continue
  [[ "$(basename "$t")" =~ $filter ]] || continue
  run_one "unit/$(basename "$t")" "$t"
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
    export WZ_BACKEND=sqlite
    run_one "cli/$(basename "$t" .sh)" bash "$t"
    continue
  fi
  for backend in ${declared:-sqlite postgres}; do
    [[ " ${WZ_BACKENDS:-sqlite postgres} " == *" $backend "* ]] || continue
    export WZ_BACKEND=$backend
    run_one "cli/$(basename "$t" .sh)[$backend]" bash "$t"
  done
done

for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
