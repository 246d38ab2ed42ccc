import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const BACKUP_STATES = ['creating', 'completed', 'failed'] as const;
export type BackupState = (typeof BACKUP_STATES)[number];
export const RESTORE_STATES = ['restoring', 'restored', 'failed'] as const;
export type RestoreState = (typeof RESTORE_STATES)[number];
export type BackupStorageKind = 'local' | 's3';
export type BackupActorType = 'user' | 'apitoken' | 'system';

/** bigint columns come back from pg as strings. */
const bigint = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('backup')
export class Backup {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) gameserverId: string;
  /** Node holding a local archive (where it was made); null once that node is deleted. */
  @Column({ type: 'uuid', nullable: true }) nodeId: string | null;
  /** The backup configuration it was stored with (null: the default local target). */
  @Column({ type: 'uuid', nullable: true }) configId: string | null;
  @Column({ type: 'text' }) storage: BackupStorageKind;
  @Column({ type: 'text', nullable: true }) objectKey: string | null;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', array: true, default: '{}' }) ignore: string[];
  @Column({ type: 'text', default: 'creating' }) state: BackupState;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'bigint', nullable: true, transformer: bigint }) sizeBytes: number | null;
  @Column({ type: 'text', nullable: true }) sha256: string | null;
  @Column({ type: 'integer', nullable: true }) files: number | null;
  @Column({ type: 'boolean', default: false }) locked: boolean;
  @Column({ type: 'text', nullable: true }) restoreState: RestoreState | null;
  @Column({ type: 'text', nullable: true }) restoreError: string | null;
  @Column({ type: 'timestamptz', nullable: true }) restoredAt: Date | null;
  /** Set while a process works on the backup (create or restore) and renewed by it; expired = interrupted. */
  @Column({ type: 'timestamptz', nullable: true }) leaseUntil: Date | null;
  @Column({ type: 'text' }) createdByType: BackupActorType;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
}

/** A one-use download link (only the token's sha256 is stored). */
@Entity('backup_download')
export class BackupDownload {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) backupId: string;
  @Column({ type: 'text', select: false }) tokenHash: string;
  /** Who made the link: the actor of its `backup.downloaded` audit entry (the download itself is anonymous). */
  @Column({ type: 'text' }) createdByType: BackupActorType;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** An archive whose row went with its server: the sweeper removes it from the node or the bucket. */
@Entity('backup_purge')
export class BackupPurge {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) gameserverId: string;
  @Column({ type: 'uuid' }) backupId: string;
  @Column({ type: 'uuid', nullable: true }) nodeId: string | null;
  @Column({ type: 'uuid', nullable: true }) configId: string | null;
  @Column({ type: 'text' }) storage: BackupStorageKind;
  @Column({ type: 'text', nullable: true }) objectKey: string | null;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
