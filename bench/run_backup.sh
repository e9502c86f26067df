#!/usr/bin/env bash
# The backup benchmark (make bench): `wizamart db backup` of the 200-store demo database
# (200 x 300 customers, products and orders, about 84 MB; BENCH_DB=path reuses a database)
# against the sqlite3 CLI's `.backup` of the same file, alternating, BENCH_REPEAT (5) runs
# each, medians. The default check (quick_check without the CHECK constraints) and
# --verify=full (integrity_check) are both measured. Target: the default within 2 x the
# floor; --verify=full is reported without a target.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_big_db_setup "$root" "$build" backup

size=$(du -m "$db" | cut -f1)
echo "backup benchmark: $size MB SQLite database, medians of $n runs each (SQLite $(sqlite3 --version | cut -d' ' -f1))"
floor="sqlite3 '$db' '.backup $dir/floor.sqlite'"
prep="rm -f '$dir/floor.sqlite' '$dir/wz.sqlite'"
fail=0
printf '  %-44s %9s %9s %8s %8s\n' "command" "wall s" "cpu s" "x wall" "x cpu"
row() { # label wall cpu floor_wall floor_cpu
  printf '  %-44s %9s %9s %8s %8s\n' "$1" "$2" "$3" "$(bench_ratio "$2" "$4")" "$(bench_ratio "$3" "$5")"
}
read -r fw w fc c < <(bench_pair "$n" "$floor" "'$wz' db backup --output '$dir/wz.sqlite'" "$prep")
row "sqlite3 DB '.backup FILE' (floor)" "$fw" "$fc" "$fw" "$fc"
row "wizamart db backup (quick_check)" "$w" "$c" "$fw" "$fc"
bench_result "db backup (quick_check)" "sqlite3 .backup ${fw} s" "$(bench_ratio "$w" "$fw")" 2 \
  "bench/run_backup.sh $build" || fail=1
read -r fw2 w2 fc2 c2 < <(bench_pair "$n" "$floor" "'$wz' db backup --verify=full --output '$dir/wz.sqlite'" "$prep")
row "sqlite3 DB '.backup FILE' (floor)" "$fw2" "$fc2" "$fw2" "$fc2"
row "wizamart db backup --verify=full" "$w2" "$c2" "$fw2" "$fc2"
bench_result "db backup --verify=full" "sqlite3 .backup ${fw2} s" "$(bench_ratio "$w2" "$fw2")" - \
  "bench/run_backup.sh $build" || true
exit $fail
