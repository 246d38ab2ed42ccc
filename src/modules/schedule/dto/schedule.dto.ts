import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { createSearchInput } from '@libs/search/search-input';
import { SearchSpec } from '@libs/search/search-spec';
import { Schedule } from '../entities/schedule.entity';
import { ScheduleRun } from '../entities/schedule-run.entity';
import { RUN_STATUSES, RUN_TRIGGERS, TASK_ACTIONS, TASK_POWER_ACTIONS, type RunStatus, type RunTrigger, type TaskAction, type TaskPowerAction } from '../schedule.types';
import { TrimmedName } from '../../../core/http/trimmed';

export const MAX_TASKS = 20;
export const MAX_DELAY_SECONDS = 86_400;
export const MAX_COMMAND_LENGTH = 512;

/** The policy for missed runs, in the API description of the schedule. */
export const MISSED_RUN_POLICY =
  'Missed runs: a schedule that came due while no API process was up runs once when the API is back, as a `catch_up` run ' +
  '(never once per missed slot); its next time is then computed from that moment. With several API processes each due time runs exactly once.';

const TASK_DESCRIPTION =
  'One task, by `action`: `power` (needs `power`: start, stop, restart or kill; the caller needs gameserver.control), ' +
  '`command` (needs `command`, one console line; gameserver.console) or `backup` (optional `name`; backups.manage). ' +
  '`delaySeconds` is the wait before this task.';

export class ScheduleTaskDTO {
  @ApiProperty({ enum: TASK_ACTIONS, description: TASK_DESCRIPTION }) @IsIn(TASK_ACTIONS) action: TaskAction;

  @ApiPropertyOptional({ enum: TASK_POWER_ACTIONS, description: 'For `power` tasks' })
  @ValidateIf((t: ScheduleTaskDTO) => t.action === 'power' || t.power !== undefined)
  @IsIn(TASK_POWER_ACTIONS)
  power?: TaskPowerAction;

  @ApiPropertyOptional({ maxLength: MAX_COMMAND_LENGTH, description: 'For `command` tasks: one console line' })
  @ValidateIf((t: ScheduleTaskDTO) => t.action === 'command' || t.command !== undefined)
  @IsString()
  @Length(1, MAX_COMMAND_LENGTH)
  @Matches(/^[^\r\n]*$/, { message: 'command must be a single line' })
  command?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'For `backup` tasks: the backup name (default: generated)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\x00-\x1f\x7f]*$/, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_DELAY_SECONDS, default: 0, description: 'Seconds to wait before this task' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_DELAY_SECONDS)
  delaySeconds?: number;
}

const CRON_DESCRIPTION = 'Cron expression: 5 fields (minute hour day month weekday) or 6 with seconds first. Fires at most once every 10 s (SCHEDULE_MIN_INTERVAL_SECONDS).';

export class ScheduleCreateDTO {
  @ApiProperty({ format: 'uuid' }) @IsUUID() gameserverId: string;
  @ApiProperty({ minLength: 1, maxLength: 100 }) @TrimmedName(100) name: string;
  @ApiProperty({ maxLength: 120, description: CRON_DESCRIPTION, example: '0 4 * * *' }) @IsString() @Length(1, 120) cron: string;
  @ApiPropertyOptional({ maxLength: 64, default: 'UTC', description: 'IANA timezone the cron is read in (DST-aware)' }) @IsOptional() @IsString() @Length(1, 64) timezone?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ default: false, description: 'Checked when a run starts: a server that is not running makes the run `skipped`' })
  @IsOptional()
  @IsBoolean()
  onlyWhenRunning?: boolean;
  @ApiProperty({ type: [ScheduleTaskDTO], minItems: 1, maxItems: MAX_TASKS, description: 'Run in order; a failing task fails the run and later tasks are not run' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TASKS)
  @ValidateNested({ each: true })
  @Type(() => ScheduleTaskDTO)
  tasks: ScheduleTaskDTO[];
}

export class ScheduleUpdateDTO {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 }) @IsOptional() @TrimmedName(100) name?: string;
  @ApiPropertyOptional({ maxLength: 120, description: CRON_DESCRIPTION }) @IsOptional() @IsString() @Length(1, 120) cron?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @Length(1, 64) timezone?: string;
  @ApiPropertyOptional({ description: 'Enabling computes the next time from now (no catch-up for the time it was disabled)' }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() onlyWhenRunning?: boolean;
  @ApiPropertyOptional({ type: [ScheduleTaskDTO], minItems: 1, maxItems: MAX_TASKS })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TASKS)
  @ValidateNested({ each: true })
  @Type(() => ScheduleTaskDTO)
  tasks?: ScheduleTaskDTO[];
}

export class ScheduleTaskOutputDTO {
  @Expose() @ApiProperty({ enum: TASK_ACTIONS }) action: TaskAction;
  @Expose() @ApiPropertyOptional({ enum: TASK_POWER_ACTIONS }) power?: TaskPowerAction;
  @Expose() @ApiPropertyOptional() command?: string;
  @Expose() @ApiPropertyOptional() name?: string;
  @Expose() @ApiProperty() delaySeconds: number;
}

