/**
 * Locally built images for tests (no registry is reachable here, so nothing can be pulled).
 * Built by scripts/build-test-image.sh; see that script for what the images contain.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';

/** Plain busybox rootfs: `sh -c` works, all busybox applets on PATH. */
export const BUSYBOX_IMAGE = 'outpost/busybox:local';
/**
 * Fake game server. Run with startup `/srv/echo-server.sh`: prints `Server starting...`, then
 * `Done! Server ready` after STARTUP_DELAY seconds (default 0.5); console commands on stdin:
 * `stop` (prints `Stopping server`, exit 0), `crash` (exit 3), `alloc <MiB>` (hogs memory; exits 137
 * if the allocation is OOM-killed), `ignore` (from then on `stop` and SIGTERM are ignored),
 * anything else -> `echo: <line>`. SIGTERM -> `Stopping server`, exit 0.
 */
export const ECHO_SERVER_IMAGE = 'outpost/echo-server:local';
export const ECHO_SERVER_STARTUP = '/srv/echo-server.sh';
export const ECHO_SERVER_READY_LINE = 'Done! Server ready';

/** The repo root, found from this file in both the source tree and dist/. */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'scripts', 'build-test-image.sh'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('scripts/build-test-image.sh not found above ' + __dirname);
    dir = parent;
  }
}

let pending: Promise<void> | undefined;

/** Builds the test images unless they exist (fast then). Safe to call from every test file. */
export function ensureTestImages(): Promise<void> {
  pending ??= new Promise<void>((resolve, reject) => {
    const script = path.join(repoRoot(), 'scripts', 'build-test-image.sh');
    execFile('bash', [script], { timeout: 5 * 60_000 }, (err, _stdout, stderr) => {
      if (err) {
        pending = undefined; // let a later call retry
        reject(new Error(`build-test-image.sh failed: ${err.message}\n${stderr}`));
      } else resolve();
    });
  });
  return pending;
}
