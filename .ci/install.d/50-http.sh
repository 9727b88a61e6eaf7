#!/usr/bin/env bash
# Tools the HTTP server's tests use: headless Chromium loads the status page, and promtool (Debian's
# prometheus package) parses and lints the Prometheus exposition. Idempotent and quiet.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v promtool >/dev/null || need+=(prometheus)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    # policy-rc.d keeps the prometheus package from starting its server during install.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d.http && chmod +x /usr/sbin/policy-rc.d.http
    if [ ! -e /usr/sbin/policy-rc.d ]; then cp /usr/sbin/policy-rc.d.http /usr/sbin/policy-rc.d; created=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    if [ "${created:-0}" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
    rm -f /usr/sbin/policy-rc.d.http
fi
