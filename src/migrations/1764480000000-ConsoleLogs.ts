import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsoleLogs1764480000000 implements MigrationInterface {
  name = 'ConsoleLogs1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "console_log" (
        "id" bigserial PRIMARY KEY,
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "gameserverId" uuid NOT NULL REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "seq" bigint NOT NULL,
        "stream" text NOT NULL CHECK ("stream" IN ('stdout','stderr','outpost')),
        "line" text NOT NULL,
        "time" timestamptz NOT NULL
      );
      CREATE INDEX "console_log_server_time" ON "console_log" ("gameserverId", "time");
      CREATE INDEX "console_log_server_seq" ON "console_log" ("gameserverId", "seq");
      CREATE INDEX "console_log_domain" ON "console_log" ("domainId");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "console_log"`);
  }
}
