import { createOutpostClient, OutpostClient } from '@libs/client';
import { loadConfig, StoredConfig, updateConfig } from './config';
import { notLoggedIn } from './errors';

export const DEFAULT_URL = 'http://localhost:3000';

export interface Context {
  client: OutpostClient;
  url: string;
  /** env: OUTPOST_TOKEN/OUTPOST_URL (never written back); file: the stored login. */
  source: 'env' | 'file';
  config: StoredConfig;
}

export const trimUrl = (url: string) => url.replace(/\/+$/, '');

/**
 * The API client for a command: OUTPOST_TOKEN + OUTPOST_URL win over the stored login;
 * OUTPOST_DOMAIN over the stored domain. Tokens refreshed from a stored login are saved back.
 */
export function connect(): Context {
  const config = loadConfig();
  const env = process.env;
  const domain = env.OUTPOST_DOMAIN || config.domain;
  if (env.OUTPOST_TOKEN) {
    const url = trimUrl(env.OUTPOST_URL || config.url || DEFAULT_URL);
    const client = createOutpostClient({ baseUrl: url, token: env.OUTPOST_TOKEN, domain });
    return { client, url, source: 'env', config };
  }
  if (!config.token) throw notLoggedIn();
  const url = trimUrl(env.OUTPOST_URL || config.url || DEFAULT_URL);
  const client = createOutpostClient({
    baseUrl: url,
    token: config.token,
    refreshToken: config.refreshToken,
    domain,
    onTokens: (tokens) => updateConfig({ token: tokens.token, refreshToken: tokens.refreshToken ?? config.refreshToken }),
  });
  return { client, url, source: 'file', config };
}
