#!/usr/bin/env bash
# Brings up a kubling cluster on this machine (Debian 12): installs what is missing,
# builds the jar and runs `kubling server` in the foreground. Ctrl-C stops it.
# Arguments go to `kubling server`, e.g. scripts/cluster-up.sh --port 7443
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install-deps.sh
install_deps

echo "building kubling/target/kubling.jar"
mvn -B -q -Dstyle.color=never -DskipTests package -pl kubling -am
exec java -jar kubling/target/kubling.jar server "$@"
