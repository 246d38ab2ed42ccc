import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One metrics sample an agent reported. */
@Entity('node_metric')
export class NodeMetric {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', nullable: true }) domainId: string | null;
  @Column({ type: 'uuid' }) nodeId: string;
  @Column({ type: 'timestamptz' }) time: Date;
  @Column({ type: 'real' }) cpuPercent: number;
  @Column({ type: 'bigint' }) memoryUsedBytes: string;
  @Column({ type: 'bigint' }) memoryTotalBytes: string;
  @Column({ type: 'bigint' }) diskUsedBytes: string;
  @Column({ type: 'bigint' }) diskTotalBytes: string;
  @Column({ type: 'bigint' }) networkRxBytes: string;
  @Column({ type: 'bigint' }) networkTxBytes: string;
  @Column({ type: 'real' }) load1: number;
}
