#!/usr/bin/env bash
# The style gate: clang-format against .clang-format, cppcheck over src/, the layering check
# (scripts/check_dialects.sh: SQLite and libpq only in src/db/), the cited files existing
# (scripts/check_doc_refs.sh), then shellcheck
# (.shellcheckrc) over the shell scripts of scripts/ and tests/.
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=(src tests)
[ -d bench ] && dirs+=(bench)
mapfile -t files < <(find "${dirs[@]}" -name '*.[ch]' | sort)
clang-format --dry-run --Werror "${files[@]}"
cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
  --std=c11 --inline-suppr -D__GNUC__ -Isrc --suppress=missingIncludeSystem src
scripts/check_dialects.sh
scripts/check_doc_refs.sh
command -v shellcheck >/dev/null || { echo "lint: shellcheck is missing; run make deps" >&2; exit 1; }
mapfile -t scripts < <(find scripts tests -name '*.sh' -not -path '*/node_modules/*' | sort)
shellcheck --external-sources --severity=warning "${scripts[@]}"
echo "lint: ok"
