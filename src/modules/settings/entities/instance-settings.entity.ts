import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Instance-wide settings: exactly one row (id 1), created by the migration. */
@Entity('instance_settings')
export class InstanceSettings {
  @PrimaryColumn({ type: 'smallint' }) id: number;
  /** Anyone may create an account with POST /auth/register (off by default). */
  @Column({ type: 'boolean' }) registrationEnabled: boolean;
  /** When not empty, only emails at these domains (lower-case hostnames, exact match) may register. */
  @Column({ type: 'text', array: true }) registrationEmailDomains: string[];
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'uuid', nullable: true }) updatedBy: string | null;
}
