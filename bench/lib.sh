# shellcheck shell=bash
# Shared by the bench scripts: one result line per measured ratio, so `make bench` can end
# with one table of every benchmark (bench/summary.sh).
#
# bench_result NAME FLOOR RATIO TARGET COMMAND [lower|higher]
#   prints "  result: NAME: RATIO x the floor (FLOOR), target <= TARGET: met|NOT met" and,
#   when BENCH_RESULTS names a file, appends the fields to it tab-separated. "higher" is for a
#   throughput, where the ratio must be at least TARGET; TARGET "-" reports without one.
#   Returns 1 when the target is not met.
bench_result() {
  local name=$1 floor=$2 ratio=$3 target=$4 cmd=$5 dir=${6:-lower} met=met op='<='
  [ "$dir" = higher ] && op='>='
  if [ "$target" = - ]; then
    met='(no target)' op=''
  else
    awk -v r="$ratio" -v t="$target" -v d="$dir" 'BEGIN { exit !(d == "higher" ? r >= t : r <= t) }' || met='NOT met'
  fi
  if [ -n "$op" ]; then
    echo "  result: $name: $ratio x the floor ($floor), target $op $target: $met"
  else
    echo "  result: $name: $ratio x the floor ($floor), no target"
    target=''
  fi
  if [ -n "${BENCH_RESULTS:-}" ]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$floor" "$ratio" "${op:+$op }$target" "$met" "$cmd" >>"$BENCH_RESULTS"
  fi
  [ "$met" != 'NOT met' ]
}

# bench_seeded_db BUILD DIR: a migrated SQLite database with init-prod and the demo data of
# 200 stores x 300 customers, products and orders (about 84 MB) at DIR/big.db, or BENCH_DB
# when it names one (reused as it is). Prints the path.
bench_seeded_db() {
  local wz=$1/wizamart db=${BENCH_DB:-}
  if [ -n "$db" ]; then
    printf '%s\n' "$db"
    return
  fi
  db=$2/big.db
  (
    export DATABASE_URL="sqlite:///$db" SEED_REFERENCE_DATE=2026-06-15 SEED_RANDOM_SEED=42
    "$wz" migrate up >/dev/null
    "$wz" init-prod >/dev/null
    SEED_DEMO_STORES=${BENCH_STORES:-200} SEED_CUSTOMERS_PER_STORE=${BENCH_PER_STORE:-300} \
      SEED_PRODUCTS_PER_STORE=${BENCH_PER_STORE:-300} SEED_ORDERS_PER_STORE=${BENCH_PER_STORE:-300} \
      "$wz" seed-demo >/dev/null
  )
  printf '%s\n' "$db"
}

# bench_big_db_setup ROOT BUILD NAME: the common start of the benchmarks on the 200-store
# database: sets wz (the binary), n (BENCH_REPEAT, 5), dir (a temporary folder removed at
# exit) and db (bench_seeded_db's path), and exports MIGRATIONS_DIR and DATABASE_URL.
bench_big_db_setup() {
  wz="$1/$2/wizamart"
  n=${BENCH_REPEAT:-5}
  [ -x "$wz" ] || { echo "bench: build first (make bench)" >&2; exit 1; }
  [ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
  dir=$(mktemp -d "/tmp/wz-bench-$3.XXXXXX")
  # shellcheck disable=SC2064 # the folder is known now
  trap "rm -rf '$dir'" EXIT
  export MIGRATIONS_DIR="$1/migrations/versions"
  db=$(bench_seeded_db "$1/$2" "$dir")
  export DATABASE_URL="sqlite:///$db"
}

# bench_pair N FLOOR_CMD CMD [PREP_CMD]: runs the floor and the command N times each,
# alternating (so a neighbour's burst hits both alike), each timed with /usr/bin/time;
# PREP_CMD runs untimed before every run (e.g. removing the previous output). Prints
# "floor_wall cmd_wall floor_cpu cmd_cpu": medians in seconds, CPU = user + system.
bench_pair() {
  local n=$1 floor=$2 cmd=$3 prep=${4:-true} i log
  log=$(mktemp /tmp/wz-bench-pair.XXXXXX)
  for ((i = 0; i < n; i++)); do
    eval "$prep"
    /usr/bin/time -f 'floor %e %U %S' -a -o "$log" bash -c "$floor" >/dev/null 2>&1 || { rm -f "$log"; echo "bench: failed: $floor" >&2; return 1; }
    eval "$prep"
    /usr/bin/time -f 'cmd %e %U %S' -a -o "$log" bash -c "$cmd" >/dev/null 2>&1 || { rm -f "$log"; echo "bench: failed: $cmd" >&2; return 1; }
  done
  python3 - "$log" <<'PY'
import statistics, sys
v = {"floor": ([], []), "cmd": ([], [])}
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 4 and p[0] in v:
        v[p[0]][0].append(float(p[1]))
        v[p[0]][1].append(float(p[2]) + float(p[3]))
m = statistics.median
print("%.3f %.3f %.3f %.3f" % (m(v["floor"][0]), m(v["cmd"][0]), m(v["floor"][1]), m(v["cmd"][1])))
PY
  rm -f "$log"
}

# bench_ratio A B: A / B to two decimals.
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
