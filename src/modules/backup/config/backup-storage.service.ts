import { GetObjectCommand, DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { APP_CONFIG, AppConfig } from '../../../core/config/app-config';
import { AppError } from '../../../core/errors/app-error';
import { DomainId } from '@libs/tenancy/domain-id';
import { SecretBox } from '../../auth/secret-box';
import { BackupStorage, BackupTarget, StoredObject } from '../backup-storage';
import { BackupConfigRepository, BackupConfigWithSecrets } from './backup-config.repository';
import { BackupConfig } from './entities/backup-config.entity';
import { S3Settings, createS3Client, isMissingObject, safeErrorMessage } from './s3-client';

export const DEFAULT_TARGET: Omit<BackupTarget, 'configId'> = { kind: 'local', maxBackupsPerServer: 10, keepLast: null, maxAgeDays: null };
export const PART_SIZE = 8 * 1024 * 1024;
export const QUEUE_SIZE = 4;
/** The SecretBox purpose of S3 credentials. */
export const CREDENTIALS_PURPOSE = 'backup-credentials';

export function targetOf(c: BackupConfig | null): BackupTarget {
  if (!c) return { configId: null, ...DEFAULT_TARGET };
  return { configId: c.id, kind: c.kind, maxBackupsPerServer: c.maxBackupsPerServer, keepLast: c.keepLast, maxAgeDays: c.maxAgeDays };
}

interface CachedClient {
  /** The config's updatedAt the client was built from: a change anywhere (any API process) rebuilds it. */
  version: number;
  client: S3Client;
  settings: S3Settings;
}

/**
 * BackupStorage over the domain's configurations: policies from `backup_config`, objects in
 * S3-compatible storage. One S3Client per configuration, cached and rebuilt when it changes.
 */
@Injectable()
export class S3BackupStorage extends BackupStorage implements OnModuleDestroy {
  private readonly logger = new Logger('BackupStorage');
  private readonly box: SecretBox;
  private readonly clients = new Map<string, CachedClient>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly configs: BackupConfigRepository,
  ) {
    super();
    this.box = new SecretBox(config.JWT_SECRET!, CREDENTIALS_PURPOSE);
  }

  seal(plain: string): string {
    return this.box.seal(plain);
  }

  async active(domainId: DomainId): Promise<BackupTarget> {
    return targetOf(await this.configs.findActive(domainId));
  }

  async target(domainId: DomainId, configId: string): Promise<BackupTarget> {
    const c = await this.configs.findById(domainId, configId);
    if (!c) throw AppError.notFound('Backup configuration');
    return targetOf(c);
  }

  /** The configuration's S3 settings with credentials opened (in memory only). */
  settingsOf(c: BackupConfigWithSecrets): S3Settings {
    if (c.kind !== 's3' || !c.bucket) throw AppError.badRequest(`Backup configuration "${c.name}" stores on the node's disk, not in S3`);
    if (!c.accessKeyIdSealed || !c.secretAccessKeySealed) throw AppError.badRequest(`Backup configuration "${c.name}" has no S3 credentials`);
    return {
      endpoint: c.endpoint,
      region: c.region,
      bucket: c.bucket,
      prefix: c.prefix,
      forcePathStyle: c.forcePathStyle,
      accessKeyId: this.box.open(c.accessKeyIdSealed),
      secretAccessKey: this.box.open(c.secretAccessKeySealed),
    };
  }

  private async clientFor(domainId: DomainId, configId: string): Promise<CachedClient> {
    const c = await this.configs.findWithSecrets(domainId, configId);
    if (!c) throw AppError.notFound('Backup configuration');
    const version = c.updatedAt.getTime();
    const cached = this.clients.get(c.id);
    if (cached && cached.version === version) return cached;
    cached?.client.destroy();
    const settings = this.settingsOf(c);
    const entry = { version, settings, client: createS3Client(settings, { maxAttempts: 3, connectionTimeout: 5_000, requestTimeout: 120_000 }) };
    this.clients.set(c.id, entry);
    return entry;
  }

  /** Drops the cached client of a configuration that changed or is gone. */
  forget(configId: string): void {
    this.clients.get(configId)?.client.destroy();
    this.clients.delete(configId);
  }

  private fail(what: string, error: unknown): never {
    if (error instanceof AppError) throw error;
    const message = `${what}: ${safeErrorMessage(error)}`;
    this.logger.warn(message);
    throw AppError.unavailable(`Backup storage: ${message}`);
  }

  async put(domainId: DomainId, configId: string, key: string, body: Readable): Promise<StoredObject> {
    const { client, settings } = await this.clientFor(domainId, configId);
    const hash = createHash('sha256');
    let sizeBytes = 0;
    // Counts and hashes on the way through; lib-storage buffers at most queueSize × partSize.
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        done(null, chunk);
      },
    });
    const source: { error?: Error } = {};
    body.once('error', (e: Error) => {
      source.error = e;
      counter.destroy(e);
    });
    body.pipe(counter);
    const upload = new Upload({
      client,
      params: { Bucket: settings.bucket, Key: `${settings.prefix}${key}`, Body: counter, ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      body.unpipe(counter);
      body.destroy();
      counter.destroy();
      // The archive stream's own failure is the cause; an abort error after it is noise.
      if (source.error) throw source.error;
      this.fail(`upload of ${key}`, error);
    }
    return { sizeBytes, sha256: hash.digest('hex') };
  }

  async get(domainId: DomainId, configId: string, key: string): Promise<{ stream: Readable; sizeBytes: number }> {
    const { client, settings } = await this.clientFor(domainId, configId);
    try {
      const r = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: `${settings.prefix}${key}` }));
      if (!(r.Body instanceof Readable)) throw new Error('GetObject returned no readable body');
      return { stream: r.Body, sizeBytes: r.ContentLength ?? 0 };
    } catch (error) {
      if (isMissingObject(error)) throw AppError.notFound('Backup archive in storage');
      this.fail(`download of ${key}`, error);
    }
  }

  async remove(domainId: DomainId, configId: string, key: string): Promise<void> {
    const { client, settings } = await this.clientFor(domainId, configId);
    try {
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: `${settings.prefix}${key}` }));
    } catch (error) {
      if (isMissingObject(error)) return;
      this.fail(`delete of ${key}`, error);
    }
  }

  onModuleDestroy(): void {
    for (const id of [...this.clients.keys()]) this.forget(id);
  }
}
