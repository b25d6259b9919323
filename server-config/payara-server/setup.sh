#!/usr/bin/env bash
# Prepares a Payara Server 6 domain for the service-token server and deploys the WAR.
# Reads everything from the environment (see .env.example); safe to run twice.
#
#   DATABASE_URL=jdbc:postgresql://db:5432/platform_integration DATABASE_USER=... DATABASE_PASSWORD=... \
#   SECRET_KEY=... SERVICE_CLIENT_SECRET=... PUBLIC_URL=https://auth.example.com HTTP_PORT=8080 \
#   server-config/payara-server/setup.sh target/maxplatform-oauth.war
set -euo pipefail

WAR=${1:?usage: setup.sh path/to/maxplatform-oauth.war}
ASADMIN=${ASADMIN:-asadmin}
: "${DATABASE_URL:?DATABASE_URL is required (a JDBC URL)}"
: "${DATABASE_USER:?DATABASE_USER is required}"
: "${DATABASE_PASSWORD:?DATABASE_PASSWORD is required}"
: "${SECRET_KEY:?SECRET_KEY is required}"
: "${SERVICE_CLIENT_SECRET:?SERVICE_CLIENT_SECRET is required}"

# Secrets go to the domain's password aliases, not to the command line or domain.xml.
set_alias() {
  local name=$1 value=$2 file
  file=$(mktemp)
  printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$value" > "$file"
  if "$ASADMIN" list-password-aliases | grep -qx "$name"; then
    "$ASADMIN" --passwordfile "$file" update-password-alias "$name"
  else
    "$ASADMIN" --passwordfile "$file" create-password-alias "$name"
  fi
  rm -f "$file"
}
set_alias maxplatform-db-password "$DATABASE_PASSWORD"
set_alias maxplatform-secret-key "$SECRET_KEY"
set_alias maxplatform-client-secret "$SERVICE_CLIENT_SECRET"

# MicroProfile Config properties at server level; the application's ${MPCONFIG=...} datasource reads them.
set_config() {
  "$ASADMIN" set-config-property --source=domain --propertyName="$1" --propertyValue="$2"
}
set_config database.url "$DATABASE_URL"
set_config database.user "$DATABASE_USER"
set_config database.password '${ALIAS=maxplatform-db-password}'
set_config secret.key '${ALIAS=maxplatform-secret-key}'
set_config service.client.secret '${ALIAS=maxplatform-client-secret}'
for name in SERVICE_CLIENT_ID SERVICE_CLIENT_SCOPES SERVICE_TOKEN_EXPIRE_HOURS ALGORITHM PUBLIC_URL TOKEN_AUDIENCE HTTP_PORT; do
  if [ -n "${!name:-}" ]; then
    # The application derives its MicroProfile JWT settings from these names as system properties.
    # asadmin splits name=value pairs on ':' ('=' and backslash are special too): escape them, or
    # PUBLIC_URL=https://… would be cut at its first colon.
    value=${!name}
    value=${value//\\/\\\\}
    value=${value//:/\\:}
    value=${value//=/\\=}
    "$ASADMIN" delete-system-property "$name" >/dev/null 2>&1 || true
    "$ASADMIN" create-system-properties "$name=$value"
  fi
done

"$ASADMIN" deploy --force=true --contextroot=/ --name=maxplatform-oauth "$WAR"
