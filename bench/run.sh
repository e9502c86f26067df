#!/usr/bin/env bash
# The seeder benchmark (make bench): seed-demo with 200 stores x 1000 customers, products and
# orders (about 1.4 million rows with addresses, listings and items) against the floor program
# bench/seed_floor.c, which writes the same rows into the same schema with plain sqlite3 calls
# and the same safety (one transaction, WAL, synchronous=NORMAL, foreign keys on). Both start
# from a migrated database with init-prod done; both are timed as whole processes with
# /usr/bin/time (wall clock and peak RSS). Targets: seeder <= 1.05 x floor (issue 13), peak RSS < 64 MiB.
# BENCH_STORES / BENCH_PER_STORE override the size for a quick look.
# Then the other benchmarks (PostgreSQL seed, start-up, backup, validate, server), and the
# table of every result (bench/summary.sh); BENCH_ONLY_SEED=1 runs this one alone.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
wz="$root/$build/wizamart"
floor="$root/$build/bench/seed_floor"
stores=${BENCH_STORES:-200}
per=${BENCH_PER_STORE:-1000}
[ -x "$wz" ] && [ -x "$floor" ] || { echo "bench: build first (make bench)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
dir=$(mktemp -d /tmp/wz-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
if [ -z "${BENCH_RESULTS:-}" ] && [ -z "${BENCH_ONLY_SEED:-}" ]; then
  export BENCH_RESULTS="$dir/results.tsv"
  : >"$BENCH_RESULTS"
fi

export MIGRATIONS_DIR="$root/migrations/versions" SEED_REFERENCE_DATE=2026-06-15 SEED_RANDOM_SEED=42
prepare() { # db
  DATABASE_URL="sqlite:///$1" "$wz" migrate up >/dev/null
  DATABASE_URL="sqlite:///$1" "$wz" init-prod >/dev/null
}
# Runs a command under /usr/bin/time; prints "seconds max_rss_kib".
measure() {
  local log="$dir/time.log"
  /usr/bin/time -v -o "$log" "$@" >"$dir/out.log" 2>&1 || { cat "$dir/out.log" "$log" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  # wall is m:ss.cc or h:mm:ss
  echo "$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }') $rss"
}

echo "seed-demo benchmark: $stores stores x $per customers, products and orders (SQLite, $(sqlite3 --version | cut -d' ' -f1))"
prepare "$dir/floor.db"
prepare "$dir/seed.db"
read -r floor_s floor_rss < <(measure "$floor" "$dir/floor.db" "$stores" "$per" "$per" "$per" 42 2026-06-15 EUR)
echo "  floor (bench/seed_floor):   ${floor_s} s, peak RSS $((floor_rss / 1024)) MiB   [$(cat "$dir/out.log")]"
read -r seed_s seed_rss < <(SEED_DEMO_STORES=$stores SEED_CUSTOMERS_PER_STORE=$per SEED_PRODUCTS_PER_STORE=$per \
  SEED_ORDERS_PER_STORE=$per DATABASE_URL="sqlite:///$dir/seed.db" measure "$wz" seed-demo)
rows=$(grep -E '^total ' "$dir/out.log" | awk '{print $2}')
summary=$(awk '/^Table /,/^total /' "$dir/out.log")
echo "  seeder (wizamart seed-demo): ${seed_s} s, peak RSS $((seed_rss / 1024)) MiB   [$rows rows]"
echo "$summary" | sed 's/^/    /'
ratio=$(awk -v a="$seed_s" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }')
echo "  ratio seeder / floor: $ratio (target <= 1.05); seeder peak RSS target < 64 MiB"

# Same rows: every business column of both databases. Leaf rows (addresses, listings, items)
# get other ids, because the floor writes them interleaved with their parents, so each table
# is compared without its own id, rows sorted; references to parents are compared as they are.
dump() {
  local t cols
  for t in users stores store_domains store_users store_themes customers customer_addresses \
    products marketplace_products orders order_items; do
    cols=$(sqlite3 "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t') WHERE name NOT IN ('id', 'created_at', 'updated_at')")
    sqlite3 "$1" "SELECT $cols FROM $t WHERE is_demo" | sort | md5sum
  done
}
if [ "$(dump "$dir/floor.db")" = "$(dump "$dir/seed.db")" ]; then
  echo "  the two databases hold the same rows"
else
  echo "  WARNING: the floor and the seeder wrote different rows"
fi
ok=1
awk -v r="$ratio" 'BEGIN { exit !(r <= 1.05) }' || ok=0
[ "$seed_rss" -lt $((64 * 1024)) ] || ok=0
[ "$ok" = 1 ] && echo "  targets met" || echo "  targets NOT met"
bench_result "seed-demo (SQLite, $stores x $per)" "bench/seed_floor ${floor_s} s" "$ratio" 1.05 \
  "bench/run.sh $build" || true
[ -n "${BENCH_ONLY_SEED:-}" ] && exit 0

# The same benchmark on PostgreSQL, then the others; one failing does not stop the rest.
# The backup and validate benchmarks share one seeded database.
BENCH_DB=$(bench_seeded_db "$root/$build" "$dir")
export BENCH_DB
for b in run_postgres run_startup run_backup run_validate run_server; do
  echo
  "$root/bench/$b.sh" "$build" || echo "  ($b.sh: exit $?)"
done
echo
"$root/bench/summary.sh" "$BENCH_RESULTS"
