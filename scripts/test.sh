#!/usr/bin/env bash
# Runs every test of kubling (Debian 12; as root in CI with CI=true and no stdin):
# installs what is missing, then `mvn -B verify` from the repository root, and exits with
# Maven's code. Arguments go to Maven, e.g. scripts/test.sh -o -pl kubling
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install-deps.sh
# Tests need what the cluster needs (a real etcd, curl for the README examples) and bash.
install_deps "bash:bash"

exec mvn -B verify "$@" </dev/null
