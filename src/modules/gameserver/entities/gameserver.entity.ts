import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Node } from '../../node/entities/node.entity';
import type { Workload } from '../../workload/entities/workload.entity';
import type { Allocation } from './allocation.entity';

export enum GameServerState {
  INSTALLING = 'installing',
  INSTALL_FAILED = 'install_failed',
  OFFLINE = 'offline',
  STARTING = 'starting',
  RUNNING = 'running',
  STOPPING = 'stopping',
  CRASHED = 'crashed',
  /** A start, stop or kill was sent but not confirmed and the node could not be asked: the next inventory from the node decides. */
  UNKNOWN = 'unknown',
}

@Entity('gameserver')
export class GameServer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'uuid' }) workloadId: string;
  @Column({ type: 'uuid' }) nodeId: string;
  @Column({ type: 'uuid', nullable: true }) ownerId: string | null;
  @Column({ type: 'text' }) image: string;
  @Column({ type: 'jsonb', default: {} }) variables: Record<string, string>;
  /** The server's own startup command; null follows the template's. */
  @Column({ type: 'text', nullable: true }) startup: string | null;
  /** Ports, startup or image changed after the container was made: the next start makes it again. */
  @Column({ type: 'boolean', default: false }) containerOutdated: boolean;
  @Column({ type: 'integer' }) memoryMiB: number;
  @Column({ type: 'integer' }) cpuPercent: number;
  @Column({ type: 'integer' }) diskMiB: number;
  @Column({ type: 'integer' }) pids: number;
  @Column({ type: 'text', default: GameServerState.OFFLINE }) state: GameServerState;
  @Column({ type: 'text', nullable: true }) stateReason: string | null;
  @Column({ type: 'boolean', default: true }) autoRestart: boolean;
  /** Crash times within the restart window, for the crash-loop guard. */
  @Column({ type: 'timestamptz', array: true, default: '{}' }) recentCrashes: Date[];
  @Column({ type: 'integer', nullable: true }) lastExitCode: number | null;
  @Column({ type: 'boolean', default: false }) oomKilled: boolean;
  @Column({ type: 'text', nullable: true }) containerId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) startedAt: Date | null;
  @Column({ type: 'text', default: '' }) installLog: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @ManyToOne('Node', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'nodeId' }) node?: Node;
  @ManyToOne('Workload', { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'workloadId' }) workload?: Workload;
  @OneToMany('Allocation', 'gameserver') allocations?: Allocation[];
}
