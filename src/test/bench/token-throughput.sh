#!/usr/bin/env bash
# Token issuance throughput on a running server (client_credentials, client_secret_basic, RS256 or whatever
# ALGORITHM the server signs with): registers a benchmark client, warms up, then measures with wrk and prints
# tokens/s and latency percentiles, and checks that every token issued has its audit row.
#
#   mvn -Prun                                   # in one terminal
#   src/test/bench/token-throughput.sh          # in another (installs wrk from Debian when missing)
# Not part of the test command: it measures, it does not assert anything but the audit count.
set -euo pipefail
BASE=${BASE:-http://localhost:8000}
WARMUP=${WARMUP:-30s}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
BOOTSTRAP_ID=${SERVICE_CLIENT_ID:-maxplatform-service}
BOOTSTRAP_SECRET=${SERVICE_CLIENT_SECRET:-service_maxplatform_2025_dev_secret}
command -v wrk >/dev/null || { echo "installing wrk"; sudo apt-get install -y wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
json_number() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
admin=$(curl -s -u "$BOOTSTRAP_ID:$BOOTSTRAP_SECRET" -d grant_type=client_credentials -d scope=admin:oauth \
  "$BASE/api/oauth/token" | json_field access_token)
client="bench-$(date +%s)"
secret=$(curl -s -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"client_id\":\"$client\",\"client_name\":\"benchmark\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:profile\"]}" \
  "$BASE/api/admin/oauth/service/clients" | json_field client_secret)
basic=$(printf '%s:%s' "$client" "$secret" | base64 -w0)
cat > "$work/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
done = function(summary, latency, requests)
  io.write(string.format("SUMMARY %d %d %d %d %d %d\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
LUA
issued() {
  curl -s -H "Authorization: Bearer $admin" "$BASE/api/admin/oauth/service/audit-logs?client_id=$client&action=token_issued&size=1" \
    | json_number total
}
echo "warming up for $WARMUP…"
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$work/token.lua" "$BASE/api/oauth/token" > /dev/null
before=$(issued)
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/token.lua" "$BASE/api/oauth/token" > "$work/run.out"
after=$(issued)
read -r requests errors p50 p90 p99 max < <(sed -n 's/^SUMMARY //p' "$work/run.out")
rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/run.out")
echo "tokens/s: $rate  (wrk -t2 -c$CONNECTIONS, $DURATION)"
echo "latency µs: p50 $p50  p90 $p90  p99 $p99  max $max"
echo "requests: $requests, errors (non-2xx or socket): $errors"
rows=$((after - before))
echo "audit rows written during the run: $rows"
# Requests still in flight when wrk stops are answered (and audited) but not counted by wrk: at most one per
# connection.
if [ "$errors" != "0" ] || [ "$rows" -lt "$requests" ] || [ "$rows" -gt "$((requests + CONNECTIONS))" ]; then
  echo "FAILED: every token answered must have exactly one token_issued audit row" >&2
  exit 1
fi
