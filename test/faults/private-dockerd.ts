import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { waitFor } from '../helpers/wait';

/**
 * A Docker daemon of the test's own, never the machine's shared one: its own unix socket,
 * --data-root, --exec-root and --pidfile under a temp dir, its own containerd (dockerd starts one
 * under the exec root), its own bridge interface and no iptables rules. Not `--bridge none`: a
 * dockerd without a bridge deletes the host's `docker0` at start-up, which breaks every container
 * of the shared daemon. Images come from the shared daemon with `docker save | docker --host … load`.
 */
export class PrivateDockerd {
  /** Short (unix socket paths are limited to ~107 bytes): /tmp/ofd-XXXXXX. */
  readonly dir = mkdtempSync('/tmp/ofd-');
  readonly socket = join(this.dir, 'docker.sock');
  /** Its own bridge (interface names are limited to 15 characters) on a /24 of 10.254.0.0/16. */
  readonly bridge = `ofdbr${this.dir.slice(-6)}`.replace(/[^A-Za-z0-9]/g, 'x');
  private readonly subnet = 1 + Math.floor(Math.random() * 250);
  private child?: ChildProcess;

  get host(): string {
    return `unix://${this.socket}`;
  }

  /** The daemon's log so far (for failure messages). */
  log(): string {
    try {
      return readFileSync(join(this.dir, 'dockerd.log'), 'utf8').slice(-4000);
    } catch {
      return '';
    }
  }

  async start(): Promise<void> {
    const out = openSync(join(this.dir, 'dockerd.log'), 'a');
    const args = ['--host', this.host, '--data-root', join(this.dir, 'root'), '--exec-root', join(this.dir, 'exec'), '--pidfile', join(this.dir, 'docker.pid')];
    if (!this.bridgeExists()) {
      execFileSync('ip', ['link', 'add', 'name', this.bridge, 'type', 'bridge'], { stdio: 'pipe' });
      execFileSync('ip', ['addr', 'add', `10.254.${this.subnet}.1/24`, 'dev', this.bridge], { stdio: 'pipe' });
      execFileSync('ip', ['link', 'set', this.bridge, 'up'], { stdio: 'pipe' });
    }
    args.push('--bridge', this.bridge, '--iptables=false', '--ip6tables=false', '--ip-masq=false');
    this.child = spawn('dockerd', args, { stdio: ['ignore', out, out] });
    closeSync(out);
    const child = this.child;
    await waitFor(
      `the private dockerd on ${this.socket}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`dockerd exited with ${child.exitCode}:\n${this.log()}`);
        return this.ping();
      },
      60_000,
      100,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n${this.log()}`);
    });
  }

  /** SIGTERM (as `systemctl restart docker` does) and wait for it to exit; SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Copies `image` from the shared daemon into this one (read-only on the shared daemon). */
  loadImage(image: string): void {
    execFileSync('bash', ['-o', 'pipefail', '-c', `docker save "$1" | docker --host "$2" load`, 'load', image, this.host], { stdio: 'pipe', timeout: 120_000 });
  }

  /** Stops the daemon (its containers with it) and removes everything it kept. */
  async destroy(): Promise<void> {
    await this.stop();
    // Leftover mounts of a daemon that had to be killed would make rm fail: unmount what is under the dir.
    if (existsSync('/proc/mounts')) {
      const mounts = readFileSync('/proc/mounts', 'utf8')
        .split('\n')
        .map((l) => l.split(' ')[1])
        .filter((m) => m?.startsWith(this.dir))
        .sort((x, y) => y.length - x.length);
      for (const m of mounts) {
        try {
          execFileSync('umount', ['-l', m], { stdio: 'ignore' });
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
    if (this.bridgeExists()) execFileSync('ip', ['link', 'del', this.bridge], { stdio: 'ignore' });
  }

  private bridgeExists(): boolean {
    try {
      execFileSync('ip', ['link', 'show', this.bridge], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  private ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const req = http.request({ socketPath: this.socket, path: '/_ping', timeout: 1000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
      req.end();
    });
  }
}
