import { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimitStore } from './rate-limit.store';

/**
 * @nestjs/throttler on our counters: Redis-backed when REDIS_URL is set, shared across API processes;
 * while Redis is unreachable the store counts in this process (limits hold per process, requests don't fail).
 */
export class CountersThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: RateLimitStore) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const hit = await this.store.hit(`throttle:${throttlerName}:${key}`, ttl);
    const seconds = Math.ceil(hit.ttlMs / 1000);
    return { totalHits: hit.count, timeToExpire: seconds, isBlocked: hit.count > limit, timeToBlockExpire: hit.count > limit ? seconds : 0 };
  }
}
