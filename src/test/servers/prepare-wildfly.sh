#!/usr/bin/env bash
# mvn verify -Pwildfly, before the tests: configures the unpacked WildFly as an operator would
# (server-config/wildfly: EclipseLink, then setup.cli), with an embedded server instead of a running one, since
# setup.cli keeps the settings as ${env.…} expressions. Arquillian then starts WildFly with the tests'
# environment and deploys the built WAR.
set -euo pipefail

JBOSS_HOME=${1:?usage: prepare-wildfly.sh JBOSS_HOME ECLIPSELINK_JAR POSTGRESQL_JAR}
ECLIPSELINK_JAR=${2:?usage: prepare-wildfly.sh JBOSS_HOME ECLIPSELINK_JAR POSTGRESQL_JAR}
POSTGRESQL_JAR=${3:?usage: prepare-wildfly.sh JBOSS_HOME ECLIPSELINK_JAR POSTGRESQL_JAR}
CONFIG=$(cd "$(dirname "$0")/../../../server-config/wildfly" && pwd)

"$CONFIG/add-eclipselink.sh" "$JBOSS_HOME" "$ECLIPSELINK_JAR"
script=$(mktemp --suffix=.cli)
trap 'rm -f "$script"' EXIT
{
  echo "embed-server --server-config=standalone-microprofile.xml --std-out=discard"
  cat "$CONFIG/setup.cli"
  echo "stop-embedded-server"
} > "$script"
"$JBOSS_HOME/bin/jboss-cli.sh" --file="$script" -Dpostgresql.jar="$POSTGRESQL_JAR"
