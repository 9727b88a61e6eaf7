#!/usr/bin/env bash
# Builds the Tributary image: the distribution, a jlink'd Java runtime holding only the modules it uses, and
# the Dockerfile, with docker or podman (BUILDER=podman|docker; default: whichever is installed).
#   IMAGE=tributary:latest BASE=debian:bookworm-slim docker/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/java-home.sh
IMAGE="${IMAGE:-tributary:latest}"
BASE="${BASE:-debian:bookworm-slim}"
BUILDER="${BUILDER:-$(command -v podman >/dev/null && echo podman || echo docker)}"
CONTEXT="${CONTEXT:-docker/target/context}"

if [ "${SKIP_MAVEN:-}" != "1" ]; then
    mvn -B -q package -DskipTests
fi
rm -rf "$CONTEXT"
mkdir -p "$CONTEXT"
cp -r dist/target/tributary "$CONTEXT/tributary"
cp docker/Dockerfile "$CONTEXT/"
cp docker/etc/fluent-bit.conf "$CONTEXT/"
cp conf/parsers.conf "$CONTEXT/parsers.conf"

# Only the JDK modules the jars need (jdeps), plus the ones reached by reflection or service loading:
# TLS ciphers (jdk.crypto.ec), DNS (jdk.naming.dns), XML for STS (java.xml), JFR/JMX for diagnostics.
modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 21 --print-module-deps \
    --class-path "$CONTEXT/tributary/lib/*" "$CONTEXT"/tributary/lib/*.jar 2>/dev/null | tail -n 1)
extra="java.logging,java.management,java.xml,java.naming,jdk.naming.dns,jdk.unsupported,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.zipfs"
all=$(printf '%s,%s' "$modules" "$extra" | tr ',' '\n' | sort -u | while read -r m; do
    [ -n "$m" ] && [ -e "$JAVA_HOME/jmods/$m.jmod" ] && echo "$m"; done | paste -sd, -)
"$JAVA_HOME/bin/jlink" --add-modules "$all" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-6 --output "$CONTEXT/runtime"
# A class-data-sharing archive of the JDK's own classes cuts JVM start time.
"$CONTEXT/runtime/bin/java" -Xshare:dump -XX:SharedArchiveFile="$CONTEXT/runtime/tributary.jsa" -version >/dev/null 2>&1 || true

"$BUILDER" build --build-arg "BASE=$BASE" -t "$IMAGE" "$CONTEXT"
echo "built $IMAGE with runtime modules: $all"
