/**
 * Streamed file transfers (`files.pull` / `files.push`). The control plane cannot reach the agent
 * (NAT), so the agent opens the HTTP request itself, to its own control plane only (the URL it
 * was started with; the command carries just a path under /agent/transfer), authenticated with
 * its agent token plus the command's one-use transfer token. Bytes stream straight between the
 * socket and ServerFiles: nothing is buffered beyond stream high-water marks.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AGENT_TOKEN_HEADER, AGENT_TRANSFER_PATH, AgentError, TRANSFER_CONTENT_TYPE, TRANSFER_ID_PATTERN, TRANSFER_SIZE_HEADER, TRANSFER_TOKEN_HEADER } from '@libs/agent-protocol/protocol';
import { ServerFilesError } from '@libs/server-files/server-files';
import type { Handler } from './commands';
import { filesOf } from './files-commands';
import { httpUrl } from './registration';

export interface TransferConnection {
  /** Control plane base URL the agent was started with. */
  url: string;
  agentToken: string;
}

function bad(message: string): AgentError {
  return new AgentError('invalid_payload', message);
}

function requireString(p: Record<string, unknown>, key: string, max = 4096): string {
  const v = p[key];
  if (typeof v !== 'string' || v.length > max) throw bad(`${key} must be a string`);
  return v;
}

function optionalCount(v: unknown, key: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(`${key} must be a non-negative integer`);
  return v;
}

/** Only paths of the form /agent/transfer/<id>: the agent never sends its token anywhere else. */
export function transferUrl(conn: TransferConnection, p: Record<string, unknown>): URL {
  const transferPath = requireString(p, 'transferPath', 256);
  const prefix = `${AGENT_TRANSFER_PATH}/`;
  if (!transferPath.startsWith(prefix) || !TRANSFER_ID_PATTERN.test(transferPath.slice(prefix.length))) {
    throw bad(`transferPath must be ${AGENT_TRANSFER_PATH}/<id>`);
  }
  const base = httpUrl(conn.url);
  return new URL(transferPath.slice(1), base.endsWith('/') ? base : `${base}/`);
}

export function transferHeaders(conn: TransferConnection, p: Record<string, unknown>): Record<string, string> {
  const token = requireString(p, 'transferToken', 256);
  if (!token) throw bad('transferToken must be a non-empty string');
  return { [AGENT_TOKEN_HEADER]: conn.agentToken, [TRANSFER_TOKEN_HEADER]: token };
}

export function interrupted(err: unknown): unknown {
  if (err instanceof ServerFilesError || err instanceof AgentError) return err;
  return new AgentError('transfer_interrupted', `transfer interrupted: ${err instanceof Error ? err.message : String(err)}`);
}

/** GET the bytes to write. Rejects unless the control plane answers 200. */
export function openPull(url: URL, hdrs: Record<string, string>): Promise<http.IncomingMessage> {
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method: 'GET', headers: hdrs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new AgentError('transfer_refused', `control plane refused the transfer (HTTP ${res.statusCode})`));
        return;
      }
      resolve(res);
    });
    req.on('error', (err) => reject(new AgentError('transfer_refused', `transfer request failed: ${err.message}`)));
    req.end();
  });
}

/** POST a stream; resolves with the bytes sent once the control plane answered 200. */
export async function push(url: URL, hdrs: Record<string, string>, source: Readable, size?: number): Promise<number> {
  const mod = url.protocol === 'https:' ? https : http;
  let bytes = 0;
  source.on('data', (c: Buffer) => (bytes += c.length));
  const req = mod.request(url, {
    method: 'POST',
    headers: { ...hdrs, 'content-type': TRANSFER_CONTENT_TYPE, 'transfer-encoding': 'chunked', ...(size !== undefined ? { [TRANSFER_SIZE_HEADER]: String(size) } : {}) },
  });
  let refusal: AgentError | undefined;
  const answered = new Promise<number>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      if (res.statusCode === 200) return resolve(res.statusCode);
      refusal = new AgentError('transfer_refused', `control plane refused the transfer (HTTP ${res.statusCode})`);
      reject(refusal);
    });
    req.on('error', reject);
  });
  answered.catch(() => undefined);
  const closed = new Promise<void>((resolve) => req.once('close', () => resolve()));
  try {
    await pipeline(source, req);
    await answered;
  } catch (err) {
    source.destroy();
    req.destroy();
    // A control plane that refuses answers before it has read the body and closes the socket, so the
    // upload can fail ("Premature close", EPIPE) before the answer is handled. The request's 'close'
    // comes after its 'response': wait for it, and report the refusal rather than the broken pipe.
    await closed;
    throw refusal ?? (err instanceof AgentError ? err : interrupted(err));
  }
  return bytes;
}

export function transferHandlers(connection: () => TransferConnection | null): Record<string, Handler> {
  const conn = (): TransferConnection => {
    const c = connection();
    if (!c) throw new AgentError('offline', 'agent has no control plane credentials');
    return c;
  };
  return {
    async 'files.check'(p, ctx) {
      const files = await filesOf(ctx, p);
      if (p.forWrite !== undefined && typeof p.forWrite !== 'boolean') throw bad('forWrite must be a boolean');
      return files.checkPath(requireString(p, 'path'), { forWrite: p.forWrite === true });
    },

    async 'files.pull'(p, ctx) {
      const c = conn();
      const files = await filesOf(ctx, p);
      const target = requireString(p, 'path');
      const url = transferUrl(c, p);
      const hdrs = transferHeaders(c, p);
      const expectedBytes = optionalCount(p.expectedBytes, 'expectedBytes');
      let append: { offset: number; maxBytes?: number } | undefined;
      if (p.append !== undefined) {
        const a = p.append as Record<string, unknown>;
        if (typeof a !== 'object' || a === null) throw bad('append must be an object');
        append = { offset: optionalCount(a.offset, 'append.offset') ?? 0, maxBytes: optionalCount(a.maxBytes, 'append.maxBytes') };
      }
      // Refuse unsafe targets before taking the (one-use) transfer.
      if (!append || append.offset === 0) await files.checkPath(target, { forWrite: true });
      const res = await openPull(url, hdrs);
      try {
        if (append) {
          const r = await files.appendStream(target, res, append.offset, { maxBytes: append.maxBytes });
          return { bytes: r.written, offset: r.offset, interrupted: r.interrupted };
        }
        const bytes = await files.writeStream(target, res, { expectedBytes });
        return { bytes, offset: bytes, interrupted: false };
      } catch (err) {
        throw interrupted(err);
      } finally {
        if (!res.readableEnded) res.destroy();
      }
    },

    async 'files.push'(p, ctx) {
      const c = conn();
      const files = await filesOf(ctx, p);
      const v = p.paths;
      if (!Array.isArray(v) || v.length === 0 || v.length > 10_000 || !v.every((x) => typeof x === 'string')) {
        throw bad('paths must be a non-empty array of strings');
      }
      const paths = v;
      if (p.zip !== undefined && typeof p.zip !== 'boolean') throw bad('zip must be a boolean');
      const url = transferUrl(c, p);
      const hdrs = transferHeaders(c, p);
      // Open (and thereby validate) the source before taking the transfer.
      if (paths.length === 1 && p.zip !== true) {
        const entry = await files.stat(paths[0]);
        const stream = await files.createReadStream(paths[0]);
        const size = entry.type === 'file' ? entry.size : undefined;
        return { bytes: await push(url, hdrs, stream, size) };
      }
      const zip = await files.zipStream(paths);
      return { bytes: await push(url, hdrs, zip) };
    },
  };
}
