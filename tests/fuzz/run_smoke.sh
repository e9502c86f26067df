#!/usr/bin/env bash
# The fuzz smoke test as TAP, for the test runner: builds the libFuzzer targets and runs each
# over its committed corpus plus a fixed number of mutations (make fuzz-smoke,
# tests/fuzz/fuzz.mk), one "ok N - fuzz/NAME" or "not ok N - fuzz/NAME" per target. It never
# skips: without clang or its fuzzer runtime every target is "not ok", with the fix.
# Exit status 0 only when every target passed.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1

names=()
for f in tests/fuzz/fuzz_*.c; do
  [ -f "$f" ] || continue
  n=${f#tests/fuzz/fuzz_}
  names+=("${n%.c}")
done
if [ ${#names[@]} -eq 0 ]; then
  echo "1..1"
  echo "not ok 1 - fuzz: no target in tests/fuzz/fuzz_*.c"
  exit 1
fi
echo "1..${#names[@]}"

fail_all() { # reason
  local i=0
  for n in "${names[@]}"; do
    i=$((i + 1))
    echo "not ok $i - fuzz/$n"
    echo "# $1"
  done
  exit 1
}

# The one reliable test of the toolchain is to link a fuzzer with it.
probe=$(mktemp -d "${TMPDIR:-/tmp}/wz-fuzz-probe.XXXXXX")
trap 'rm -rf "$probe"' EXIT
printf '%s\n' '#include <stddef.h>' \
  'int LLVMFuzzerTestOneInput(const unsigned char *d, size_t n);' \
  'int LLVMFuzzerTestOneInput(const unsigned char *d, size_t n) { (void)d; (void)n; return 0; }' \
  >"$probe/probe.c"
if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1 ||
  ! "${FUZZ_CC:-clang}" -fsanitize=fuzzer,address,undefined -o "$probe/probe" "$probe/probe.c" \
    >"$probe/log" 2>&1; then
  fail_all "cannot build a libFuzzer target with ${FUZZ_CC:-clang}: install clang and libclang-rt-14-dev (make deps)"
fi

# -k: one failing target must not hide the others' results. MAKE may name another make
# command line (words split on purpose).
# shellcheck disable=SC2206
make_cmd=(${MAKE:-make})
out=$("${make_cmd[@]}" --no-print-directory -k fuzz-smoke 2>&1)
rc=$?
i=0
failed=0
for n in "${names[@]}"; do
  i=$((i + 1))
  if grep -qx "fuzz/$n ok" <<<"$out"; then
    echo "ok $i - fuzz/$n"
  else
    echo "not ok $i - fuzz/$n"
    failed=1
  fi
done
if [ "$failed" -ne 0 ] || [ "$rc" -ne 0 ]; then
  while IFS= read -r line; do printf '# %s\n' "$line"; done <<<"$out"
  exit 1
fi
exit 0
