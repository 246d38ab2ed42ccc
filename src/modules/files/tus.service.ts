import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainId } from '@libs/tenancy/domain-id';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import type { GameServer } from '../gameserver/gameserver.types';
import { FileUploadRepository } from './file-upload.repository';
import { agentCode, FilesService, joinPath, sanePath } from './files.service';

export const TUS_VERSION = '1.0.0';
export const TUS_EXTENSIONS = 'creation,termination';
/** Temp files of resumable uploads: inside the data dir (quota counts them), hidden from listings. */
export const TUS_TEMP_PREFIX = '.outpost-tmp-upload-';

export interface UploadState {
  id: string;
  offset: number;
  length: number;
  targetPath: string;
}

/** `key base64,key2 base64` → { key: value } (TUS Upload-Metadata). */
export function parseUploadMetadata(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  if (header.length > 16 * 1024) throw AppError.badRequest('Upload-Metadata is too long');
  for (const pair of header.split(',')) {
    const [key, value, extra] = pair.trim().split(' ');
    if (!key || extra !== undefined || !/^[\x21-\x7e]+$/.test(key)) throw AppError.badRequest('Upload-Metadata must be "key base64value" pairs separated by commas');
    if (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw AppError.badRequest(`Upload-Metadata value of ${key} is not base64`);
    out[key] = value === undefined ? '' : Buffer.from(value, 'base64').toString('utf8');
  }
  return out;
}

/**
 * Resumable uploads (TUS 1.0.0 core + creation + termination). State (target, length, durable
 * offset) is a row per upload; the bytes are appended by the agent to a temp file in the server's
 * data dir and moved onto the target when complete. PATCHes of one upload run one at a time in
 * this process; the offset moves by compare-and-set.
 */
@Injectable()
export class TusService {
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly files: FilesService,
    private readonly uploads: FileUploadRepository,
  ) {}

  async create(domainId: DomainId, id: string, userId: string | null, length: number, metadataHeader: string | undefined): Promise<UploadState> {
    const server = await this.files.server(domainId, id);
    const meta = parseUploadMetadata(metadataHeader);
    const dir = meta.path === undefined ? '' : sanePath(meta.path, 'path');
    const filename = meta.filename === undefined ? undefined : sanePath(meta.filename, 'filename');
    if (!filename && !dir) throw AppError.badRequest('Upload-Metadata needs filename (and optionally path, the directory) or path (the file)');
    const targetPath = filename ? joinPath(dir, filename) : dir;
    sanePath(targetPath);
    await this.files.assertRoom(server, length);
    // The agent validates the target now (escapes, symlinks, directories) so a bad path fails at creation.
    await this.files.run(server, 'files.check', { path: targetPath, forWrite: true });
    const uploadId = randomUUID();
    const row = await this.uploads.insert(domainId, {
      id: uploadId,
      gameserverId: server.id,
      createdBy: userId,
      targetPath,
      tempPath: `${TUS_TEMP_PREFIX}${uploadId}`,
      length,
      offset: 0,
      metadata: metadataHeader ?? null,
    });
    if (length === 0) {
      await this.files.run(server, 'files.write', { path: targetPath, content: '' });
    }
    return { id: row.id, offset: 0, length, targetPath };
  }

  private async find(domainId: DomainId, id: string, uploadId: string) {
    const server = await this.files.server(domainId, id);
    const row = await this.uploads.findOne(domainId, { id: uploadId, gameserverId: server.id });
    if (!row) throw AppError.notFound('Upload');
    return { server, row };
  }

  /** Current durable offset (waits for a PATCH of this upload that is still settling). */
  async state(domainId: DomainId, id: string, uploadId: string): Promise<UploadState> {
    await this.files.server(domainId, id);
    await this.inflight.get(uploadId)?.catch(() => undefined);
    const { row } = await this.find(domainId, id, uploadId);
    return { id: row.id, offset: row.offset, length: row.length, targetPath: row.targetPath };
  }

  async append(domainId: DomainId, id: string, uploadId: string, offset: number, contentLength: number | undefined, body: Readable): Promise<UploadState> {
    await this.files.server(domainId, id);
    // One PATCH per upload at a time: a resumed PATCH waits for the aborted one to settle.
    const previous = this.inflight.get(uploadId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.appendNow(domainId, id, uploadId, offset, contentLength, body));
    this.inflight.set(uploadId, run);
    try {
      return await run;
    } finally {
      if (this.inflight.get(uploadId) === run) this.inflight.delete(uploadId);
    }
  }

  private async appendNow(domainId: DomainId, id: string, uploadId: string, offset: number, contentLength: number | undefined, body: Readable): Promise<UploadState> {
    const { server, row } = await this.find(domainId, id, uploadId);
    if (row.offset !== offset) {
      throw AppError.conflict(`Upload-Offset ${offset} does not match the upload's offset ${row.offset}`, { offset: row.offset });
    }
    const remaining = row.length - row.offset;
    if (contentLength !== undefined && contentLength > remaining) {
      throw new AppError(ErrorCode.PayloadTooLargeError, `The chunk (${contentLength} bytes) goes past Upload-Length (${remaining} bytes remain)`);
    }
    if (remaining === 0) return { id: row.id, offset: row.offset, length: row.length, targetPath: row.targetPath };
    let result: { offset: number };
    try {
      result = await this.files.pull(server, row.tempPath, body, { append: { offset, maxBytes: remaining } });
    } catch (err) {
      if (agentCode(err) === 'quota_exceeded') {
        await this.discard(server, domainId, row.id, row.tempPath);
        throw this.files.quotaError(this.files.quotaBytes(server), row.length);
      }
      throw err;
    }
    await this.uploads.moveOffset(domainId, row.id, offset, result.offset);
    if (result.offset === row.length) {
      try {
        await this.files.run(server, 'files.rename', { from: row.tempPath, to: row.targetPath, overwrite: true });
      } catch (err) {
        // The target became unusable meanwhile (e.g. a symlink out): drop the upload entirely.
        await this.discard(server, domainId, row.id, row.tempPath);
        throw err;
      }
    }
    return { id: row.id, offset: result.offset, length: row.length, targetPath: row.targetPath };
  }

  /** TUS termination: removes the partial file and the upload. */
  async terminate(domainId: DomainId, id: string, uploadId: string): Promise<void> {
    const { server, row } = await this.find(domainId, id, uploadId);
    await this.discard(server, domainId, row.id, row.offset < row.length ? row.tempPath : null);
  }

  private async discard(server: GameServer, domainId: DomainId, uploadId: string, tempPath: string | null): Promise<void> {
    if (tempPath) {
      await this.files.run(server, 'files.delete', { paths: [tempPath] }).catch((err: unknown) => {
        if (agentCode(err) !== 'not_found') throw err;
      });
    }
    await this.uploads.delete(domainId, uploadId);
  }
}
