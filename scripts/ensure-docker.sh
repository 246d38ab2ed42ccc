#!/usr/bin/env bash
# Makes sure a Docker daemon answers on /var/run/docker.sock: installs Debian's docker.io when
# dockerd is missing and starts dockerd in the background. Idempotent; safe to run every time.
set -euo pipefail
SOCK=/var/run/docker.sock

daemon_answers() { [ -S "$SOCK" ] && curl -fsS --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }

if daemon_answers; then echo "[docker] daemon is up"; exit 0; fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "[docker] installing docker.io from Debian"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq || true) >/dev/null
  apt-get install -y -qq docker.io >/dev/null
fi

echo "[docker] starting dockerd"
mkdir -p /var/log
nohup dockerd --host=unix://$SOCK >/var/log/outpost-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if daemon_answers; then echo "[docker] daemon is up"; exit 0; fi
  sleep 1
done
echo "[docker] dockerd did not come up; last log lines:" >&2
tail -20 /var/log/outpost-dockerd.log >&2 || true
exit 1
