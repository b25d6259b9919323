#!/usr/bin/env bash
# Prepares a running Payara Server 6 domain for the service-token server, restarts it, and deploys the WAR
# (without a WAR argument it only configures and restarts). Reads everything from the environment (see .env.example); safe to run
# twice. The WAR brings its own connection pool (WEB-INF/glassfish-resources.xml) and PostgreSQL driver.
#
#   DATABASE_URL=jdbc:postgresql://db:5432/platform_integration DATABASE_USER=... DATABASE_PASSWORD=... \
#   SECRET_KEY=... SERVICE_CLIENT_SECRET=... PUBLIC_URL=https://auth.example.com HTTP_PORT=8080 \
#   server-config/payara-server/setup.sh target/maxplatform-oauth.war
set -euo pipefail

WAR=${1:-}
ASADMIN=${ASADMIN:-asadmin}
: "${DATABASE_URL:?DATABASE_URL is required (a JDBC URL)}"
: "${DATABASE_USER:?DATABASE_USER is required}"
: "${DATABASE_PASSWORD:?DATABASE_PASSWORD is required}"
: "${SECRET_KEY:?SECRET_KEY is required}"
: "${SERVICE_CLIENT_SECRET:?SERVICE_CLIENT_SECRET is required}"
# The application fetches its own key set from http://localhost:$HTTP_PORT: the listener's port, 8080 here.
export HTTP_PORT=${HTTP_PORT:-8080}

# Secrets go to the domain's password aliases, not to the command line or domain.xml.
set_alias() {
  local name=$1 value=$2 file aliases
  file=$(mktemp)
  # Removed however the function ends (set -e), so the secret never stays in a temporary file.
  trap 'rm -f "$file"; trap - RETURN' RETURN
  # asadmin reads the file as Java properties: a backslash would be taken as an escape.
  printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "${value//\\/\\\\}" > "$file"
  aliases=$("$ASADMIN" list-password-aliases)
  if grep -qx "$name" <<< "$aliases"; then
    "$ASADMIN" --passwordfile "$file" update-password-alias "$name"
  else
    "$ASADMIN" --passwordfile "$file" create-password-alias "$name"
  fi
}
set_alias maxplatform-db-password "$DATABASE_PASSWORD"
set_alias maxplatform-secret-key "$SECRET_KEY"
set_alias maxplatform-client-secret "$SERVICE_CLIENT_SECRET"

# MicroProfile Config properties at server level; the application's pool (glassfish-resources.xml) reads them.
set_config() {
  "$ASADMIN" set-config-property --source=domain --propertyName="$1" --propertyValue="$2"
}
set_config database.url "$DATABASE_URL"
set_config database.user "$DATABASE_USER"
set_config database.password '${ALIAS=maxplatform-db-password}'
set_config secret.key '${ALIAS=maxplatform-secret-key}'
set_config service.client.secret '${ALIAS=maxplatform-client-secret}'
for name in SERVICE_CLIENT_ID SERVICE_CLIENT_SCOPES SERVICE_TOKEN_EXPIRE_HOURS ALGORITHM PUBLIC_URL TOKEN_AUDIENCE HTTP_PORT \
    ALLOW_DEVELOPMENT_SECRETS AUTH_FAILURES_PER_CLIENT_PER_MINUTE AUTH_FAILURES_PER_SOURCE_PER_MINUTE \
    AUTH_SLOW_VERIFICATIONS_PER_SECOND AUTH_SLOW_VERIFICATIONS_BURST AUDIT_RETENTION_DAYS CLEANUP_INTERVAL_SECONDS \
    AUDIT_RETENTION_MODE SIGNING_KEY_ROTATION_DAYS JWKS_MAX_AGE_SECONDS TRUSTED_PROXIES FORWARDED_HEADER \
    SCHEMA_MIGRATION DATABASE_SCHEMA OUTBOUND_ALLOW_HTTP OUTBOUND_ALLOWED_HOSTS OUTBOUND_ALLOW_PRIVATE_ADDRESSES \
    OUTBOUND_REFETCH_INTERVAL_SECONDS; do
  # Removed first: a variable no longer set must not leave its old value behind (ALLOW_DEVELOPMENT_SECRETS).
  "$ASADMIN" delete-system-property "$name" >/dev/null 2>&1 || true
  if [ -n "${!name:-}" ]; then
    # The application derives its MicroProfile JWT settings from these names as system properties.
    # asadmin splits name=value pairs on ':' ('=' and backslash are special too): escape them, or
    # PUBLIC_URL=https://… would be cut at its first colon.
    value=${!name}
    value=${value//\\/\\\\}
    value=${value//:/\\:}
    value=${value//=/\\=}
    "$ASADMIN" create-system-properties "$name=$value"
  fi
done

"$ASADMIN" set configs.config.server-config.network-config.network-listeners.network-listener.http-listener-1.port="$HTTP_PORT"
# Like Payara Micro (server-config/payara-micro): no server name and version in responses, and the outer
# bound on request bodies.
for attribute in xpowered-by=false server-header=false max-post-size-bytes=1048576; do
  "$ASADMIN" set "configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.$attribute"
done

# The listener port and system properties take effect at start, and the server caches MicroProfile Config
# values for a minute: a restart before deploying means the application starts with what was just set.
"$ASADMIN" restart-domain
if [ -n "$WAR" ]; then
  "$ASADMIN" deploy --force=true --contextroot=/ --name=maxplatform-oauth "$WAR"
fi
