#!/usr/bin/env bash
# The container image test builds and runs the image with rootful podman (no Docker daemon or image registry
# here); the base image is made from Debian packages with debootstrap. Idempotent and quiet.
set -euo pipefail
need=()
for tool in podman buildah runc skopeo debootstrap; do
    command -v "$tool" >/dev/null || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
