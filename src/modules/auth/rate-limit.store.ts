import { Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisService } from '../../core/redis/redis.service';

export interface Hit {
  count: number;
  /** Milliseconds until the window resets. */
  ttlMs: number;
}

interface MemoryEntry {
  count: number;
  resetAt: number;
}

/**
 * Fixed-window counters, in Redis when REDIS_URL is set (shared by all API processes),
 * else in this process. Used by the login lockout and the throttler.
 *
 * While Redis is unreachable (REDIS_URL set but down) the counters fall back to this process:
 * limits then hold per process instead of across all of them, but they still hold — the login
 * lockout fails closed per account rather than letting guesses through unlimited or answering
 * 500. What was counted in memory during an outage keeps counting on top of Redis after it is
 * back (until its window ends), so an outage can't be used to wipe a lockout.
 */
@Injectable()
export class RateLimitStore {
  private readonly redis?: Redis;
  private readonly memory = new Map<string, MemoryEntry>();
  /**
   * The last count Redis gave this process per key (with its window): during an outage a lockout or
   * a spent one-time key that lives in Redis still holds here, on top of what is counted in memory.
   */
  private readonly seenInRedis = new Map<string, MemoryEntry>();
  private readonly prefix: string;
  private readonly logger = new Logger('RateLimitStore');
  private degraded = false;

  constructor(redis: RedisService) {
    this.redis = redis.client;
    this.prefix = `${redis.key('rl')}:`;
  }

  /** Where counters live by configuration; while Redis is down they live in memory regardless. */
  get backend(): 'redis' | 'memory' {
    return this.redis ? 'redis' : 'memory';
  }

  /**
   * Counts one event. The window is fixed from the first event, or with `sliding` restarts at every
   * event (the count lasts `windowMs` after the latest one: slow, spaced-out guessing still adds up).
   */
  async hit(key: string, windowMs: number, sliding = false): Promise<Hit> {
    const redis = this.live();
    if (redis) {
      try {
        return this.withCarried(key, this.remember(key, await this.redisHit(redis, key, windowMs, sliding)), sliding ? windowMs : 0);
      } catch (err) {
        this.fallBack(err);
      }
    }
    return this.withSeen(key, this.memoryHit(key, windowMs, sliding));
  }

  async peek(key: string): Promise<Hit> {
    const redis = this.live();
    if (redis) {
      try {
        const k = this.prefix + key;
        const [count, ttl] = await Promise.all([redis.get(k), redis.pttl(k)]);
        return this.withCarried(key, this.remember(key, { count: Number(count ?? 0), ttlMs: Math.max(ttl, 0) }), 0);
      } catch (err) {
        this.fallBack(err);
      }
    }
    const entry = this.current(key);
    return this.withSeen(key, entry ? { count: entry.count, ttlMs: entry.resetAt - Date.now() } : { count: 0, ttlMs: 0 });
  }

  /** True the first time `key` is spent within `ttlMs` (every process agrees with Redis); false after. */
  async once(key: string, ttlMs: number): Promise<boolean> {
    // Spent in memory during an outage: still spent.
    if (this.redis && this.current(key)) return false;
    const redis = this.live();
    if (redis) {
      try {
        const first = (await redis.set(this.prefix + key, '1', 'PX', Math.max(1, ttlMs), 'NX')) === 'OK';
        this.remember(key, { count: 1, ttlMs: Math.max(1, ttlMs) });
        return first;
      } catch (err) {
        this.fallBack(err);
      }
    }
    // In memory: checked and set with no await in between, so two requests can't both win.
    if (this.current(key) || this.seen(key)) return false;
    this.memory.set(key, { count: 1, resetAt: Date.now() + Math.max(1, ttlMs) });
    return true;
  }