export class StepResultDTO {
  @Expose() @ApiProperty({ description: 'Index of the task in the run (0-based)' }) index: number;
  @Expose() @ApiProperty({ enum: TASK_ACTIONS }) action: TaskAction;
  @Expose() @ApiProperty({ enum: ['completed', 'failed'] }) status: 'completed' | 'failed';
  @Expose() @ApiProperty() startedAt: string;
  @Expose() @ApiProperty() finishedAt: string;
  @Expose() @ApiPropertyOptional() error?: string;
  @Expose() @ApiPropertyOptional({ description: 'e.g. the id of the backup a backup task made' }) result?: string;
}

export class ScheduleLastRunDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @Expose() @ApiProperty({ enum: RUN_TRIGGERS }) trigger: RunTrigger;
  @Expose() @ApiProperty() dueAt: Date;
  @Expose() @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
  @Expose() @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class ScheduleOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty({ format: 'uuid' }) gameserverId: string;
  @Expose() @ApiProperty() name: string;
  @Expose() @ApiProperty({ description: CRON_DESCRIPTION }) cron: string;
  @Expose() @ApiProperty() timezone: string;
  @Expose() @ApiProperty({ description: 'The cron in words, with the timezone, e.g. "At 04:00 AM (UTC)"' }) description: string;
  @Expose() @ApiProperty() enabled: boolean;
  @Expose() @ApiProperty() onlyWhenRunning: boolean;
  @Expose() @Type(() => ScheduleTaskOutputDTO) @ApiProperty({ type: [ScheduleTaskOutputDTO] }) tasks: ScheduleTaskOutputDTO[];
  @Expose() @ApiProperty({ nullable: true, type: Date, description: `Next due time; null while disabled. ${MISSED_RUN_POLICY}` }) nextRunAt: Date | null;
  @Expose() @ApiProperty({ nullable: true, type: Date }) lastRunAt: Date | null;
  @Expose() @Type(() => ScheduleLastRunDTO) @ApiProperty({ nullable: true, type: ScheduleLastRunDTO }) lastRun: ScheduleLastRunDTO | null;
  @Expose() @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @Expose() @ApiProperty() createdAt: Date;
  @Expose() @ApiProperty() updatedAt: Date;
}

export class ScheduleRunOutputDTO {
  @Expose() @ApiProperty({ format: 'uuid' }) id: string;
  @Expose() @ApiProperty({ format: 'uuid' }) scheduleId: string;
  @Expose() @ApiProperty({ format: 'uuid' }) domainId: string;
  @Expose() @ApiProperty({ description: 'The due time this run is for (manual runs: when asked)' }) dueAt: Date;
  @Expose() @ApiProperty({ enum: RUN_TRIGGERS, description: `cron: on time; catch_up: the one run after downtime; manual: run now. ${MISSED_RUN_POLICY}` }) trigger: RunTrigger;
  @Expose() @ApiProperty({ enum: RUN_STATUSES }) status: RunStatus;
  @Expose() @Type(() => ScheduleTaskOutputDTO) @ApiProperty({ type: [ScheduleTaskOutputDTO], description: 'The tasks as they were when the run started' }) tasks: ScheduleTaskOutputDTO[];
  @Expose() @Type(() => StepResultDTO) @ApiProperty({ type: [StepResultDTO] }) steps: StepResultDTO[];
  @Expose() @ApiProperty({ nullable: true, type: String, description: 'Which task failed and why, or why the run was skipped' }) error: string | null;
  @Expose() @ApiProperty() startedAt: Date;
  @Expose() @ApiProperty({ nullable: true, type: Date }) finishedAt: Date | null;
}

export const SCHEDULE_SEARCH: SearchSpec<Schedule> = {
  name: 'Schedule',
  entity: Schedule,
  fields: {
    id: { type: 'uuid', filter: true },
    gameserverId: { type: 'uuid', filter: true },
    name: { type: 'string', filter: true, search: true, sort: true },
    enabled: { type: 'boolean', filter: true },
    onlyWhenRunning: { type: 'boolean', filter: true },
    nextRunAt: { type: 'date', sort: true, range: true },
    lastRunAt: { type: 'date', sort: true, range: true },
    createdAt: { type: 'date', sort: true, range: true },
    updatedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'createdAt', direction: 'desc' },
};

export class ScheduleSearchInputDTO extends createSearchInput(SCHEDULE_SEARCH) {}

export const SCHEDULE_RUN_SEARCH: SearchSpec<ScheduleRun> = {
  name: 'ScheduleRun',
  entity: ScheduleRun,
  fields: {
    id: { type: 'uuid', filter: true },
    scheduleId: { type: 'uuid', filter: true },
    status: { type: 'enum', enum: RUN_STATUSES, filter: true, sort: true },
    trigger: { type: 'enum', enum: RUN_TRIGGERS, filter: true },
    // Why a run failed or was skipped: "which runs failed on a full disk".
    error: { type: 'string', filter: true, search: true },
    dueAt: { type: 'date', sort: true, range: true },
    startedAt: { type: 'date', sort: true, range: true },
    finishedAt: { type: 'date', sort: true, range: true },
  },
  defaultSort: { field: 'startedAt', direction: 'desc' },
};

export class ScheduleRunSearchInputDTO extends createSearchInput(SCHEDULE_RUN_SEARCH) {}
