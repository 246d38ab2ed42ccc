import { MigrationInterface, QueryRunner } from 'typeorm';

export class Nodes1764200000000 implements MigrationInterface {
  name = 'Nodes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "node" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "address" text NOT NULL,
        "tags" text[] NOT NULL DEFAULT '{}',
        "location" text NOT NULL DEFAULT '',
        "memoryMiB" integer NOT NULL CHECK ("memoryMiB" >= 0),
        "diskMiB" integer NOT NULL CHECK ("diskMiB" >= 0),
        "cpuPercent" integer NOT NULL CHECK ("cpuPercent" >= 0),
        "overallocationPercent" integer NOT NULL DEFAULT 0 CHECK ("overallocationPercent" >= 0),
        "portRangeStart" integer NOT NULL DEFAULT 25500,
        "portRangeEnd" integer NOT NULL DEFAULT 25999,
        "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending','online','offline')),
        "scheduling" text NOT NULL DEFAULT 'active' CHECK ("scheduling" IN ('active','cordoned','draining')),
        "lastHeartbeatAt" timestamptz,
        "agentVersion" text,
        "inventory" jsonb,
        "registerTokenHash" text UNIQUE,
        "registerTokenExpiresAt" timestamptz,
        "agentTokenHash" text UNIQUE,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CHECK ("portRangeStart" BETWEEN 1 AND 65535 AND "portRangeEnd" BETWEEN "portRangeStart" AND 65535)
      );
      CREATE INDEX "node_domain_createdAt" ON "node" ("domainId", "createdAt", "id");
      CREATE INDEX "node_domain_name" ON "node" ("domainId", "name");
      CREATE INDEX "node_status_heartbeat" ON "node" ("status", "lastHeartbeatAt");

      CREATE TABLE "node_metric" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "nodeId" uuid NOT NULL REFERENCES "node"("id") ON DELETE CASCADE,
        "time" timestamptz NOT NULL,
        "cpuPercent" real NOT NULL,
        "memoryUsedBytes" bigint NOT NULL,
        "memoryTotalBytes" bigint NOT NULL,
        "diskUsedBytes" bigint NOT NULL,
        "diskTotalBytes" bigint NOT NULL,
        "networkRxBytes" bigint NOT NULL,
        "networkTxBytes" bigint NOT NULL,
        "load1" real NOT NULL
      );
      CREATE INDEX "node_metric_node_time" ON "node_metric" ("nodeId", "time");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "node_metric", "node"`);
  }
}
