# shellcheck shell=bash
# The server end-to-end helpers, sourced after lib.sh by the tests/cli/t_server*.sh scripts.
#
#   start_server [ARGS...]  starts `wizamart serve --port 0 ARGS` on DATABASE_URL in the
#                           background (its stdout in server.out, stderr in server.err);
#                           waits until it listens; sets WZ_URL (http://127.0.0.1:PORT) and
#                           WZ_SERVER_PID. Fails the test when it does not come up in 10 s.
#   stop_server             SIGTERM, waits, sets $server_rc (the exit code)
#   api METHOD PATH [BODY] [TOKEN]
#                           one request with curl: sets $status, $body (the response body)
#                           and $headers (the response headers, CRLF stripped); a BODY is sent
#                           as application/json; a TOKEN as 'Authorization: Bearer TOKEN'
#   token LOGIN PASSWORD    signs in through the API and prints the access token
#   jq_get EXPR             evaluates a Python expression on the parsed $body, bound to `j`
#                           (e.g. jq_get 'j["items"][0]["id"]'); prints the result
#   walk PATH TOKEN FIELD [LIMIT]
#                           follows next_cursor from the first page (?limit=LIMIT, default 3)
#                           to the last in one process, and prints FIELD of every item, a line
#                           each; fails on a non-200 page, a cursor seen before, or more than
#                           500 pages. TOKEN may be empty.
#   expect_status N [what]  the last api call answered N
#   expect_body TEXT        the last body contains TEXT (expect_no_body: does not)
#   expect_header TEXT      the last headers contain TEXT (case-sensitive line match)
command -v curl >/dev/null || { echo "Bail out! curl is missing: run make deps"; exit 1; }

start_server() {
  "$WZ_BIN" serve --port 0 "$@" >server.out 2>server.err </dev/null &
  WZ_SERVER_PID=$!
  bg_pid "$WZ_SERVER_PID"
  local port=""
  for _ in $(seq 1 200); do
    port=$(sed -n 's|^API available at: http://[^:]*:\([0-9]*\)$|\1|p' server.out 2>/dev/null)
    [ -n "$port" ] && break
    kill -0 "$WZ_SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$port" ]; then
    fail "the server did not start
  stdout: $(cat server.out)
  stderr: $(cat server.err)"
    return 1
  fi
  export WZ_URL="http://127.0.0.1:$port"
}

stop_server() {
  kill -TERM "$WZ_SERVER_PID" 2>/dev/null
  wait "$WZ_SERVER_PID"
  # shellcheck disable=SC2034 # read by the scripts that source this file
  server_rc=$?
}

api() { # METHOD PATH [BODY] [TOKEN]
  local args=(-s -S -X "$1" -D headers.txt -o body.txt -w '%{http_code}')
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  [ -n "${4:-}" ] && args+=(-H "Authorization: Bearer $4")
  status=$(curl "${args[@]}" "$WZ_URL$2")
  body=$(cat body.txt)
  headers=$(tr -d '\r' <headers.txt)
}

token() { # LOGIN PASSWORD
  local field=username
  [[ "$1" == *@* ]] && field=email
  api POST /api/v1/auth/login "{\"$field\": \"$1\", \"password\": \"$2\"}"
  [ "$status" = 200 ] || { fail "sign-in of $1 failed: $status $body"; return 1; }
  jq_get 'j["access_token"]'
}

jq_get() { # EXPR
  python3 -c 'import json,sys
j = json.loads(sys.stdin.read())
v = eval(sys.argv[1])
print(json.dumps(v) if isinstance(v, (dict, list, bool)) or v is None else v)' "$1" <<<"$body"
}

walk() { # PATH TOKEN FIELD [LIMIT]
  python3 - "$WZ_URL" "$1" "$2" "$3" "${4:-3}" <<'PY' || { fail "walk $1: pagination failed"; return 1; }
import json, sys, urllib.request
base, path, token, field, limit = sys.argv[1:6]
cursor, cursors = None, set()
for page in range(500):
    url = base + path + ("&" if "?" in path else "?") + "limit=" + limit
    url += "&cursor=" + cursor if cursor else ""
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token} if token else {})
    with urllib.request.urlopen(req) as r:
        j = json.load(r)
    for p in j["items"]:
        print(p[field])
    nxt = j["next_cursor"]
    if nxt is None:
        break
    if nxt in cursors:
        sys.exit("page %d: the cursor %s came back" % (page, nxt))
    cursors.add(nxt)
    cursor = nxt
else:
    sys.exit("more than 500 pages")
PY
}

expect_status() { [ "$status" = "$1" ] || fail "expected HTTP $1, got $status${2:+ ($2)}
  body: $body"; }
expect_body() { [[ "$body" == *"$1"* ]] || fail "body lacks '$1'
  body: $body"; }
expect_no_body() { [[ "$body" != *"$1"* ]] || fail "body has '$1'
  body: $body"; }
expect_header() { grep -qF -- "$1" <<<"$headers" || fail "headers lack '$1'
  headers: $headers"; }
