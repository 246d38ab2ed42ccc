import type { NodeMove } from '../../gameserver/gameserver.service';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type TransferPhase = 'started' | 'moved' | 'copied' | 'completed' | 'rolled_back';

/** Phases of a transfer that still has work to do (at most one per server). */
export const ACTIVE_TRANSFER_PHASES: readonly TransferPhase[] = ['started', 'moved', 'copied'];

/** One move of a game server between nodes (see the ServerTransfers migration for the phases). */
@Entity('server_transfer')
export class ServerTransfer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) gameserverId: string;
  @Column({ type: 'uuid' }) sourceNodeId: string;
  @Column({ type: 'uuid' }) targetNodeId: string;
  @Column({ type: 'text' }) phase: TransferPhase;
  /** What `moveToNode` replaced (node, container, ports), for a rollback; JSON, so dates are strings. */
  @Column({ type: 'jsonb', nullable: true }) previous: NodeMove | null;
  /** The process doing the work (a random id per process); a sweeper's claim replaces it. */
  @Column({ type: 'text' }) owner: string;
  @Column({ type: 'timestamptz', nullable: true }) leaseUntil: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
