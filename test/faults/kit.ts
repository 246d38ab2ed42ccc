import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { ApiProcess, freePort, spawnApi } from '../helpers/api-process';
import { PASSWORD } from '../helpers/fixtures';
import { reservePortBlock } from '../helpers/port-blocks';
import { PrivateRedis } from '../helpers/redis-process';
import { createThrowawayDatabase, ThrowawayDatabase } from '../helpers/test-db';

/**
 * Shared pieces of the fault suite (test/faults): real API processes driven over real HTTP. Every
 * request carries its own X-Forwarded-For (the processes trust 127.0.0.1 as a proxy), so the
 * suite's own traffic never trips the rate limiter unless a case means it to.
 */

export interface Reply {
  status: number;
  body: any;
  text: string;
}

export interface Session {
  token: string;
  domainId: string;
}

/** A client address nobody else uses (10.x.y.z): what the suite's requests carry unless a case names one. */
export function randomAddress(): string {
  return `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** One request to an API process, as a client behind the trusted proxy at `from` (default: a random address). */
export async function call(
  api: Pick<ApiProcess, 'url'>,
  method: string,
  path: string,
  options: { session?: Session; token?: string; body?: unknown; from?: string; timeoutMs?: number } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.from ?? randomAddress() };
  const token = options.token ?? options.session?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.session) headers['x-takaro-domain'] = options.session.domainId;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers,
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, text };
}

/** Settings every fault-suite API process gets: trusts the test as its proxy, quiet throttling unless a case sets a limit. */
export const FAULT_API_ENV = { TRUST_PROXY: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'info' };

/** First user, instance admin and Owner of domain "Alpha". */
export async function bootstrap(api: Pick<ApiProcess, 'url'>): Promise<Session> {
  const r = await call(api, 'POST', '/auth/bootstrap', { body: { username: 'admin', email: 'admin@example.com', password: PASSWORD, domainName: 'Alpha' } });
  assert.equal(r.status, 201, r.text);
  return { token: r.body.data.token, domainId: r.body.data.domainId };
}

/** A node with a block of 100 host ports free right now; returns its id and a register token for an agent. */
export async function createNode(api: Pick<ApiProcess, 'url'>, session: Session, name: string): Promise<{ nodeId: string; registerToken: string }> {
  const base = await reservePortBlock();
  const node = await call(api, 'POST', '/node', {
    session,
    body: { name, address: '127.0.0.1', memoryMiB: 4096, diskMiB: 20480, cpuPercent: 400, portRangeStart: base, portRangeEnd: base + 99 },
  });
  assert.equal(node.status, 201, node.text);
  const reg = await call(api, 'POST', `/node/${node.body.data.id}/register-token`, { session });
  assert.equal(reg.status, 200, reg.text);
  return { nodeId: node.body.data.id, registerToken: reg.body.data.token };
}

/** Creates an echo-server game server (workload from its template) and returns its id; `extra` adds fields such as autoRestart. */
export async function createEchoServer(api: Pick<ApiProcess, 'url'>, session: Session, nodeId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const wl = await call(api, 'POST', '/workload/from-template', { session, body: { template: 'echo-server' } });
  assert.equal(wl.status, 201, wl.text);
  const s = await call(api, 'POST', '/gameserver', { session, body: { name, workloadId: wl.body.data.id, nodeId, memoryMiB: 64, cpuPercent: 50, ...extra } });
  assert.equal(s.status, 201, s.text);
  return s.body.data.id;
}

/** Fails with a clear message when a program the case needs is not installed (a fault case never skips silently). */
export function requireProgram(program: string, why: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
  } catch {
    assert.fail(`${program} is not installed: ${why}`);
  }
}

/** The error envelope of a refusal, and no trace of a stack or an internal error in it. */
export function assertEnvelope(r: Reply, status: number, code: string, what: string): void {
  assert.equal(r.status, status, `${what}: ${r.text.slice(0, 500)}`);
  assert.equal(typeof r.body, 'object', `${what}: a JSON body`);
  assert.equal(r.body.data, null, `${what}: data is null`);
  assert.equal(r.body.meta?.error?.code, code, `${what}: ${r.text.slice(0, 500)}`);
  assert.doesNotMatch(r.text, /\n\s+at |"stack"|QueryFailedError|QueryRunner/, `${what}: no stack or driver detail in the reply`);
}

/** Two API processes on one throwaway database, relaying through a Redis of their own (the replica fault cases). */
export interface ReplicaPair {
  a: ApiProcess;
  b: ApiProcess;
  database: ThrowawayDatabase;
  /** The admin and first domain, bootstrapped through `b`. */
  session: Session;
  /** Kills both processes and the Redis, drops the database. */
  close(): Promise<void>;
}

/** `what` names the case in the message when Debian's redis-server is missing; whatever started is stopped if a later step fails. */
export async function startReplicaPair(what: string, env: Record<string, string>): Promise<ReplicaPair> {
  requireProgram('redis-server', `the ${what} fault case runs its own redis-server (Debian package redis-server) to relay between the replicas`);
  const redis = new PrivateRedis(await freePort());
  let database: ThrowawayDatabase | undefined;
  const apis: ApiProcess[] = [];
  const close = async () => {
    await Promise.all(apis.map((api) => api.kill('SIGKILL')));
    await redis.kill();
    await database?.drop();
  };
  try {
    await redis.start();
    database = await createThrowawayDatabase('outpost_fault', { migrated: true });
    const withRedis = { ...env, REDIS_URL: redis.url };
    for (let i = 0; i < 2; i++) apis.push(await spawnApi({ databaseUrl: database.url, env: withRedis }));
    return { a: apis[0], b: apis[1], database, session: await bootstrap(apis[1]), close };
  } catch (err) {
    await close();
    throw err;
  }
}
