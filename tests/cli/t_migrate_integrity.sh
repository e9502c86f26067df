#!/usr/bin/env bash
# Integrity: edited or deleted applied files, line endings, broken graphs, several heads, and
# the production guard on `migrate down`. On each backend.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/migrate_lib.sh"

test_edited_applied_file_is_caught() {
  use_db
  three_revs
  run migrate up "$I2"
  local recorded
  recorded=$(q "SELECT checksum FROM wizamart_migrations WHERE revision='$I1'")
  expect_eq "$recorded" "$(normalised_sha "$R1")" "stored checksum"
  sed -i 's/Tech; Store/Edited Store/' "$R1"
  local now
  now=$(normalised_sha "$R1")

  run migrate status
  expect_rc 1
  expect_out "'$R1' was edited after it was applied: checksum recorded $recorded, file now $now"
  run migrate up
  expect_rc 1
  expect_err "refusing to migrate: '$R1' was edited after it was applied: checksum recorded $recorded, file now $now"
  expect_eq "$(applied | wc -w)" "2" "nothing applied while refused"
  run migrate down
  expect_rc 0 "reverting a revision whose file is intact is fine"
  run migrate down
  expect_rc 1
  expect_err "refusing to roll back: '$R1' was edited after it was applied"
}

test_crlf_and_bom_copies_are_not_flagged() {
  use_db
  three_revs
  run migrate up
  # A Windows checkout: CRLF line endings and a BOM.
  sed -i 's/$/\r/' "$R1" "$R2"
  sed -i '1s/^/\xEF\xBB\xBF/' "$R2"
  grep -q $'\r' "$R1" || fail "the copy has no CR"
  run migrate status --exit-code
  expect_rc 0
  expect_out "Problems (0)"
  run migrate up
  expect_rc 0
  # ... but an edit on top of CRLF is.
  sed -i 's/Tech; Store/Tech Store/' "$R1"
  run migrate status
  expect_rc 1
  expect_out "'$R1' was edited after it was applied"
}

test_deleted_applied_file() {
  use_db
  three_revs
  run migrate up
  rm "$R3"
  run migrate status --json
  expect_rc 1
  [[ "$(tr -d ' \n' <<<"$out")" == *"\"kind\":\"missing_file\",\"revision\":\"$I3\""* ]] || fail "json: $out"
  run migrate up
  expect_rc 1
  expect_err "applied revision '$I3' ('$(basename "$R3")', applied "
  expect_err "has no file in 'migrations/versions': restore the file from version control"
}

test_broken_graphs_name_files() {
  use_db
  write_rev $V/a_first.sql aaa111 none "first" <<<$'-- +upgrade\nSELECT 1;'
  write_rev $V/b_orphan.sql bbb222 zzz999 "orphan" <<<$'-- +upgrade\nSELECT 1;'
  write_rev $V/c_copy.sql aaa111 none "copy" <<<$'-- +upgrade\nSELECT 1;'
  write_rev $V/d_loop1.sql ddd444 eee555 "loop one" <<<$'-- +upgrade\nSELECT 1;'
  write_rev $V/e_loop2.sql eee555 ddd444 "loop two" <<<$'-- +upgrade\nSELECT 1;'
  printf -- '-- wizamart revision\n-- revision: fff666\n-- down_revision: aaa111\n-- mesage: typo\n' >$V/f_typo.sql
  run migrate status
  expect_rc 1
  expect_out "invalid revision file '$V/f_typo.sql': line 4: unknown header key 'mesage'"
  expect_out "duplicate revision id 'aaa111' in '$V/a_first.sql' and '$V/c_copy.sql'"
  expect_out "missing parent: '$V/b_orphan.sql' names down_revision 'zzz999', which no file in '$V' defines"
  expect_out "cycle in the revision graph: 'ddd444' (d_loop1.sql) -> 'eee555' (e_loop2.sql) -> 'ddd444'"
  run migrate up
  expect_rc 1
  expect_err "the revision files in '$V' have 4 problems; fix them first:"
  expect_err "duplicate revision id 'aaa111'"
  [ ! -e app.db ] || [ -z "$(tables app.db | tr -d ' ' | sed 's/wizamart_meta//')" ] || fail "tables created: $(tables)"
  run migrate history
  expect_rc 1
  expect_out "cycle in the revision graph"
  run migrate create --empty -m "more"
  expect_rc 1
  expect_err "have 4 problems"
}

test_several_heads_then_merge() {
  use_db
  three_revs
  run migrate up
  # A second developer branched from the same parent.
  write_rev $V/xbranch_other.sql xbranch "$I2" "other branch" <<'SQL'
-- +upgrade
CREATE TABLE coupons (id INTEGER PRIMARY KEY);
-- +downgrade
DROP TABLE coupons;
SQL
  run migrate up
  expect_rc 1
  expect_err "the revisions have 2 heads: "
  expect_err "$I3 ($(basename "$R3"))"
  expect_err "xbranch (xbranch_other.sql)"
  expect_err "\`wizamart migrate merge -m \"merge heads\"\`"
  run migrate status
  expect_rc 1
  expect_out "Heads:      "
  expect_out "the revisions have 2 heads"
  run migrate create --empty -m "after"
  expect_rc 1
  expect_err "join them first with \`wizamart migrate merge"

  run migrate merge -m "merge coupons"
  expect_rc 0
  local m
  m=$(sed -n 's/^✓ Created \([^ ]*\) merging .*/\1/p' <<<"$out")
  [ -f "$m" ] || fail "no merge file: $out"
  grep -q "^-- down_revision: .*$I3" "$m" || fail "merge lacks $I3: $(cat "$m")"
  grep -q "^-- down_revision: .*xbranch" "$m" || fail "merge lacks xbranch"
  run migrate up
  expect_rc 0
  expect_out "Applied xbranch other branch"
  expect_out "Applied $(rev_id "$m") merge coupons"
  run migrate history
  expect_out "(head) (mergepoint), merge coupons"
  expect_out "(branchpoint), create products"
  run migrate merge -m "again"
  expect_rc 1
  expect_err "nothing to merge"
  # Down through a merge: the merge, then the branches, newest first.
  run migrate down "$I2"
  expect_rc 0
  expect_eq "$(applied)" "$(printf '%s\n' "$I1" "$I2" | sort | tr '\n' ' ')"
}

test_down_refused_on_production_database() {
  use_db
  three_revs
  ENVIRONMENT=production run migrate up
  expect_rc 0
  expect_eq "$(q "SELECT value FROM wizamart_meta WHERE key='environment'")" "production"
  ENVIRONMENT=development run migrate down
  expect_rc 1
  expect_err "refusing to roll back migrations on a production database"
  expect_err "--force"
  expect_eq "$(applied | wc -w)" "3" "nothing reverted"
  run migrate down --sql
  expect_rc 1 "--sql is no way around the guard"
  run migrate down --force
  expect_rc 0
  expect_out "Reverted $I3"
  expect_eq "$(applied | wc -w)" "2"
}

run_tests
