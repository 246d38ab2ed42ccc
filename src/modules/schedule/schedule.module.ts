import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '../../core/jobs/jobs.module';
import { BackupModule } from '../backup/backup.module';
import { GameServerModule } from '../gameserver/gameserver.module';
import { Schedule } from './entities/schedule.entity';
import { ScheduleRun } from './entities/schedule-run.entity';
import { ScheduleController, ScheduleRunController } from './schedule.controller';
import { ScheduleRepository, ScheduleRunRepository } from './schedule.repository';
import { ScheduleRunner } from './schedule-runner.service';
import { ScheduleRuns } from './schedule-runs.service';
import { ScheduleService } from './schedule.service';
import { ScheduleTaskRunner } from './schedule-task-runner';

/**
 * Schedules: cron (5 fields, or 6 with seconds) in an IANA timezone per game server, with an
 * ordered list of tasks (power action, console command, backup), each after its own delay.
 *
 * Durable and exactly once, on PostgreSQL alone (pg-boss, src/core/jobs):
 * - Every API process ticks (SCHEDULE_TICK_MS). A tick claims due schedules FOR UPDATE SKIP
 *   LOCKED, moves `nextRunAt` on, inserts the `schedule_run` (unique per scheduleId + dueAt) and
 *   enqueues the first task's job, in one transaction (ScheduleRuns).
 * - Each task is one `schedule.step` job; finishing it records the step and enqueues the next
 *   task with `startAfter` = its delay, in one transaction: a restart during a delay keeps the
 *   sequence. Retries are off; a step whose process died fails the run (dead-letter queue).
 * - Missed runs: a schedule that came due while no API process was up runs ONCE when the API is
 *   back, as a `catch_up` run (more than 10 s late), never once per missed slot; the next time is
 *   then computed from that moment. Disabling and enabling again does not catch up.
 * - `onlyWhenRunning` is checked when a run starts (before its first task): a server that is not
 *   running makes the run `skipped`.
 * - Privilege ceiling: a schedule may only hold tasks its author (or whoever runs it now) could do
 *   by hand.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Schedule, ScheduleRun]), JobsModule, GameServerModule, BackupModule],
  controllers: [ScheduleController, ScheduleRunController],
  providers: [ScheduleRepository, ScheduleRunRepository, ScheduleRuns, ScheduleTaskRunner, ScheduleRunner, ScheduleService],
})
export class ScheduleModule {}
