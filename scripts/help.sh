#!/usr/bin/env bash
# Prints the Makefile's targets from their `## text` comments, grouped by `##@ Group` lines in
# the order of the guide's "Key Commands Summary" (Setup, Migrations, Initialization, Demo
# Data, Database Utilities, Development, Help). --db keeps the database targets only
# (make help-db): the database groups, and the db-* targets of Setup.
# A line `#@ seed-modes` stands for the targets of the seeding modes (scripts/seed_modes.sh).
set -euo pipefail
db=0
if [ "${1:-}" = "--db" ]; then db=1; shift; fi
modes=$("$(dirname "$0")/seed_modes.sh")
awk -v db="$db" -v modes="$modes" '
  /^##@ / { group = substr($0, 5); dbgroup = group ~ /Migrations|Initialization|Demo|Database/;
            show = !db || dbgroup || group == "Setup"; header = 0; next }
  /^#@ seed-modes/ {
    if (!show || db && !dbgroup) next
    if (!header) { printf "\n%s\n", group; header = 1 }
    n = split(modes, rows, "\n")
    for (i = 1; i <= n; i++) {
      split(rows[i], f, "\t")
      printf "  make %-24s %s\n", f[1], f[3]
    }
    next
  }
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
  echo "MODE=name (make seed-demo: another seeding mode; seed-demo --help lists them),"
  echo "ENV_FILE=path (another .env). Every target runs build/wizamart; see 'build/wizamart --help'."
fi
