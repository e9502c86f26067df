#!/usr/bin/env bash
# Prints the Makefile's targets from their `## text` comments, grouped by `##@ Group` lines in
# the order of the guide's "Key Commands Summary" (Setup, Migrations, Initialization, Demo
# Data, Database Utilities, Development, Help). --db keeps the database targets only
# (make help-db): the database groups, and the db-* targets of Setup.
set -euo pipefail
db=0
if [ "${1:-}" = "--db" ]; then db=1; shift; fi
awk -v db="$db" '
  /^##@ / { group = substr($0, 5); dbgroup = group ~ /Migrations|Initialization|Demo|Database/;
            show = !db || dbgroup || group == "Setup"; header = 0; next }
  /^[a-zA-Z0-9_-]+:.*## / {
    if (!show) next
    split($0, a, ":")
    if (db && !dbgroup && a[1] !~ /^db-/) next
    if (!header) { printf "\n%s\n", group; header = 1 }
    sub(/^.*## /, "", $0)
    printf "  make %-24s %s\n", a[1], $0
  }
' "$@"
if [ "$db" -eq 1 ]; then
  echo
  echo "Variables: message=\"...\" (migrate-create), YES=1 (confirm seed-demo-reset and db-reset),"
  echo "ENV_FILE=path (another .env). Every target runs build/wizamart; see 'build/wizamart --help'."
fi
