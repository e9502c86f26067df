#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, only those missing, saying which.
# Uses sudo when not root. Costs nothing once everything is installed.
#   scripts/deps.sh         what building and running the platform needs (make setup)
#   scripts/deps.sh --dev   that and the developer tools: tests, lint, fuzzing, browsers,
#                           benchmarks (make deps-dev; make test and CI run it)
set -euo pipefail
need=(gcc make pkg-config libsqlite3-dev sqlite3 libpq-dev libsodium-dev libjansson-dev
      libmicrohttpd-dev postgresql-client curl)
if [ "${1:-}" = "--dev" ]; then
  need+=(libcmocka-dev libargon2-dev postgresql clang-format cppcheck valgrind python3 time
         clang libclang-rt-14-dev wrk shellcheck chromium procps jq)
fi
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm build /docs (swagger-ui-dist) and run the browser tests: the machine's own
# when it has them, Debian's otherwise.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
