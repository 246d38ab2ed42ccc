import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { PgBoss, Queue, SendOptions, WorkOptions } from 'pg-boss';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { importEsm } from '../esm-import';

/** The pg-boss schema in the app's database (its tables are created and migrated by pg-boss on start). */
export const JOBS_SCHEMA = 'pgboss';

/**
 * Runs pg-boss statements on a caller's connection, e.g. inside a TypeORM transaction, so a job is
 * enqueued atomically with the rows that describe it (pg-boss's `db` option).
 */
export interface JobExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface JobOf<T> {
  id: string;
  data: T;
}

/**
 * The one pg-boss instance of this API process: durable jobs in the app's PostgreSQL (real or
 * embedded: main.ts sets DATABASE_URL to the embedded server before the app is built), in schema
 * `pgboss`. Every API process runs one; pg-boss hands each job to exactly one of them.
 *
 * Not started when the app is built without a database (OpenAPI generation): `enabled` is false
 * and callers register nothing.
 */
@Injectable()
export class JobsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.boss !== null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.DATABASE_URL) return;
    // pg-boss is ESM-only; this build is CommonJS.
    const { PgBoss } = await importEsm<{ PgBoss: new (options: object) => PgBoss }>('pg-boss');
    const boss = new PgBoss({
      connectionString: this.config.DATABASE_URL,
      schema: JOBS_SCHEMA,
      application_name: 'outpost-jobs',
      max: 6,
      // Outpost keeps its own cron (schedule table); pg-boss only runs jobs and its maintenance.
      schedule: false,
      supervise: true,
      migrate: true,
    });
    boss.on('error', (err: unknown) => this.logger.error({ err }, 'pg-boss error'));
    await boss.start({ attempts: 3 });
    this.boss = boss;
  }

  /**
   * Stops fetching, waits a little for the jobs running here (bounded so the process's shutdown
   * deadline holds), then closes the pool. A job cut off here is failed by pg-boss when its
   * heartbeat stops (see the queues' `heartbeatSeconds`).
   */
  async onModuleDestroy(): Promise<void> {
    const boss = this.boss;
    if (!boss) return;
    this.boss = null;
    await boss.stop({ graceful: true, close: true, timeout: Math.max(1000, Math.min(this.config.SHUTDOWN_GRACE_MS, 4000)) });
  }

  private get instance(): PgBoss {
    if (!this.boss) throw new Error('pg-boss is not running (no database)');
    return this.boss;
  }

  /** Creates the queue if it does not exist yet (concurrent API processes may all call this). */
  async ensureQueue(name: string, options: Omit<Queue, 'name'> = {}): Promise<void> {
    const existing = await this.instance.getQueue(name);
    if (existing) await this.instance.updateQueue(name, options);
    else
      await this.instance.createQueue(name, options).catch(async (err: unknown) => {
        // Another process created it between the two calls.
        if (!(await this.instance.getQueue(name))) throw err;
      });
  }

  /** Enqueues a job; with `executor`, inside the caller's transaction. */
  async send<T extends object>(name: string, data: T, options: SendOptions = {}, executor?: JobExecutor): Promise<string | null> {
    return this.instance.send(name, data, { ...options, ...(executor ? { db: executor } : {}) });
  }

  /** Runs `handler` for each job of the queue, one job per call. A thrown error fails the job. */
  async work<T>(name: string, options: WorkOptions, handler: (job: JobOf<T>) => Promise<void>): Promise<string> {
    return this.instance.work<T>(name, { ...options, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) await handler({ id: job.id, data: job.data });
    });
  }
}
