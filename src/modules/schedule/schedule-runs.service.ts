import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { JobExecutor, JobsService } from '../../core/jobs/jobs.service';
import { CronError, DispatchDecision, dispatchDecision } from './cron';
import { ScheduleRun } from './entities/schedule-run.entity';
import { Schedule } from './entities/schedule.entity';
import { ScheduleRepository, ScheduleRunRepository } from './schedule.repository';
import { RunStatus, STEP_QUEUE, StepJob, StepResult } from './schedule.types';

/** Most schedules one dispatch transaction claims; the tick repeats while a batch comes back full. */
export const DISPATCH_BATCH = 50;

/**
 * The transactions of schedule runs, each of which writes rows and enqueues the pg-boss job that
 * carries the run on, atomically (pg-boss's `db` option on the transaction's connection): a crash
 * between the two can neither lose a run nor double one.
 */
@Injectable()
export class ScheduleRuns {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schedules: ScheduleRepository,
    private readonly runs: ScheduleRunRepository,
    private readonly jobs: JobsService,
  ) {}

  /** pg-boss statements on the transaction's own connection. */
  private executor(tx: EntityManager): JobExecutor {
    const runner = tx.queryRunner;
    if (!runner) throw new Error('executor needs a transaction');
    return { executeSql: async (text, values) => ({ rows: ((await runner.query(text, values, true)) as { records: unknown[] }).records }) };
  }

  private enqueueStep(tx: EntityManager, job: StepJob, delaySeconds: number): Promise<string | null> {
    return this.jobs.send(STEP_QUEUE, job, delaySeconds > 0 ? { startAfter: delaySeconds } : {}, this.executor(tx));
  }

  /**
   * One dispatch pass: claims due schedules (every domain, FOR UPDATE SKIP LOCKED so concurrent
   * API processes take disjoint rows), moves each one's next time on, inserts its run (the unique
   * (scheduleId, dueAt) index refuses a second one) and enqueues its first task. Returns how many
   * schedules it claimed.
   */
  async dispatchDue(): Promise<{ claimed: number; started: ScheduleRun[] }> {
    return this.dataSource.transaction(async (tx) => {
      const schedules = this.schedules.withManager(tx);
      const runs = this.runs.withManager(tx);
      const due = await schedules.claimDue(DISPATCH_BATCH);
      const started: ScheduleRun[] = [];
      for (const s of due) {
        const domainId = trustedDomainId(s.domainId);
        let decision: DispatchDecision;
        try {
          decision = dispatchDecision(s.cron, s.timezone, s.nextRunAt, s.dbNow);
        } catch (err) {
          // One schedule whose expression has no next time must not hold up everyone else's: it stops.
          if (!(err instanceof CronError)) throw err;
          await schedules.setNextRunAt(domainId, s.id, null);
          continue;
        }
        await schedules.setNextRunAt(domainId, s.id, decision.nextRunAt);
        const run = await runs.insertOnce(domainId, { scheduleId: s.id, dueAt: s.nextRunAt, trigger: decision.trigger, tasks: s.tasks });
        if (!run) continue;
        await this.enqueueStep(tx, { runId: run.id, domainId, index: 0 }, s.tasks[0]?.delaySeconds ?? 0);
        started.push(run);
      }
      return { claimed: due.length, started };
    });
  }

  /** Run now: a `manual` run (outside the cron slots) and its first task's job. */
  async startManual(domainId: DomainId, schedule: Schedule): Promise<ScheduleRun> {
    return this.dataSource.transaction(async (tx) => {
      const run = await this.runs.withManager(tx).insertOnce(domainId, { scheduleId: schedule.id, dueAt: new Date(), trigger: 'manual', tasks: schedule.tasks });
      if (!run) throw new Error('a manual run was refused by the database');
      await this.enqueueStep(tx, { runId: run.id, domainId, index: 0 }, schedule.tasks[0]?.delaySeconds ?? 0);
      return run;
    });
  }

  /**
   * Records a finished task and either ends the run or enqueues the next task (after its delay)
   * in the same transaction, so a restart during a delay keeps the sequence. False when the run
   * was no longer at this task (a duplicate delivery): nothing is written then.
   */
  async advance(domainId: DomainId, runId: string, step: StepResult, next: { index: number; delaySeconds: number } | { end: Exclude<RunStatus, 'running'>; error: string | null }): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const runs = this.runs.withManager(tx);
      if ('end' in next) return runs.recordStep(domainId, runId, step, { status: next.end, error: next.error });
      if (!(await runs.recordStep(domainId, runId, step))) return false;
      await this.enqueueStep(tx, { runId, domainId, index: next.index }, next.delaySeconds);
      return true;
    });
  }
}
