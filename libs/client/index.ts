import createClient from 'openapi-fetch';
import type { Readable } from 'node:stream';
import { OutpostConsole, type ConsoleOptions, type ConsoleStream } from './console';
import { OutpostApiError } from './errors';
import { fillPath, paginate, type PaginateOptions, type SearchPath } from './paginate';
import type { paths } from './schema';
import { Transport, type TransportOptions } from './transport';
import { download, tusUpload, type UploadOptions, type UploadResult } from './upload';

export type { paths, components } from './schema';
export { OutpostApiError } from './errors';
export type { ConsoleLine, ConsoleOptions, ConsoleStream } from './console';
export type { PaginateOptions, SearchPath } from './paginate';
export type { OutpostTokens } from './transport';
export type { UploadOptions, UploadResult } from './upload';

/** How to reach the API and as whom (documented field by field on TransportOptions). */
export type OutpostClientOptions = TransportOptions;

export interface LoginOptions {
  /** TOTP code (or a recovery code) for accounts with MFA. */
  totp?: string;
}

/** The shape of every openapi-fetch reply: `data` is the API's envelope. */
export interface EnvelopeReply<T> {
  data?: { data: T };
  error?: unknown;
  response: Response;
}

interface LoginData {
  token?: string;
  refreshToken?: string;
  mfaRequired?: boolean;
  challengeToken?: string;
}

/**
 * The typed Outpost API client, generated from openapi.json: every path, body and reply is
 * checked by the compiler (`client.GET('/me')`, `client.POST('/gameserver/search', { body })`),
 * plus login, refresh, API tokens, paging, the console socket and resumable uploads.
 */
export function createOutpostClient(options: OutpostClientOptions) {
  const transport = new Transport(options);
  const api = createClient<paths>({ baseUrl: transport.baseUrl, fetch: transport.fetch });

  async function call<T>(promise: Promise<EnvelopeReply<T>>): Promise<T> {
    const { data, error, response } = await promise;
    if (error !== undefined || !response.ok) throw OutpostApiError.from(response, error ?? null);
    return data?.data as T;
  }

  async function envelope<T>(response: Response): Promise<{ data: T; meta: Record<string, unknown> }> {
    if (!response.ok) throw await OutpostApiError.fromResponse(response);
    return (await response.json()) as { data: T; meta: Record<string, unknown> };
  }

  const extras = {
    /** Replaces the credentials (e.g. an API token); without a refresh token no refresh is tried. */
    setToken(token?: string, refreshToken?: string): void {
      transport.token = token;
      transport.refreshToken = refreshToken;
    },
    /** Selects the tenant (`x-takaro-domain`) for every following request; undefined: the account's default. */
    setDomain(domainId?: string): void {
      transport.domain = domainId;
    },
    get domain(): string | undefined {
      return transport.domain;
    },
    get token(): string | undefined {
      return transport.token;
    },
    get refreshToken(): string | undefined {
      return transport.refreshToken;
    },

    /**
     * POST /login (then POST /auth/mfa/verify with `opts.totp` when the account has MFA) and keeps
     * the tokens. Throws OutpostApiError: the API's error, or code `MfaRequired` (401) when the
     * account needs a code and none was given.
     */
    async login(usernameOrEmail: string, password: string, opts: LoginOptions = {}): Promise<{ token: string; refreshToken?: string }> {
      const post = async (path: string, body: unknown) =>
        (await envelope<LoginData>(await transport.plain(new Request(transport.url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })))).data;
      let data = await post('/login', { username: usernameOrEmail, password });
      if (data.mfaRequired) {
        if (!opts.totp) throw new OutpostApiError(401, 'MfaRequired', 'This account uses two-factor authentication: give the code from your authenticator app', { mfaRequired: true });
        data = await post('/auth/mfa/verify', { challengeToken: data.challengeToken, code: opts.totp });
      }
      if (!data.token) throw new OutpostApiError(502, 'BadGatewayError', 'The API answered the login without a token');
      const tokens = { token: data.token, refreshToken: data.refreshToken };
      transport.refreshToken = undefined;
      transport.setTokens(tokens, true);
      return tokens;
    },

    /** Unwraps the envelope of an openapi-fetch call, or throws OutpostApiError with the API's code and message. */
    call,

    /** Every item of a search, page by page (`POST …/search` with page/limit until meta.total). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- items are typed by the caller; the path alone can't name them
    paginate<T = any>(path: SearchPath, body: Record<string, unknown> = {}, opts: PaginateOptions = {}): AsyncGenerator<T> {
      const url = fillPath(path, opts.params);
      return paginate<T>(async (page, limit) => {
        const reply = await envelope<T[]>(await transport.request('POST', url, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, page, limit }) }));
        return { items: reply.data, total: Number(reply.meta.total ?? 0) };
      }, opts);
    },

    /** All items of a search in one array (use paginate for large sets). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as paginate
    async searchAll<T = any>(path: SearchPath, body: Record<string, unknown> = {}, opts: PaginateOptions = {}): Promise<T[]> {
      const out: T[] = [];
      for await (const item of extras.paginate<T>(path, body, { pageSize: 1000, ...opts })) out.push(item);
      return out;
    },

    /** The live console (WebSocket) with resume by sequence number; see ConsoleStream for its events. */
    console(serverId: string, opts: ConsoleOptions = {}): ConsoleStream {
      return new OutpostConsole(transport, serverId, opts);
    },

    /** Resumable TUS upload of a local file; keep `uploadUrl` (also given to onCreated) to resume with `resume`. */
    upload(serverId: string, opts: UploadOptions): Promise<UploadResult> {
      return tusUpload(transport, serverId, opts);
    },

    /** A file of the server, streamed. */
    download(serverId: string, remotePath: string): Promise<Readable> {
      return download(transport, serverId, remotePath);
    },
  };
  return Object.defineProperties(api, Object.getOwnPropertyDescriptors(extras)) as typeof api & typeof extras;
}

export type OutpostClient = ReturnType<typeof createOutpostClient>;
