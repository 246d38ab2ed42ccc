#!/usr/bin/env bash
# Builds the dashboard (web/dist) when it is missing or older than its sources or the API spec.
# Its build tools (vite, typescript) are devDependencies: web:build installs them with --include=dev,
# which NODE_ENV=production would otherwise skip.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f web/package.json ] || exit 0
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/package.json libs/client/schema.ts -newer web/dist/index.html 2>/dev/null | head -1)" ]; then
  echo "[web] building the dashboard"
  npm run web:build --silent
fi
