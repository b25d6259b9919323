#!/usr/bin/env bash
# Throughput of a running server, one scenario after the other with the same load (wrk, 2 threads,
# $CONNECTIONS connections, $DURATION each after a $WARMUP warm-up), printed as one table:
#   trivial GET       the RFC 8414 metadata (no authentication, no database)
#   token             client_credentials with client_secret_basic (signing, audit row)
#   protected read    GET /api/admin/oauth/service/clients/{id} with a Bearer token (MicroProfile JWT, audit row)
#   introspection     POST /api/oauth/introspect by the token's own client
# It fails unless every request succeeded and every token answered has exactly one token_issued audit row.
#
#   mvn -Prun                         # in one terminal
#   src/test/bench/throughput.sh      # in another (installs wrk from Debian when missing)
# Not part of the test command: it measures, it asserts only the audit count.
set -euo pipefail
BASE=${BASE:-http://localhost:8000}
WARMUP=${WARMUP:-20s}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
BOOTSTRAP_ID=${SERVICE_CLIENT_ID:-maxplatform-service}
BOOTSTRAP_SECRET=${SERVICE_CLIENT_SECRET:-service_maxplatform_2025_dev_secret}
. "$(dirname "$0")/bench-client.sh"
json_number() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
token=$(curl -s -H "Authorization: Basic $basic" -d grant_type=client_credentials "$BASE/api/oauth/token" | json_field access_token)

summary='done = function(summary, latency, requests)
  io.write(string.format("SUMMARY %d %d %d %d %d\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end'
printf '%s\n' "$summary" > "$work/get.lua"
cat > "$work/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
$summary
LUA
cat > "$work/read.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $admin"
$summary
LUA
cat > "$work/introspect.lua" <<LUA
wrk.method = "POST"
wrk.body = "token=$token"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
$summary
LUA

issued() {
  curl -s -H "Authorization: Bearer $admin" "$BASE/api/admin/oauth/service/audit-logs?client_id=$client&action=token_issued&size=1" \
    | json_number total
}
# scenario name, script, URL: warms up, measures, prints a table row (latencies in ms), fails on any error.
# A hook named in $4 runs between the warm-up and the measured run.
measure() {
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$2" "$3" > /dev/null
  ${4:-true}
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$2" "$3" > "$work/run.out"
  read -r requests errors p50 p99 max < <(sed -n 's/^SUMMARY //p' "$work/run.out")
  rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/run.out")
  if [ "$errors" != "0" ]; then echo "FAILED: $1 had $errors errors" >&2; cat "$work/run.out" >&2; exit 1; fi
  printf '| %-15s | %9s | %7.1f | %7.1f | %7.1f |\n' "$1" "$rate" "$(echo "$p50/1000" | bc -l)" \
    "$(echo "$p99/1000" | bc -l)" "$(echo "$max/1000" | bc -l)"
  MEASURED=$requests
}
count_before() { BEFORE=$(issued); }
echo "wrk -t2 -c$CONNECTIONS, $DURATION per scenario after $WARMUP of warm-up, against $BASE"
echo "| scenario        |     req/s | p50 ms  | p99 ms  | max ms  |"
echo "|-----------------|-----------|---------|---------|---------|"
measure "trivial GET" "$work/get.lua" "$BASE/api/oauth/.well-known/oauth-authorization-server"
measure "token" "$work/token.lua" "$BASE/api/oauth/token" count_before
rows=$(( $(issued) - BEFORE )); tokens=$MEASURED
measure "protected read" "$work/read.lua" "$BASE/api/admin/oauth/service/clients/$client"
measure "introspection" "$work/introspect.lua" "$BASE/api/oauth/introspect"
echo "tokens answered: $tokens, token_issued audit rows: $rows"
# Requests in flight when wrk stops are answered (and audited) but not counted: at most one per connection.
if [ "$rows" -lt "$tokens" ] || [ "$rows" -gt "$((tokens + CONNECTIONS))" ]; then
  echo "FAILED: every token answered must have exactly one token_issued audit row" >&2
  exit 1
fi
