#!/usr/bin/env bash
# The files the code and the docs cite must exist (issue 15: code cites only docs that exist
# in the repository). Every path under docs/, tests/, scripts/ or bench/ named in src/,
# docs/, README.md or bench/README.md is checked (not URL paths such as /docs/x.css): one
# line per missing path, exit 1.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
missing=0
while read -r path; do
  [ -e "$path" ] && continue
  echo "error: '$path' is cited but does not exist; fix the reference or add the file" >&2
  missing=1
done < <(grep -rhoP '(?<![/\w])(docs|tests|scripts|bench)/[\w./-]+\.(md|sh|c|h|py|mjs)(?!\w)' \
  src docs README.md bench/README.md | sort -u)
exit $missing
