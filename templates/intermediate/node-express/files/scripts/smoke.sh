#!/bin/sh
# Sends a few requests to a running server and stops at the first
# unexpected status. Usage: scripts/smoke.sh [base URL]
# (default http://127.0.0.1:$PORT, PORT from the environment or 3000).
set -eu

BASE=${1:-http://127.0.0.1:${PORT:-3000}}

check() {
  expected=$1
  shift
  status=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  if [ "$status" != "$expected" ]; then
    echo "FAIL: $* answered $status, expected $expected" >&2
    exit 1
  fi
  echo "ok   $expected $*"
}

check 200 "$BASE/health"
check 200 "$BASE/ready"
check 200 "$BASE/openapi.json"
check 200 "$BASE/metrics"
email="smoke-$(date +%s)-$$@example.com"
check 201 -X POST "$BASE/api/v1/users" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Smoke Test\",\"email\":\"$email\"}"
check 409 -X POST "$BASE/api/v1/users" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Smoke Test\",\"email\":\"$email\"}"
check 200 "$BASE/api/v1/users?page=1&limit=5"
check 400 "$BASE/api/v1/users?limit=101"
check 400 "$BASE/api/v1/users/0"
check 404 "$BASE/api/v1/users/9223372036854775807"
check 405 -X PUT "$BASE/api/v1/users/1"
check 404 "$BASE/nothing"
echo "smoke test passed against $BASE"
