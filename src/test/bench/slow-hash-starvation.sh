#!/usr/bin/env bash
# Measures what strangers sending wrong secrets for the bootstrap client (whose id the guide publishes, and
# whose secret is PBKDF2-hashed) cost another client: valid token requests per second alone, then while 50
# addresses send wrong bootstrap secrets as fast as the server answers them.
#
# Against a running quick start that trusts the loopback as its proxy (so each attacker address is its own):
#   TRUSTED_PROXIES=127.0.0.1/32 mvn -Prun          # in one terminal
#   src/test/bench/slow-hash-starvation.sh          # in another (installs wrk from Debian when missing)
# Not part of the test command: it measures, it does not assert.
set -euo pipefail
BASE=${BASE:-http://localhost:8000}
SECONDS_EACH=${SECONDS_EACH:-20}
BOOTSTRAP_ID=${SERVICE_CLIENT_ID:-maxplatform-service}
BOOTSTRAP_SECRET=${SERVICE_CLIENT_SECRET:-service_maxplatform_2025_dev_secret}
. "$(dirname "$0")/bench-client.sh"

cat > "$work/valid.lua" <<LUA
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
LUA
cat > "$work/attack.lua" <<LUA
local n = 0
request = function()
  n = n + 1
  local address = "203.0.113." .. (n % 50 + 1)
  return wrk.format("POST", "/api/oauth/token", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = address,
    ["Authorization"] = "Basic " .. "$(printf '%s:wrong' "$BOOTSTRAP_ID" | base64 -w0)"
  }, "grant_type=client_credentials")
end
LUA

rate() { sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'; }
# A valid run that is not all 200s measures nothing: stop then.
valid_run() {
  wrk -t2 -c16 -d"$1" -s "$work/valid.lua" "$BASE/api/oauth/token" > "$work/valid.out"
  if grep -q "Non-2xx" "$work/valid.out"; then cat "$work/valid.out" >&2; echo "valid requests were refused" >&2; exit 1; fi
  rate < "$work/valid.out"
}
echo "warming up…"; valid_run 10s >/dev/null
alone=$(valid_run "${SECONDS_EACH}s")
wrk -t1 -c50 -d"$((SECONDS_EACH + 4))s" -s "$work/attack.lua" "$BASE/api/oauth/token" > "$work/attack.out" &
sleep 2
attacked=$(valid_run "${SECONDS_EACH}s")
wait
attack=$(rate < "$work/attack.out")
echo "valid tokens/s alone:            $alone"
echo "valid tokens/s under the attack: $attacked ($(awk "BEGIN {printf \"%.0f\", 100 * $attacked / $alone}") %)"
echo "attack requests/s answered:      $attack (wrong bootstrap secrets from 50 addresses; 429 past the budget)"
