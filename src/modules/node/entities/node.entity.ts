import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Connectivity, as the agent's socket and heartbeats tell it. */
export enum NodeStatus {
  PENDING = 'pending',
  ONLINE = 'online',
  OFFLINE = 'offline',
}

/** Whether the planner may place new servers here. */
export enum NodeScheduling {
  ACTIVE = 'active',
  CORDONED = 'cordoned',
  DRAINING = 'draining',
}

/** Free-form hardware descriptions as given (each at most 128 characters). */
export interface NodeHardwareText {
  ram?: string;
  disk?: string;
  processor?: string;
}

/** A machine that runs game servers through its Outpost agent. */
@Entity('node')
export class Node {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Owning domain; null = a shared node of the instance (every domain may place servers on it). */
  @Column({ type: 'uuid', nullable: true }) domainId: string | null;
  @Column({ type: 'text' }) name: string;
  /** Address players connect to (IP or host name). */
  @Column({ type: 'text' }) address: string;
  @Column({ type: 'text', array: true, default: '{}' }) tags: string[];
  @Column({ type: 'text', default: '' }) location: string;
  @Column({ type: 'integer' }) memoryMiB: number;
  @Column({ type: 'integer' }) diskMiB: number;
  @Column({ type: 'integer' }) cpuPercent: number;
  /** The hardware as a client described it in free text (Skyport's ram/disk/processor), kept as given; null when created with numbers only. */
  @Column({ type: 'jsonb', nullable: true }) hardwareText: NodeHardwareText | null;
  @Column({ type: 'integer', default: 0 }) overallocationPercent: number;
  /** Host ports handed out to game servers. */
  @Column({ type: 'integer', default: 25500 }) portRangeStart: number;
  @Column({ type: 'integer', default: 25999 }) portRangeEnd: number;
  @Column({ type: 'text', default: NodeStatus.PENDING }) status: NodeStatus;
  @Column({ type: 'text', default: NodeScheduling.ACTIVE }) scheduling: NodeScheduling;
  @Column({ type: 'timestamptz', nullable: true }) lastHeartbeatAt: Date | null;
  @Column({ type: 'text', nullable: true }) agentVersion: string | null;
  /** Kilobytes per node: loaded only by the inventory route. */
  @Column({ type: 'jsonb', nullable: true, select: false }) inventory: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true, select: false }) registerTokenHash: string | null;
  @Column({ type: 'timestamptz', nullable: true }) registerTokenExpiresAt: Date | null;
  @Column({ type: 'text', nullable: true, select: false }) agentTokenHash: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** The single state users see: scheduling wins while the node is up. */
export function nodeState(n: Pick<Node, 'status' | 'scheduling'>): string {
  return n.status === NodeStatus.ONLINE && n.scheduling !== NodeScheduling.ACTIVE ? n.scheduling : n.status;
}
