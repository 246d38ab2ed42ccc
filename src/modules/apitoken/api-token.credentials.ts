import { randomBytes } from 'node:crypto';

const TOKEN = /^outpost_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** `outpost_<tokenId>_<secret>`: the id finds the row, the secret is checked against its argon2id hash. */
export function newApiTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function formatApiToken(id: string, secret: string): string {
  return `outpost_${id}_${secret}`;
}

export function parseApiToken(token: string): { id: string; secret: string } | null {
  const m = TOKEN.exec(token);
  return m ? { id: m[1], secret: m[2] } : null;
}

export function looksLikeApiToken(token: string): boolean {
  return token.startsWith('outpost_') && !token.startsWith('outpost_rt_') && !token.startsWith('outpost_agent_') && !token.startsWith('outpost_reg_');
}
