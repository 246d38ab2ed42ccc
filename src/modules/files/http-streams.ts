/**
 * The Fastify edge of streamed file transfers: body parsers that leave request bodies unread (so
 * they can be streamed to the agent), multipart parts as a plain async iterable, and streamed
 * download replies. Services see only Node streams.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { AGENT_TRANSFER_PATH, TRANSFER_CONTENT_TYPE } from '@libs/agent-protocol/protocol';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import type { PushArrival } from './transfer.service';

const RAW_BODY = Symbol('outpost.rawBody');
/** How much of an upload the API buffers between the client and the agent (per stage). */
export const UPLOAD_BUFFER_BYTES = 1024 * 1024;
export const TUS_CONTENT_TYPE = 'application/offset+octet-stream';

/** Routes that may receive an unparsed stream body. */
function streamingRoute(url: string | undefined): boolean {
  if (!url) return false;
  return url.startsWith(`${AGENT_TRANSFER_PATH}/`) || /^\/(gameserver|v1\/instances)\/:id\/files\/(tus|upload)/.test(url);
}

/**
 * Registers, for the file routes only, pass-through parsers for TUS chunks and agent pushes, and
 * @fastify/multipart (streaming; limits per request). Call before the server is ready.
 */
export async function registerStreamingBodies(fastify: FastifyInstance): Promise<void> {
  const passThrough = (req: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: Error | null, body?: unknown) => void) => {
    if (!streamingRoute(req.routeOptions?.url)) {
      done(new AppError(ErrorCode.UnsupportedMediaTypeError, `Content-Type ${String(req.headers['content-type'])} is not accepted here`));
      return;
    }
    (req as unknown as Record<symbol, unknown>)[RAW_BODY] = payload;
    done(null, undefined);
  };
  for (const type of [TUS_CONTENT_TYPE, TRANSFER_CONTENT_TYPE]) {
    if (!fastify.hasContentTypeParser(type)) fastify.addContentTypeParser(type, passThrough);
  }
  if (!fastify.hasContentTypeParser('multipart/form-data')) {
    // Files are consumed as streams by the upload route; other routes never read multipart bodies.
    await fastify.register(multipart as never, { limits: { fields: 20, fieldSize: 64 * 1024, files: 1000, parts: 1100, headerPairs: 200 } });
    // …so on every other route a multipart body is refused like any other non-JSON body (415).
    fastify.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      const type = req.headers['content-type'];
      const url = req.routeOptions?.url;
      const refused = typeof type === 'string' && /^\s*multipart\//i.test(type) && url !== undefined && !streamingRoute(url);
      done(refused ? new AppError(ErrorCode.UnsupportedMediaTypeError, `Content-Type ${type.split(';')[0].trim()} is not accepted here: send application/json`) : undefined);
    });
  }
}

export function rawBodyOf(req: FastifyRequest): Readable {
  return ((req as unknown as Record<symbol, unknown>)[RAW_BODY] as Readable | undefined) ?? req.raw;
}

export interface UploadPart {
  filename: string;
  file: Readable;
  /** Set when the part failed on the client side (too large, malformed). */
  error(): Error | undefined;
}

/** The file parts of a multipart request, one at a time (each must be consumed before the next). */
export async function* uploadParts(req: FastifyRequest): AsyncGenerator<UploadPart> {
  // Typed by @fastify/multipart's augmentation, but only there when the plugin is registered on this instance.
  const r: Partial<Pick<FastifyRequest, 'isMultipart' | 'parts'>> = req;
  if (!r.isMultipart?.() || !r.parts) throw new AppError(ErrorCode.UnsupportedMediaTypeError, 'Upload needs Content-Type: multipart/form-data');
  // Sizes are enforced by the disk quota on the node, not by a per-file limit here. The parser
  // and each file part buffer up to UPLOAD_BUFFER_BYTES, so the client's bytes keep coming while
  // the agent's side is briefly full (at the stream default of 16 KiB they move in lock-step).
  for await (const part of r.parts({ limits: { fileSize: Number.MAX_SAFE_INTEGER }, fileHwm: UPLOAD_BUFFER_BYTES, highWaterMark: UPLOAD_BUFFER_BYTES })) {
    if (part.type !== 'file') continue;
    let failure: Error | undefined;
    (part.file as Readable).on('error', (err: Error) => (failure = err));
    yield { filename: String(part.filename ?? ''), file: part.file, error: () => failure };
  }
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Streams an agent push to the client as an attachment; the agent's request ends with the reply. */
export function sendDownload(reply: FastifyReply, arrival: PushArrival, name: string, type: string): FastifyReply {
  reply.raw.once('close', () => arrival.done());
  reply.header('content-type', type).header('content-disposition', contentDisposition(name)).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
  if (arrival.size !== undefined) reply.header('content-length', String(arrival.size));
  return reply.send(arrival.stream);
}

/**
 * After refusing an upload midway, reads and discards what the client is still sending (up to a
 * bound) so it can read our error reply: closing a socket with unread bytes makes the kernel
 * reset it, and the client sees "socket hang up" instead of the 413. Resolves true when the body
 * ended within the bound (the connection can be kept), false when it had to be cut.
 */
export function drainBody(body: Readable, maxBytes = 64 * 1024 * 1024, maxMs = 10_000): Promise<boolean> {
  if (body.readableEnded || body.destroyed) return Promise.resolve(!body.destroyed);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      resolve(ok);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    const timer = setTimeout(() => finish(false), maxMs);
    body.unpipe();
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
    body.resume();
  });
}
