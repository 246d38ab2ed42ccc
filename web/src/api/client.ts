import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { session } from './session';
import { toApiError } from './errors';

export type ApiPaths = paths;

const NO_REFRESH = ['/login', '/auth/refresh', '/auth/bootstrap', '/auth/mfa/verify', '/logout'];

/** A bare client (no auth retry) for the refresh call itself. */
const bare = createClient<ApiPaths>({ baseUrl: location.origin });

let refreshing: Promise<boolean> | null = null;

/** Trades the refresh token for a new pair once, however many calls got a 401 at the same time. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session.get().refreshToken;
    if (!refreshToken) return false;
    try {
      const { data } = await bare.POST('/auth/refresh', { body: { refreshToken } });
      if (!data?.data?.token) {
        session.clear();
        return false;
      }
      session.set({ token: data.data.token, refreshToken: data.data.refreshToken ?? refreshToken });
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Adds the bearer token and the explicit `x-takaro-domain` header from the app's state. */
export function authHeaders(headers: Headers = new Headers()): Headers {
  const { token, domainId } = session.get();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (domainId) headers.set('x-takaro-domain', domainId);
  return headers;
}

/** fetch with auth headers; on a 401 it refreshes the session and retries once. */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  authHeaders(request.headers);
  const res = await fetch(request);
  const path = new URL(request.url).pathname;
  if (res.status !== 401 || NO_REFRESH.includes(path) || !session.get().refreshToken) return res;
  if (!(await refreshSession())) {
    session.clear();
    return res;
  }
  authHeaders(retry.headers);
  return fetch(retry);
}

export const api = createClient<ApiPaths>({ baseUrl: location.origin, fetch: authFetch, credentials: 'same-origin' });

/** Turns an openapi-fetch result into the envelope, or throws the API's error. */
export async function unwrap<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok || error !== undefined) throw toApiError(error, response);
  return data as T;
}
