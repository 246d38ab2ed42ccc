import { AGENT_BUNDLE_NAME, DEFAULT_AGENT_DATA_DIR } from './agent-bundle';

/**
 * The install script served at GET /agent/install.sh (POSIX sh). The bundle's sha256 is written
 * into it when served, so a bundle changed on the way (or a stale cache) is refused before it runs.
 *
 *   curl -fsSL <api>/agent/install.sh | OUTPOST_TOKEN=outpost_reg_… sh -s -- --url <api> [--data-dir DIR] [--systemd]
 *
 * The token is passed to the agent through its environment (never argv, which `ps` shows) and is
 * never printed; with --systemd it goes into <data-dir>/agent.env (mode 0600) read by the unit.
 */
export function agentInstallScript(bundleSha256: string): string {
  return `#!/bin/sh
# Outpost node agent installer. Needs Node.js >= 20, Docker, and curl or wget.
#   sh install.sh --url <api-url> --token <outpost_reg_…> [--data-dir ${DEFAULT_AGENT_DATA_DIR}] [--systemd]
# Without --systemd the agent runs in the foreground (Ctrl-C stops it); with --systemd a unit
# "outpost-agent" is written, enabled and started (needs root).
# OUTPOST_URL, OUTPOST_TOKEN and OUTPOST_DATA_DIR are read when the flags are not given.
set -eu

EXPECTED_SHA256="${bundleSha256}"
URL="\${OUTPOST_URL:-}"
TOKEN="\${OUTPOST_TOKEN:-}"
DATA_DIR="\${OUTPOST_DATA_DIR:-${DEFAULT_AGENT_DATA_DIR}}"
MODE=foreground
UNIT=outpost-agent

die() { echo "outpost-agent install: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --url) [ $# -ge 2 ] || die "--url needs a value"; URL="$2"; shift 2 ;;
    --url=*) URL="\${1#*=}"; shift ;;
    --token) [ $# -ge 2 ] || die "--token needs a value"; TOKEN="$2"; shift 2 ;;
    --token=*) TOKEN="\${1#*=}"; shift ;;
    --data-dir) [ $# -ge 2 ] || die "--data-dir needs a value"; DATA_DIR="$2"; shift 2 ;;
    --data-dir=*) DATA_DIR="\${1#*=}"; shift ;;
    --systemd) MODE=systemd; shift ;;
    --foreground) MODE=foreground; shift ;;
    -h|--help) sed -n '2,7p' "$0" 2>/dev/null || true; exit 0 ;;
    *) die "unknown argument $1" ;;
  esac
done

[ -n "$URL" ] || die "--url is required (the Outpost API, e.g. https://panel.example.com)"
URL="\${URL%/}"
case "$DATA_DIR" in /*) ;; *) die "--data-dir must be an absolute path" ;; esac
[ -n "$TOKEN" ] || [ -f "$DATA_DIR/agent.json" ] || die "--token is required for the first start (no $DATA_DIR/agent.json yet)"

command -v node >/dev/null 2>&1 || die "Node.js >= 20 is required (node was not found)"
NODE="$(command -v node)"
NODE_MAJOR="$("$NODE" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
[ "$NODE_MAJOR" -ge 20 ] 2>/dev/null || die "Node.js >= 20 is required (found $("$NODE" --version 2>/dev/null || echo unknown))"
command -v docker >/dev/null 2>&1 || die "Docker is required (docker was not found)"
docker version >/dev/null 2>&1 || die "Docker is installed but not answering: is the daemon running and may this user use it?"

mkdir -p "$DATA_DIR"
chmod 700 "$DATA_DIR" 2>/dev/null || true
BUNDLE="$DATA_DIR/${AGENT_BUNDLE_NAME}"
TMP="$BUNDLE.download.$$"
trap 'rm -f "$TMP"' EXIT INT TERM
echo "Downloading the agent from $URL/agent/${AGENT_BUNDLE_NAME}"
if command -v curl >/dev/null 2>&1; then
  curl -fsSL -o "$TMP" "$URL/agent/${AGENT_BUNDLE_NAME}" || die "download failed"
elif command -v wget >/dev/null 2>&1; then
  wget -q -O "$TMP" "$URL/agent/${AGENT_BUNDLE_NAME}" || die "download failed"
else
  die "curl or wget is required"
fi
if command -v sha256sum >/dev/null 2>&1; then
  GOT="$(sha256sum "$TMP" | cut -d' ' -f1)"
else
  GOT="$("$NODE" -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' "$TMP")"
fi
[ "$GOT" = "$EXPECTED_SHA256" ] || die "checksum mismatch: expected $EXPECTED_SHA256, got $GOT; not installing"
mv "$TMP" "$BUNDLE"
echo "Agent verified (sha256 $GOT): $BUNDLE"

if [ "$MODE" = systemd ]; then
  [ "$(id -u)" -eq 0 ] || die "--systemd needs root (sudo sh -s -- …)"
  command -v systemctl >/dev/null 2>&1 || die "systemctl was not found; run without --systemd"
  ENV_FILE="$DATA_DIR/agent.env"
  # Written with a restrictive umask: the token never sits in a world-readable file or in the unit.
  ( umask 077; { echo "OUTPOST_URL=$URL"; [ -z "$TOKEN" ] || echo "OUTPOST_TOKEN=$TOKEN"; echo "OUTPOST_DATA_DIR=$DATA_DIR"; } > "$ENV_FILE" )
  cat > "/etc/systemd/system/$UNIT.service" <<UNIT_EOF
[Unit]
Description=Outpost node agent
Wants=network-online.target
After=network-online.target docker.service

[Service]
EnvironmentFile=$ENV_FILE
ExecStart=$NODE $BUNDLE
Restart=always
RestartSec=5
# 78: the token was refused; restarting would not help.
RestartPreventExitStatus=78

[Install]
WantedBy=multi-user.target
UNIT_EOF
  systemctl daemon-reload
  systemctl enable --now "$UNIT.service"
  echo "Installed and started $UNIT.service (logs: journalctl -u $UNIT -f)"
  exit 0
fi

trap - EXIT INT TERM
echo "Starting the agent in the foreground (data directory $DATA_DIR)"
OUTPOST_TOKEN="$TOKEN" exec "$NODE" "$BUNDLE" --url "$URL" --data-dir "$DATA_DIR"
`;
}
