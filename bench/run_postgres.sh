#!/usr/bin/env bash
# The seeder benchmark on PostgreSQL (make bench runs it after the SQLite one): seed-demo at
# the benchmark scale (BENCH_STORES x BENCH_PER_STORE, as bench/run.sh) against the floor
# program bench/pg_seed_floor.c, which COPYs the same rows, generated the same way, in one
# transaction. Both run in the same invocation against a throwaway server started here
# (tests/pg/pg_server.sh: local, fsync off) and stopped at exit, each into its own copy of
# one database prepared with migrate up + init-prod (CREATE DATABASE ... TEMPLATE), with a
# CHECKPOINT before each. Both are timed as whole processes with /usr/bin/time (wall clock,
# peak RSS); the server runs on the same machine, so its work is in both figures. BENCH_REPEAT
# (1) runs of each, alternating, each pair into fresh copies; the figures are medians. After
# the first pair the two databases' canonical exports (db export --exclude-timestamps) must be
# byte-identical. Targets: seeder <= 1.05 x floor (issue 13), seeder peak RSS < 64 MiB.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
wz="$root/$build/wizamart"
floor="$root/$build/bench/pg_seed_floor"
stores=${BENCH_STORES:-200}
per=${BENCH_PER_STORE:-1000}
repeat=${BENCH_REPEAT:-1}
[ -x "$wz" ] && [ -x "$floor" ] || { echo "bench: build first (make bench)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
dir=$(mktemp -d /tmp/wz-bench.XXXXXX)
pgdir=$(mktemp -d /tmp/wz-bench-pg.XXXXXX) # handed to the server's user by pg_server.sh
trap '"$root/tests/pg/pg_server.sh" stop "$pgdir" || true; rm -rf "$dir"' EXIT
pg_env=$("$root/tests/pg/pg_server.sh" start "$pgdir")
eval "$pg_env"
base=${WZ_PG_URL%/*}
# Setup and CHECKPOINT as the server's superuser, over its Unix socket.
admin() { psql -qX -h "$pgdir" -p "$WZ_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@" >/dev/null; }

export MIGRATIONS_DIR="$root/migrations/versions" SEED_REFERENCE_DATE=2026-06-15 SEED_RANDOM_SEED=42
admin -c "CREATE DATABASE bench_base OWNER wz"
DATABASE_URL="$base/bench_base" "$wz" migrate up >/dev/null
DATABASE_URL="$base/bench_base" "$wz" init-prod >/dev/null
# Both databases are copies of it, so both start from the same rows (the admin's hash too).
# FORCE (PostgreSQL 13+): the backend of a client that just exited may still be closing.
fresh_dbs() {
  admin -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS bench_floor WITH (FORCE)" \
    -c "DROP DATABASE IF EXISTS bench_seed WITH (FORCE)"
  admin -c "CREATE DATABASE bench_floor TEMPLATE bench_base OWNER wz"
  admin -c "CREATE DATABASE bench_seed TEMPLATE bench_base OWNER wz"
}

# Runs a command under /usr/bin/time; prints "seconds max_rss_kib".
measure() {
  local log="$dir/time.log"
  /usr/bin/time -v -o "$log" "$@" >"$dir/out.log" 2>&1 || { cat "$dir/out.log" "$log" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  echo "$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }') $rss"
}

version=$(psql -XAtq -d "$base/bench_base" -c "SHOW server_version")
echo "seed-demo benchmark: $stores stores x $per customers, products and orders (PostgreSQL $version, local throwaway server), $repeat run(s) each"
floor_all='' seed_all='' seed_rss=0
for ((run = 1; run <= repeat; run++)); do
  fresh_dbs
  admin -c CHECKPOINT
  read -r floor_s floor_rss < <(DATABASE_URL="$base/bench_floor" measure "$floor" "$stores" "$per" "$per" "$per" 42 2026-06-15 EUR)
  echo "  floor (bench/pg_seed_floor): ${floor_s} s, peak RSS $((floor_rss / 1024)) MiB   [$(cat "$dir/out.log")]"
  admin -c CHECKPOINT
  read -r seed_s rss < <(SEED_DEMO_STORES=$stores SEED_CUSTOMERS_PER_STORE=$per SEED_PRODUCTS_PER_STORE=$per \
    SEED_ORDERS_PER_STORE=$per DATABASE_URL="$base/bench_seed" measure "$wz" seed-demo)
  rows=$(grep -E '^total ' "$dir/out.log" | awk '{print $2}')
  echo "  seeder (wizamart seed-demo): ${seed_s} s, peak RSS $((rss / 1024)) MiB   [$rows rows]"
  floor_all="$floor_all $floor_s" seed_all="$seed_all $seed_s"
  [ "$rss" -gt "$seed_rss" ] && seed_rss=$rss
  [ "$run" = 1 ] || continue
  awk '/^Table /,/^total /' "$dir/out.log" | sed 's/^/    /'
  DATABASE_URL="$base/bench_floor" "$wz" db export --exclude-timestamps --output "$dir/floor.txt" >/dev/null
  DATABASE_URL="$base/bench_seed" "$wz" db export --exclude-timestamps --output "$dir/seed.txt" >/dev/null
  if cmp -s "$dir/floor.txt" "$dir/seed.txt"; then
    echo "  the two databases hold the same rows (db export --exclude-timestamps: byte-identical)"
  else
    echo "  WARNING: the floor and the seeder wrote different rows"
  fi
  rm -f "$dir/floor.txt" "$dir/seed.txt"
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
floor_s=$(median <<<"$floor_all") seed_s=$(median <<<"$seed_all")
ratio=$(awk -v a="$seed_s" -v b="$floor_s" 'BEGIN { printf "%.2f", a / b }')
[ "$repeat" = 1 ] || echo "  medians of $repeat runs: floor $floor_s s (runs:$floor_all), seeder $seed_s s (runs:$seed_all)"
echo "  ratio seeder / floor: $ratio (target <= 1.05); seeder peak RSS $((seed_rss / 1024)) MiB (target < 64 MiB)"

ok=1
awk -v r="$ratio" 'BEGIN { exit !(r <= 1.05) }' || ok=0
[ "$seed_rss" -lt $((64 * 1024)) ] || ok=0
[ "$ok" = 1 ] && echo "  targets met" || echo "  targets NOT met"
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
bench_result "seed-demo (PostgreSQL, $stores x $per)" "bench/pg_seed_floor ${floor_s} s" "$ratio" 1.05 \
  "bench/run_postgres.sh $build" || true
