import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Redis from 'ioredis';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { redisKeyPrefix } from '../../src/core/redis/redis.service';
import { createTestApp, TestApp } from '../helpers/test-app';
import { bootstrapAdmin, createMember, PASSWORD, Session } from '../helpers/fixtures';
import { RunningNode, startNodeWithAgent } from '../helpers/agent-node';
import { waitFor } from '../helpers/wait';
import { freePort } from '../helpers/api-process';
import { PrivateRedis } from '../helpers/redis-process';

/**
 * Redis is optional at runtime as it is at boot: with REDIS_URL set but Redis unreachable (at boot,
 * or killed under a running API) every route keeps answering from in-process state, the login
 * lockout still locks, readiness reports Redis without failing, relayed node commands fail with a
 * clear error instead of hanging, and once Redis is back it is used again. Each suite runs its own
 * redis-server (never the shared one on 6379) so it can SIGKILL it.
 */

/** Fails (instead of hanging the suite) when `p` has not settled within `ms`. */
async function settlesWithin<T>(what: string, p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

async function loginAs(app: NestFastifyApplication, username: string, password: string, remoteAddress = '127.0.0.1') {
  const res = await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username, password }), remoteAddress });
  return { status: res.statusCode, body: JSON.parse(res.body), text: res.body };
}

async function get(app: NestFastifyApplication, url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: JSON.parse(res.body), text: res.body };
}

/** Login, GET /me and a search with the token: none of them may fail because Redis is gone. */
async function assertServes(t: TestApp, username: string) {
  const login = await loginAs(t.app, username, PASSWORD);
  assert.equal(login.status, 200, login.text);
  const me = await t.request('GET', '/me', { token: login.body.data.token });
  assert.equal(me.status, 200, me.text);
  const search = await t.request('POST', '/gameserver/search', { token: login.body.data.token, domain: me.body.data.domain, body: {} });
  assert.equal(search.status, 200, search.text);
}

/** Five wrong passwords lock the account: the sixth attempt answers 429 even with the right password. */
async function assertLockout(app: NestFastifyApplication, username: string, remoteAddress?: string) {
  for (let i = 0; i < 5; i++) {
    const r = await loginAs(app, username, 'wrong-password', remoteAddress);
    assert.equal(r.status, 401, `attempt ${i + 1}: ${r.text}`);
  }
  const locked = await loginAs(app, username, PASSWORD, remoteAddress);
  assert.equal(locked.status, 429, locked.text);
  assert.match(locked.body.meta.error.message, /failed logins for this account/);
}

