import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisService } from '../../core/redis/redis.service';

export interface Hit {
  count: number;
  /** Milliseconds until the window resets. */
  ttlMs: number;
}

/**
 * Fixed-window counters, in Redis when REDIS_URL is set (shared by all API processes),
 * else in this process. Used by the login lockout and the throttler.
 */
@Injectable()
export class RateLimitStore {
  private readonly redis?: Redis;
  private readonly memory = new Map<string, { count: number; resetAt: number }>();
  private readonly prefix: string;

  constructor(redis: RedisService) {
    this.redis = redis.client;
    this.prefix = `${redis.key('rl')}:`;
  }

  get backend(): 'redis' | 'memory' {
    return this.redis ? 'redis' : 'memory';
  }

  /**
   * Counts one event. The window is fixed from the first event, or with `sliding` restarts at every
   * event (the count lasts `windowMs` after the latest one: slow, spaced-out guessing still adds up).
   */
  async hit(key: string, windowMs: number, sliding = false): Promise<Hit> {
    if (this.redis && sliding) {
      const k = this.prefix + key;
      const [[, count]] = (await this.redis.multi().incr(k).pexpire(k, windowMs).exec()) as [[null, number], [null, number]];
      return { count, ttlMs: windowMs };
    }
    if (this.redis) {
      const k = this.prefix + key;
      const [[, count], [, ttl]] = (await this.redis.multi().incr(k).pttl(k).exec()) as [[null, number], [null, number]];
      if (ttl < 0) {
        await this.redis.pexpire(k, windowMs);
        return { count, ttlMs: windowMs };
      }
      return { count, ttlMs: ttl };
    }
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

  async peek(key: string): Promise<Hit> {
    if (this.redis) {
      const k = this.prefix + key;
      const [count, ttl] = await Promise.all([this.redis.get(k), this.redis.pttl(k)]);
      return { count: Number(count ?? 0), ttlMs: Math.max(ttl, 0) };
    }
    const entry = this.memory.get(key);
    if (!entry || entry.resetAt <= Date.now()) return { count: 0, ttlMs: 0 };
    return { count: entry.count, ttlMs: entry.resetAt - Date.now() };
  }

  /** True the first time `key` is spent within `ttlMs` (every process agrees with Redis); false after. */
  async once(key: string, ttlMs: number): Promise<boolean> {
    if (this.redis) return (await this.redis.set(this.prefix + key, '1', 'PX', Math.max(1, ttlMs), 'NX')) === 'OK';
    // In memory: checked and set with no await in between, so two requests can't both win.
    const now = Date.now();
    const entry = this.memory.get(key);
    if (entry && entry.resetAt > now) return false;
    this.memory.set(key, { count: 1, resetAt: now + Math.max(1, ttlMs) });
    return true;
  }

  async reset(key: string): Promise<void> {
    if (this.redis) await this.redis.del(this.prefix + key);
    else this.memory.delete(key);
  }

  private sweep(now: number) {
    for (const [k, v] of this.memory) if (v.resetAt <= now) this.memory.delete(k);
  }
}
