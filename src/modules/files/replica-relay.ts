/**
 * Between API replicas: an agent's transfer request that reached a replica other than the one
 * holding the waiting user request is streamed through to that replica (the "owner") over plain
 * HTTP. Requests carry an HMAC of (direction, ticket id) under a key derived from JWT_SECRET, which
 * every replica of one installation shares; the owner refuses anything else.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { networkInterfaces } from 'node:os';
import { pipeline, type Readable } from 'node:stream';
import { AGENT_TRANSFER_PATH, TRANSFER_CONTENT_TYPE, TRANSFER_SIZE_HEADER } from '@libs/agent-protocol/protocol';

export const RELAY_HEADER = 'x-outpost-relay';
/** Suffix of the owner's route: `/agent/transfer/<id>/relay`. */
export const RELAY_SUFFIX = 'relay';
/** A replica that does not answer the relay's connect within this long is unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;

export type RelayDirection = 'pull' | 'push';

/** The address other replicas can reach for a listening address: a wildcard becomes this machine's first external IPv4. */
export function reachableHost(address: string): string {
  if (address === '0.0.0.0' || address === '::' || address === '') {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
    }
    return '127.0.0.1';
  }
  return address.includes(':') ? `[${address}]` : address;
}

/** INTERNAL_URL without a trailing slash, else `http://<reachable listening host>:<port>`. */
export function internalUrl(configured: string | undefined, listening: { address: string; port: number }): string {
  if (configured) return configured.replace(/\/+$/, '');
  return `http://${reachableHost(listening.address)}:${listening.port}`;
}

export class ReplicaRelay {
  private readonly key: Buffer;

  constructor(jwtSecret: string) {
    this.key = createHmac('sha256', jwtSecret).update('outpost replica transfer relay v1').digest();
  }

  sign(direction: RelayDirection, id: string): string {
    return createHmac('sha256', this.key).update(`${direction}\n${id}`).digest('base64url');
  }

  /** Whether `header` is this installation's signature for (direction, id). */
  verify(header: unknown, direction: RelayDirection, id: string): boolean {
    if (typeof header !== 'string' || header.length > 128) return false;
    const expected = Buffer.from(this.sign(direction, id));
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /**
   * Opens the owner's end of ticket `id`. pull: GET, the owner's response carries the bytes. push:
   * POST with `body` streamed (backpressure through pipeline; an aborted body aborts the relay).
   * Resolves with the owner's response (streamed, unread); rejects when the owner is unreachable.
   */
  open(owner: string, direction: RelayDirection, id: string, body?: { stream: Readable; size?: number }): Promise<http.IncomingMessage> {
    const url = URL.parse(`${owner}${AGENT_TRANSFER_PATH}/${id}/${RELAY_SUFFIX}`);
    // The owner comes from a ticket in Redis: only ever an http(s) base URL, whatever the ticket says.
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
      return Promise.reject(new Error(`the transfer's replica URL is not an http(s) base URL: ${owner.slice(0, 200)}`));
    }
    const headers: http.OutgoingHttpHeaders = { [RELAY_HEADER]: this.sign(direction, id) };
    if (direction === 'push') {
      headers['content-type'] = TRANSFER_CONTENT_TYPE;
      if (body?.size !== undefined) headers[TRANSFER_SIZE_HEADER] = String(body.size);
    }
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      // No pooled sockets: a relay lives as long as its transfer, and a cut one must not be reused.
      const req = lib.request(url, { method: direction === 'pull' ? 'GET' : 'POST', headers, agent: false });
      const connectTimer = setTimeout(() => req.destroy(new Error(`replica ${owner} did not answer within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      req.once('socket', (s) => s.once('connect', () => clearTimeout(connectTimer)));
      req.once('response', (res) => {
        clearTimeout(connectTimer);
        resolve(res);
      });
      req.once('error', (err) => {
        clearTimeout(connectTimer);
        reject(err);
      });
      if (direction === 'push' && body) {
        pipeline(body.stream, req, () => undefined);
      } else {
        req.end();
      }
    });
  }
}

/** Reads a small reply (the owner's envelope) to the end, bounded. */
export async function readSmall(res: Readable, maxBytes = 64 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const c of res) {
    seen += (c as Buffer).length;
    if (seen > maxBytes) {
      res.destroy();
      break;
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}
