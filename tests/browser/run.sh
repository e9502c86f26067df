#!/usr/bin/env bash
# The panels in a real browser: Debian's chromium driven by puppeteer-core (package.json pins
# it) under Node's own test runner. Builds nothing: WZ_BIN (default build/wizamart) is the
# binary under test. Makes a throwaway SQLite database (migrate up, init-prod, seed-demo),
# starts `wizamart serve --port 0` on it, runs tests/browser/*.test.mjs with WZ_URL exported,
# stops the server and prints the TAP. Fails, never skips, when something it needs is missing.
# Screenshots are kept in $WZ_ARTIFACTS (default: a new temp folder; its path is printed).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
WZ_BIN=${WZ_BIN:-$root/build/wizamart}

missing() { echo "Bail out! $1: install chromium / run make deps"; exit 1; }
[ -x /usr/bin/chromium ] || missing "/usr/bin/chromium is missing"
[ -f "$root/node_modules/puppeteer-core/package.json" ] || missing "node_modules/puppeteer-core is missing"
command -v node >/dev/null || missing "node is missing"
[ -x "$WZ_BIN" ] || { echo "Bail out! $WZ_BIN is missing: run make build"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/wz-browser.XXXXXX")
export WZ_ARTIFACTS=${WZ_ARTIFACTS:-$work/artifacts}
mkdir -p "$WZ_ARTIFACTS"
server_pid=""
cleanup() {
  [ -z "$server_pid" ] || { kill -TERM "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; }
  # The artifacts stay; the database and logs go unless asked to keep them.
  [ -n "${WZ_KEEP:-}" ] || rm -rf "$work/db.sqlite" "$work/db.sqlite-wal" "$work/db.sqlite-shm"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export DATABASE_URL="sqlite:///$work/db.sqlite"
export MIGRATIONS_DIR="$root/migrations/versions"
for step in "migrate up" init-prod seed-demo; do
  # shellcheck disable=SC2086
  "$WZ_BIN" $step >"$work/setup.log" 2>&1 || { echo "Bail out! $step failed:"; sed 's/^/# /' "$work/setup.log"; exit 1; }
done

"$WZ_BIN" serve --port 0 >"$work/server.out" 2>"$work/server.err" </dev/null &
server_pid=$!
port=""
for _ in $(seq 1 200); do
  port=$(sed -n 's|^API available at: http://[^:]*:\([0-9]*\)$|\1|p' "$work/server.out" 2>/dev/null)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$port" ]; then
  echo "Bail out! the server did not start"
  sed 's/^/# /' "$work/server.out" "$work/server.err"
  exit 1
fi
# localhost: the browser treats it as a secure origin, so it keeps the __Host- Secure cookie.
export WZ_URL="http://localhost:$port"

echo "# screenshots: $WZ_ARTIFACTS"
cd "$root" || exit 1
node --test --test-concurrency=1 --test-reporter=tap tests/browser/
rc=$?
if [ $rc -ne 0 ]; then
  echo "# server log (last lines):"
  tail -n 30 "$work/server.err" | sed 's/^/# /'
fi
echo "# screenshots: $WZ_ARTIFACTS"
exit $rc
