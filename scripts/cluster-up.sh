#!/usr/bin/env bash
# Brings up a kubling cluster on this machine (Debian 12): installs what is missing,
# builds the jar and runs `kubling server` in the foreground. Ctrl-C stops it.
# Arguments go to `kubling server`, e.g. scripts/cluster-up.sh --port 7443
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install-deps.sh
install_deps

jar=kubling/target/kubling.jar
# Build unless the jar is newer than every source and pom (as after `scripts/test.sh`, or a
# second start): a restart should not cost a Maven run.
if [ -f "$jar" ] && [ -z "$(find . \( -name target -o -name data -o -name .git \) -prune -o \
    \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -type f \
    -newer "$jar" -print -quit)" ]; then
  echo "$jar is up to date"
else
  echo "building $jar"
  mvn -B -q -Dstyle.color=never -DskipTests package -pl kubling -am
fi
exec java -jar "$jar" server "$@"
