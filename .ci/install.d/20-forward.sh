#!/usr/bin/env bash
# Real Forward protocol clients for the forward input's tests (plugins-input, io.tributary.input.forward):
#   - Debian python3-fluent-logger (Message mode), used through /usr/bin/python3;
#   - npm fluent-logger 3.4.1 (CompressedPackedForward, ack, shared-key handshake) in test-tools/forward/;
#   - openssl, which makes the throwaway CA and certificates of the TLS tests.
# Idempotent and quiet: installs only what is missing.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

missing=()
for pkg in python3 python3-fluent-logger openssl nodejs npm; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# node may come from elsewhere (nodesource, nvm); only ask apt for it when there is none at all.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
wanted=()
for pkg in "${missing[@]}"; do [ -n "$pkg" ] && wanted+=("$pkg"); done
if [ ${#wanted[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  if ! { apt-get update -qq && apt-get install -y -qq "${wanted[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
fi

tools="$repo/test-tools/forward"
if [ ! -f "$tools/node_modules/fluent-logger/package.json" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
