import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AddressInfo, createServer } from 'node:net';
import { describe, it } from 'node:test';
import { RateLimitStore } from '../../modules/auth/rate-limit.store';
import { AppConfig, ConfigError, loadConfig } from '../config/app-config';
import { redisKeyPrefix, RedisService } from './redis.service';

/** Polls `check` until it is true (src specs don't import the test helpers). */
async function waitFor(what: string, check: () => boolean, timeoutMs: number, everyMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisService: one place for Redis connections and key names', () => {
  it('the key prefix is REDIS_KEY_PREFIX, else outpost:<database name>', () => {
    assert.equal(redisKeyPrefix({ REDIS_KEY_PREFIX: 'acme:prod', DATABASE_URL: 'postgres://x/db1' }), 'acme:prod');
    assert.equal(redisKeyPrefix({ DATABASE_URL: 'postgres://u:p@h:5432/db1' }), 'outpost:db1');
    assert.equal(redisKeyPrefix({}), 'outpost:outpost');
  });

  it('REDIS_KEY_PREFIX is validated at boot', () => {
    assert.equal(loadConfig({ REDIS_KEY_PREFIX: 'acme:prod-1' }).REDIS_KEY_PREFIX, 'acme:prod-1');
    for (const bad of ['acme:', ':acme', 'a b', 'acme::prod', 'x*']) {
      assert.throws(
        () => loadConfig({ REDIS_KEY_PREFIX: bad }),
        (err: unknown) => err instanceof ConfigError && /REDIS_KEY_PREFIX/.test(err.message),
        bad,
      );
    }
  });

  it('without REDIS_URL there is no client and no subscriber: callers stay in memory', async () => {
    const redis = new RedisService({} as AppConfig);
    assert.equal(redis.client, undefined);
    assert.equal(redis.status(), 'disabled');
    assert.throws(() => redis.subscriber('test'), /REDIS_URL/);
    const store = new RateLimitStore(redis);
    assert.equal(store.backend, 'memory');
    assert.equal((await store.hit('k', 60_000)).count, 1);
    await redis.onApplicationShutdown();
  });

  it('keys and channels carry the prefix; subscribers are separate connections; shutdown closes them all', async () => {
    const prefix = `outpost-test:${randomUUID()}`;
    const redis = new RedisService({ REDIS_URL, REDIS_KEY_PREFIX: prefix } as AppConfig);
    // Boot waits for the first connection: commands are not queued while disconnected.
    await redis.onModuleInit();
    assert.equal(redis.status(), 'up');
    const client = redis.client!;
    const sub = redis.subscriber('test');
    try {
      assert.notEqual(sub, client);
      assert.equal(redis.key('console', 'buf', 'abc'), `${prefix}:console:buf:abc`);

      // The rate limiter's counters live under <prefix>:rl:.
      const store = new RateLimitStore(redis);
      assert.equal(store.backend, 'redis');
      await store.hit('login:x', 60_000);
      assert.equal(await client.get(`${prefix}:rl:login:x`), '1');

      const channel = redis.key('test', 'ch');
      const got = new Promise<string>((resolve) => sub.once('message', (_c: string, m: string) => resolve(m)));
      await sub.subscribe(channel);
      assert.equal(await client.publish(channel, 'hello'), 1);
      assert.equal(await got, 'hello');
      await client.del(`${prefix}:rl:login:x`);
    } finally {
      await redis.onApplicationShutdown();
    }
    assert.equal(client.status, 'end');
    assert.equal(sub.status, 'end');
  });

  it('an unreachable Redis: boot goes on, commands fail at once, counters fall back to memory, shutdown does not wait', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const redis = new RedisService({ REDIS_URL: `redis://127.0.0.1:${closed}`, REDIS_KEY_PREFIX: `outpost-test:${randomUUID()}` } as AppConfig);
    const sub = redis.subscriber('test');
    void sub.subscribe('never').catch(() => undefined); // waits in the subscriber's queue, rejected at shutdown
    await redis.onModuleInit();
    assert.equal(redis.status(), 'down');
    assert.equal(redis.isUp(), false);
    await assert.rejects(redis.client!.get('x'), /enableOfflineQueue/);
    const store = new RateLimitStore(redis);
    assert.equal((await store.hit('k', 60_000)).count, 1);
    assert.equal((await store.hit('k', 60_000)).count, 2);
    assert.equal((await store.peek('k')).count, 2);
    assert.equal(await store.once('spent', 60_000), true);
    assert.equal(await store.once('spent', 60_000), false);
    await store.reset('k');
    assert.equal((await store.peek('k')).count, 0);
    // Between reconnect attempts no further event comes: shutdown must not wait for one.
    await waitFor('a reconnect pending', () => redis.client!.status === 'reconnecting' && sub.status === 'reconnecting', 5000, 10);
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('shutdown waited for an unreachable Redis')), 5000)));
    await Promise.race([redis.onApplicationShutdown(), stuck]).finally(() => clearTimeout(timer));
  });
});
