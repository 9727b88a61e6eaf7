#!/usr/bin/env bash
# Makes localhost/debian-base:bookworm from Debian packages with debootstrap, for machines that reach Debian's
# package mirror but no image registry (CI, air-gapped builders). The mirror is the one apt already uses.
# Caches the image tarball in ~/.cache/tributary so later runs import it in seconds.
set -euo pipefail
IMAGE=localhost/debian-base:bookworm
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tributary"
TARBALL="$CACHE/debian-base-bookworm.tar"
if podman image exists "$IMAGE" 2>/dev/null; then exit 0; fi
mkdir -p "$CACHE"
if [ ! -s "$TARBALL" ]; then
    # The active Debian archive apt uses: deb822 "URIs:" lines first, then one-line "deb URL" entries.
    mirror=$( { cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *\(http[^ ]*\).*/\1/p'
                cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | sed -n 's/^deb  *\(\[[^]]*\] *\)\{0,1\}\(http[^ ]*\).*/\2/p'
              } | grep -i debian | grep -v -e security -e nodesource | head -n 1 || true)
    [ -n "$mirror" ] || { echo "no Debian mirror found in apt sources" >&2; exit 1; }
    rootfs=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
    rm -rf "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/var/cache/apt/archives/*.deb \
        "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -cf "$TARBALL" .
    rm -rf "$rootfs"
fi
podman import "$TARBALL" "$IMAGE" >/dev/null
