import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { WorkloadDefinition } from '../definition/workload-definition';

/** A template (egg) game servers are created from, owned by a domain. */
@Entity('workload')
export class Workload {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', default: '' }) description: string;
  /** The built-in template this came from, if any. */
  @Column({ type: 'text', nullable: true }) template: string | null;
  @Column({ type: 'jsonb' }) definition: WorkloadDefinition;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
