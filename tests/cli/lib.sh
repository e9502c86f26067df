# shellcheck shell=bash
# The end-to-end harness: sourced by each tests/cli/t_*.sh. Every function named test_* in
# the script runs in its own empty temporary folder with a clean environment (no WZ settings
# inherited), and reports one TAP line. Assertions print what they expected and what they got.
#
#   run ARGS...           runs the real binary; sets $rc, $out (stdout), $err (stderr)
#   expect_rc N           the last run exited N
#   expect_out TEXT       stdout contains TEXT          (expect_no_out: does not)
#   expect_err TEXT       stderr contains TEXT          (expect_no_err: does not)
#   sql DB QUERY          runs sqlite3 on a database file, prints the result
#   expect_eq A B [what]  A equals B
#
# The database backend (tests/run.sh runs each script once per backend it declares):
#   WZ_BACKEND            sqlite (default) or postgres; WZ_DIALECT is then sqlite / postgresql
#   use_db [NAME]         exports DATABASE_URL naming a fresh, empty database: a file in the
#                         test's folder, or a new database on the throwaway PostgreSQL server
#                         (dropped when the test ends); NAME tells several apart
#   q SQL                 runs SQL on DATABASE_URL and prints the rows, columns joined by '|'
#                         and NULL as an empty string, on both backends. Booleans print 1/0
#                         on SQLite and t/f on PostgreSQL: write CAST(col AS INTEGER) to get
#                         1/0 from both. Use string concatenation (||) and portable functions
#                         (count, substr, lower, ...); aggregate lists with `q ... | paste -sd,`
#                         rather than group_concat/string_agg.
#   qdb [SQL]             runs statements (SQL, or stdin when none), printing nothing but
#                         errors; exit status non-zero on an error. SQLite enforces foreign
#                         keys here as PostgreSQL always does.
#   dump_db               a stable text dump of the whole database (schema objects and every
#                         table's rows in a fixed order) for "nothing changed" comparisons
#   tables                the user tables, sorted, space separated (with a trailing space)
#   script_db_url NAME [URL]
#                         a database that lives for the whole script (a template the tests
#                         copy, built once), empty or a copy of the one at URL (so both hold
#                         the same rows, e.g. the admin's salted hash); dropped after the last
#                         test
#   copy_db URL [NAME]    exports DATABASE_URL naming a fresh copy of the database at URL
#                         (a file copy; CREATE DATABASE ... TEMPLATE on PostgreSQL)
#   migrated_db [NAME]    as use_db, but the database is already migrated to the head of the
#                         project's revisions (migrations/versions): a copy of a template the
#                         script migrates once, on first use, in a clean environment
#   seeded_template [VAR=VALUE...] [-- ARGS...]
#                         builds the script's seeded template once (migrate up, init-prod,
#                         seed-demo ARGS with the given settings) and sets TEMPLATE to its URL;
#                         a failure bails the whole script out
#   seeded                exports DATABASE_URL naming a fresh copy of TEMPLATE
#   BACKUP_EXT            what `db backup` files end with: sqlite, or dump (pg_dump -Fc)
#   backup_q FILE SQL     runs SQL on a backup file: the SQLite copy itself, or the dump
#                         restored (pg_restore) into a new database
#   db_msg KIND [ARG]     the backend's wording of an error: no_table NAME (a query),
#                         drop_missing NAME (DROP TABLE), fk (a foreign key violation)
set -uo pipefail
: "${WZ_BIN:?WZ_BIN must point at build/wizamart (run through tests/run.sh)}"
: "${WZ_ROOT:?}"
# Every setting, as .env.example documents them (docs/extending.md: a new setting gets its
# line there), and NO_COLOR. t_config checks that config show lists exactly these.
mapfile -t WZ_SETTINGS_VARS < <(sed -n 's/^#\{0,1\} *\([A-Z][A-Z0-9_]*\)=.*/\1/p' "$WZ_ROOT/.env.example" | sort -u)
[ "${#WZ_SETTINGS_VARS[@]}" -gt 0 ] || { echo "Bail out! no setting in $WZ_ROOT/.env.example"; exit 1; }
WZ_SETTINGS_VARS+=(NO_COLOR)
for v in "${WZ_SETTINGS_VARS[@]}"; do unset "$v"; done

