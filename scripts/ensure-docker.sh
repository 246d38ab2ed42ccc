#!/usr/bin/env bash
# Makes sure a Docker daemon answers on /var/run/docker.sock: installs Debian's docker.io when
# dockerd is missing and starts dockerd in the background. Idempotent; safe to run every time.
set -euo pipefail
SOCK=/var/run/docker.sock

daemon_answers() { [ -S "$SOCK" ] && curl -fsS --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }

# Containers join the default bridge: a daemon whose docker0 was deleted (e.g. by another daemon that
# shared the name and removed it on exit) answers pings but starts no container.
bridge_present() { ! command -v ip >/dev/null 2>&1 || ip link show docker0 >/dev/null 2>&1; }

if daemon_answers && bridge_present; then echo "[docker] daemon is up"; exit 0; fi
if daemon_answers; then
  if pgrep -f "dockerd --host=unix://$SOCK" >/dev/null 2>&1; then
    echo "[docker] the daemon's bridge docker0 is gone: restarting the dockerd started here"
    pkill -f "dockerd --host=unix://$SOCK" || true
    for _ in $(seq 1 30); do pgrep -f "dockerd --host=unix://$SOCK" >/dev/null 2>&1 || break; sleep 1; done
  else
    echo "[docker] WARNING: docker0 is missing and this dockerd was not started here; containers may fail to start" >&2
    exit 0
  fi
fi

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
  if daemon_answers && bridge_present; then echo "[docker] daemon is up"; exit 0; fi
  sleep 1
done
echo "[docker] dockerd did not come up; last log lines:" >&2
tail -20 /var/log/outpost-dockerd.log >&2 || true
exit 1
