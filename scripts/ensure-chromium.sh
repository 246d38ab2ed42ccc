#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests (playwright-core
# drives it; Playwright never downloads a browser of its own). Idempotent; safe to run every time.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then echo "[chromium] $(/usr/bin/chromium --version 2>/dev/null || echo present)"; exit 0; fi

echo "[chromium] installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
$SUDO apt-get update -qq || true
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "[chromium] /usr/bin/chromium still missing after install" >&2; exit 1; }
echo "[chromium] $(/usr/bin/chromium --version 2>/dev/null || echo installed)"
