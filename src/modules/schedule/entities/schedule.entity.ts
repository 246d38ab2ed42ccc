import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ScheduleTask } from '../schedule.types';

/** A cron schedule of one game server: an ordered list of tasks run at each due time (see schedule.module.ts). */
@Entity('schedule')
export class Schedule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'uuid' }) gameserverId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) cron: string;
  @Column({ type: 'text' }) timezone: string;
  @Column({ type: 'boolean' }) enabled: boolean;
  @Column({ type: 'boolean' }) onlyWhenRunning: boolean;
  @Column({ type: 'jsonb' }) tasks: ScheduleTask[];
  /** Null while disabled. */
  @Column({ type: 'timestamptz', nullable: true }) nextRunAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastRunAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
