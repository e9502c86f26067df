#!/usr/bin/env bash
# The start-up benchmark (make bench): three commands that have nothing to do on an
# up-to-date SQLite database, against the sqlite3 CLI reading the row `migrate status` reads
# (the floor: a process that opens the same file and runs one query). hyperfine runs each
# BENCH_RUNS (200) times after 20 warm-ups, interleaving nothing else; the figure is the
# median wall time (the mean moves with the machine's neighbours). Target: each command
# within 1.5 x the floor. With BENCH_BASELINE=path, that binary (e.g. one linked with libpq)
# is measured too, for a before/after.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
wz="$root/$build/wizamart"
runs=${BENCH_RUNS:-200}
[ -x "$wz" ] || { echo "bench: build first (make bench)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 1; }
dir=$(mktemp -d /tmp/wz-bench-startup.XXXXXX)
trap 'rm -rf "$dir"' EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"

export MIGRATIONS_DIR="$root/migrations/versions"
export DATABASE_URL="sqlite:///$dir/startup.db"
"$wz" migrate up >/dev/null
"$wz" init-prod >/dev/null
floor_cmd="sqlite3 $dir/startup.db 'SELECT revision FROM wizamart_migrations'"
cmds=("$wz migrate status" "$wz config show" "$wz init-prod")
if [ -n "${BENCH_BASELINE:-}" ]; then
  cmds+=("$BENCH_BASELINE migrate status" "$BENCH_BASELINE config show" "$BENCH_BASELINE init-prod")
fi
hyperfine -N --style none --warmup 20 --runs "$runs" --export-json "$dir/h.json" "$floor_cmd" "${cmds[@]}" >/dev/null 2>&1 ||
  { echo "bench: hyperfine failed" >&2; exit 1; }

echo "start-up benchmark: median of $runs runs (hyperfine -N), SQLite $(sqlite3 --version | cut -d' ' -f1), $(ldd "$wz" | wc -l) shared objects (sqlite3: $(ldd "$(command -v sqlite3)" | wc -l))"
python3 - "$dir/h.json" "$root/" <<'PY' >"$dir/table"
import json, sys
res = json.load(open(sys.argv[1]))["results"]
floor = res[0]["median"]
for r in res:
    cmd = r["command"].replace(sys.argv[2], "")
    print("%.2f\t%.2f\t%.2f\t%s" % (r["median"] * 1000, min(r["times"]) * 1000, r["median"] / floor, cmd))
PY
printf '  %-52s %9s %9s %8s\n' "command" "median ms" "min ms" "x floor"
fail=0
first=1
while IFS=$'\t' read -r med min ratio cmd; do
  short=${cmd//$dir\//}
  printf '  %-52s %9s %9s %8s\n' "$short" "$med" "$min" "$ratio"
  if [ "$first" = 1 ]; then
    first=0
    floor_ms=$med
    continue
  fi
  case "$cmd" in "$build/wizamart "*) ;; *) continue ;; esac
  sub=${cmd#"$build/wizamart "}
  bench_result "start-up: $sub" "sqlite3 DB 'SELECT revision ...' ${floor_ms} ms" "$ratio" 1.5 \
    "bench/run_startup.sh $build" || fail=1
done <"$dir/table"
exit $fail
