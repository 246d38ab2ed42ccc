import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { ErrorCode } from '../../core/errors/error-codes';
import { PeriodicPass } from '../../core/jobs/periodic-pass';
import type { GameServer } from '../gameserver/gameserver.types';
import { FileUploadRepository } from './file-upload.repository';
import { agentCode, FilesService, joinPath, sanePath } from './files.service';
import { HeldLock, UploadLocks } from './upload-locks';

export const TUS_VERSION = '1.0.0';
export const TUS_EXTENSIONS = 'creation,termination';
/** Temp files of resumable uploads: inside the data dir (quota counts them), hidden from listings. */
export const TUS_TEMP_PREFIX = '.outpost-tmp-upload-';
/** How long a PATCH (or HEAD, DELETE) waits for another PATCH of the same upload, in any process, to settle. */
export const UPLOAD_LOCK_WAIT_MS = 10_000;
/** A quarter of a process's upload lock connections (upload-locks.ts LOCK_POOL_MAX = 16) per domain. */
export const UPLOAD_LOCKS_PER_DOMAIN = 4;
/** Abandoned uploads removed per sweep at most (the next sweep takes the rest). */
const SWEEP_BATCH = 100;

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
 * data dir and moved onto the target when complete. PATCHes of one upload run one at a time across
 * every API process: each holds the upload's PostgreSQL advisory lock while it streams (one waiting
 * longer than UPLOAD_LOCK_WAIT_MS gets 409), re-reads the offset under it, and moves the offset by
 * compare-and-set. Uploads untouched for UPLOAD_ABANDON_SECONDS are swept (row and temp file) by
 * one process at a time.
 */
