#!/usr/bin/env bash
# backends: any (no database is opened: the backend does not matter)
# The command-line contract of docs/cli.md that every command shares: usage errors exit 2 with
# usage on stderr and nothing on stdout, --help and --version exit 0 on stdout, colours only on
# a terminal and never with NO_COLOR.
source "$(dirname "$0")/lib.sh"

test_no_arguments_prints_usage_and_exits_2() {
  run
  expect_rc 2
  expect_err "usage: wizamart [--env-file PATH] COMMAND [OPTIONS]"
  expect_err "config show"
  expect_eq "$out" "" "stdout"
}

test_unknown_command_exits_2_with_usage() {
  run frobnicate
  expect_rc 2
  expect_err "unknown command 'frobnicate'"
  expect_err "usage: wizamart"
  expect_eq "$out" "" "stdout"
}

test_unknown_global_option_exits_2_with_usage() {
  run --frobnicate config show
  expect_rc 2
  expect_err "unknown option '--frobnicate'"
  expect_err "usage: wizamart"
  expect_eq "$out" "" "stdout"
}

test_unknown_subcommand_exits_2_with_usage() {
  run config frobnicate
  expect_rc 2
  expect_err "unknown command 'wizamart config frobnicate'"
  expect_err "usage: wizamart [--env-file PATH] config COMMAND"
  expect_eq "$out" "" "stdout"
}

test_command_without_subcommand_exits_2_with_usage() {
  run config
  expect_rc 2
  expect_err "usage: wizamart [--env-file PATH] config COMMAND"
  expect_err "config show"
  expect_err "config validate"
  expect_eq "$out" "" "stdout"
}

test_unknown_command_option_exits_2_with_usage() {
  run config show --frobnicate
  expect_rc 2
  expect_err "unknown option '--frobnicate' for 'wizamart config show'"
  expect_err "usage: wizamart [--env-file PATH] config show"
  expect_eq "$out" "" "stdout"
  run config validate -x
  expect_rc 2
  expect_err "unknown option '-x'"
}

test_unexpected_argument_exits_2() {
  run config show extra
  expect_rc 2
  expect_err "unexpected argument 'extra'"
  expect_eq "$out" "" "stdout"
}

test_flag_given_a_value_exits_2() {
  run config show --json=yes
  expect_rc 2
  expect_err "option '--json' takes no value"
}

test_env_file_without_path_exits_2() {
  run --env-file
  expect_rc 2
  expect_err "'--env-file' needs a path"
}

test_help_exits_0_on_stdout() {
  local flag
  for flag in --help -h; do
    run "$flag"
    expect_rc 0 "$flag"
    expect_out "usage: wizamart [--env-file PATH] COMMAND [OPTIONS]"
    expect_out "wizamart --version | --help"
    expect_out "config show"
    expect_out "config validate"
    expect_eq "$err" "" "stderr of $flag"
  done
}

test_version_exits_0() {
  run --version
  expect_rc 0
  [[ "$out" =~ ^wizamart\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "bad version line: '$out'"
  expect_eq "$err" "" "stderr"
}

test_config_help_lists_subcommands() {
  local flag
  for flag in --help -h; do
    run config "$flag"
    expect_rc 0 "config $flag"
    expect_out "usage: wizamart [--env-file PATH] config COMMAND"
    expect_out "config show"
    expect_out "config validate"
    expect_out "production checks"
    expect_eq "$err" "" "stderr"
  done
}

test_subcommand_help() {
  run config show --help
  expect_rc 0
  expect_out "usage: wizamart [--env-file PATH] config show [--json]"
  expect_out "--json"
  expect_out "-h, --help"
  run config validate -h
  expect_rc 0
  expect_out "usage: wizamart [--env-file PATH] config validate"
  expect_out "exit 1 on any warning in production"
}

test_help_needs_no_valid_settings() {
  # asking for help must work even while a setting is wrong
  printf 'SEED_DEMO_STORES=-1\n' >.env
  DEBUG=maybe run config show --help
  expect_rc 0
  expect_out "config show"
  run --env-file missing.env config --help
  expect_rc 0
}

test_global_option_after_command_is_not_global() {
  run config show --env-file x.env
  expect_rc 2
  expect_err "unknown option '--env-file'"
}

test_no_escape_codes_when_not_a_terminal() {
  printf 'ADMIN_PASWORD=x\n' >.env
  ENVIRONMENT=production run config validate
  expect_rc 1
  expect_out "⚠"
  expect_err "warning:"
  [[ "$out$err" != *$'\033'* ]] || fail "escape codes in redirected output: $out $err"
  run frobnicate
  [[ "$err" != *$'\033'* ]] || fail "escape codes in redirected stderr: $err"
}

# Runs the binary on a pseudo-terminal (script(1)); sets $tty_out to what it printed.
run_on_tty() {
  local cmd
  printf -v cmd '%q ' "$WZ_BIN" "$@"
  tty_out=$(script -qec "$cmd" /dev/null </dev/null)
}

test_colours_on_a_terminal_unless_no_color() {
  # A missing tool fails the case: a skip would pass it with nothing checked.
  command -v script >/dev/null ||
    { fail "script(1) is missing: install util-linux's bsdutils (apt-get install bsdutils; make deps)"; return; }
  export ENVIRONMENT=production
  run_on_tty config validate
  [[ "$tty_out" == *$'\033['* ]] || fail "no colour on a terminal: $tty_out"
  [[ "$tty_out" == *"default admin password"* ]] || fail "unexpected output: $tty_out"
  NO_COLOR=1 run_on_tty config validate
  [[ "$tty_out" != *$'\033'* ]] || fail "escape codes with NO_COLOR=1: $tty_out"
  [[ "$tty_out" == *"default admin password"* ]] || fail "unexpected output: $tty_out"
  NO_COLOR=1 run_on_tty frobnicate
  [[ "$tty_out" == *"unknown command"* ]] || fail "unexpected output: $tty_out"
  [[ "$tty_out" != *$'\033'* ]] || fail "escape codes on stderr with NO_COLOR=1: $tty_out"
}

run_tests
