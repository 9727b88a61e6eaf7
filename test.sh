#!/usr/bin/env bash
# Runs every test: installs the real peers the integration tests use (emulators, syslog senders, forward
# clients; see .ci/install.d/), then builds and runs unit, integration and end-to-end tests with Maven.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java-home.sh
for script in .ci/install.d/*.sh; do
    [ -e "$script" ] || continue
    echo "== $script"
    bash "$script"
done
command -v mvn >/dev/null || { echo "Maven is missing: apt-get install -y maven" >&2; exit 1; }
exec mvn -B verify "$@"
