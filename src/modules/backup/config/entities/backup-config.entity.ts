import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type BackupConfigKind = 'local' | 's3';

/**
 * A domain's backup storage target and policy. At most one per domain is active (partial unique
 * index `backup_config_one_active`); with none active, backups go to the node's local disk with
 * the default policy. S3 credentials are sealed with SecretBox (purpose `backup-credentials`) and
 * never selected unless asked for.
 */
@Entity('backup_config')
export class BackupConfig {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: BackupConfigKind;
  @Column({ type: 'boolean', default: false }) active: boolean;
  @Column({ type: 'text', nullable: true }) endpoint: string | null;
  @Column({ type: 'text', nullable: true }) region: string | null;
  @Column({ type: 'text', nullable: true }) bucket: string | null;
  @Column({ type: 'text', default: '' }) prefix: string;
  @Column({ type: 'boolean', default: false }) forcePathStyle: boolean;
  /** Last four characters of the access key id, to recognise it; the key itself is sealed. */
  @Column({ type: 'text', nullable: true }) accessKeyIdHint: string | null;
  @Column({ type: 'text', nullable: true, select: false }) accessKeyIdSealed?: string | null;
  @Column({ type: 'text', nullable: true, select: false }) secretAccessKeySealed?: string | null;
  @Column({ type: 'int', default: 10 }) maxBackupsPerServer: number;
  @Column({ type: 'int', nullable: true }) keepLast: number | null;
  @Column({ type: 'int', nullable: true }) maxAgeDays: number | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
