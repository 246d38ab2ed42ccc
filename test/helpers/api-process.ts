import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The API as the real program (`dist/src/main.js`) in its own process, for tests that need real
 * signals and exits: graceful shutdown, restarts, crashes. main.js runs the migrations itself, so a
 * fresh `createThrowawayDatabase()` is enough.
 */
export interface ApiProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** stdout + stderr so far (JSON log lines), for assertions and failure messages. */
  output(): string;
  /** Sends `signal` (default SIGTERM) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<ApiExit>;
  /** Resolves when the process exits, however that happens. */
  readonly exited: Promise<ApiExit>;
}

export interface ApiExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnApiOptions {
  databaseUrl: string;
  /** Extra settings (SHUTDOWN_GRACE_MS, REDIS_URL…); they win over the defaults below. */
  env?: Record<string, string>;
  /** A fixed port (e.g. to restart on the port agents already know); default: a free one. */
  port?: number;
  /** How long to wait for /healthz (default 30 s). */
  readyTimeoutMs?: number;
}

const API_MAIN = join(__dirname, '../../src/main.js');
/** Fixed so tokens issued by one process stay valid in the next one on the same database. */
export const API_PROCESS_JWT_SECRET = 'api-process-test-secret-0123456789-abcdefghij';

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node dist/src/main.js` on 127.0.0.1 and resolves once `/healthz` answers 200; rejects (with its output) if it exits first. */
export async function spawnApi(options: SpawnApiOptions): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  // DATA_DIR holds nothing the test needs (the database is external, JWT_SECRET is set), but must not be the repo's .data.
  const dataDir = mkdtempSync(join(tmpdir(), 'outpost-api-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    JWT_SECRET: API_PROCESS_JWT_SECRET,
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PUBLIC_URL: url,
    // Test files log many users in from one address.
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--enable-source-maps', API_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    // Bounded: only the tail matters for a failure message.
    if (out.length > 400_000) out = out.slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<ApiExit>((resolve) =>
    child.once('exit', (code, signal) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    }),
  );
  const state: { gone: ApiExit | null } = { gone: null };
  void exited.then((e) => (state.gone = e));

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (state.gone) throw new Error(`API process exited before it was ready (${JSON.stringify(state.gone)}):\n${out.slice(-5000)}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`API process did not answer /healthz on ${url} in time:\n${out.slice(-5000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    child,
    url,
    port,
    output: () => out,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * One request to an API process over real HTTP, as a client would send it (bearer token and domain
 * header when given); the body comes back parsed when it is JSON.
 */
export async function callApi(api: Pick<ApiProcess, 'url'>, method: string, path: string, options: { token?: string; domainId?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.domainId) headers['x-takaro-domain'] = options.domainId;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${api.url}${path}`, { method, headers, body: options.body !== undefined ? JSON.stringify(options.body) : undefined });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}
