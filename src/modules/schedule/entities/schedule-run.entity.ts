import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RunStatus, RunTrigger, ScheduleTask, StepResult } from '../schedule.types';

/** One run of a schedule: unique per (scheduleId, dueAt) for cron and catch-up runs. */
@Entity('schedule_run')
export class ScheduleRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) scheduleId: string;
  @Column({ type: 'uuid' }) domainId: string;
  @Column({ type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'text' }) trigger: RunTrigger;
  @Column({ type: 'text' }) status: RunStatus;
  /** The schedule's tasks when the run started (an edit during a run does not change it). */
  @Column({ type: 'jsonb' }) tasks: ScheduleTask[];
  @Column({ type: 'jsonb' }) steps: StepResult[];
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'timestamptz' }) startedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}
