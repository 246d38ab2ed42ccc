import createClient, { Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export type { paths, components } from './schema';

export interface OutpostClientOptions {
  baseUrl: string;
  /** Access JWT or API token (`outpost_…`). */
  token?: string;
  /** Tenant for every request (`x-takaro-domain`). */
  domain?: string;
  fetch?: typeof fetch;
}

/**
 * The typed Outpost API client, generated from openapi.json: every path, body and reply is
 * checked by the compiler. `setDomain` selects the tenant like Takaro's client does.
 */
export function createOutpostClient(options: OutpostClientOptions) {
  const state = { token: options.token, domain: options.domain };
  const auth: Middleware = {
    onRequest({ request }) {
      if (state.token) request.headers.set('authorization', `Bearer ${state.token}`);
      if (state.domain) request.headers.set('x-takaro-domain', state.domain);
      return request;
    },
  };
  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  api.use(auth);
  return Object.assign(api, {
    setToken(token: string | undefined) {
      state.token = token;
    },
    setDomain(domain: string | undefined) {
      state.domain = domain;
    },
    /** Logs in with username/email and password and keeps the access token. */
    async login(username: string, password: string): Promise<string> {
      const { data, error } = await api.POST('/login', { body: { username, password } });
      if (error || !data?.data.token) throw new Error(`login failed: ${JSON.stringify(error ?? data)}`);
      state.token = data.data.token;
      return state.token;
    },
  });
}

export type OutpostClient = ReturnType<typeof createOutpostClient>;
