import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { OutpostApiError } from './errors';
import type { Transport } from './transport';

export const TUS_VERSION = '1.0.0';
const DEFAULT_CHUNK = 8 * 1024 * 1024;

export interface UploadOptions {
  /** Local file to send. */
  file: string;
  /** Remote directory, '' for the server's root. */
  directory: string;
  /** Remote file name (default: the local file's name). */
  name?: string;
  /** Bytes per PATCH (default 8 MiB). */
  chunkSize?: number;
  /** The uploadUrl of an earlier, interrupted upload of the same file: continues from the offset the API holds. */
  resume?: string;
  onProgress?: (sent: number, total: number) => void;
  /** Called with the upload's URL as soon as it exists: keep it to resume after an interruption. */
  onCreated?: (uploadUrl: string) => void;
  signal?: AbortSignal;
}

export interface UploadResult {
  uploadUrl: string;
  bytes: number;
  /** Offset the upload continued from (0 for a fresh one). */
  resumedFrom: number;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

function offsetOf(response: Response): number {
  const value = Number(response.headers.get('upload-offset'));
  if (!Number.isSafeInteger(value) || value < 0) throw new OutpostApiError(response.status, 'BadGatewayError', 'The API sent no valid Upload-Offset');
  return value;
}

/** TUS 1.0.0 (core + creation) against POST /gameserver/:id/files/tus; metadata keys `filename` and `path` (the directory). */
export async function tusUpload(transport: Transport, serverId: string, opts: UploadOptions): Promise<UploadResult> {
  const total = (await stat(opts.file)).size;
  const chunkSize = Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_CHUNK));
  const tus = { 'tus-resumable': TUS_VERSION };
  let uploadUrl: string;
  let offset: number;
  if (opts.resume) {
    uploadUrl = transport.url(opts.resume);
    const head = await transport.request('HEAD', uploadUrl, { headers: tus, signal: opts.signal });
    const length = Number(head.headers.get('upload-length'));
    if (length !== total) throw new OutpostApiError(409, 'ConflictError', `The upload to resume is ${length} bytes long, the file is ${total} bytes: start a new upload`);
    offset = offsetOf(head);
  } else {
    const meta = [`filename ${b64(opts.name ?? basename(opts.file))}`];
    if (opts.directory) meta.push(`path ${b64(opts.directory)}`);
    const created = await transport.request('POST', `/gameserver/${encodeURIComponent(serverId)}/files/tus`, {
      headers: { ...tus, 'upload-length': String(total), 'upload-metadata': meta.join(',') },
      signal: opts.signal,
    });
    const location = created.headers.get('location');
    if (!location) throw new OutpostApiError(created.status, 'BadGatewayError', 'The API created the upload but sent no Location');
    uploadUrl = transport.url(location);
    offset = 0;
    opts.onCreated?.(uploadUrl);
  }
  const resumedFrom = offset;
  opts.onProgress?.(offset, total);
  const file = await open(opts.file, 'r');
  try {
    while (offset < total) {
      const size = Math.min(chunkSize, total - offset);
      const chunk = Buffer.allocUnsafe(size);
      const { bytesRead } = await file.read(chunk, 0, size, offset);
      if (bytesRead !== size) throw new Error(`${opts.file} changed while uploading`);
      const response = await transport.request('PATCH', uploadUrl, {
        headers: { ...tus, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        body: chunk,
        signal: opts.signal,
        ok: [409],
      });
      if (response.status === 409) {
        // Our offset is stale (a chunk landed although its reply was lost): continue from the API's.
        await response.body?.cancel().catch(() => undefined);
        offset = offsetOf(await transport.request('HEAD', uploadUrl, { headers: tus, signal: opts.signal }));
      } else {
        offset = offsetOf(response);
      }
      opts.onProgress?.(offset, total);
    }
  } finally {
    await file.close();
  }
  return { uploadUrl, bytes: total, resumedFrom };
}

/** GET /gameserver/:id/files/download?path=…, streamed (never held in memory). */
export async function download(transport: Transport, serverId: string, remotePath: string): Promise<Readable> {
  const response = await transport.request('GET', `/gameserver/${encodeURIComponent(serverId)}/files/download?path=${encodeURIComponent(remotePath)}`);
  if (!response.body) return Readable.from([]);
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
}
