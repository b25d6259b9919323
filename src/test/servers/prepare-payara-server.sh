#!/usr/bin/env bash
# mvn verify -Ppayara-server, before the tests: configures the unpacked Payara Server exactly as an operator
# would (server-config/payara-server/setup.sh, here without a WAR: Arquillian deploys the built one) and
# sends its log to the suite's log folder. Leaves the domain stopped; Arquillian starts it with the tests'
# environment.
set -euo pipefail

PAYARA_HOME=${1:?usage: prepare-payara-server.sh PAYARA_HOME LOG_DIR}
LOG_DIR=${2:?usage: prepare-payara-server.sh PAYARA_HOME LOG_DIR}
export ASADMIN="$PAYARA_HOME/bin/asadmin"
HERE=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$LOG_DIR"
"$ASADMIN" start-domain
trap '"$ASADMIN" stop-domain' EXIT
"$HERE/../../../server-config/payara-server/setup.sh"
"$ASADMIN" set-log-attributes "com.sun.enterprise.server.logging.GFFileHandler.file=$LOG_DIR/server.log"
