import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { createApp } from '../../src/app.factory';
import { ErrorCode } from '../../src/core/errors/error-codes';
import { RedisService } from '../../src/core/redis/redis.service';
import { createTestApp, TestApp } from '../helpers/test-app';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** GET /health (public, under the global throttler; /healthz is exempt) from one client address. */
const health = async (app: NestFastifyApplication, url = '/health') => {
  const res = await app.inject({ method: 'GET', url, remoteAddress: '203.0.113.7' });
  return { status: res.statusCode, body: JSON.parse(res.body), headers: res.headers, text: res.body };
};

describe('global throttler (RATE_LIMIT_PER_MINUTE)', () => {
  let t: TestApp;

  before(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  after(async () => {
    await t.close();
  });

  it('the sixth request in the minute from one address is a 429 TooManyRequestsError; /healthz stays exempt', async () => {
    for (let i = 1; i <= 5; i++) assert.equal((await health(t.app)).status, 200, `request ${i} is within the limit`);
    const over = await health(t.app);
    assert.equal(over.status, 429, over.text);
    assert.equal(over.body.meta.error.code, ErrorCode.TooManyRequestsError);
    assert.equal(over.body.data, null);
    assert.equal((await health(t.app, '/healthz')).status, 200, 'the liveness probe is not throttled');
    // Another address has its own budget.
    const other = await t.app.inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.8' });
    assert.equal(other.statusCode, 200, other.body);
  });
});

/** Two API processes on one database and one Redis count one budget per address. */
describe('global throttler shared through Redis', () => {
  const prefix = `outpost-test:throttle-${randomUUID()}`;
  let a: TestApp;
  let b: NestFastifyApplication;
  let redis: Redis;

  before(async () => {
    a = await createTestApp({ REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '6' });
    b = await createApp(a.config, { quiet: true });
    await b.getHttpAdapter().getInstance().ready();
    redis = new Redis(REDIS_URL, { lazyConnect: true });
    await redis.connect();
    // Both count in Redis from the first request (a process that is not connected counts in memory).
    assert.equal(a.app.get(RedisService).status(), 'up');
    assert.equal(b.get(RedisService).status(), 'up');
  });
  after(async () => {
    const keys = await redis?.keys(`${prefix}:*`);
    if (keys?.length) await redis.del(...keys);
    redis?.disconnect();
    await b?.close();
    await a.close();
  });

  it('five hits on A and one on B use up the limit of 6: B, which saw one hit, answers the seventh with 429, and so does A', async () => {
    for (let i = 1; i <= 5; i++) assert.equal((await health(a.app)).status, 200, `A request ${i}`);
    assert.equal((await health(b)).status, 200, 'the sixth request, the first on B, is within the limit');
    const overB = await health(b);
    assert.equal(overB.status, 429, overB.text);
    assert.equal(overB.body.meta.error.code, ErrorCode.TooManyRequestsError);
    const overA = await health(a.app);
    assert.equal(overA.status, 429, overA.text);
    assert.equal(overA.body.meta.error.code, ErrorCode.TooManyRequestsError);
    // The shared counter lives under this run's prefix and counted all eight requests.
    const keys = await redis.keys(`${prefix}:rl:throttle:*`);
    assert.equal(keys.length, 1, keys.join(', '));
    assert.equal(Number(await redis.get(keys[0])), 8);
  });
});
