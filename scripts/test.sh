#!/usr/bin/env bash
# Runs every test of kubling (Debian 12; as root in CI with CI=true and no stdin):
# installs what is missing, then `mvn -B verify` from the repository root, and exits with
# Maven's code. Arguments go to Maven, e.g. scripts/test.sh -o -pl kubling
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/install-deps.sh
# Tests need what the cluster needs (a real etcd, curl for the README examples), bash and
# python3 (the HTTP server the node e2e tests run in their pods).
install_deps "bash:bash" "python3:python3"

exec mvn -B verify "$@" </dev/null
