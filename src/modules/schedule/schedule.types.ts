export const TASK_ACTIONS = ['power', 'command', 'backup'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];
export const TASK_POWER_ACTIONS = ['start', 'stop', 'restart', 'kill'] as const;
export type TaskPowerAction = (typeof TASK_POWER_ACTIONS)[number];

/** One task of a schedule, run after waiting `delaySeconds`. */
export type ScheduleTask =
  { action: 'power'; power: TaskPowerAction; delaySeconds: number } | { action: 'command'; command: string; delaySeconds: number } | { action: 'backup'; name?: string; delaySeconds: number };

export const RUN_TRIGGERS = ['cron', 'catch_up', 'manual'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const RUN_STATUSES = ['running', 'completed', 'failed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What one task of a run did. */
export interface StepResult {
  index: number;
  action: TaskAction;
  status: 'completed' | 'failed';
  startedAt: string;
  finishedAt: string;
  error?: string;
  /** e.g. the backup id a backup task made. */
  result?: string;
}

/** The pg-boss queue of run steps: one job per task, `{ runId, domainId, index }`. */
export const STEP_QUEUE = 'schedule.step';
/** Steps whose job died with its process (expired heartbeat) land here; the run is then failed. */
export const STEP_DEAD_QUEUE = 'schedule.step.dead';

export interface StepJob {
  runId: string;
  domainId: string;
  index: number;
}
