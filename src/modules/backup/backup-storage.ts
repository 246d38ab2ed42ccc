import type { Readable } from 'node:stream';
import type { DomainId } from '@libs/tenancy/domain-id';

/** Where a domain's new backups go, and the limits and retention that apply to them. */
export interface BackupTarget {
  /** The active backup configuration; null = none configured (node-local disk, default policy). */
  configId: string | null;
  kind: 'local' | 's3';
  /** Backups a server may hold (creating + completed); creating one more is refused. */
  maxBackupsPerServer: number;
  /** Retention after each completed backup: keep the newest N unlocked ones (null = no count limit). */
  keepLast: number | null;
  /** Retention: delete unlocked backups older than this (null = no age limit). */
  maxAgeDays: number | null;
}

export interface StoredObject {
  sizeBytes: number;
  /** Hex sha256 of the bytes exactly as stored. */
  sha256: string;
}

/**
 * The backup module's view of storage configuration and object storage (S3-compatible). The
 * configuration side (`BackupConfigService`) provides it; the backup service only calls these.
 * Object keys are chosen by the caller; every call is scoped to the domain that owns the config.
 */
export abstract class BackupStorage {
  /** The domain's active target (a default local target when nothing is configured). */
  abstract active(domainId: DomainId): Promise<BackupTarget>;
  /** The policy of a given configuration (the one a backup was made with). */
  abstract target(domainId: DomainId, configId: string): Promise<BackupTarget>;
  /** Streams `body` to the config's bucket under `key` (multipart); resolves once stored. */
  abstract put(domainId: DomainId, configId: string, key: string, body: Readable): Promise<StoredObject>;
  abstract get(domainId: DomainId, configId: string, key: string): Promise<{ stream: Readable; sizeBytes: number }>;
  /** Idempotent: a missing object is not an error. */
  abstract remove(domainId: DomainId, configId: string, key: string): Promise<void>;
}
