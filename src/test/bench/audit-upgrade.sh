#!/usr/bin/env bash
# The upgrade to release 1.7 (the audit trail partitioned by day) measured on a large audit trail, applied by a DBA
# with `mvn liquibase:update` while a release-1.6 server goes on issuing tokens on the same database under load.
# Prints the time of each 1.7 changeset (the swap, 1.7-015, is the only one that holds an ACCESS EXCLUSIVE lock for
# more than a catalog change) and what token requests saw without an upgrade and in 10-second slices throughout it.
#
# Needs: Debian's PostgreSQL running locally on 5432 with the password "postgres" for the user postgres
# (apt-get install postgresql; pg_ctlcluster 15 main start; see the DBA guide), and wrk (apt-get install wrk).
# Builds the release before 1.7 from git into target/upgrade-from (a git worktree).
#
# Usage: src/test/bench/audit-upgrade.sh [ROWS, default 10000000] [DAYS, default 5]
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROWS=${1:-10000000}
DAYS=${2:-5}
DB=audit_upgrade
PORT=${HTTP_PORT:-8000}
WORK=target/upgrade-from
OUT=target/bench/audit-upgrade
SECRET=service_maxplatform_2025_dev_secret
URL="jdbc:postgresql://localhost:5432/$DB"
mkdir -p "$OUT"
psql_db() { PGPASSWORD=postgres psql -h localhost -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

before=$(git log --diff-filter=A --format=%H -1 -- liquibase/releases/1.7.sql)
if [ -z "$before" ]; then
  echo "liquibase/releases/1.7.sql is not committed yet: commit it, then run this again" >&2
  exit 1
fi
if [ ! -d "$WORK" ]; then
  git worktree add --detach "$WORK" "$before~1"
fi
(cd "$WORK" && mvn -q -B package -DskipTests)

psql_db -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
echo "Starting the release before 1.7 on $DB, port $PORT"
(cd "$WORK" && DATABASE_URL=$URL SCHEMA_MIGRATION=apply DATABASE_USER=postgres DATABASE_PASSWORD=postgres HTTP_PORT=$PORT \
   DATA_DIR="$PWD/../upgrade-from-data" exec mvn -q -B -Prun) > "$OUT/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; pkill -f "upgrade-from/target/maxplatform-oauth.war" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf "http://localhost:$PORT/health/ready" > /dev/null && break
  sleep 1
done
curl -sf "http://localhost:$PORT/health/ready" > /dev/null

echo "Seeding $ROWS audit rows over $DAYS days"
start=$(date +%s)
psql_db -d $DB -c "INSERT INTO oauth_audit_logs (action, client_id, success, error_code, reason, scope, token_id, source_address, audience, created_at)
  SELECT CASE WHEN k < 85 THEN 'token_issued' WHEN k < 93 THEN 'token_request_failed' WHEN k < 97 THEN 'token_introspected'
              WHEN k < 99 THEN 'admin_clients_listed' ELSE 'admin_access_denied' END,
         'svc-' || lpad(((i * 7) % 50)::text, 2, '0'), k < 85 OR k BETWEEN 93 AND 98,
         CASE WHEN k BETWEEN 85 AND 92 THEN 'invalid_client' WHEN k = 99 THEN 'invalid_token' END,
         CASE WHEN k BETWEEN 85 AND 92 THEN (ARRAY['bad_secret', 'unknown_client', 'throttled'])[k % 3 + 1] END,
         CASE WHEN k < 85 THEN (ARRAY['read:profile', 'read:profile read:features', 'admin:oauth', 'read:groups manage:reports'])[i % 4 + 1] END,
         CASE WHEN k < 85 THEN md5(i::text) END, '192.0.2.' || (i % 250), CASE WHEN k < 85 THEN 'maxplatform' END,
         now() - (($ROWS - i)::double precision * ($DAYS * 86400 - 60) / $ROWS) * interval '1 second'
  FROM generate_series(1, $ROWS) AS i, LATERAL (SELECT ((i * 37) % 100)::int AS k) AS r" \
  -c "VACUUM ANALYZE oauth_audit_logs"
echo "  seeded in $(( $(date +%s) - start )) s: $(psql_db -d $DB -Atc "SELECT pg_size_pretty(pg_total_relation_size('oauth_audit_logs'))")"

cat > "$OUT/token.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $(printf '%s' "maxplatform-service:$SECRET" | base64 -w0)"
LUA
load() { wrk -t2 -c16 -d"$1" --timeout 10s --latency -s "$OUT/token.lua" "http://localhost:$PORT/api/oauth/token"; }

echo "Token load without an upgrade (30 s warm-up, then 30 s)"
load 30s > /dev/null
load 30s > "$OUT/alone.txt"

echo "Token load in slices of 10 s from 10 s before the upgrade until it has finished"
rm -f "$OUT"/slice-*.txt "$OUT/upgraded"
(n=0; while [ ! -f "$OUT/upgraded" ]; do n=$((n + 1)); load 10s > "$OUT/slice-$(printf %03d $n).txt"; done) &
slices=$!
sleep 10
start=$(date +%s%N)
mvn -B liquibase:update -Dliquibase.url=$URL -Dliquibase.username=postgres -Dliquibase.password=postgres > "$OUT/liquibase.log" 2>&1
upgrade_ms=$(( ($(date +%s%N) - start) / 1000000 ))
touch "$OUT/upgraded"
wait $slices

summary() {
  echo "$(grep -E 'Requests/sec' "$1" | awk '{printf "%.0f", $2}') tokens/s;" \
       "p50 $(grep -E '^ +50%' "$1" | awk '{print $2}'), p99 $(grep -E '^ +99%' "$1" | awk '{print $2}')," \
       "max $(grep -E '^ +Latency' "$1" | awk '{print $4}'); non-2xx $(grep -E 'Non-2xx' "$1" | awk '{print $NF}')" \
       "$(grep -E 'Socket errors' "$1" || echo "no socket errors")"
}
echo
echo "Upgrade of $ROWS rows to release 1.7 under load: $upgrade_ms ms in all (mvn included); each 1.7 changeset:"
grep -o "1\.7-[0-9]*-[a-z0-9-]*::maxplatform ran successfully in [0-9]*ms" "$OUT/liquibase.log" | sed 's/::maxplatform ran successfully in/:/'
echo "Tokens without an upgrade (30 s): $(summary "$OUT/alone.txt")"
echo "Tokens in 10-second slices, the upgrade from the start of the second slice:"
for slice in "$OUT"/slice-*.txt; do
  echo "  $(basename "$slice" .txt): $(summary "$slice")"
done
psql_db -d $DB -c "SELECT * FROM oauth_audit_partitions()" \
  -c "SELECT (SELECT count(*) FROM oauth_audit_logs) AS raw_rows, (SELECT sum(events) FROM oauth_audit_daily_counts) AS counted_rows"
