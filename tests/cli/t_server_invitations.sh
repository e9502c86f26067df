#!/usr/bin/env bash
# Invitations end to end on a real database (each backend): a store created for a new owner
# by email makes an inactive placeholder account and an owner invitation whose token the
# answer shows once; accepting it sets the password and activates the account, which can then
# sign in. A token works once; revoking or resending ends it; an expired one says so.
. "$WZ_ROOT/tests/cli/lib.sh"
. "$WZ_ROOT/tests/cli/server_lib.sh"

export MIGRATIONS_DIR="$WZ_ROOT/migrations/versions"
seeded_template

fields() { jq_get '",".join(sorted(e["field"] for e in j.get("errors", [])))'; }

# Creates store CODE for a new owner EMAIL; sets $store_id, $inv_id and $inv_token.
new_store_for() { # ADMIN_TOKEN CODE EMAIL
  local sub
  sub=$(tr 'A-Z_' 'a-z-' <<<"$2")
  api POST /api/v1/admin/stores "{\"code\": \"$2\", \"name\": \"Store $2\", \"subdomain\":
    \"$sub\", \"owner_email\": \"$3\"}" "$1"
  [ "$status" = 201 ] || { fail "creating $2 answered $status: $body"; return 1; }
  store_id=$(jq_get 'j["id"]')
  inv_id=$(jq_get 'j["invitation"]["id"]')
  inv_token=$(jq_get 'j["invitation"]["token"]')
}

accept() { # TOKEN PASSWORD
  api POST /api/v1/invitations/accept "{\"token\": \"$1\", \"password\": \"$2\",
    \"first_name\": \"Ada\", \"last_name\": \"Byron\"}"
}

test_a_new_owner_accepts_and_signs_in() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  new_store_for "$admin" NEWCO Ada.Owner@Example.com || return
  expect_eq "$(jq_get 'j["invitation"]["email"]')" "ada.owner@example.com"
  expect_eq "${#inv_token}" "64" "a 64-hex token"
  expect_eq "$(jq_get 'j["member_count"]')" "0" "no member before the owner accepts"
  # the placeholder: inactive, owner of the store, its token stored only as a hash
  expect_eq "$(q "SELECT CAST(is_active AS INTEGER) || ' ' || role || ' ' || username FROM users
    WHERE email = 'ada.owner@example.com'")" "0 store ada.owner"
  expect_eq "$(q "SELECT count(*) FROM store_invitations WHERE token_hash = '$inv_token'")" "0"
  expect_eq "$(q "SELECT r.name || ' ' || i.status FROM store_invitations i JOIN roles r ON
    r.id = i.role_id WHERE i.id = $inv_id")" "owner pending"
  api POST /api/v1/auth/login '{"email": "ada.owner@example.com", "password": "x"}'
  [ "$status" = 401 ] || [ "$status" = 403 ] || fail "the placeholder signed in: $status"
  # the team shows the pending invitation, without its token
  api GET "/api/v1/admin/stores/$store_id/team" "" "$admin"
  expect_eq "$(jq_get '[(i["email"], i["role"], i["status"]) for i in j["invitations"]]')" \
    '[["ada.owner@example.com", "owner", "pending"]]'
  expect_no_body "$inv_token"
  accept "$inv_token" "a-good-passphrase"
  expect_status 200
  expect_eq "$(jq_get '[j["store_id"], j["email"], j["role"]]')" \
    "[$store_id, \"ada.owner@example.com\", \"owner\"]"
  local t
  t=$(token ada.owner@example.com a-good-passphrase) || return
  api GET /api/v1/me "" "$t"
  expect_status 200
  expect_eq "$(jq_get '[j["email"], j["first_name"], j["realm"]]')" \
    '["ada.owner@example.com", "Ada", "store"]'
  api GET "/api/v1/admin/stores/$store_id/team" "" "$admin"
  expect_eq "$(jq_get '[(m["email"], m["role"]) for m in j["members"]]')" \
    '[["ada.owner@example.com", "owner"]]'
  expect_eq "$(jq_get 'j["invitations"]')" "[]"
  expect_eq "$(q "SELECT status FROM store_invitations WHERE id = $inv_id")" "accepted"
  # a token works once
  accept "$inv_token" "a-good-passphrase"
  expect_status 404
  expect_body "invitation not found or no longer valid"
  stop_server
  grep -q "$inv_token" server.err && fail "the invitation token is in the log"
  grep -q "a-good-passphrase" server.err && fail "the password is in the log"
  return 0
}

