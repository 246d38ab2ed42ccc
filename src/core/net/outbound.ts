import { promises as dns } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import * as ipaddr from 'ipaddr.js';
import type { AppConfig } from '../config/app-config';
import { AppError } from '../errors/app-error';

/**
 * The one guard for requests the platform sends to addresses a tenant chose (webhooks, chat
 * integrations, SMTP, git): without it a tenant could make the API reach its own network
 * (server-side request forgery), e.g. a cloud metadata endpoint or the database.
 */
export interface OutboundPolicy {
  /** Instance setting OUTBOUND_ALLOW_PRIVATE: loopback, private and link-local targets pass. */
  allowPrivate: boolean;
  /**
   * Exact addresses that pass even when private (an instance allowlist; the tests use it to reach
   * one 127.0.0.1 server while every other private address stays refused).
   */
  allowedAddresses?: readonly string[];
}

export function outboundPolicy(config: Pick<AppConfig, 'OUTBOUND_ALLOW_PRIVATE'>): OutboundPolicy {
  return { allowPrivate: config.OUTBOUND_ALLOW_PRIVATE === true };
}

/** A target refused by the policy, or a request that failed below HTTP (DNS, connect, timeout). */
export class OutboundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundError';
  }
}

const DEFAULT_SCHEMES = ['http:', 'https:'] as const;

/**
 * Why an address may not be reached, or null when it may. Only public unicast passes: an
 * allowlist of one range, so ranges ipaddr.js knows and we forgot (6to4 and NAT64 forms that
 * embed a private IPv4, benchmarking, reserved) stay refused too.
 */
export function addressRefusal(address: string, policy: OutboundPolicy): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process(): an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 it is.
    parsed = ipaddr.process(address);
  } catch {
    return `${address} is not an IP address`;
  }
  if (policy.allowPrivate) return null;
  const normal = parsed.toString();
  if (policy.allowedAddresses?.some((allowed) => safeNormal(allowed) === normal)) return null;
  const range = parsed.range();
  // ipaddr.js counts IPv4-compatible IPv6 (::a.b.c.d, deprecated) as unicast; a host with such a route would reach the IPv4 inside.
  if (range === 'unicast' && parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return `${normal} is an IPv4-compatible IPv6 address`;
  if (range === 'unicast') return null;
  const names: Record<string, string> = {
    loopback: 'a loopback',
    private: 'a private',
    linkLocal: 'a link-local (cloud metadata)',
    uniqueLocal: 'a unique-local (private)',
    carrierGradeNat: 'a carrier-grade NAT',
    multicast: 'a multicast',
    broadcast: 'a broadcast',
    unspecified: 'an unspecified',
  };
  return `${normal} is ${names[range] ?? `a reserved (${range})`} address`;
}

function safeNormal(address: string): string | null {
  try {
    return ipaddr.process(address).toString();
  } catch {
    return null;
  }
}

function bareHost(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Resolves a host (or takes an IP literal as is) and refuses it when any address is not allowed. */
export async function checkOutboundHost(host: string, policy: OutboundPolicy): Promise<string[]> {
  const name = bareHost(host.trim());
  if (!name) throw AppError.badRequest('The target has no host.');
  let addresses: string[];
  if (ipaddr.isValid(name)) {
    addresses = [name];
  } else {
    try {
      addresses = (await dns.lookup(name, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw AppError.badRequest(`The host ${name} could not be resolved${code ? ` (${code})` : ''}.`);
    }
    if (addresses.length === 0) throw AppError.badRequest(`The host ${name} could not be resolved.`);
    // IPv4 first (stable otherwise): callers pin addresses[0], and many hosts resolve AAAA without IPv6 reach.
    addresses.sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
  }
  // Every address must pass: a name resolving to one public and one private address could
  // otherwise reach the private one on a later lookup.
  for (const address of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal) throw AppError.badRequest(`The target ${name} is not allowed: ${refusal}; targets on the platform's own network are refused.`);
  }
  return addresses;
}

export async function checkOutboundUrl(raw: string, policy: OutboundPolicy, schemes: readonly string[] = DEFAULT_SCHEMES): Promise<{ url: URL; addresses: string[] }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw AppError.badRequest('The target is not a valid URL.');
  }
  if (!schemes.includes(url.protocol)) {
    throw AppError.badRequest(`The scheme ${url.protocol} is not allowed (allowed: ${schemes.map((scheme) => scheme.replace(/:$/, '')).join(', ')}).`);
  }
  const addresses = await checkOutboundHost(url.hostname, policy);
  return { url, addresses };
}

