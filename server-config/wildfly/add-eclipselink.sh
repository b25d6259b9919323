#!/usr/bin/env bash
# Makes EclipseLink, the application's JPA provider, available on WildFly. WildFly's org.eclipse.persistence
# module ships only its adapter (jipijapa-eclipselink); this adds EclipseLink itself to that module, as
# WildFly's JPA guide describes. Safe to run twice; run it while the server is stopped.
#
#   server-config/wildfly/add-eclipselink.sh "$JBOSS_HOME" eclipselink-4.0.8.jar
# (org.eclipse.persistence:eclipselink:4.0.8 from Maven Central: JPA 3.1, as WildFly's jakarta.persistence.api)
set -euo pipefail

JBOSS_HOME=${1:?usage: add-eclipselink.sh JBOSS_HOME path/to/eclipselink.jar}
JAR=${2:?usage: add-eclipselink.sh JBOSS_HOME path/to/eclipselink.jar}
MODULE_DIR="$JBOSS_HOME/modules/system/layers/base/org/eclipse/persistence/main"
[ -f "$MODULE_DIR/module.xml" ] || { echo "no EclipseLink module in $MODULE_DIR: is $JBOSS_HOME a WildFly?" >&2; exit 1; }

cp "$JAR" "$MODULE_DIR/eclipselink.jar"
if ! grep -q 'path="eclipselink.jar"' "$MODULE_DIR/module.xml"; then
  sed -i 's|<resources>|<resources>\n        <resource-root path="eclipselink.jar"/>|' "$MODULE_DIR/module.xml"
fi
# The JDK modules EclipseLink itself uses, beyond those the adapter needs.
for jdk_module in java.desktop java.rmi java.sql java.xml; do
  if ! grep -q "<module name=\"$jdk_module\"" "$MODULE_DIR/module.xml"; then
    sed -i "s|<dependencies>|<dependencies>\n        <module name=\"$jdk_module\"/>|" "$MODULE_DIR/module.xml"
  fi
done
echo "EclipseLink $(basename "$JAR") added to $MODULE_DIR"
