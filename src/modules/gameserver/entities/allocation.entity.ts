import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { GameServer } from './gameserver.entity';

/** One ip:port of a node given to a game server; a port is never shared (unique per node+port+protocol). */
@Entity('allocation')
export class Allocation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) nodeId: string;
  @Column({ type: 'uuid' }) gameserverId: string;
  /** The template port this serves (e.g. 'game', 'query'). */
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) ip: string;
  @Column({ type: 'integer' }) port: number;
  @Column({ type: 'integer' }) containerPort: number;
  @Column({ type: 'text' }) protocol: 'tcp' | 'udp';
  /** The server's main port (SERVER_PORT); exactly one per server with any port (partial unique index `allocation_one_primary`). */
  @Column({ type: 'boolean', default: false }) primary: boolean;
  /** Free text for people ("query port", "RCON"); at most 256 characters. */
  @Column({ type: 'text', default: '' }) notes: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @ManyToOne('GameServer', 'allocations', { onDelete: 'CASCADE' }) @JoinColumn({ name: 'gameserverId' }) gameserver?: GameServer;
}
