import { OutpostApiError } from './errors';

/** The tokens a login or a refresh gave; handed to `onTokens` so callers can persist them. */
export interface OutpostTokens {
  token: string;
  refreshToken?: string;
}

export interface TransportOptions {
  baseUrl: string;
  /** Access JWT or API token (`outpost_…`), sent as `Authorization: Bearer`. */
  token?: string;
  /** Enables automatic refresh on a 401 (POST /auth/refresh, one retry; concurrent 401s share one refresh). */
  refreshToken?: string;
  /** Tenant for every request (`x-takaro-domain`). */
  domain?: string;
  fetch?: typeof fetch;
  /** Called after login and after every refresh (e.g. to persist the tokens). */
  onTokens?: (tokens: OutpostTokens) => void;
}

/** Paths the refresh must not apply to: a 401 there is the answer itself, not an expired access token. */
const NO_REFRESH = /\/(login|auth\/refresh|auth\/mfa\/verify|auth\/bootstrap)$/;

/**
 * The one HTTP path of the client: adds the bearer token and the domain header, and on a 401
 * refreshes once (POST /auth/refresh) and retries once. Concurrent 401s share one refresh:
 * refresh tokens rotate on use and the API revokes the whole session when one is presented
 * twice, so two parallel refreshes would log the user out.
 */
export class Transport {
  readonly baseUrl: string;
  token?: string;
  refreshToken?: string;
  domain?: string;
  private readonly baseFetch: typeof fetch;
  private readonly onTokens?: (tokens: OutpostTokens) => void;
  private refreshing?: Promise<boolean>;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.refreshToken = options.refreshToken;
    this.domain = options.domain;
    // Looked up per call, so a test or an app can swap globalThis.fetch after creating the client.
    this.baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onTokens = options.onTokens;
  }

  /** Absolute URL of an API path (`/gameserver/…`) or of an absolute URL the API gave (TUS Location). */
  url(pathOrUrl: string): string {
    return /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
  }

  setTokens(tokens: OutpostTokens, notify: boolean): void {
    this.token = tokens.token;
    if (tokens.refreshToken !== undefined) this.refreshToken = tokens.refreshToken;
    if (notify) this.onTokens?.({ token: tokens.token, refreshToken: this.refreshToken });
  }

  /** Sends without credentials (login, refresh): their 401 is an answer, never a reason to refresh. */
  plain(input: Request): Promise<Response> {
    return this.baseFetch(input);
  }

  private authorize(request: Request): { request: Request; token?: string } {
    const token = this.token;
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    if (this.domain && !request.headers.has('x-takaro-domain')) request.headers.set('x-takaro-domain', this.domain);
    return { request, token };
  }

  /** The fetch handed to openapi-fetch and used by the raw helpers (TUS, download, console token). */
  readonly fetch = async (input: Request): Promise<Response> => {
    const canRefresh = !!this.refreshToken && !NO_REFRESH.test(new URL(input.url).pathname);
    // The body can be read once: keep a copy for the retry before sending.
    const spare = canRefresh ? input.clone() : undefined;
    const hadAuth = input.headers.has('authorization');
    const { request, token } = this.authorize(input);
    const response = await this.baseFetch(request);
    if (response.status !== 401 || !spare || hadAuth) return response;
    if (!(await this.refresh(token))) return response;
    await response.body?.cancel().catch(() => undefined);
    return this.baseFetch(this.authorize(spare).request);
  };

  /** Refreshes unless another call already did since `usedToken` was sent; true when a newer token exists. */
  refresh(usedToken: string | undefined): Promise<boolean> {
    if (this.token !== usedToken) return Promise.resolve(!!this.token);
    this.refreshing ??= this.refreshNow().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshNow(): Promise<boolean> {
    const refreshToken = this.refreshToken;
    if (!refreshToken) return false;
    const response = await this.baseFetch(new Request(this.url('/auth/refresh'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) })).catch(
      () => undefined,
    );
    if (!response?.ok) {
      await response?.body?.cancel().catch(() => undefined);
      return false;
    }
    const body = (await response.json()) as { data?: { token?: string; refreshToken?: string } };
    if (!body.data?.token) return false;
    this.setTokens({ token: body.data.token, refreshToken: body.data.refreshToken }, true);
    return true;
  }

  /** A request to an API path with the client's credentials; throws OutpostApiError unless 2xx. */
  async request(method: string, path: string, init: { headers?: Record<string, string>; body?: Buffer | string; signal?: AbortSignal; ok?: number[] } = {}): Promise<Response> {
    const request = new Request(this.url(path), { method, headers: init.headers, body: init.body, signal: init.signal });
    const response = await this.fetch(request);
    if (!response.ok && !init.ok?.includes(response.status)) throw await OutpostApiError.fromResponse(response);
    return response;
  }

  /** JSON envelope request: returns `data`. */
  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const parsed = (await response.json()) as { data: T };
    return parsed.data;
  }
}
