import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

const bigintNumber = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * A resumable (TUS) upload in progress. The bytes live on the node in `tempPath` (inside the
 * server's data dir, counted against its quota); `offset` is what the agent reported as durably
 * written. When offset reaches length the temp file is moved to `targetPath` and the row removed.
 */
@Entity('file_upload')
export class FileUpload {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) gameserverId: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'text' }) targetPath: string;
  @Column({ type: 'text' }) tempPath: string;
  @Column({ type: 'bigint', transformer: bigintNumber }) length: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) offset: number;
  @Column({ type: 'text', nullable: true }) metadata: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
