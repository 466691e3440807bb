#!/bin/sh
# Smoke-tests a running server: the operational endpoints and one user's
# create, read, update and delete. Usage: scripts/smoke.sh [BASE_URL]
# (default http://127.0.0.1:$PORT, PORT defaulting to the project's port).
set -eu
base=${1:-http://127.0.0.1:${PORT:-8080}}
email="smoke-$(date +%s)-$$@example.com"

# check METHOD PATH WANT [BODY]: the status must be WANT; prints the body.
check() {
	if [ $# -ge 4 ]; then
		out=$(curl -sS -o /dev/stdout -w '\n%{http_code}' -X "$1" -H 'Content-Type: application/json' --data "$4" "$base$2")
	else
		out=$(curl -sS -o /dev/stdout -w '\n%{http_code}' -X "$1" "$base$2")
	fi
	status=$(printf '%s\n' "$out" | tail -n 1)
	body=$(printf '%s\n' "$out" | sed '$d')
	if [ "$status" != "$3" ]; then
		echo "FAIL $1 $2: status $status, want $3: $body" >&2
		exit 1
	fi
	echo "ok   $1 $2 -> $status"
	last=$body
}

check GET /health 200
check GET /ready 200
check GET /openapi.json 200
check GET '/api/v1/users?limit=5' 200
check POST /api/v1/users 201 "{\"name\":\"Smoke Test\",\"email\":\"$email\"}"
id=$(printf '%s' "$last" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
check GET "/api/v1/users/$id" 200
check PATCH "/api/v1/users/$id" 200 '{"name":"Smoke Tested"}'
check POST /api/v1/users 409 "{\"name\":\"Again\",\"email\":\"$email\"}"
check POST /api/v1/users 400 '{"name":""}'
check DELETE "/api/v1/users/$id" 204
check GET "/api/v1/users/$id" 404
check GET /nowhere 404
check PUT /api/v1/users 405
check GET /metrics 200
echo "smoke test passed against $base"
