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

# The checks and set-up steps below do not depend on each other: they run side by side (most wait on
# one core, the network or a daemon), each into its own log, printed in order when all are done.
LOGS=.data/test-setup
rm -rf "$LOGS" && mkdir -p "$LOGS"
declare -A STEP_PID=()
STEPS=()
step() { # step <name> <command…>
  local name=$1
  shift
  ("$@") >"$LOGS/$name.log" 2>&1 &
  STEP_PID[$name]=$!
  STEPS+=("$name")
}

# Lint (type-aware ESLint with the architecture rules, then Prettier); a violation fails the run.
# OUTPOST_SKIP_LINT=1 skips it for quick local runs of a few tests; CI never sets it.
if [ "${OUTPOST_SKIP_LINT:-}" != "1" ]; then step lint npm run lint --silent; fi

# Mutation smoke (StrykerJS on the state machine, ~20 s): proves the mutation setup still runs and the
# smoke module keeps >= 80 % killed. OUTPOST_SKIP_MUTATION=1 skips it; the full run is `npm run test:mutation`.
if [ "${OUTPOST_SKIP_MUTATION:-}" != "1" ]; then step mutation-smoke npm run test:mutation:smoke --silent; fi

# Real Docker daemon for container tests (installed and started when absent): a warning, not a failure here —
# the container tests then fail with their own message.
if [ "${OUTPOST_SKIP_DOCKER:-}" != "1" ]; then
  step docker bash -c 'bash scripts/ensure-docker.sh || echo "[test] WARNING: Docker could not be started; container tests will fail"'
fi

# The replica tests (test/scale) put two API processes behind Debian's haproxy on 127.0.0.1; they fail with their own message without it.
step haproxy bash -c 'bash scripts/ensure-haproxy.sh || echo "[test] WARNING: haproxy could not be installed; the replica tests will fail"'

# Browser tests need Debian's chromium and the built dashboard.
if [ -f web/package.json ] && [ "${OUTPOST_SKIP_BROWSER:-}" != "1" ]; then
  step browser bash -c '(bash scripts/ensure-chromium.sh || echo "[test] WARNING: chromium could not be installed; browser tests will fail") && bash scripts/build-web-if-stale.sh'
fi

failed=()
for name in "${STEPS[@]}"; do
  if wait "${STEP_PID[$name]}"; then status=ok; else status=FAILED; failed+=("$name"); fi
  echo "[test] ---- $name: $status"
  cat "$LOGS/$name.log"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "[test] failed: ${failed[*]}" >&2
  exit 1
fi

exec node scripts/run-tests.js "$@"
