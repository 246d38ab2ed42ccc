import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { JobOf, JobsService } from '../../core/jobs/jobs.service';
import { AuditService } from '../auditlog/audit.service';
import { GameServerService } from '../gameserver/gameserver.service';
import { ScheduleRepository, ScheduleRunRepository } from './schedule.repository';
import { DISPATCH_BATCH, ScheduleRuns } from './schedule-runs.service';
import { ScheduleTaskRunner } from './schedule-task-runner';
import { RunStatus, STEP_DEAD_QUEUE, STEP_QUEUE, StepJob, StepResult, ScheduleTask } from './schedule.types';

/** A step whose process died stops heartbeating; pg-boss fails it after this long and sends it to the dead-letter queue. */
const STEP_HEARTBEAT_SECONDS = 30;
/** Upper bound of one task (a backup of a large world included). */
const STEP_EXPIRE_SECONDS = 6 * 3600;

export function taskLabel(task: ScheduleTask): string {
  if (task.action === 'power') return `power ${task.power}`;
  if (task.action === 'command') return `command "${task.command}"`;
  return task.name ? `backup "${task.name}"` : 'backup';
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Drives schedules in every API process: the dispatch tick (SCHEDULE_TICK_MS) and the worker of
 * the `schedule.step` queue. pg-boss hands each step job to one process; the dispatch transaction
 * (ScheduleRuns) makes each due time one run.
 */
@Injectable()
export class ScheduleRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Schedules');
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly runs: ScheduleRuns,
    private readonly schedules: ScheduleRepository,
    private readonly runRows: ScheduleRunRepository,
    private readonly servers: GameServerService,
    private readonly tasks: ScheduleTaskRunner,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.enabled) return;
    await this.jobs.ensureQueue(STEP_DEAD_QUEUE, { retryLimit: 0 });
    // Retries off: a half-done power action or backup must not run again on its own.
    await this.jobs.ensureQueue(STEP_QUEUE, { retryLimit: 0, heartbeatSeconds: STEP_HEARTBEAT_SECONDS, expireInSeconds: STEP_EXPIRE_SECONDS, deadLetter: STEP_DEAD_QUEUE });
    await this.jobs.work<StepJob>(STEP_QUEUE, { pollingIntervalSeconds: 0.5, localConcurrency: 4 }, (job) => this.runStep(job));
    await this.jobs.work<StepJob>(STEP_DEAD_QUEUE, { pollingIntervalSeconds: 5 }, (job) => this.interrupted(job));
    this.timer = setInterval(() => this.tick(), this.config.SCHEDULE_TICK_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /** One tick: dispatch until no full batch is left; never two at once in this process. */
  tick(): void {
    if (this.ticking || this.stopped) return;
    this.ticking = (async () => {
      try {
        for (;;) {
          const { claimed } = await this.runs.dispatchDue();
          if (claimed < DISPATCH_BATCH || this.stopped) break;
        }
      } catch (err) {
        this.logger.error({ err }, 'schedule dispatch failed');
      } finally {
        this.ticking = null;
      }
    })();
  }

  /** One task of a run (a `schedule.step` job). Errors of the task are recorded, never thrown to pg-boss. */
  async runStep(job: JobOf<StepJob>): Promise<void> {
    const domainId = trustedDomainId(job.data.domainId);
    const { runId, index } = job.data;
    const run = await this.runRows.findById(domainId, runId);
    // Gone (schedule deleted), already ended, or a duplicate delivery of a task already recorded.
    if (!run || run.status !== 'running' || run.steps.length !== index) return;
    const schedule = await this.schedules.findById(domainId, run.scheduleId);
    if (!schedule) return;
    const task = run.tasks[index];
    if (index === 0 && schedule.onlyWhenRunning) {
      const state = await this.servers
        .find(domainId, schedule.gameserverId)
        .then((s) => s.state)
        .catch(() => null);
      if (state !== 'running') {
        const reason = `Skipped: the server is ${state ?? 'gone'}, and this schedule runs only while it is running`;
        if (await this.runRows.finish(domainId, runId, 'skipped', reason)) await this.ended(domainId, run.scheduleId, runId, run.trigger, 'skipped', reason);
        return;
      }
    }
    const startedAt = new Date().toISOString();
    let step: StepResult;
    try {
      const result = await this.tasks.perform(domainId, schedule.gameserverId, task);
      step = { index, action: task.action, status: 'completed', startedAt, finishedAt: new Date().toISOString(), ...(result ? { result } : {}) };
    } catch (err) {
      step = { index, action: task.action, status: 'failed', startedAt, finishedAt: new Date().toISOString(), error: message(err) };
    }
    if (step.status === 'failed') {
      const error = `Task ${index + 1} (${taskLabel(task)}) failed: ${step.error}`;
      if (await this.runs.advance(domainId, runId, step, { end: 'failed', error })) await this.ended(domainId, run.scheduleId, runId, run.trigger, 'failed', error);
    } else if (index === run.tasks.length - 1) {
      if (await this.runs.advance(domainId, runId, step, { end: 'completed', error: null })) await this.ended(domainId, run.scheduleId, runId, run.trigger, 'completed', null);
    } else {
      await this.runs.advance(domainId, runId, step, { index: index + 1, delaySeconds: run.tasks[index + 1].delaySeconds ?? 0 });
    }
  }

  /** A step job that died with its process (its heartbeat stopped): the run fails, naming the task. */
  async interrupted(job: JobOf<StepJob>): Promise<void> {
    const domainId = trustedDomainId(job.data.domainId);
    const run = await this.runRows.findById(domainId, job.data.runId);
    if (!run || run.status !== 'running') return;
    const task = run.tasks[job.data.index];
    const error = `Task ${job.data.index + 1} (${task ? taskLabel(task) : 'unknown'}) was interrupted: the API process running it stopped`;
    if (await this.runRows.finish(domainId, run.id, 'failed', error)) await this.ended(domainId, run.scheduleId, run.id, run.trigger, 'failed', error);
  }

  private async ended(domainId: DomainId, scheduleId: string, runId: string, trigger: string, status: Exclude<RunStatus, 'running'>, error: string | null): Promise<void> {
    await this.schedules.setLastRunAt(domainId, scheduleId, new Date());
    await this.audit.record(domainId, {
      actorType: 'system',
      actorId: null,
      action: 'schedule.run',
      targetType: 'schedule',
      targetId: scheduleId,
      details: { runId, trigger, status, ...(error ? { error } : {}) },
    });
  }
}
