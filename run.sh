#!/usr/bin/env bash
# Builds Tributary and runs the default pipeline (conf/tributary.conf): forward on 127.0.0.1:24224 and syslog
# on tcp 127.0.0.1:5140 in, stdout out, plus a dummy input so records show at once. Extra arguments go to
# tributary (e.g. ./run.sh -c conf/other.conf). No AWS account needed.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/java-home.sh
command -v mvn >/dev/null || { echo "Maven is missing: apt-get install -y maven" >&2; exit 1; }
mvn -B -q package -DskipTests
if [ $# -eq 0 ]; then set -- -c conf/tributary.conf; fi
exec dist/target/tributary/bin/tributary "$@"
