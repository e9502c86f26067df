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

expect_status() { [ "$status" = "$1" ] || fail "expected HTTP $1, got $status${2:+ ($2)}
  body: $body"; }
expect_body() { [[ "$body" == *"$1"* ]] || fail "body lacks '$1'
  body: $body"; }
expect_no_body() { [[ "$body" != *"$1"* ]] || fail "body has '$1'
  body: $body"; }
expect_header() { grep -qF -- "$1" <<<"$headers" || fail "headers lack '$1'
  headers: $headers"; }
