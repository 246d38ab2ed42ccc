import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules (cron per game server) and their runs. The pg-boss tables live in their own schema
 * (`pgboss`), created and migrated by pg-boss itself when the API starts (src/core/jobs).
 */
export class Schedules1764800000003 implements MigrationInterface {
  name = 'Schedules1764800000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "schedule" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "gameserverId" uuid NOT NULL REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "name" text NOT NULL CHECK (char_length("name") BETWEEN 1 AND 100),
        "cron" text NOT NULL CHECK (char_length("cron") BETWEEN 1 AND 120),
        "timezone" text NOT NULL DEFAULT 'UTC',
        "enabled" boolean NOT NULL DEFAULT true,
        "onlyWhenRunning" boolean NOT NULL DEFAULT false,
        "tasks" jsonb NOT NULL CHECK (jsonb_typeof("tasks") = 'array' AND jsonb_array_length("tasks") BETWEEN 1 AND 20),
        "nextRunAt" timestamptz,
        "lastRunAt" timestamptz,
        "createdBy" uuid,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "schedule_domain_server" ON "schedule" ("domainId", "gameserverId");
      -- The dispatcher's scan: enabled schedules by due time.
      CREATE INDEX "schedule_due" ON "schedule" ("nextRunAt") WHERE "enabled";

      CREATE TABLE "schedule_run" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "scheduleId" uuid NOT NULL REFERENCES "schedule"("id") ON DELETE CASCADE,
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "dueAt" timestamptz NOT NULL,
        "trigger" text NOT NULL CHECK ("trigger" IN ('cron','catch_up','manual')),
        "status" text NOT NULL CHECK ("status" IN ('running','completed','failed','skipped')),
        "tasks" jsonb NOT NULL,
        "steps" jsonb NOT NULL DEFAULT '[]',
        "error" text,
        "startedAt" timestamptz NOT NULL DEFAULT now(),
        "finishedAt" timestamptz
      );
      -- One run per due time of a schedule: a second dispatcher (another API process) cannot double it.
      CREATE UNIQUE INDEX "schedule_run_once" ON "schedule_run" ("scheduleId", "dueAt") WHERE "trigger" <> 'manual';
      CREATE INDEX "schedule_run_schedule_started" ON "schedule_run" ("scheduleId", "startedAt" DESC);
      CREATE INDEX "schedule_run_domain" ON "schedule_run" ("domainId");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "schedule_run"; DROP TABLE "schedule"`);
  }
}