_t_failed=0
_t_msgs=()
fail() { _t_failed=1; _t_msgs+=("$*"); }

# The capture files live in the test's folder, named after the shell that runs (a test may
# run commands in the background), and are read without cat: the suite runs thousands of
# commands, and a mktemp, cat and rm for each cost more than the commands themselves.
run() {
  local o="${_t_dir:-$_t_script_tmp}/.run.$BASHPID.out" e="${_t_dir:-$_t_script_tmp}/.run.$BASHPID.err"
  "$WZ_BIN" "$@" >"$o" 2>"$e" </dev/null
  rc=$?
  out=$(<"$o") err=$(<"$e")
}
expect_rc() { [ "$rc" -eq "$1" ] || fail "expected exit $1, got $rc${2:+ ($2)}
  stdout: $out
  stderr: $err"; }
expect_out() { [[ "$out" == *"$1"* ]] || fail "stdout lacks '$1'
  stdout: $out
  stderr: $err"; }
expect_no_out() { [[ "$out" != *"$1"* ]] || fail "stdout has '$1'
  stdout: $out"; }
expect_err() { [[ "$err" == *"$1"* ]] || fail "stderr lacks '$1'
  stderr: $err"; }
expect_no_err() { [[ "$err" != *"$1"* ]] || fail "stderr has '$1'
  stderr: $err"; }
expect_eq() { [ "$1" == "$2" ] || fail "${3:-value}: expected '$2', got '$1'"; }
sql() { sqlite3 -batch -noheader "$1" "$2"; }

# ---- the database backend
WZ_BACKEND=${WZ_BACKEND:-sqlite}
case $WZ_BACKEND in
sqlite) WZ_DIALECT=sqlite ;;
postgres)
  WZ_DIALECT=postgresql
  : "${WZ_PG_URL:?WZ_PG_URL must name the throwaway server (tests/run.sh starts one)}"
  ;;
*)
  echo "error: WZ_BACKEND must be sqlite or postgres, not '$WZ_BACKEND'" >&2
  exit 2
  ;;
esac
export WZ_BACKEND WZ_DIALECT

# The per-test database name on PostgreSQL: script and test (and NAME), lowercase, within
# PostgreSQL's 63 bytes, with a checksum so that truncated names stay distinct.
_pg_db_name() { # name
  local base sum
  base="${_t_script:-t}_${_t_name:-x}${1:+_$1}"
  sum=$(printf '%s' "$base" | cksum | cut -d' ' -f1)
  base=$(printf '%s' "$base" | tr 'A-Z' 'a-z' | tr -c 'a-z0-9_' '_')
  printf 'wzt_%s_%s' "${base:0:40}" "$sum"
}

# (Re)creates database NAME as a copy of TEMPLATE (template0 for an empty one).
_pg_create_db() { # name template
  psql -qX -v ON_ERROR_STOP=1 -d "$WZ_PG_URL" -c "SET client_min_messages = warning" \
    -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" \
    -c "CREATE DATABASE $1 TEMPLATE $2" >/dev/null
}

# Prints a URL naming a fresh, empty database; NAME tells several of one test apart.
new_db_url() { # [NAME]
  if [ "$WZ_BACKEND" = sqlite ]; then
    # An empty file is an empty SQLite database: the same starting point as PostgreSQL's
    # fresh database (commands other than migrate up do not create a missing one).
    rm -f "$PWD/${1:-t}.db"*
    : >"$PWD/${1:-t}.db"
    printf 'sqlite:///%s/%s.db\n' "$PWD" "${1:-t}"
    return
  fi
  local name
  name=$(_pg_db_name "${1:-}")
  _pg_create_db "$name" template0 || {
    echo "cannot create database $name on $WZ_PG_URL" >&2
    return 1
  }
  [ -z "${_t_dir:-}" ] || echo "$name" >>"$_t_dir/.pg_databases"
  printf '%s/%s\n' "${WZ_PG_URL%/*}" "$name"
}

# A database for the whole script: a file in the script's own folder, or a database recorded
# for dropping after the last test.
script_db_url() { # NAME [FROM_URL]
  if [ "$WZ_BACKEND" = sqlite ]; then
    [ -z "${2:-}" ] || cp "${2#sqlite:///}" "$_t_script_tmp/$1.db" || return 1
    printf 'sqlite:///%s/%s.db\n' "$_t_script_tmp" "$1"
    return
  fi
  local name from=${2:-template0}
  name=$(_t_name=script _pg_db_name "$1")
  _pg_create_db "$name" "${from##*/}" || return 1
  echo "$name" >>"$_t_script_tmp/.pg_databases"
  printf '%s/%s\n' "${WZ_PG_URL%/*}" "$name"
}

copy_db() { # URL [NAME]
  local from=$1 name=${2:-t}
  if [[ "$from" == sqlite:* ]]; then
    local src=${from#sqlite:///}
    sqlite3 -batch "$src" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
      cp "$src" "$PWD/$name.db" || {
      fail "copy_db: cannot copy $src"
      return 1
    }
    export DATABASE_URL="sqlite:///$PWD/$name.db"
    return
  fi
  local db
  db=$(_pg_db_name "$name")
  _pg_create_db "$db" "${from##*/}" || {
    fail "copy_db: cannot copy ${from##*/} into $db"
    return 1
  }
  [ -z "${_t_dir:-}" ] || echo "$db" >>"$_t_dir/.pg_databases"
  export DATABASE_URL="${WZ_PG_URL%/*}/$db"
}

# The project's revisions (migrations/versions) as `migrate history --json` reads them, in a
# clean environment (it opens no database): tests derive their count and head from there
# rather than restate them, so that a new revision (docs/extending.md) breaks none of them.
_project_history() {
  (
    for v in "${WZ_SETTINGS_VARS[@]}"; do unset "$v"; done
    MIGRATIONS_DIR="$WZ_ROOT/migrations/versions" "$WZ_BIN" migrate history --json
  )
}
project_revision_count() { _project_history | grep -c '"id":'; }
# "1 revision", "2 revisions": the project's count as the commands word it.
project_revisions_text() {
  local n
  n=$(project_revision_count)
  if [ "$n" = 1 ]; then echo "1 revision"; else echo "$n revisions"; fi
}
project_head() { _project_history | awk '/"heads": \[/ { getline; gsub(/[ ",]/, ""); print; exit }'; }
# The tables of the models, in model order, as a revision autogenerated from nothing creates
# them (the models are src/schema/models.c; a new table there is a new name here).
model_tables() {
  local d
  d=$(mktemp -d "${_t_dir:-$_t_script_tmp}/.models.XXXXXX") || return 1
  (
    for v in "${WZ_SETTINGS_VARS[@]}"; do unset "$v"; done
    MIGRATIONS_DIR=$d "$WZ_BIN" migrate create -m models >/dev/null
  ) && sed -n 's/^CREATE TABLE \([a-z0-9_]*\) .*/\1/p' "$d"/*.sql | awk '!seen[$0]++'
  local rc=$?
  rm -rf "$d"
  return $rc
}
# The first revision (the one without parents).
project_base() { _project_history | awk '/"id":/ { gsub(/[ ",]/, ""); sub(/^id:/, ""); id = $0 } /"parents": \[\]/ { print id; exit }'; }

# The template is built on the first call, whichever test makes it: in the script's folder
# (no .env of a test there) with none of the test's settings, so every copy starts the same.
migrated_db() { # [NAME]
  local url_file="$_t_script_tmp/.migrated_db"
  if [ ! -s "$url_file" ]; then
    local url log
    url=$(script_db_url migrated) &&
      log=$(
        for v in "${WZ_SETTINGS_VARS[@]}"; do unset "$v"; done
        cd "$_t_script_tmp" &&
          DATABASE_URL=$url MIGRATIONS_DIR="$WZ_ROOT/migrations/versions" "$WZ_BIN" migrate up 2>&1
      ) || {
      fail "migrated_db: cannot migrate the template database: ${log:-no database}"
      return 1
    }
    echo "$url" >"$url_file"
  fi
  [ "$WZ_BACKEND" != sqlite ] || rm -f "$PWD/${1:-t}.db"*
  copy_db "$(<"$url_file")" "${1:-t}"
}

# Built in the script's folder (no .env of the working folder there), as migrated_db's.
seeded_template() { # [VAR=VALUE...] [-- SEED-DEMO-ARGS...]
  local vars=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    vars+=("$1")
    shift
  done
  [ $# -eq 0 ] || shift
  local log
  TEMPLATE=$(script_db_url seeded) &&
    log=$(
      cd "$_t_script_tmp" &&
        DATABASE_URL=$TEMPLATE "$WZ_BIN" migrate up 2>&1 >/dev/null &&
        DATABASE_URL=$TEMPLATE "$WZ_BIN" init-prod 2>&1 >/dev/null &&
        env DATABASE_URL="$TEMPLATE" "${vars[@]}" "$WZ_BIN" seed-demo "$@" 2>&1 >/dev/null
    ) || {
    echo "Bail out! cannot build the seeded template database"
    sed 's/^/# /' <<<"${log:-}"
    exit 1
  }
}
seeded() {
  # A test may call it twice: the first copy's -wal must not meet the second.
  [ "$WZ_BACKEND" != sqlite ] || rm -f "$PWD/t.db"*
  copy_db "$TEMPLATE"
}

use_db() { # [NAME]
  local url
  url=$(new_db_url "${1:-}") || {
    fail "use_db: no fresh database on the $WZ_BACKEND backend"
    return 1
  }
  export DATABASE_URL=$url
}

# The SQLite file a sqlite:/// URL names (relative URLs stay relative to the working folder).
_sqlite_path() { printf '%s' "${DATABASE_URL#sqlite:///}"; }
# The helpers below follow DATABASE_URL's scheme, not WZ_BACKEND, so a test may look at a
# database of the other backend too (DATABASE_URL=... q "...").
_url_is_sqlite() { [[ "$DATABASE_URL" == sqlite:* ]]; }

q() { # SQL
  : "${DATABASE_URL:?call use_db first}"
  if _url_is_sqlite; then
    sqlite3 -batch -noheader -cmd '.timeout 5000' -cmd 'PRAGMA foreign_keys = ON' \
      "$(_sqlite_path)" "$1"
  else
    psql -XAtq -F'|' -v ON_ERROR_STOP=1 -d "$DATABASE_URL" -c "$1"
  fi
}

qdb() { # [SQL]; stdin when no argument
  : "${DATABASE_URL:?call use_db first}"
  local sql
  if [ $# -gt 0 ]; then sql=$1; else sql=$(cat); fi
  if _url_is_sqlite; then
    sqlite3 -batch -bail -cmd '.timeout 5000' -cmd 'PRAGMA foreign_keys = ON' \
      "$(_sqlite_path)" <<<"$sql" >/dev/null
  else
    psql -XAtq -v ON_ERROR_STOP=1 -d "$DATABASE_URL" <<<"$sql" >/dev/null
  fi
}

dump_db() {
  : "${DATABASE_URL:?call use_db first}"
  if _url_is_sqlite; then
    sqlite3 -batch "$(_sqlite_path)" .dump
    return
  fi
  # The schema (tables, constraints, indexes, functions, triggers), then each table's rows
  # as text, tables by name and rows sorted, so the physical order of rows does not matter.
  # (\restrict lines carry a random key, new in each run of pg_dump.)
  pg_dump --schema-only --no-owner -d "$DATABASE_URL" | grep -Ev '^(--|$|\\(un)?restrict )'
  psql -XAtq -v ON_ERROR_STOP=1 -d "$DATABASE_URL" <<'SQL'
SELECT format('SELECT %L || '': '' || x::text FROM %I.%I x ORDER BY x::text COLLATE "C"',
              c.relname, n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
ORDER BY c.relname COLLATE "C" \gexec
SQL
}

tables() {
  if _url_is_sqlite; then
    q "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
  else
    q "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename COLLATE \"C\""
  fi | tr '\n' ' '
}

# shellcheck disable=SC2034 # read by the scripts that source this file
if [ "$WZ_BACKEND" = sqlite ]; then BACKUP_EXT=sqlite; else BACKUP_EXT=dump; fi

backup_q() { # FILE SQL
  if [ "$WZ_BACKEND" = sqlite ]; then
    sqlite3 -batch -noheader "$1" "$2"
    return
  fi
  local url
  url=$(new_db_url restored) && # a new one each time
    pg_restore --no-owner -d "$url" "$1" &&
    DATABASE_URL=$url q "$2"
}

db_msg() { # KIND [ARG]
  case "$WZ_BACKEND/$1" in
  sqlite/no_table | sqlite/drop_missing) printf 'no such table: %s' "$2" ;;
  postgres/no_table) printf 'relation "%s" does not exist' "$2" ;;
  postgres/drop_missing) printf 'table "%s" does not exist' "$2" ;;
  sqlite/fk) printf 'FOREIGN KEY constraint failed' ;;
  postgres/fk) printf 'violates foreign key constraint' ;;
  *) printf 'db_msg: unknown kind %s' "$1" ;;
  esac
}

_drop_test_databases() { # dir
  [ -f "$1/.pg_databases" ] || return 0
  local args=() n
  while read -r n; do args+=(-c "DROP DATABASE IF EXISTS $n WITH (FORCE)"); done <"$1/.pg_databases"
  psql -qX -d "$WZ_PG_URL" "${args[@]}" >/dev/null 2>&1
}
# ---- end of the database backend

# Processes a test started in the background (bg_pid PID records one) are stopped when it
# ends, whatever it did, so that a failing test never leaves a server behind.
bg_pid() { echo "$1" >>"$_t_dir/.pids"; }
_stop_test_processes() { # dir
  [ -f "$1/.pids" ] || return 0
  local p
  while read -r p; do kill -KILL "$p" 2>/dev/null; done <"$1/.pids"
}

# The script's name and own folder (script_db_url), removed after the last test, or when
# the script stops before it (a "Bail out!" while preparing its templates).
_t_script=$(basename "$0" .sh)
_t_script_tmp=$(mktemp -d)
_remove_script_tmp() {
  [ -d "$_t_script_tmp" ] || return 0
  _drop_test_databases "$_t_script_tmp"
  rm -rf "$_t_script_tmp"
}
trap _remove_script_tmp EXIT

run_tests() {
  local n=0 t dir
  local tests
  tests=$(declare -F | awk '{print $3}' | grep '^test_' )
  local total
  total=$(echo "$tests" | grep -c .)
  echo "1..$total"
  for t in $tests; do
    n=$((n + 1))
    dir=$(mktemp -d)
    _t_failed=0
    _t_msgs=()
    _t_dir=$dir _t_name=${t#test_}
    ( cd "$dir" && "$t"; _finish_test ) >"$dir/.log" 2>&1
    local sub=$?
    _stop_test_processes "$dir"
    _drop_test_databases "$dir"
    if [ $sub -eq 0 ] && ! grep -q '^__FAIL__' "$dir/.log"; then
      echo "ok $n - $t"
    else
      echo "not ok $n - $t"
      sed 's/^/# /' "$dir/.log"
    fi
    rm -rf "$dir"
  done
  _remove_script_tmp
}
_finish_test() { if [ "$_t_failed" -ne 0 ]; then printf '__FAIL__\n'; printf '%s\n' "${_t_msgs[@]}"; return 1; fi; }
