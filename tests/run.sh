#!/usr/bin/env bash
# Runs every test against one build folder: the cmocka unit binaries (TAP output) and the
# end-to-end scripts in tests/cli/ (TAP too). Prints failures in full, then one closing line
# "N passed, N failed". Exit status 0 only when nothing failed and something ran.
# WZ_TEST_FILTER=regex limits the files that run.
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
trap 'rm -f "$log"' EXIT

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
for t in "$root"/tests/cli/t_*.sh; do
  [ -f "$t" ] || continue
  [[ "$(basename "$t")" =~ $filter ]] || continue
  run_one "cli/$(basename "$t" .sh)" bash "$t"
done

for f in "${failures[@]}"; do echo "FAILED: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
