#!/usr/bin/env bash
# backends: any (no database is opened: only the settings are read)
# .env.example, the settings table and `config show` agree (issue 15, "Each fact once"): the
# table is what `config show --json` prints, so every setting it lists is set exactly once in
# .env.example, .env.example sets nothing else, and each value the file shows is the table's
# default, so that copying it to .env changes nothing. (The README's command list is checked
# against `wizamart --help` in t_help.sh.)
source "$(dirname "$0")/lib.sh"

EXAMPLE="$WZ_ROOT/.env.example"
command -v jq >/dev/null || { echo "Bail out! jq is missing; run make deps-dev"; exit 1; }
[ -f "$EXAMPLE" ] || { echo "Bail out! $EXAMPLE is missing"; exit 1; }

# The settings table, as config show --json prints it with no .env: "NAME<TAB>VALUE" lines.
table() { "$WZ_BIN" config show --json | jq -r '.settings[] | [.name, .value] | @tsv'; }
# The names .env.example sets, one a line, in file order (repeats kept).
example_names() { sed -n 's/^\([A-Z][A-Z0-9_]*\)=.*/\1/p' "$EXAMPLE"; }

test_every_setting_is_in_the_example_once() {
  local names name n
  names=$(table | cut -f1)
  [ -n "$names" ] || fail "config show --json lists no setting"
  while read -r name; do
    n=$(example_names | grep -cx "$name")
    [ "$n" -eq 1 ] || fail "$name is set $n times in .env.example, not once"
  done <<<"$names"
  while read -r name; do
    grep -qx "$name" <<<"$names" || fail ".env.example sets $name, which is not a setting"
  done < <(example_names)
}

# The parser's view of the file agrees with the grep above: loaded as a .env, it is the
# source of every setting, and it sets nothing the table lacks (which would be warned about).
test_the_example_loads_as_the_source_of_every_setting() {
  run --env-file "$EXAMPLE" config show --json
  expect_rc 0
  expect_eq "$err" "" "stderr of config show with .env.example"
  local others
  others=$(jq -r '.settings[] | select(.source != "dotenv") | .name' <<<"$out")
  expect_eq "$others" "" "settings that .env.example does not set"
}

test_the_example_shows_the_defaults() {
  local defaults loaded name value want
  defaults=$(table)
  run --env-file "$EXAMPLE" config show --json
  expect_rc 0
  loaded=$(jq -r '.settings[] | select(.secret | not) | [.name, .value] | @tsv' <<<"$out")
  [ -n "$loaded" ] || fail "config show --json with .env.example lists no setting"
  while IFS=$'\t' read -r name value; do
    want=$(awk -F'\t' -v n="$name" '$1 == n { print $2 }' <<<"$defaults")
    expect_eq "$value" "$want" "$name in .env.example (the default)"
  done <<<"$loaded"
  # The secrets are masked in config show; the production checks say when one is the
  # table's default, which is what the file must show.
  ENVIRONMENT=production run --env-file "$EXAMPLE" config validate
  expect_out "Using default admin password!"
  expect_out "Using default JWT secret key!"
  # ... and they say nothing for a secret that is not the default, so the above can fail.
  ENVIRONMENT=production ADMIN_PASSWORD='Unguessable-Pw-2024!' \
    JWT_SECRET_KEY=9f2c4e1a7b3d5f6081a2c3e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718 \
    run --env-file "$EXAMPLE" config validate
  expect_no_out "Using default admin password!"
  expect_no_out "Using default JWT secret key!"
}

# tests/cli/lib.sh clears every setting before each case from its own list: the table's.
test_the_harness_knows_every_setting() {
  local names
  names=$(table | cut -f1 | sort)
  expect_eq "$(printf '%s\n' "${WZ_SETTINGS_VARS[@]}" | grep -vx NO_COLOR | sort)" "$names" \
    "WZ_SETTINGS_VARS in tests/cli/lib.sh"
}

run_tests
