import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_log')
export class AuditLog {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', nullable: true }) domainId: string | null;
  @Column({ type: 'text' }) actorType: 'user' | 'apitoken' | 'agent' | 'system';
  @Column({ type: 'uuid', nullable: true }) actorId: string | null;
  /** Snapshots taken when the row is written: the row stays readable after a rename or delete. */
  @Column({ type: 'text', nullable: true }) actorName: string | null;
  @Column({ type: 'text', nullable: true }) tokenName: string | null;
  @Column({ type: 'text' }) action: string;
  /** The action's first segment (`files`, `gameserver`…), computed by PostgreSQL. */
  @Column({ type: 'text', insert: false, update: false, nullable: true }) actionGroup: string | null;
  @Column({ type: 'text', nullable: true }) targetType: string | null;
  @Column({ type: 'text', nullable: true }) targetId: string | null;
  @Column({ type: 'text', nullable: true }) targetName: string | null;
  @Column({ type: 'text', nullable: true }) ip: string | null;
  @Column({ type: 'integer', nullable: true }) status: number | null;
  @Column({ type: 'jsonb', nullable: true }) details: Record<string, unknown> | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
