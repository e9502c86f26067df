#!/usr/bin/env bash
# The style gate: clang-format against .clang-format, then cppcheck over src/.
set -euo pipefail
files=$(find src tests $(test -d bench && echo bench) -name '*.[ch]' | sort)
clang-format --dry-run --Werror $files
cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
  --std=c11 --inline-suppr -D__GNUC__ -Isrc --suppress=missingIncludeSystem src
echo "lint: ok"
