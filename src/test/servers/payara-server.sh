#!/usr/bin/env bash
# mvn verify -Ppayara-server, around the tests:
#   payara-server.sh start PAYARA_HOME LOG_DIR   starts the unpacked domain with its log in the suite's log
#       folder and configures it exactly as an operator would (server-config/payara-server/setup.sh, here
#       without a WAR: Arquillian deploys the built one);
#   payara-server.sh stop PAYARA_HOME            stops it.
set -euo pipefail

COMMAND=${1:?usage: payara-server.sh start|stop PAYARA_HOME [LOG_DIR]}
PAYARA_HOME=${2:?usage: payara-server.sh start|stop PAYARA_HOME [LOG_DIR]}
export ASADMIN="$PAYARA_HOME/bin/asadmin"
HERE=$(cd "$(dirname "$0")" && pwd)

case "$COMMAND" in
  start)
    LOG_DIR=${3:?usage: payara-server.sh start PAYARA_HOME LOG_DIR}
    mkdir -p "$LOG_DIR"
    "$ASADMIN" start-domain
    "$ASADMIN" set-log-attributes "com.sun.enterprise.server.logging.GFFileHandler.file=$LOG_DIR/server.log"
    "$HERE/../../../server-config/payara-server/setup.sh"   # ends with a restart
    ;;
  stop)
    "$ASADMIN" stop-domain
    ;;
  *)
    echo "usage: payara-server.sh start|stop PAYARA_HOME [LOG_DIR]" >&2
    exit 2
    ;;
esac
