#!/usr/bin/env bash
# Prints the Makefile's targets from their `## text` comments, grouped by `##@ Group` lines.
# --db keeps the database groups only (make help-db).
set -euo pipefail
db=0
if [ "${1:-}" = "--db" ]; then db=1; shift; fi
awk -v db="$db" '
  /^##@ / { group = substr($0, 5); show = !db || group ~ /Database|Migrations|Initialization|Demo|Utilities/;
            if (show) printf "\n%s\n", group; next }
  /^[a-zA-Z0-9_-]+:.*## / { if (!show) next; split($0, a, ":"); sub(/^.*## /, "", $0);
            printf "  make %-24s %s\n", a[1], $0 }
' "$@"
