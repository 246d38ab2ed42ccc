import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A long-lived credential `outpost_<id>_<secret>`; only an argon2id hash of the secret is kept. */
@Entity('api_token')
export class ApiToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The domain the token acts in; null = instance-wide (instance admins only). */
  @Column({ type: 'uuid', nullable: true }) domainId: string | null;
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) name: string;
  /** First characters of the token, to recognise it in lists. */
  @Column({ type: 'text' }) prefix: string;
  @Column({ type: 'text', select: false }) secretHash: string;
  /** Subset of the creator's permissions; empty = same as the creator's role. */
  @Column({ type: 'text', array: true, default: '{}' }) permissions: string[];
  @Column({ type: 'timestamptz', nullable: true }) expiresAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
