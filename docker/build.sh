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
# A class data sharing archive that local runs of dist/target/tributary wrote belongs to this machine's JVM, not to
# the image's runtime: the image writes its own.
rm -rf "$CONTEXT/tributary/cache"
cp docker/Dockerfile "$CONTEXT/"
cp docker/etc/fluent-bit.conf "$CONTEXT/"
cp conf/parsers.conf "$CONTEXT/parsers.conf"

# Only the JDK modules the jars need (jdeps), plus the ones reached by reflection or service loading:
# TLS ciphers (jdk.crypto.ec), DNS (jdk.naming.dns), XML for STS (java.xml), JFR/JMX for diagnostics.
# Netty's marshalling and protobuf codecs come in transitively, are never used, and name modules that are absent,
# which stops jdeps: leave them out of the analysis.
jars=$(ls "$CONTEXT"/tributary/lib/*.jar | grep -v -e netty-codec-marshalling -e netty-codec-protobuf)
# shellcheck disable=SC2086
modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 21 --print-module-deps \
    --class-path "$CONTEXT/tributary/lib/*" $jars 2>/dev/null | tail -n 1 | grep -v -i error || true)
extra="java.base,java.desktop,java.sql,java.logging,java.management,java.xml,java.naming,jdk.naming.dns,jdk.unsupported,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.zipfs"
# Only modules this JDK has (JDK 24+ may link from its own runtime image without a jmods folder).
available=$("$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//')
all=$(printf '%s,%s' "$modules" "$extra" | tr ',' '\n' | sort -u | while read -r m; do
    [ -n "$m" ] && echo "$available" | grep -qx "$m" && echo "$m"; done | paste -sd, -)
"$JAVA_HOME/bin/jlink" --add-modules "$all" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-6 --generate-cds-archive --output "$CONTEXT/runtime"

"$BUILDER" build --build-arg "BASE=$BASE" -t "$IMAGE" "$CONTEXT"
echo "built $IMAGE with runtime modules: $all"
