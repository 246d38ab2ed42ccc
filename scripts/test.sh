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

# Two kinds of steps, each into its own log and timed:
# - set-up the tests need (Docker, haproxy, chromium + the dashboard build) runs side by side first;
# - checks the tests do not need (lint, mutation smoke) run alongside the tests at the lowest CPU
#   priority, so they use the cycles the tests leave idle (waiting on Docker, sockets, timers) instead
#   of a minute of wall time before the first test. Their results are printed and enforced at the end.
LOGS=.data/test-setup
rm -rf "$LOGS" && mkdir -p "$LOGS"
declare -A STEP_PID=()
SETUP=()
CHECKS=()
step() { # step <setup|check> <name> <command…>
  local kind=$1 name=$2
  shift 2
  if [ "$kind" = check ]; then
    (nice -n 19 bash -c 's=$SECONDS; "$@"; rc=$?; echo "[test] ($((SECONDS - s)) s)"; exit $rc' _ "$@") >"$LOGS/$name.log" 2>&1 &
    CHECKS+=("$name")
  else
    (bash -c 's=$SECONDS; "$@"; rc=$?; echo "[test] ($((SECONDS - s)) s)"; exit $rc' _ "$@") >"$LOGS/$name.log" 2>&1 &
    SETUP+=("$name")
  fi
  STEP_PID[$name]=$!
}
# An interrupted run (Ctrl-C, a CI timeout) leaves no lint or Stryker behind it: each step's process tree goes.
killtree() {
  local child
  for child in $(pgrep -P "$1" || true); do killtree "$child"; done
  kill "$1" 2>/dev/null || true
}
trap 'for pid in "${STEP_PID[@]}"; do killtree "$pid"; done' EXIT
# Waits for the named steps, prints their logs in order, and adds the failed ones to `failed`.
failed=()
report() {
  for name in "$@"; do
    if wait "${STEP_PID[$name]}"; then status=ok; else status=FAILED; failed+=("$name"); fi
    echo "[test] ---- $name: $status"
    cat "$LOGS/$name.log"
  done
}

# Real Docker daemon for container tests (installed and started when absent): a warning, not a failure here —
# the container tests then fail with their own message.
if [ "${OUTPOST_SKIP_DOCKER:-}" != "1" ]; then
  step setup docker bash -c 'bash scripts/ensure-docker.sh || echo "[test] WARNING: Docker could not be started; container tests will fail"'
fi

# The replica tests (test/scale) put two API processes behind Debian's haproxy on 127.0.0.1; they fail with their own message without it.
step setup haproxy bash -c 'bash scripts/ensure-haproxy.sh || echo "[test] WARNING: haproxy could not be installed; the replica tests will fail"'

# Browser tests need Debian's chromium and the built dashboard.
if [ -f web/package.json ] && [ "${OUTPOST_SKIP_BROWSER:-}" != "1" ]; then
  step setup browser bash -c '(bash scripts/ensure-chromium.sh || echo "[test] WARNING: chromium could not be installed; browser tests will fail") && bash scripts/build-web-if-stale.sh'
fi

report "${SETUP[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "[test] failed: ${failed[*]}" >&2
  exit 1
fi

# Lint (type-aware ESLint with the architecture rules, then Prettier); a violation fails the run.
# OUTPOST_SKIP_LINT=1 skips it for quick local runs of a few tests; CI never sets it.
if [ "${OUTPOST_SKIP_LINT:-}" != "1" ]; then step check lint npm run lint --silent; fi

# Mutation smoke (StrykerJS on the state machine, ~20 s): proves the mutation setup still runs and the
# smoke module keeps >= 80 % killed. OUTPOST_SKIP_MUTATION=1 skips it; the full run is `npm run test:mutation`.
if [ "${OUTPOST_SKIP_MUTATION:-}" != "1" ]; then step check mutation-smoke npm run test:mutation:smoke --silent; fi

tests=0
node scripts/run-tests.js "$@" || tests=$?

if [ ${#CHECKS[@]} -gt 0 ]; then report "${CHECKS[@]}"; fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "[test] failed: ${failed[*]}" >&2
  exit 1
fi
exit $tests
