#!/usr/bin/env bash
# `npm test`: installs what the tests need, builds, and runs every test against real services.
set -euo pipefail
cd "$(dirname "$0")/.."

# Dependencies: install on a fresh clone, or when the lockfile changed since the last install.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test] installing npm dependencies"
  npm ci --no-audit --no-fund
fi

echo "[test] building"
npm run build --silent

# Lint (type-aware ESLint with the architecture rules, then Prettier); a violation fails the run.
# OUTPOST_SKIP_LINT=1 skips it for quick local runs of a few tests; CI never sets it.
if [ "${OUTPOST_SKIP_LINT:-}" != "1" ]; then
  echo "[test] linting"
  npm run lint --silent
fi

# Mutation smoke (StrykerJS on the state machine, about a minute): proves the mutation setup still runs and the
# smoke module keeps >= 80 % killed. OUTPOST_SKIP_MUTATION=1 skips it; the full run is `npm run test:mutation`.
if [ "${OUTPOST_SKIP_MUTATION:-}" != "1" ]; then
  echo "[test] mutation smoke"
  npm run test:mutation:smoke --silent
fi

# Real Docker daemon for container tests (installed and started when absent).
if [ "${OUTPOST_SKIP_DOCKER:-}" != "1" ]; then
  bash scripts/ensure-docker.sh || echo "[test] WARNING: Docker could not be started; container tests will fail"
fi

# Browser tests need Debian's chromium.
if [ -f web/package.json ] && [ "${OUTPOST_SKIP_BROWSER:-}" != "1" ]; then
  bash scripts/ensure-chromium.sh || echo "[test] WARNING: chromium could not be installed; browser tests will fail"
  bash scripts/build-web-if-stale.sh
fi

exec node scripts/run-tests.js "$@"