export interface OutboundInit {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
  maxRedirects?: number;
  maxResponseBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function outboundRequest(raw: string, init: OutboundInit, policy: OutboundPolicy): Promise<OutboundResponse> {
  const maxRedirects = init.maxRedirects ?? 3;
  const maxBytes = init.maxResponseBytes ?? 64 * 1024;
  // One deadline for the whole exchange, redirects included.
  const deadline = Date.now() + init.timeoutMs;
  let current = raw;
  let method = init.method;
  let body = init.body;
  let headers = { ...(init.headers ?? {}) };
  for (let hop = 0; ; hop++) {
    let checked: { url: URL; addresses: string[] };
    try {
      checked = await checkOutboundUrl(current, policy);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new OutboundError(hop === 0 ? message : `Redirect refused: ${message}`);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new OutboundError(`Timed out after ${init.timeoutMs} ms`);
    const response = await requestOnce(checked.url, checked.addresses[0], { method, headers, body }, remaining, maxBytes, init.timeoutMs);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || !location) return { ...response, url: checked.url.toString() };
    if (hop >= maxRedirects) throw new OutboundError(`Too many redirects (more than ${maxRedirects})`);
    let next: URL;
    try {
      next = new URL(location, checked.url);
    } catch {
      throw new OutboundError(`Redirect to an invalid URL: ${location.slice(0, 200)}`);
    }
    // As browsers do: 303 (and 301/302 after a POST) continue as a GET without the body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      headers = withoutHeaders(headers, ['content-type', 'content-length']);
    }
    // Credentials meant for one origin are not handed to another.
    if (next.origin !== checked.url.origin) headers = withoutHeaders(headers, ['authorization', 'cookie']);
    current = next.toString();
  }
}

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => !names.includes(key.toLowerCase())));
}

/** One request whose connection goes to `address` (the checked one): no second DNS answer is used. */
function requestOnce(
  url: URL,
  address: string,
  init: { method: string; headers: Record<string, string>; body?: string | Buffer },
  timeoutMs: number,
  maxBytes: number,
  totalTimeoutMs: number,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const family = ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4;
  const pinned: LookupFunction = (_hostname, options, callback) => {
    // Node calls lookup with `all: true` when autoSelectFamily is on (the default since Node 20).
    if (options.all) (callback as unknown as (err: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const transport = url.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = { 'user-agent': 'Outpost-Webhook/1', ...init.headers };
  if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, value?: { status: number; headers: Record<string, string>; body: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value!);
    };
    const request = transport.request(
      {
        protocol: url.protocol,
        hostname: bareHost(url.hostname),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: init.method,
        headers,
        auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
        lookup: pinned,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        response.on('data', (chunk: Buffer) => {
          if (size >= maxBytes) {
            truncated = true;
            // Enough read: stop the transfer instead of draining a large body.
            response.destroy();
            return done();
          }
          const room = maxBytes - size;
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
          size += Math.min(chunk.length, room);
          if (chunk.length > room) truncated = true;
        });
        const done = () =>
          finish(null, {
            status: response.statusCode ?? 0,
            headers: flattenHeaders(response.headers),
            body: Buffer.concat(chunks).toString('utf8') + (truncated ? '…' : ''),
          });
        response.on('end', done);
        // A body cut off by the peer is an error, not a short answer.
        response.on('close', () => (truncated || response.complete ? done() : finish(new OutboundError('The response was cut off'))));
        response.on('error', (err) => (truncated ? done() : finish(new OutboundError(`Response failed: ${err.message}`))));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish(new OutboundError(`Timed out after ${totalTimeoutMs} ms`));
    }, timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => finish(new OutboundError(connectionMessage(err, url))));
    if (init.body !== undefined) request.end(init.body);
    else request.end();
  });
}

function connectionMessage(err: NodeJS.ErrnoException, url: URL): string {
  const target = `${url.protocol}//${url.host}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `Connection refused by ${target}`;
    case 'ECONNRESET':
      return `Connection reset by ${target}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${target} is unreachable`;
    default:
      return `Request to ${target} failed: ${err.message}`;
  }
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
