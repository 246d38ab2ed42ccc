#!/usr/bin/env bash
# Builds the images Outpost's tests run, without any registry (pulls fail here):
#   outpost/busybox:local      busybox-static rootfs (sh + applets, /tmp, minimal /etc/passwd)
#   outpost/echo-server:local  the same rootfs plus /srv/echo-server.sh, a fake game server
# Idempotent and fast when both images exist; FORCE=1 rebuilds them.
set -euo pipefail

BUSYBOX_IMAGE=outpost/busybox:local
ECHO_IMAGE=outpost/echo-server:local

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

if [ "${FORCE:-0}" != "1" ] && have_image "$BUSYBOX_IMAGE" && have_image "$ECHO_IMAGE"; then
  exit 0
fi

# Test files may call this concurrently: serialize builds (and apt's dpkg lock), then re-check.
exec 9>/tmp/outpost-build-test-image.lock
flock 9
if [ "${FORCE:-0}" != "1" ] && have_image "$BUSYBOX_IMAGE" && have_image "$ECHO_IMAGE"; then
  exit 0
fi

if ! docker info >/dev/null 2>&1; then
  bash "$(dirname "$0")/ensure-docker.sh"
fi

if [ ! -x /bin/busybox ]; then
  echo "[test-image] installing busybox-static"
  export DEBIAN_FRONTEND=noninteractive
  # The package index may be empty on a fresh box; only refresh when the install would fail.
  if ! apt-get install -y -qq busybox-static >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq busybox-static >/dev/null
  fi
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

make_rootfs() {
  local root=$1
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,srv,data,proc,sys,dev}
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  # Applet symlinks (sh, sleep, head, ...) pointing at the static binary, at the paths busybox expects.
  local applet
  for applet in $(/bin/busybox --list-full); do
    [ "$applet" = "bin/busybox" ] && continue
    mkdir -p "$root/$(dirname "$applet")"
    ln -sf /bin/busybox "$root/$applet"
  done
  ln -sf /bin/busybox "$root/bin/sh"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
}

import_rootfs() {
  local root=$1 ref=$2
  # Default CMD/ENV so `docker run <image>` works too; Outpost always passes its own Cmd.
  tar -C "$root" --numeric-owner --owner=0 --group=0 -c . |
    docker import -c 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' -c "CMD [\"$3\"]" - "$ref" >/dev/null
  echo "[test-image] built $ref"
}

make_rootfs "$WORK/busybox"
import_rootfs "$WORK/busybox" "$BUSYBOX_IMAGE" /bin/sh

make_rootfs "$WORK/echo"
cat >"$WORK/echo/srv/echo-server.sh" <<'EOF'
#!/bin/sh
# Fake game server for Outpost's tests. Console protocol on stdin, one command a line:
#   stop        -> "Stopping server", exit 0
#   crash       -> exit 3
#   alloc <MiB> -> hold that much memory (triggers an OOM kill under a smaller limit)
#   ignore      -> "Ignoring stop", from then on `stop` and SIGTERM are ignored
#   anything    -> "echo: <line>"
# SIGTERM -> "Stopping server", exit 0. Env STARTUP_DELAY overrides the 0.5 s boot time.
ignoring=0
on_term() {
  if [ "$ignoring" = 1 ]; then echo "Ignoring SIGTERM"; return; fi
  echo "Stopping server"
  exit 0
}
trap on_term TERM INT
echo "Server starting..."
sleep "${STARTUP_DELAY:-0.5}"
echo "Done! Server ready"
while :; do
  IFS= read -r line
  rc=$?
  # >128: read was interrupted by a trapped signal that chose not to exit; read again.
  [ "$rc" -gt 128 ] && continue
  if [ "$rc" -ne 0 ]; then
    # EOF (no console attached): keep running like a real server; `wait` stays interruptible.
    while :; do sleep 1 & wait $!; done
  fi
  case "$line" in
    stop)
      if [ "$ignoring" = 1 ]; then echo "Ignoring stop"; continue; fi
      echo "Stopping server"; exit 0 ;;
    crash) echo "Crashing"; exit 3 ;;
    ignore) ignoring=1; echo "Ignoring stop" ;;
    alloc\ *)
      mib=${line#alloc }
      echo "Allocating ${mib} MiB"
      # sort keeps its whole input (one NUL-filled line) in memory; the pipeline is the hog.
      if head -c "$((mib * 1048576))" /dev/zero | sort >/dev/null; then
        echo "Allocated ${mib} MiB"
      else
        echo "Allocation failed"; exit 137
      fi ;;
    *) echo "echo: $line" ;;
  esac
done
EOF
chmod 755 "$WORK/echo/srv/echo-server.sh"
import_rootfs "$WORK/echo" "$ECHO_IMAGE" /srv/echo-server.sh
