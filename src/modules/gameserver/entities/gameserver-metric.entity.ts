import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One stats sample of a running game server, as its agent reported it. */
@Entity('gameserver_metric')
export class GameServerMetric {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) gameserverId: string;
  @Column({ type: 'timestamptz' }) time: Date;
  @Column({ type: 'real' }) cpuPercent: number;
  @Column({ type: 'bigint' }) memoryBytes: string;
  @Column({ type: 'bigint' }) memoryLimitBytes: string;
  @Column({ type: 'bigint' }) networkRxBytes: string;
  @Column({ type: 'bigint' }) networkTxBytes: string;
  @Column({ type: 'integer' }) pids: number;
}
