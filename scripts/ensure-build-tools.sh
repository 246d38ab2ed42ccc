#!/usr/bin/env bash
# `npm start` builds from source, so it needs the build tools (typescript and the @types packages,
# devDependencies), which `npm install` leaves out under NODE_ENV=production. Installs them then.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/tsc ]; then
  echo "[start] build tools missing (npm install under NODE_ENV=production skips devDependencies): installing them"
  npm ci --include=dev --no-audit --no-fund
fi
