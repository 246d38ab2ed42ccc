import { Inject, Injectable } from '@nestjs/common';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { RequestAuth } from '../auth/auth-context';
import type { Permission } from '../auth/permissions';
import { GameServerService } from '../gameserver/gameserver.service';
import { CronError, describeCron, nextRunAfter, validateCron } from './cron';
import { SCHEDULE_RUN_SEARCH, SCHEDULE_SEARCH, ScheduleCreateDTO, ScheduleOutputDTO, ScheduleRunOutputDTO, ScheduleTaskDTO, ScheduleUpdateDTO } from './dto/schedule.dto';
import { Schedule } from './entities/schedule.entity';
import { ScheduleRepository, ScheduleRunRepository } from './schedule.repository';
import { ScheduleRuns } from './schedule-runs.service';
import type { ScheduleTask, TaskAction } from './schedule.types';

/** The permission a task needs when done by hand; a schedule may only hold tasks its author could do. */
export const TASK_PERMISSION: Record<TaskAction, Permission> = {
  power: 'gameserver.control',
  command: 'gameserver.console',
  backup: 'backups.manage',
};

/** The permissions a list of tasks needs that the caller lacks (instance administrators lack none). */
export function missingTaskPermissions(auth: Pick<RequestAuth, 'permissions' | 'principal'>, tasks: ReadonlyArray<Pick<ScheduleTask, 'action'>>): Permission[] {
  if (auth.principal.isInstanceAdmin) return [];
  return [...new Set(tasks.map((t) => TASK_PERMISSION[t.action]))].filter((p) => !auth.permissions.has(p));
}

/** A task as stored: only the fields of its action, delay defaulted; a field of another action is refused. */
function normalizeTask(t: ScheduleTaskDTO, i: number): ScheduleTask {
  const delaySeconds = t.delaySeconds ?? 0;
  const foreign = (['power', 'command', 'name'] as const).filter(
    (f) => t[f] !== undefined && !(t.action === 'power' && f === 'power') && !(t.action === 'command' && f === 'command') && !(t.action === 'backup' && f === 'name'),
  );
  if (foreign.length) {
    throw AppError.validation(`tasks[${i}]: a ${t.action} task has no ${foreign.join(', ')}`, [{ path: `tasks.${i}.${foreign[0]}`, code: 'notAllowed', message: `not a field of ${t.action} tasks` }]);
  }
  if (t.action === 'power') return { action: 'power', power: t.power!, delaySeconds };
  if (t.action === 'command') return { action: 'command', command: t.command!, delaySeconds };
  return t.name !== undefined ? { action: 'backup', name: t.name, delaySeconds } : { action: 'backup', delaySeconds };
}

/**
 * Schedules of game servers: CRUD, run now, runs. The dispatch and the steps are in
 * ScheduleRunner / ScheduleRuns (see schedule.module.ts for the model and the missed-run policy).
 */
