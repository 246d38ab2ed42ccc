import { AppError } from '../../core/errors/app-error';
import { OutboundError, OutboundPolicy, outboundRequest } from '../../core/net/outbound';

/** One answer of the panel is read up to this size; a larger one is refused, never parsed half. */
export const MAX_PANEL_RESPONSE_BYTES = 4 * 1024 * 1024;
const PANEL_TIMEOUT_MS = 15_000;

/** Why a panel call failed, as `details.reason` of the 400 (the dashboard says it in words). */
export type PanelFailure = 'invalidUrl' | 'notAllowed' | 'unreachable' | 'keyRefused' | 'forbidden' | 'notFound' | 'notAPanel' | 'panelError' | 'tooLarge';

export function panelError(reason: PanelFailure, message: string): AppError {
  return AppError.badRequest(message, { reason });
}

/**
 * The panel's base URL as the import uses it: http(s), no credentials, query or fragment, no trailing
 * slash (a panel may live under a path). The key goes in a header, never in the URL.
 */
export function normalizePanelUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw panelError('invalidUrl', 'The panel URL is not a valid URL (e.g. https://panel.example.com).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw panelError('invalidUrl', 'The panel URL must start with https:// or http://.');
  if (url.username || url.password) throw panelError('invalidUrl', 'The panel URL must not carry credentials; give the API key in its own field.');
  if (url.search || url.hash) throw panelError('invalidUrl', 'The panel URL must not have a query or fragment.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The Pterodactyl application API (`/api/application`, key `ptla_…`) of one panel, through the
 * outbound guard (the panel is a tenant's address: loopback, private and metadata targets are
 * refused unless OUTBOUND_ALLOW_PRIVATE). Every failure is a 400 that says why; the key is sent
 * only in the Authorization header and appears in no message.
 */
export class PterodactylClient {
  constructor(
    readonly panelUrl: string,
    private readonly apiKey: string,
    private readonly policy: OutboundPolicy,
  ) {}

  /** GET `/api/application/<path>` as parsed JSON, or null for a 404 when `allowNotFound`. */
  async get(path: string, options: { allowNotFound?: boolean } = {}): Promise<unknown> {
    let response;
    try {
      response = await outboundRequest(
        `${this.panelUrl}/api/application/${path}`,
        {
          method: 'GET',
          headers: { authorization: `Bearer ${this.apiKey}`, accept: 'Application/vnd.pterodactyl.v1+json' },
          timeoutMs: PANEL_TIMEOUT_MS,
          // A panel behind a redirect (http → https) is followed; credentials are dropped across origins.
          maxRedirects: 3,
          maxResponseBytes: MAX_PANEL_RESPONSE_BYTES,
        },
        this.policy,
      );
    } catch (err) {
      if (err instanceof OutboundError) {
        // The outbound guard's refusal (the platform's own network) is not the panel being down.
        const refused = /not allowed|scheme .* is not allowed/.test(err.message);
        throw panelError(refused ? 'notAllowed' : 'unreachable', refused ? `The panel URL is refused: ${err.message}` : `The panel could not be reached: ${err.message}.`);
      }
      throw err;
    }
    const { status } = response;
    if (status === 401) throw panelError('keyRefused', 'The API key was refused by the panel (401). Use an application API key (ptla_…) created under Admin → Application API.');
    if (status === 403) {
      throw panelError(
        'forbidden',
        'The panel refused this API key access (403): give it read permission on Servers, Nodes, Allocations, Nests and Eggs, and use an application key, not a client key.',
      );
    }
    if (status === 404 && options.allowNotFound) return null;
    if (status === 404) throw panelError('notFound', `The panel answered 404 for ${path.split('?')[0]}: is this the panel's address?`);
    if (status === 429) throw panelError('panelError', 'The panel is rate limiting this key (429); try again in a minute.');
    if (status < 200 || status >= 300) throw panelError('panelError', `The panel answered HTTP ${status}.`);
    // The guard cuts a body at the cap and marks it with '…' (valid JSON never ends so).
    if (response.body.endsWith('…')) throw panelError('tooLarge', `The panel's answer is larger than ${MAX_PANEL_RESPONSE_BYTES / 1024 / 1024} MiB.`);
    try {
      return JSON.parse(response.body) as unknown;
    } catch {
      throw panelError('notAPanel', 'The answer is not JSON: this does not look like a Pterodactyl panel.');
    }
  }
}
