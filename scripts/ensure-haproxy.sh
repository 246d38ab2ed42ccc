#!/usr/bin/env bash
# Makes sure Debian's haproxy is installed for the replica tests (test/scale: two API processes behind
# a real load balancer on 127.0.0.1). Only the binary is used: the tests write their own config and
# run it in the foreground; the packaged service is not started. Idempotent; safe to run every time.
set -euo pipefail

if command -v haproxy >/dev/null 2>&1; then echo "[haproxy] $(haproxy -v 2>/dev/null | head -n1 || echo present)"; exit 0; fi

echo "[haproxy] installing Debian's haproxy"
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
# Other set-up steps (chromium, docker) may run apt at the same time: wait for the dpkg lock instead of failing.
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq || true
# policy-rc.d 101: the package's own service is not started (no init in containers; the tests run their own).
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null && $SUDO chmod +x "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends haproxy >/dev/null
command -v haproxy >/dev/null 2>&1 || { echo "[haproxy] haproxy still missing after install" >&2; exit 1; }
echo "[haproxy] $(haproxy -v 2>/dev/null | head -n1 || echo installed)"
