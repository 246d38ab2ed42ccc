import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AlertKind, Severity } from '../alert.types';

/** A condition a domain wants to be told about (see alert.types.ts for the kinds and FLAP_POLICY). */
@Entity('alert_rule')
export class AlertRule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: AlertKind;
  @Column({ type: 'text' }) severity: Severity;
  @Column({ type: 'boolean' }) enabled: boolean;
  /** Server kinds: only this server; null = every server of the domain. */
  @Column({ type: 'uuid', nullable: true }) serverId: string | null;
  /** Node kinds: only this node (may be a shared one); null = every node the domain owns. */
  @Column({ type: 'uuid', nullable: true }) nodeId: string | null;
  /** Metric kinds only. */
  @Column({ type: 'integer', nullable: true }) thresholdPercent: number | null;
  /** Metric kinds only. */
  @Column({ type: 'integer', nullable: true }) forMinutes: number | null;
  @Column({ type: 'integer' }) cooldownMinutes: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