@Injectable()
export class TusService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('TusUploads');
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly locks: UploadLocks;
  /** Lock connections each domain holds in this process (see underLock). */
  private readonly locksHeld = new Map<DomainId, number>();
  private readonly sweeper = new PeriodicPass(
    () => this.sweepPass(),
    (err) => this.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'upload sweep failed'),
    0,
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FilesService,
    private readonly uploads: FileUploadRepository,
  ) {
    this.locks = new UploadLocks(config.DATABASE_URL);
  }

  onApplicationBootstrap(): void {
    if (!this.config.DATABASE_URL) return;
    this.sweeper.start(this.config.UPLOAD_SWEEP_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeper.stop();
    await Promise.all([...this.inflight.values()].map((p) => p.catch(() => undefined)));
    await this.locks.close();
  }

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

  /**
   * Runs `work` holding the upload's lock (every process); null lock = another PATCH still runs after the wait.
   * A domain holds at most UPLOAD_LOCKS_PER_DOMAIN of this process's lock connections, so one tenant's slow
   * uploads cannot take them all from the others (429 with Retry-After instead).
   */
  private async underLock<T>(domainId: DomainId, uploadId: string, work: (lock: HeldLock | null) => Promise<T>): Promise<T> {
    const held = this.locksHeld.get(domainId) ?? 0;
    if (held >= UPLOAD_LOCKS_PER_DOMAIN) throw AppError.tooManyRequests(`At most ${UPLOAD_LOCKS_PER_DOMAIN} upload requests of one domain run at a time on this server; retry shortly`, 2);
    this.locksHeld.set(domainId, held + 1);
    try {
      return await this.underUploadLock(uploadId, work);
    } finally {
      const left = (this.locksHeld.get(domainId) ?? 1) - 1;
      if (left > 0) this.locksHeld.set(domainId, left);
      else this.locksHeld.delete(domainId);
    }
  }

  private async underUploadLock<T>(uploadId: string, work: (lock: HeldLock | null) => Promise<T>): Promise<T> {
    const lock = await this.locks.upload(uploadId, UPLOAD_LOCK_WAIT_MS).catch((err: unknown) => {
      // No lock connection within its timeout (this process streams too many uploads) or the database is gone.
      throw new AppError(ErrorCode.ServiceUnavailableError, `The upload cannot be locked right now; retry shortly (${err instanceof Error ? err.message : String(err)})`);
    });
    try {
      return await work(lock);
    } finally {
      await lock?.release();
    }
  }

  private busy(offset: number): AppError {
    return AppError.conflict('Another PATCH of this upload is still in progress; retry after it ends (HEAD tells the offset)', { offset });
  }

  /** Current durable offset (waits, bounded, for a PATCH of this upload that is still settling in any process). */
  async state(domainId: DomainId, id: string, uploadId: string): Promise<UploadState> {
    await this.files.server(domainId, id);
    await this.inflight.get(uploadId)?.catch(() => undefined);
    return this.underLock(domainId, uploadId, async () => {
      const { row } = await this.find(domainId, id, uploadId);
      return { id: row.id, offset: row.offset, length: row.length, targetPath: row.targetPath };
    });
  }

  async append(domainId: DomainId, id: string, uploadId: string, offset: number, contentLength: number | undefined, body: Readable): Promise<UploadState> {
    await this.files.server(domainId, id);
    // One PATCH per upload at a time: a resumed PATCH waits for the aborted one to settle (here
    // without a bound, as before; a PATCH in another process through the advisory lock).
    const previous = this.inflight.get(uploadId) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() =>
        this.underLock(domainId, uploadId, async (lock) => {
          if (!lock) throw this.busy((await this.find(domainId, id, uploadId)).row.offset);
          return this.appendNow(domainId, id, uploadId, offset, contentLength, body);
        }),
      );
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
      // A known length goes to the agent as Content-Length (no chunked framing on the relay).
      result = await this.files.pull(server, row.tempPath, body, { expectedBytes: contentLength, append: { offset, maxBytes: remaining } });
    } catch (err) {
      if (agentCode(err) === 'quota_exceeded') {
        await this.discard(server, domainId, row.id, row.tempPath);
        throw this.files.quotaError(this.files.quotaBytes(server), row.length);
      }
      throw err;
    }
    // Under the lock nobody else moves the offset; the compare-and-set still refuses a lost race.
    if (!(await this.uploads.moveOffset(domainId, row.id, offset, result.offset))) {
      const now = await this.uploads.findOne(domainId, { id: uploadId, gameserverId: server.id });
      throw AppError.conflict(`The upload's offset moved during this PATCH`, { offset: now?.offset ?? null });
    }
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

  /** TUS termination: removes the partial file and the upload (409 while a PATCH of it still runs). */
  async terminate(domainId: DomainId, id: string, uploadId: string): Promise<void> {
    await this.files.server(domainId, id);
    await this.underLock(domainId, uploadId, async (lock) => {
      const { server, row } = await this.find(domainId, id, uploadId);
      if (!lock) throw this.busy(row.offset);
      await this.discard(server, domainId, row.id, row.offset < row.length ? row.tempPath : null);
    });
  }

  private async discard(server: GameServer, domainId: DomainId, uploadId: string, tempPath: string | null): Promise<void> {
    if (tempPath) {
      await this.files.run(server, 'files.delete', { paths: [tempPath] }).catch((err: unknown) => {
        if (agentCode(err) !== 'not_found') throw err;
      });
    }
    await this.uploads.delete(domainId, uploadId);
  }

  /**
   * One sweep (also called by tests): when no other process is sweeping, removes uploads untouched
   * for UPLOAD_ABANDON_SECONDS whose PATCH is not running (temp file through the agent, then the
   * row). An upload whose node cannot be reached stays for the next sweep. Resolves with how many
   * were removed; never throws.
   */
  sweep(): Promise<number> {
    return this.sweeper.run();
  }

  private async sweepPass(): Promise<number> {
    const held = await this.locks.sweep();
    if (!held) return 0;
    let removed = 0;
    try {
      const age = this.config.UPLOAD_ABANDON_SECONDS;
      const { rows } = await held.client.query<{ id: string; domainId: string; gameserverId: string; tempPath: string; complete: boolean }>(
        `SELECT id, "domainId", "gameserverId", "tempPath", "offset" >= length AS complete FROM file_upload
          WHERE "updatedAt" < now() - make_interval(secs => $1) ORDER BY "updatedAt" LIMIT ${SWEEP_BATCH}`,
        [age],
      );
      for (const row of rows) {
        if (!(await this.locks.tryUploadOn(held.client, row.id))) continue;
        try {
          // Still abandoned now that nothing can touch it?
          const still = await held.client.query(`SELECT 1 FROM file_upload WHERE id = $1 AND "updatedAt" < now() - make_interval(secs => $2)`, [row.id, age]);
          if (still.rowCount === 0) continue;
          const domainId = trustedDomainId(row.domainId);
          const server = await this.files.server(domainId, row.gameserverId);
          await this.discard(server, domainId, row.id, row.complete ? null : row.tempPath);
          removed++;
          this.logger.log({ uploadId: row.id, serverId: row.gameserverId }, 'abandoned upload removed');
        } catch (err) {
          this.logger.warn({ uploadId: row.id, err: err instanceof Error ? err.message : String(err) }, 'abandoned upload kept for the next sweep');
        } finally {
          await this.locks.unlockUploadOn(held.client, row.id);
        }
      }
    } finally {
      await held.release();
    }
    return removed;
  }
}