  async reset(key: string): Promise<void> {
    this.memory.delete(key);
    this.seenInRedis.delete(key);
    const redis = this.live();
    if (!redis) return;
    // A stale count left in Redis only errs on the strict side; it must not fail the caller (a successful login).
    await redis.del(this.prefix + key).catch((err: unknown) => this.fallBack(err));
  }

  /** The Redis client when configured and connected right now; logs the switch to memory once per outage. */
  private live(): Redis | undefined {
    if (!this.redis) return undefined;
    if (this.redis.status === 'ready') {
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('Redis is back: rate limits are shared across API processes again');
      }
      return this.redis;
    }
    this.fallBack(new Error(`Redis connection is ${this.redis.status}`));
    return undefined;
  }

  private fallBack(err: unknown): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'Redis unavailable: rate limits and login lockout count in this process until it is back');
  }

  private async redisHit(redis: Redis, key: string, windowMs: number, sliding: boolean): Promise<Hit> {
    const k = this.prefix + key;
    if (sliding) {
      const [count] = results(await redis.multi().incr(k).pexpire(k, windowMs).exec());
      return { count: count as number, ttlMs: windowMs };
    }
    const [count, ttl] = results(await redis.multi().incr(k).pttl(k).exec()) as [number, number];
    if (ttl < 0) {
      await redis.pexpire(k, windowMs);
      return { count, ttlMs: windowMs };
    }
    return { count, ttlMs: ttl };
  }

  /** Adds what was counted in memory during an outage (still within its window) to a Redis count. */
  private withCarried(key: string, hit: Hit, slideMs: number): Hit {
    const entry = this.current(key);
    if (!entry) return hit;
    if (slideMs) entry.resetAt = Date.now() + slideMs;
    return { count: hit.count + entry.count, ttlMs: Math.max(hit.ttlMs, entry.resetAt - Date.now()) };
  }

  /** Keeps what Redis said about `key` for an outage (bounded like the memory counters). */
  private remember(key: string, hit: Hit): Hit {
    if (hit.count > 0 && hit.ttlMs > 0) {
      this.seenInRedis.set(key, { count: hit.count, resetAt: Date.now() + hit.ttlMs });
      if (this.seenInRedis.size > 100_000) for (const [k, v] of this.seenInRedis) if (v.resetAt <= Date.now()) this.seenInRedis.delete(k);
    } else this.seenInRedis.delete(key);
    return hit;
  }

  private seen(key: string): MemoryEntry | undefined {
    const entry = this.seenInRedis.get(key);
    if (entry && entry.resetAt > Date.now()) return entry;
    if (entry) this.seenInRedis.delete(key);
    return undefined;
  }

  /** A count made in memory during an outage, plus what Redis had counted before it (still in its window). */
  private withSeen(key: string, hit: Hit): Hit {
    const before = this.seen(key);
    return before ? { count: hit.count + before.count, ttlMs: Math.max(hit.ttlMs, before.resetAt - Date.now()) } : hit;
  }

  private memoryHit(key: string, windowMs: number, sliding: boolean): Hit {
    const now = Date.now();
    let entry = this.memory.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowMs };
      this.memory.set(key, entry);
      if (this.memory.size > 100_000) this.sweep(now);
    }
    entry.count++;
    if (sliding) entry.resetAt = now + windowMs;
    return { count: entry.count, ttlMs: entry.resetAt - now };
  }

  /** The memory entry of `key` if its window is still open. */
  private current(key: string): MemoryEntry | undefined {
    const entry = this.memory.get(key);
    if (!entry) return undefined;
    if (entry.resetAt > Date.now()) return entry;
    this.memory.delete(key);
    return undefined;
  }

  private sweep(now: number) {
    for (const [k, v] of this.memory) if (v.resetAt <= now) this.memory.delete(k);
  }
}

/** The replies of a MULTI; a failed command (or an aborted transaction) throws like a failed single command would. */
function results(replies: Array<[Error | null, unknown]> | null): unknown[] {
  if (!replies) throw new Error('Redis transaction aborted');
  return replies.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}