describe('Redis unreachable at boot (REDIS_URL names a closed port)', () => {
  let t: TestApp;
  let admin: Session;

  before(async () => {
    const closed = await freePort();
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${closed}`, LOGIN_RATE_LIMIT_PER_MINUTE: '8' });
    admin = await bootstrapAdmin(t);
  });
  after(async () => {
    await t?.close();
  });

  it('the probes answer: /healthz 200, /readyz 200 reporting Redis down', async () => {
    assert.equal((await get(t.app, '/healthz')).status, 200);
    const ready = await get(t.app, '/readyz');
    assert.equal(ready.status, 200, ready.text);
    assert.deepEqual(ready.body.data.redis, { status: 'down' });
    assert.equal(ready.body.data.database.status, 'up');
    const alias = await get(t.app, '/health/ready');
    assert.equal(alias.status, 200, alias.text);
    assert.deepEqual(alias.body.data.redis, { status: 'down' });
  });

  it('authenticated routes answer normally', async () => {
    await createMember(t, admin, admin.domainId, 'bootdown');
    await assertServes(t, 'bootdown');
  });

  it('the login limits still hold, in this process: per account and per address', async () => {
    await createMember(t, admin, admin.domainId, 'lockme');
    // From an address of its own: the lockout follows the account, not the per-address limit.
    await assertLockout(t.app, 'lockme', '198.51.100.20');
    // LOGIN_RATE_LIMIT_PER_MINUTE=8 from one (fresh) address: the ninth attempt is refused.
    for (let i = 0; i < 8; i++) assert.equal((await loginAs(t.app, `nobody-${i}`, 'x', '198.51.100.9')).status, 401);
    const limited = await loginAs(t.app, 'nobody-9', 'x', '198.51.100.9');
    assert.equal(limited.status, 429, limited.text);
    assert.match(limited.body.meta.error.message, /from your address/);
  });

  it('an API process closes promptly while Redis stays unreachable', async () => {
    const other = await createApp(t.config, { quiet: true });
    await settlesWithin('app.close() with Redis unreachable', other.close(), 15_000);
  });
});

describe('Redis killed under two running API processes, then started again', () => {
  let redis: PrivateRedis;
  let a: TestApp;
  let b: NestFastifyApplication;
  let admin: Session;
  let node: RunningNode;
  let probe: Redis;

  const viaB = async (method: string, url: string) => {
    const res = await b.inject({ method: method as never, url, headers: { authorization: `Bearer ${admin.token}`, 'x-takaro-domain': admin.domainId } });
    return { status: res.statusCode, body: JSON.parse(res.body || 'null'), text: res.body };
  };
  const redisStatus = async (app: NestFastifyApplication) => (await get(app, '/readyz')).body.data?.redis?.status as string | undefined;

  before(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    a = await createTestApp({ REDIS_URL: redis.url });
    b = await createApp(a.config, { quiet: true });
    admin = await bootstrapAdmin(a);
    node = await startNodeWithAgent(a, admin); // the agent's socket lands on process A
    probe = new Redis(redis.url, { maxRetriesPerRequest: 1, lazyConnect: true });
  });
  after(async () => {
    probe?.disconnect();
    await node?.stop();
    await b?.close();
    await a?.close();
    await redis?.kill();
  });

  it('with Redis up: readiness says so and B drives the node held by A through the relay', async () => {
    assert.equal(await redisStatus(a.app), 'up');
    assert.equal(await redisStatus(b), 'up');
    const listed = await viaB('GET', `/node/${node.nodeId}/containers`);
    assert.equal(listed.status, 200, listed.text);
  });

  it('with Redis killed: probes, routes and the lockout keep working; the relay answers a clear error instead of hanging', async () => {
    await createMember(a, admin, admin.domainId, 'outage');
    await createMember(a, admin, admin.domainId, 'lockdown');
    // Locked while Redis is up (the count lives in Redis): the outage must not unlock it.
    await createMember(a, admin, admin.domainId, 'lockedbefore');
    await assertLockout(a.app, 'lockedbefore');
    await redis.kill();
    await waitFor('A sees Redis down', async () => (await redisStatus(a.app)) === 'down');
    await waitFor('B sees Redis down', async () => (await redisStatus(b)) === 'down');
    assert.equal((await get(a.app, '/healthz')).status, 200);
    assert.equal((await get(a.app, '/readyz')).status, 200);
    await assertServes(a, 'outage');
    await assertLockout(a.app, 'lockdown');
    const stillLocked = await loginAs(a.app, 'lockedbefore', PASSWORD);
    assert.equal(stillLocked.status, 429, `a lockout counted in Redis holds during the outage: ${stillLocked.text}`);

    // A holds the agent's socket: its own commands don't need Redis.
    const local = await a.request('GET', `/node/${node.nodeId}/containers`, { token: admin.token, domain: admin.domainId });
    assert.equal(local.status, 200, local.text);
    // B would need the relay: a 409 saying so, well before the relay's own 32 s answer timeout.
    const relayed = await settlesWithin('a relayed command with Redis down', viaB('GET', `/node/${node.nodeId}/containers`), 10_000);
    assert.equal(relayed.status, 409, relayed.text);
    assert.equal(relayed.body.meta.error.code, 'ConflictError');
    assert.match(relayed.body.meta.error.message, /relay .*unavailable/);
  });

  it('with Redis back (empty): it is used again, relay included, and the outage lockout still holds', async () => {
    await redis.start();
    await waitFor('A sees Redis up', async () => (await redisStatus(a.app)) === 'up', 20_000);
    await waitFor('B sees Redis up', async () => (await redisStatus(b)) === 'up', 20_000);
    // A's subscription to the node's channel is restored after the reconnect.
    await waitFor('relay through B works again', async () => (await viaB('GET', `/node/${node.nodeId}/containers`)).status === 200, 20_000);

    // Counted in memory during the outage, still counted now: Redis coming back empty doesn't unlock.
    const stillLocked = await loginAs(a.app, 'lockdown', PASSWORD);
    assert.equal(stillLocked.status, 429, stillLocked.text);

    // New failures are counted in Redis again, where every process sees them.
    const prefix = redisKeyPrefix(a.config);
    const me = await loginAs(a.app, 'outage', 'wrong-password');
    assert.equal(me.status, 401, me.text);
    await probe.connect();
    const keys = await probe.keys(`${prefix}:rl:login-fail:*`);
    assert.equal(keys.length, 1, `keys: ${keys.join(', ')}`);
    assert.equal(await probe.get(keys[0]), '1');
  });
});
