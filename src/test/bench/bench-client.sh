# Sourced by the benchmarks in this folder: installs wrk when missing, makes a work folder, takes an
# admin:oauth token for the bootstrap client ($admin) and registers a client of its own ($client, $secret,
# $basic for a Basic header). Needs BASE, BOOTSTRAP_ID and BOOTSTRAP_SECRET.
command -v wrk >/dev/null || { echo "installing wrk"; sudo apt-get install -y wrk >/dev/null 2>&1 || apt-get install -y wrk >/dev/null; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
admin=$(curl -s -u "$BOOTSTRAP_ID:$BOOTSTRAP_SECRET" -d grant_type=client_credentials -d scope=admin:oauth \
  "$BASE/api/oauth/token" | json_field access_token)
client="bench-$(date +%s)"
secret=$(curl -s -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "{\"client_id\":\"$client\",\"client_name\":\"benchmark\",\"allowed_scopes\":[\"read:profile\"],\"default_scopes\":[\"read:profile\"]}" \
  "$BASE/api/admin/oauth/service/clients" | json_field client_secret)
basic=$(printf '%s:%s' "$client" "$secret" | base64 -w0)
