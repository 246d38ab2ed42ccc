import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { DomainId } from '@libs/tenancy/domain-id';
import { Schedule } from './entities/schedule.entity';
import { ScheduleRun } from './entities/schedule-run.entity';
import type { RunStatus, StepResult } from './schedule.types';

/** A due schedule as the dispatcher claims it, with the database's clock. */
export interface DueSchedule {
  id: string;
  domainId: string;
  cron: string;
  timezone: string;
  nextRunAt: Date;
  tasks: Schedule['tasks'];
  dbNow: Date;
}

@Injectable()
export class ScheduleRepository extends ScopedRepository<Schedule> {
  constructor(@InjectRepository(Schedule) repo: Repository<Schedule>) {
    super(repo);
  }

  /**
   * Locks up to `limit` enabled schedules of every domain whose time has come, skipping rows
   * another process holds (call inside the dispatch transaction: the locks last until it ends).
   */
  async claimDue(limit: number): Promise<DueSchedule[]> {
    const rows = await this.crossDomain('scheduleDispatch').query<Array<DueSchedule>>(
      `SELECT "id", "domainId", "cron", "timezone", "nextRunAt", "tasks", now() AS "dbNow" FROM "schedule"
        WHERE "enabled" AND "nextRunAt" <= now() ORDER BY "nextRunAt" LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ ...r, nextRunAt: new Date(r.nextRunAt), dbNow: new Date(r.dbNow) }));
  }

  async setNextRunAt(domainId: DomainId, id: string, nextRunAt: Date | null): Promise<void> {
    await this.queryBuilder(domainId, 's').update(Schedule).set({ nextRunAt }).where('"domainId" = :d AND id = :id', { d: domainId, id }).execute();
  }

  async setLastRunAt(domainId: DomainId, id: string, at: Date): Promise<void> {
    await this.queryBuilder(domainId, 's').update(Schedule).set({ lastRunAt: at }).where('"domainId" = :d AND id = :id', { d: domainId, id }).execute();
  }
}

@Injectable()
export class ScheduleRunRepository extends ScopedRepository<ScheduleRun> {
  constructor(@InjectRepository(ScheduleRun) repo: Repository<ScheduleRun>) {
    super(repo);
  }

  /**
   * Inserts a run; for cron and catch-up runs the unique index (scheduleId, dueAt) makes the
   * database refuse a second run of the same due time. Null when it did.
   */
  async insertOnce(domainId: DomainId, values: Pick<ScheduleRun, 'scheduleId' | 'dueAt' | 'trigger' | 'tasks'>): Promise<ScheduleRun | null> {
    const result = await this.queryBuilder(domainId, 'r')
      .insert()
      .into(ScheduleRun)
      .values({ ...values, domainId, status: 'running', steps: [] })
      .orIgnore()
      .returning('*')
      .execute();
    const row = (result.raw as ScheduleRun[])[0];
    return row ? this.entityFrom(row) : null;
  }

  /** Records a finished task and, when given, the run's end; only while the run is still running. */
  async recordStep(domainId: DomainId, id: string, step: StepResult, end?: { status: Exclude<RunStatus, 'running'>; error: string | null }): Promise<boolean> {
    const set: Record<string, unknown> = { steps: () => `"steps" || CAST(:step AS jsonb)` };
    if (end) Object.assign(set, { status: end.status, error: end.error, finishedAt: () => 'now()' });
    const result = await this.queryBuilder(domainId, 'r')
      .update(ScheduleRun)
      .set(set)
      .where(`"domainId" = :d AND id = :id AND status = 'running' AND jsonb_array_length("steps") = :index`, { d: domainId, id, index: step.index })
      .setParameter('step', JSON.stringify([step]))
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Ends a running run without a step (skipped, or interrupted); false when it was no longer running. */
  async finish(domainId: DomainId, id: string, status: Exclude<RunStatus, 'running'>, error: string | null): Promise<boolean> {
    const result = await this.queryBuilder(domainId, 'r')
      .update(ScheduleRun)
      .set({ status, error, finishedAt: () => 'now()' })
      .where(`"domainId" = :d AND id = :id AND status = 'running'`, { d: domainId, id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** The latest run of each of these schedules. */
  async latestOf(domainId: DomainId, scheduleIds: string[]): Promise<Map<string, ScheduleRun>> {
    if (!scheduleIds.length) return new Map();
    const rows = await this.queryBuilder(domainId, 'r')
      .distinctOn(['r."scheduleId"'])
      .andWhere('r."scheduleId" IN (:...ids)', { ids: scheduleIds })
      .orderBy('r."scheduleId"')
      .addOrderBy('r."startedAt"', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.scheduleId, r]));
  }
}
