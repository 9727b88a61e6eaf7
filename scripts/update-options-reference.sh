#!/usr/bin/env bash
# Regenerates the plugin reference in README.md from the plugins' option declarations.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
mvn -B -q package -DskipTests
java -cp "dist/target/tributary/lib/*" io.tributary.cli.ReferenceDoc README.md
