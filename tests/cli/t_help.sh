#!/usr/bin/env bash
# backends: any (no database is opened: usage is checked before anything is touched)
# Every command of the command table, as `wizamart --help` lists it, answers
# `COMMAND [SUB] --help` with exit 0 and its usage line on stdout, and refuses an unknown
# option with exit 2 and one error line on stderr. The list is read from --help, so a new
# command is checked without this file changing.
source "$(dirname "$0")/lib.sh"

# `wizamart --help` lists each command as "  NAME [SUB] [ARGS...]  description"; a
# subcommand follows its group after exactly one space, where the description of a command
# without arguments starts after several ("  init-prod      admin user, ...").
commands() {
  "$WZ_BIN" --help | sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\{0,1\}\)\( .*\)\{0,1\}$/\1/p'
}
command_lines() { "$WZ_BIN" --help | sed -n '/^commands:$/,/^$/p' | grep -c '^  [a-z]'; }

# As lib.sh's run, under a time limit: a command that took --no-such-option for an argument
# (serve, a long migration) must fail the case, not hang the suite.
run_limited() {
  local o e
  o=$(mktemp) e=$(mktemp)
  timeout -s KILL 20 "$WZ_BIN" "$@" >"$o" 2>"$e" </dev/null
  rc=$?
  out=$(cat "$o") err=$(cat "$e")
  rm -f "$o" "$e"
}

test_help_lists_the_commands() {
  local n
  n=$(commands | grep -c .)
  [ "$n" -gt 0 ] || fail "no command found in wizamart --help: $("$WZ_BIN" --help)"
  expect_eq "$n" "$(command_lines)" "commands read from the lines of wizamart --help"
}

# The README's command list is the one --help prints: each command with its arguments, as
# the command table has them (a README that drifted from --help is what issue 15 found).
test_readme_lists_every_command_as_help_does() {
  local usage
  while IFS= read -r usage; do
    grep -qF -- "  $usage  " "$WZ_ROOT/README.md" ||
      fail "README.md does not list '$usage' as wizamart --help does"
  done < <("$WZ_BIN" --help | awk '/^  [a-z]/ { l = $0; sub(/^  /, "", l); split(l, p, /   +/); print p[1] }')
  return 0
}

test_every_command_answers_help_on_stdout() {
  local c
  while read -r c; do
    # shellcheck disable=SC2086 # "GROUP SUB" is two words
    run_limited $c --help
    expect_rc 0 "$c --help"
    [[ "$out" == "usage: wizamart "*" $c"* ]] || fail "$c --help: no usage line first on stdout: $out"
    expect_eq "$err" "" "stderr of $c --help"
  done < <(commands)
}

test_every_group_answers_help_on_stdout() {
  local g
  while read -r g; do
    run_limited "$g" --help
    expect_rc 0 "$g --help"
    [[ "$out" == "usage: wizamart [--env-file PATH] $g COMMAND"* ]] ||
      fail "$g --help: no usage line first on stdout: $out"
    expect_eq "$err" "" "stderr of $g --help"
  done < <(commands | awk 'NF == 2 { print $1 }' | sort -u)
}

test_every_command_refuses_an_unknown_option_with_exit_2() {
  local c first
  while read -r c; do
    # shellcheck disable=SC2086 # "GROUP SUB" is two words
    run_limited $c --no-such-option
    expect_rc 2 "$c --no-such-option"
    expect_eq "$out" "" "stdout of $c --no-such-option"
    first=$(head -n 1 <<<"$err")
    [[ "$first" == "error: "*"'--no-such-option'"* ]] ||
      fail "$c --no-such-option: the first line of stderr is not the error naming the option: $err"
    expect_eq "$(grep -c '^error: ' <<<"$err")" "1" "error lines of $c --no-such-option"
  done < <(commands)
}

run_tests
