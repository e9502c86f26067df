#!/usr/bin/env bash
# backends: any (no database is opened: the modes are checked before anything is touched)
# The seeding modes are one table (src/seed/seed_modes.c): docs/seeding.md's table says what
# `seed-demo --help` prints, each mode's make target runs it (and `make seed-demo MODE=NAME`),
# `make help` lists each with its summary, and an unknown mode is one error line, exit 2, with
# a "did you mean". The modes are read from --help, so a new mode is checked without this
# file changing.
source "$(dirname "$0")/lib.sh"

# The help's modes section as docs/seeding.md's table rows: "  NAME[ (the default)]: make
# TARGET", the summary under it (6 spaces), then "- writes ..." (continued at 8 spaces).
help_rows() {
  "$WZ_BIN" seed-demo --help | python3 -c '
import re, sys
text = sys.stdin.read()
head = "\nmodes (--mode NAME, or make TARGET):\n"
if head not in text:
    sys.exit("no modes section in seed-demo --help")
rows = []
for line in text.split(head, 1)[1].split("\n\n", 1)[0].splitlines():
    m = re.match(r"^  (\S+)( \(the default\))?: make (\S+)$", line)
    if m:
        rows.append([m.group(1), m.group(2) or "", m.group(3), [], []])
    elif rows and line.startswith("      - "):
        rows[-1][4].append(line[8:])
    elif rows and rows[-1][4] and line.startswith("        "):
        rows[-1][4].append(line.strip())
    elif rows and not rows[-1][4] and line.startswith("      "):
        rows[-1][3].append(line.strip())
    else:
        sys.exit("unexpected line in the modes section: %r" % line)
for name, default, target, summary, writes in rows:
    print("| `%s`%s | `make %s` | %s | %s |" % (name, default, target, " ".join(summary), " ".join(writes)))
'
}
docs_rows() {
  awk '/^\| mode \| make target \|/ { on = 1; getline; next } on && /^\|/ { print; next } on { exit }' \
    "$WZ_ROOT/docs/seeding.md"
}
# NAME TARGET per mode, from the help.
modes() { help_rows | sed -n 's/^| `\([^`]*\)`[^|]* | `make \([^`]*\)`.*/\1 \2/p'; }

test_docs_table_is_the_help() {
  local h d
  h=$(help_rows) || fail "cannot read the modes from seed-demo --help"
  d=$(docs_rows)
  [ -n "$h" ] || fail "no mode in seed-demo --help"
  [ "$h" == "$d" ] || fail "docs/seeding.md's table of modes differs from seed-demo --help:
$(diff <(echo "$d") <(echo "$h"))"
}

test_each_mode_has_its_make_target() {
  local name target n summary
  [ -n "$(modes)" ] || fail "no mode in seed-demo --help"
  while read -r name target; do
    n=$(make -s -n -C "$WZ_ROOT" "$target" YES=1 2>&1 | grep 'seed-demo')
    [[ "$n" == *"seed-demo --mode $name --yes"* ]] || fail "make $target YES=1 runs: $n"
    n=$(make -s -n -C "$WZ_ROOT" seed-demo MODE="$name" 2>&1 | grep 'seed-demo')
    [[ "$n" == *"seed-demo --mode $name "* ]] || fail "make seed-demo MODE=$name runs: $n"
    summary=$(help_rows | awk -F' [|] ' -v n="| \`$name\`" 'index($1, n) == 1 { print $3 }')
    make -s -C "$WZ_ROOT" help | grep -qF "  make $(printf '%-24s' "$target") $summary" ||
      fail "make help does not list $target with '$summary'"
  done < <(modes)
  n=$(make -s -n -C "$WZ_ROOT" seed-demo-reset 2>&1 | grep 'seed-demo')
  [[ "$n" != *"--yes"* ]] || fail "make seed-demo-reset without YES confirms: $n"
}

test_unknown_mode_suggests_the_nearest() {
  local first
  first=$(modes | awk 'NR == 2 { print $1 }')
  [ -n "$first" ] || first=$(modes | awk 'NR == 1 { print $1 }')
  run seed-demo --mode "${first}x"
  expect_rc 2
  expect_err "unknown mode '${first}x' for 'wizamart seed-demo'; did you mean '$first'?"
  expect_eq "$(grep -c '^error:' <<<"$err")" "1" "error lines"
  run seed-demo --mode xyzzyxyzzy
  expect_rc 2
  expect_err "unknown mode 'xyzzyxyzzy' for 'wizamart seed-demo': use one of $(modes | awk '{ print $1 }' | paste -sd, | sed 's/,/, /g')"
  expect_no_err "did you mean"
}

run_tests