@Injectable()
export class ScheduleService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly schedules: ScheduleRepository,
    private readonly runRows: ScheduleRunRepository,
    private readonly runs: ScheduleRuns,
    private readonly servers: GameServerService,
  ) {}

  /** Cron problems are the caller's: 400 naming the field. */
  private cronRule<T>(check: () => T): T {
    try {
      return check();
    } catch (err) {
      if (err instanceof CronError) throw AppError.validation(err.message, [{ path: err.field, code: 'invalid', message: err.message }]);
      throw err;
    }
  }

  private checkCron(cron: string, timezone: string): void {
    this.cronRule(() => validateCron(cron, timezone, this.config.SCHEDULE_MIN_INTERVAL_SECONDS));
  }

  private nextTime(cron: string, timezone: string): Date {
    return this.cronRule(() => nextRunAfter(cron, timezone, new Date()));
  }

  /** Privilege ceiling: every task needs what doing it by hand needs (403 naming what is missing). */
  private assertMayHold(auth: RequestAuth, tasks: ReadonlyArray<Pick<ScheduleTask, 'action'>>, what: string): void {
    const missing = missingTaskPermissions(auth, tasks);
    if (missing.length) throw AppError.forbidden(`${what} needs the permission its tasks need: missing ${missing.join(', ')}`, { permissions: missing });
  }

  private async find(domainId: DomainId, id: string): Promise<Schedule> {
    const schedule = await this.schedules.findById(domainId, id);
    if (!schedule) throw AppError.notFound('Schedule');
    return schedule;
  }

  private async outputs(domainId: DomainId, rows: Schedule[]): Promise<ScheduleOutputDTO[]> {
    const latest = await this.runRows.latestOf(
      domainId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const last = latest.get(r.id);
      return toOutput(ScheduleOutputDTO, {
        ...r,
        description: describeCron(r.cron, r.timezone),
        lastRun: last ? { id: last.id, status: last.status, trigger: last.trigger, dueAt: last.dueAt, finishedAt: last.finishedAt, error: last.error } : null,
      });
    });
  }

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<ScheduleOutputDTO>> {
    const r = await new SearchEngine(SCHEDULE_SEARCH).execute(this.schedules.queryBuilder(domainId, 's'), 's', query);
    return new Paged(await this.outputs(domainId, r.items), r.total, r.page, r.limit);
  }

  async get(domainId: DomainId, id: string): Promise<ScheduleOutputDTO> {
    const [out] = await this.outputs(domainId, [await this.find(domainId, id)]);
    return out;
  }

  async create(domainId: DomainId, auth: RequestAuth, input: ScheduleCreateDTO): Promise<ScheduleOutputDTO> {
    const tasks = input.tasks.map(normalizeTask);
    this.assertMayHold(auth, tasks, 'This schedule');
    const timezone = input.timezone ?? 'UTC';
    // A server of another domain is a 404, like any foreign id (checked before the costlier cron rules).
    await this.servers.find(domainId, input.gameserverId);
    this.checkCron(input.cron, timezone);
    const enabled = input.enabled ?? true;
    const created = await this.schedules.insert(domainId, {
      gameserverId: input.gameserverId,
      name: input.name,
      cron: input.cron.trim(),
      timezone,
      enabled,
      onlyWhenRunning: input.onlyWhenRunning ?? false,
      tasks,
      nextRunAt: enabled ? this.nextTime(input.cron, timezone) : null,
      createdBy: auth.principal.kind === 'user' ? auth.principal.userId : null,
    });
    return this.get(domainId, created.id);
  }

  async update(domainId: DomainId, auth: RequestAuth, id: string, patch: ScheduleUpdateDTO): Promise<ScheduleOutputDTO> {
    const current = await this.find(domainId, id);
    const tasks = patch.tasks ? patch.tasks.map(normalizeTask) : current.tasks;
    // The schedule after the edit must be one the caller could have made.
    this.assertMayHold(auth, tasks, 'This schedule');
    const cron = patch.cron?.trim() ?? current.cron;
    const timezone = patch.timezone ?? current.timezone;
    const enabled = patch.enabled ?? current.enabled;
    const retimed = patch.cron !== undefined || patch.timezone !== undefined;
    if (retimed) this.checkCron(cron, timezone);
    const changes: Partial<Schedule> = { tasks, cron, timezone, enabled };
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.onlyWhenRunning !== undefined) changes.onlyWhenRunning = patch.onlyWhenRunning;
    // New timing, or enabled again: the next time counts from now (no catch-up for a disabled spell).
    if (!enabled) changes.nextRunAt = null;
    else if (retimed || !current.enabled) changes.nextRunAt = this.nextTime(cron, timezone);
    await this.schedules.update(domainId, id, changes);
    return this.get(domainId, id);
  }

  async remove(domainId: DomainId, id: string): Promise<void> {
    if (!(await this.schedules.delete(domainId, id))) throw AppError.notFound('Schedule');
  }

  /** Run now: a `manual` run, outside the cron slots; its first task starts after its own delay. */
  async runNow(domainId: DomainId, auth: RequestAuth, id: string): Promise<ScheduleRunOutputDTO> {
    const schedule = await this.find(domainId, id);
    this.assertMayHold(auth, schedule.tasks, 'Running this schedule');
    return toOutput(ScheduleRunOutputDTO, await this.runs.startManual(domainId, schedule));
  }

  async searchRuns(domainId: DomainId, query: SearchQuery): Promise<Paged<ScheduleRunOutputDTO>> {
    const r = await new SearchEngine(SCHEDULE_RUN_SEARCH).execute(this.runRows.queryBuilder(domainId, 'r'), 'r', query);
    return Paged.of(ScheduleRunOutputDTO, r);
  }
}
