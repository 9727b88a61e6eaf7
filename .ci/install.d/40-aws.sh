#!/usr/bin/env bash
# Test tools for the AWS outputs: kinesalite (Kinesis Data Streams emulator) under test-tools/aws/.
set -euo pipefail
cd "$(dirname "$0")/../../test-tools/aws"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq >/dev/null && apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -f node_modules/kinesalite/package.json ] \
   || [ "$(node -p "require('./node_modules/kinesalite/package.json').version")" != "3.3.3" ]; then
  npm install --no-audit --no-fund --silent >/dev/null
fi
