import { MigrationInterface, QueryRunner } from 'typeorm';

export class GameServerMetrics1764400000000 implements MigrationInterface {
  name = 'GameServerMetrics1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "gameserver_metric" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "gameserverId" uuid NOT NULL REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "time" timestamptz NOT NULL,
        "cpuPercent" real NOT NULL,
        "memoryBytes" bigint NOT NULL,
        "memoryLimitBytes" bigint NOT NULL,
        "networkRxBytes" bigint NOT NULL,
        "networkTxBytes" bigint NOT NULL,
        "pids" integer NOT NULL
      );
      CREATE INDEX "gameserver_metric_server_time" ON "gameserver_metric" ("gameserverId", "time");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gameserver_metric"`);
  }
}
