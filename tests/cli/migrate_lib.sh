# shellcheck shell=bash
# Helpers shared by the tests/cli/t_migrate_*.sh scripts (sourced after lib.sh): writing
# revision files the way a developer does (create --empty, then fill in the body) or by hand
# (for graphs a tool would never write), and looking at the database they run against (the
# one use_db names, on either backend).
# shellcheck disable=SC2034 # V, and I1 I2 I3 below, are read by the scripts that source this file
V=migrations/versions

# new_rev MSG: `migrate create --empty -m MSG`; prints the new file's path.
new_rev() {
  local o
  o=$("$WZ_BIN" migrate create --empty -m "$1" 2>&1) || { echo "create failed: $o" >&2; return 1; }
  sed -n 's/^✓ Created \([^ ]*\).*/\1/p' <<<"$o"
}

# fill FILE < BODY: keeps FILE's header (up to its first blank line), replaces the rest.
fill() {
  local head
  head=$(sed '/^$/q' "$1")
  { printf '%s\n\n' "$head"; cat; } >"$1.tmp" && mv "$1.tmp" "$1"
}

# rev_id FILE: the revision id in FILE's header.
rev_id() { sed -n 's/^-- revision: //p' "$1"; }

# write_rev FILE ID PARENTS MSG < BODY: a revision written by hand.
write_rev() {
  mkdir -p "$(dirname "$1")"
  { printf -- '-- wizamart revision\n-- revision: %s\n-- down_revision: %s\n-- message: %s\n\n' \
      "$2" "$3" "$4"; cat; } >"$1"
}

# applied: the applied revision ids, sorted, space separated.
applied() { q "SELECT revision FROM wizamart_migrations ORDER BY revision" | tr '\n' ' '; }

# normalised_sha FILE: SHA-256 of FILE without a BOM and with CRLF as LF.
normalised_sha() { sed '1s/^\xEF\xBB\xBF//; s/\r$//' "$1" | sha256sum | cut -d' ' -f1; }

# three_revs: stores -> products -> orders, filled in; sets R1 R2 R3 (paths) and I1 I2 I3 (ids).
three_revs() {
  R1=$(new_rev "create stores") && fill "$R1" <<'SQL'
-- +upgrade
CREATE TABLE stores (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO stores (id, name) VALUES (1, 'Tech; Store');

-- +downgrade
DROP TABLE stores;
SQL
  R2=$(new_rev "create products") && fill "$R2" <<'SQL'
-- +upgrade
CREATE TABLE products (id INTEGER PRIMARY KEY, store_id INTEGER NOT NULL REFERENCES stores(id));

-- +downgrade
DROP TABLE products;
SQL
  R3=$(new_rev "create orders") && fill "$R3" <<'SQL'
-- +upgrade
CREATE TABLE orders (id INTEGER PRIMARY KEY);

-- +downgrade
DROP TABLE orders;
SQL
  # shellcheck disable=SC2034
  I1=$(rev_id "$R1") I2=$(rev_id "$R2") I3=$(rev_id "$R3")
}
