import { createHash } from 'node:crypto';

/**
 * sha256 of a string as hex: how high-entropy secrets (refresh, agent, register and invite
 * tokens) are stored and looked up. A fast hash is enough for them; passwords use argon2.
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** sha256 of a string as raw bytes: equal-length inputs for timingSafeEqual. */
export function sha256Bytes(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