test_a_revoked_invitation_cannot_be_accepted() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  new_store_for "$admin" REVOKED rev@example.com || return
  api DELETE "/api/v1/admin/stores/$store_id/invitations/$inv_id" "" "$admin"
  expect_status 204
  accept "$inv_token" "a-good-passphrase"
  expect_status 404
  api DELETE "/api/v1/admin/stores/$store_id/invitations/$inv_id" "" "$admin"
  expect_status 409 "revoked twice"
  api POST "/api/v1/admin/stores/$store_id/invitations/$inv_id/resend" "" "$admin"
  expect_status 409 "a revoked invitation is not resent"
  # another store's invitation id is not this store's
  api DELETE "/api/v1/admin/stores/1/invitations/$inv_id" "" "$admin"
  expect_status 404
  api DELETE "/api/v1/admin/stores/$store_id/invitations/999999" "" "$admin"
  expect_status 404
  expect_eq "$(q "SELECT CAST(is_active AS INTEGER) FROM users WHERE email = 'rev@example.com'")" "0"
}

test_resend_replaces_the_token() {
  seeded
  start_server || return
  local admin old
  admin=$(token admin admin123) || return
  new_store_for "$admin" RESENT resend@example.com || return
  old=$inv_token
  api POST "/api/v1/admin/stores/$store_id/invitations/$inv_id/resend" "" "$admin"
  expect_status 200
  local new
  new=$(jq_get 'j["token"]')
  expect_eq "$(jq_get '[j["id"], j["status"], j["role"]]')" "[$inv_id, \"pending\", \"owner\"]"
  [ "$new" != "$old" ] && [ ${#new} = 64 ] || fail "resend did not make a new token"
  accept "$old" "a-good-passphrase"
  expect_status 404 "the old token"
  accept "$new" "a-good-passphrase"
  expect_status 200 "the new token"
  api POST "/api/v1/admin/stores/$store_id/invitations/$inv_id/resend" "" "$admin"
  expect_status 409 "an accepted invitation is not resent"
}

test_an_expired_invitation_says_so() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  new_store_for "$admin" EXPIRED late@example.com || return
  qdb "UPDATE store_invitations SET created_at = '2020-01-01T00:00:00Z',
    expires_at = '2020-01-08T00:00:00Z' WHERE id = $inv_id" || return
  accept "$inv_token" "a-good-passphrase"
  expect_status 422
  expect_eq "$(fields)" "token"
  expect_body "expired"
  expect_eq "$(q "SELECT status FROM store_invitations WHERE id = $inv_id")" "expired"
  expect_eq "$(q "SELECT CAST(is_active AS INTEGER) FROM users WHERE email = 'late@example.com'")" "0"
  api GET "/api/v1/admin/stores/$store_id/team" "" "$admin"
  expect_eq "$(jq_get 'j["invitations"]')" "[]" "an expired invitation is not pending"
  # resending revives it with a new expiry
  api POST "/api/v1/admin/stores/$store_id/invitations/$inv_id/resend" "" "$admin"
  expect_status 200
  expect_eq "$(jq_get 'j["status"]')" "pending"
  accept "$(jq_get 'j["token"]')" "a-good-passphrase"
  expect_status 200
}

test_accept_checks_its_input() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  new_store_for "$admin" CHECKS checks@example.com || return
  accept "$inv_token" "short"
  expect_status 422
  expect_eq "$(fields)" "password"
  api POST /api/v1/invitations/accept '{"password": 5, "extra": true}'
  expect_status 422
  expect_eq "$(fields)" "extra,password,token"
  accept "not-a-token" "a-good-passphrase"
  expect_status 404
  accept "$(printf '%064d' 0)" "a-good-passphrase"
  expect_status 404
  api POST /api/v1/invitations/accept '{"token": '
  expect_status 400
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: text/plain' \
    --data-binary '{}' "$WZ_URL/api/v1/invitations/accept")
  expect_status 415
  # nothing of the above used the invitation
  accept "$inv_token" "a-good-passphrase"
  expect_status 200
}

test_an_existing_account_accepts_with_its_own_password() {
  seeded
  start_server || return
  local admin
  admin=$(token admin admin123) || return
  # two stores for one new owner: the second invitation finds the account made by the first
  new_store_for "$admin" FIRST twice@example.com || return
  local first_token=$inv_token
  new_store_for "$admin" SECOND twice@example.com || return
  local second_token=$inv_token second_store=$store_id
  accept "$first_token" "a-good-passphrase"
  expect_status 200
  accept "$second_token" "a-wrong-passphrase"
  expect_status 404 "a wrong password looks like a bad token"
  accept "$second_token" "a-good-passphrase"
  expect_status 200
  expect_eq "$(jq_get 'j["store_id"]')" "$second_store"
  expect_eq "$(q "SELECT count(*) FROM users WHERE email = 'twice@example.com'")" "1"
  expect_eq "$(q "SELECT count(*) FROM store_users su JOIN users u ON u.id = su.user_id
    WHERE u.email = 'twice@example.com' AND su.is_active = true")" "2"
}

run_tests
