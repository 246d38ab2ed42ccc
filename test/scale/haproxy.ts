import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/api-process';
import { waitFor } from '../helpers/wait';

/**
 * Debian's haproxy (scripts/ensure-haproxy.sh) in front of API processes on 127.0.0.1, with a config
 * written to a temp dir: round robin, no stickiness, health check on /readyz, WebSocket upgrades
 * passed through (HTTP mode tunnels a 101 by itself; `timeout tunnel` keeps idle sockets open).
 * Every response names the server that answered (X-Outpost-Backend), and the admin socket gives the
 * per-server counters (`show stat`) and live sessions (`show sess`).
 */
export interface Haproxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly config: string;
  /** The backend servers' rows of `show stat`, by server name. */
  stats(): Promise<Record<string, ServerStat>>;
  /** The server a client connection (its local port) is relayed to, from `show sess`; undefined when none. */
  serverOfClient(localPort: number): Promise<string | undefined>;
  output(): string;
  stop(): Promise<void>;
}

export interface ServerStat {
  /** UP, DOWN, MAINT, "UP 1/2"… */
  status: string;
  /** HTTP requests this server answered. */
  requests: number;
  /** Connections (sessions) it was handed, WebSockets included. */
  sessions: number;
  /** Open sessions now. */
  current: number;
}

export const HAPROXY_BACKEND_HEADER = 'x-outpost-backend';

/** haproxy's version line; throws a message saying how to install it (the tests fail, they do not skip). */
export function haproxyVersion(): string {
  try {
    return execFileSync('haproxy', ['-v'], { encoding: 'utf8' }).split('\n')[0];
  } catch (err) {
    throw new Error(
      `haproxy is not installed (${(err as Error).message.split('\n')[0]}). The replica tests need Debian's haproxy: ` + 'run `bash scripts/ensure-haproxy.sh` (npm test does it in its set-up steps).',
      { cause: err },
    );
  }
}

function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(socket);
    let out = '';
    c.setEncoding('utf8');
    c.on('connect', () => c.write(`${command}\n`));
    c.on('data', (d: string) => (out += d));
    c.on('end', () => resolve(out));
    c.on('error', reject);
    c.setTimeout(5000, () => c.destroy(new Error(`haproxy admin socket: no answer to "${command}"`)));
  });
}

/** `healthCheck`: backend lines replacing the fast-failover check below (a load test needs one that a busy replica passes). */
export async function startHaproxy(servers: Array<{ name: string; port: number }>, options: { healthCheck?: string[] } = {}): Promise<Haproxy> {
  haproxyVersion();
  const dir = mkdtempSync(join(tmpdir(), 'outpost-haproxy-'));
  const port = await freePort();
  const socket = join(dir, 'admin.sock');
  const config = [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    '  maxconn 2000',
    'defaults',
    '  mode http',
    '  option forwardfor',
    // A replica that refuses connections (shutting down) or answers 503 while draining: try the other one.
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response 503',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // Console viewers and agents: an idle WebSocket stays open.
    '  timeout tunnel 1h',
    'frontend outpost',
    `  bind 127.0.0.1:${port}`,
    '  default_backend api',
    'backend api',
    // Round robin, no cookie, no stick table: any replica serves any request.
    '  balance roundrobin',
    '  option httpchk GET /readyz',
    '  http-check expect status 200',
    `  http-response set-header X-Outpost-Backend %[srv_name]`,
    ...(options.healthCheck ?? ['default-server inter 300ms fastinter 200ms downinter 300ms fall 2 rise 2']).map((l) => `  ${l}`),
    ...servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    '',
  ].join('\n');
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  // -db: foreground, no daemon; the test owns the process.
  const child: ChildProcess = spawn('haproxy', ['-f', file, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stats = async (): Promise<Record<string, ServerStat>> => {
    const csv = (await adminCommand(socket, 'show stat')).trim().split('\n');
    const header = csv[0].replace(/^# /, '').split(',');
    const col = (name: string) => header.indexOf(name);
    const result: Record<string, ServerStat> = {};
    for (const line of csv.slice(1)) {
      const f = line.split(',');
      if (f[col('pxname')] !== 'api' || f[col('svname')] === 'BACKEND') continue;
      result[f[col('svname')]] = { status: f[col('status')], requests: Number(f[col('req_tot')]), sessions: Number(f[col('stot')]), current: Number(f[col('scur')]) };
    }
    return result;
  };
  const haproxy: Haproxy = {
    url: `http://127.0.0.1:${port}`,
    port,
    config,
    stats,
    async serverOfClient(localPort) {
      const sessions = await adminCommand(socket, 'show sess');
      const line = sessions.split('\n').find((l) => l.includes(` src=127.0.0.1:${localPort} `));
      const srv = line && /\bsrv=(\S+)/.exec(line)?.[1];
      return srv && srv !== '<none>' ? srv : undefined;
    },
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await waitFor(
      'haproxy with every server UP',
      async () => {
        if (child.exitCode !== null) throw new Error(`haproxy exited ${child.exitCode}: ${out}`);
        const s = await stats();
        return servers.every((x) => s[x.name]?.status === 'UP');
      },
      15_000,
      100,
    );
  } catch (err) {
    await haproxy.stop();
    throw new Error(`${(err as Error).message}\nhaproxy output:\n${out}`, { cause: err });
  }
  return haproxy;
}
