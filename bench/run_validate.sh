#!/usr/bin/env bash
# The validate benchmark (make bench): `wizamart validate all` on the 200-store demo
# database (200 x 300 customers, products and orders; BENCH_DB=path reuses a database)
# against `PRAGMA foreign_key_check` through the sqlite3 CLI, the floor for reading every
# reference of every table once; alternating, BENCH_REPEAT (5) runs each, medians of the
# wall time and of the CPU time (user + system). Target: within 2 x the floor.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_big_db_setup "$root" "$build" validate

echo "validate benchmark: $(du -m "$db" | cut -f1) MB SQLite database, medians of $n runs each"
read -r fw w fc c < <(bench_pair "$n" "sqlite3 '$db' 'PRAGMA foreign_key_check'" "'$wz' validate all")
printf '  %-44s %9s %9s %8s %8s\n' "command" "wall s" "cpu s" "x wall" "x cpu"
printf '  %-44s %9s %9s %8s %8s\n' "sqlite3 DB 'PRAGMA foreign_key_check'" "$fw" "$fc" 1.00 1.00
printf '  %-44s %9s %9s %8s %8s\n' "wizamart validate all" "$w" "$c" "$(bench_ratio "$w" "$fw")" "$(bench_ratio "$c" "$fc")"
fail=0
bench_result "validate all" "PRAGMA foreign_key_check ${fw} s" "$(bench_ratio "$w" "$fw")" 2 \
  "bench/run_validate.sh $build" || fail=1
bench_result "validate all (CPU time)" "PRAGMA foreign_key_check ${fc} s CPU" "$(bench_ratio "$c" "$fc")" 2 \
  "bench/run_validate.sh $build" || fail=1
exit $fail
