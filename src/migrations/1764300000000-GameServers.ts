import { MigrationInterface, QueryRunner } from 'typeorm';

export class GameServers1764300000000 implements MigrationInterface {
  name = 'GameServers1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "workload" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "description" text NOT NULL DEFAULT '',
        "template" text,
        "definition" jsonb NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "workload_domain_createdAt" ON "workload" ("domainId", "createdAt", "id");
      CREATE INDEX "workload_domain_name" ON "workload" ("domainId", "name");

      CREATE TABLE "gameserver" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "workloadId" uuid NOT NULL REFERENCES "workload"("id") ON DELETE RESTRICT,
        "nodeId" uuid NOT NULL REFERENCES "node"("id") ON DELETE RESTRICT,
        "ownerId" uuid REFERENCES "user"("id") ON DELETE SET NULL,
        "image" text NOT NULL,
        "variables" jsonb NOT NULL DEFAULT '{}',
        "memoryMiB" integer NOT NULL CHECK ("memoryMiB" >= 0),
        "cpuPercent" integer NOT NULL CHECK ("cpuPercent" >= 0),
        "diskMiB" integer NOT NULL CHECK ("diskMiB" >= 0),
        "pids" integer NOT NULL CHECK ("pids" >= 0),
        "state" text NOT NULL DEFAULT 'offline' CHECK ("state" IN ('installing','install_failed','offline','starting','running','stopping','crashed')),
        "stateReason" text,
        "autoRestart" boolean NOT NULL DEFAULT true,
        "recentCrashes" timestamptz[] NOT NULL DEFAULT '{}',
        "lastExitCode" integer,
        "oomKilled" boolean NOT NULL DEFAULT false,
        "containerId" text,
        "startedAt" timestamptz,
        "installLog" text NOT NULL DEFAULT '',
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "gameserver_domain_createdAt" ON "gameserver" ("domainId", "createdAt", "id");
      CREATE INDEX "gameserver_domain_state" ON "gameserver" ("domainId", "state");
      CREATE INDEX "gameserver_domain_name" ON "gameserver" ("domainId", "name");
      CREATE INDEX "gameserver_node" ON "gameserver" ("nodeId");
      CREATE INDEX "gameserver_workload" ON "gameserver" ("workloadId");

      CREATE TABLE "allocation" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "nodeId" uuid NOT NULL REFERENCES "node"("id") ON DELETE CASCADE,
        "gameserverId" uuid NOT NULL REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "ip" text NOT NULL,
        "port" integer NOT NULL CHECK ("port" BETWEEN 1 AND 65535),
        "containerPort" integer NOT NULL CHECK ("containerPort" BETWEEN 1 AND 65535),
        "protocol" text NOT NULL CHECK ("protocol" IN ('tcp','udp')),
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX "allocation_node_port" ON "allocation" ("nodeId", "port", "protocol");
      CREATE INDEX "allocation_gameserver" ON "allocation" ("gameserverId");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "allocation", "gameserver", "workload"`);
  }
}
