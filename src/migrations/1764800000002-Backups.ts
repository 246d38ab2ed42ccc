import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Backups of game servers, their one-use download links, and the purge queue: archives whose row
 * went with its server (ON DELETE CASCADE) are queued by a trigger and removed by the sweeper.
 */
export class Backups1764800000002 implements MigrationInterface {
  name = 'Backups1764800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "backup" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "gameserverId" uuid NOT NULL REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "nodeId" uuid REFERENCES "node"("id") ON DELETE SET NULL,
        "configId" uuid CONSTRAINT "backup_configId_fkey" REFERENCES "backup_config"("id") ON DELETE NO ACTION,
        "storage" text NOT NULL CONSTRAINT "backup_storage" CHECK ("storage" IN ('local', 's3')),
        "objectKey" text,
        "name" text NOT NULL CHECK (char_length("name") BETWEEN 1 AND 100),
        "ignore" text[] NOT NULL DEFAULT '{}',
        "state" text NOT NULL DEFAULT 'creating' CONSTRAINT "backup_state" CHECK ("state" IN ('creating', 'completed', 'failed')),
        "error" text,
        "sizeBytes" bigint CHECK ("sizeBytes" >= 0),
        "sha256" text CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "files" integer CHECK ("files" >= 0),
        "locked" boolean NOT NULL DEFAULT false,
        "restoreState" text CONSTRAINT "backup_restore_state" CHECK ("restoreState" IN ('restoring', 'restored', 'failed')),
        "restoreError" text,
        "restoredAt" timestamptz,
        "leaseUntil" timestamptz,
        "createdByType" text NOT NULL CHECK ("createdByType" IN ('user', 'apitoken', 'system')),
        "createdBy" uuid,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "completedAt" timestamptz,
        CONSTRAINT "backup_completed_checksum" CHECK ("state" <> 'completed' OR ("sizeBytes" IS NOT NULL AND "sha256" IS NOT NULL))
      );
      CREATE INDEX "backup_domain_server" ON "backup" ("domainId", "gameserverId", "createdAt");
      CREATE UNIQUE INDEX "backup_one_creating" ON "backup" ("gameserverId") WHERE "state" = 'creating';
      -- One restore per server at a time, across API processes (the second claim is a 409).
      CREATE UNIQUE INDEX "backup_one_restoring" ON "backup" ("gameserverId") WHERE "restoreState" = 'restoring';
      CREATE INDEX "backup_lease" ON "backup" ("leaseUntil") WHERE "leaseUntil" IS NOT NULL;

      CREATE TABLE "backup_download" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "backupId" uuid NOT NULL REFERENCES "backup"("id") ON DELETE CASCADE,
        "tokenHash" text NOT NULL UNIQUE,
        "createdByType" text NOT NULL CHECK ("createdByType" IN ('user', 'apitoken', 'system')),
        "createdBy" uuid,
        "expiresAt" timestamptz NOT NULL,
        "usedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "backup_download_expires" ON "backup_download" ("expiresAt");

      -- No foreign keys: the rows outlive their server (and domain) on purpose.
      CREATE TABLE "backup_purge" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL,
        "gameserverId" uuid NOT NULL,
        "backupId" uuid NOT NULL,
        "nodeId" uuid,
        "configId" uuid,
        "storage" text NOT NULL,
        "objectKey" text,
        "attempts" integer NOT NULL DEFAULT 0,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );

      CREATE FUNCTION "backup_queue_purge"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Only rows that go with their server (cascade); the backup service removes archives itself otherwise.
        IF NOT EXISTS (SELECT 1 FROM "gameserver" WHERE "id" = OLD."gameserverId") THEN
          INSERT INTO "backup_purge" ("domainId", "gameserverId", "backupId", "nodeId", "configId", "storage", "objectKey")
          VALUES (OLD."domainId", OLD."gameserverId", OLD."id", OLD."nodeId", OLD."configId", OLD."storage", OLD."objectKey");
        END IF;
        RETURN OLD;
      END $$;
      CREATE TRIGGER "backup_queue_purge" AFTER DELETE ON "backup" FOR EACH ROW EXECUTE FUNCTION "backup_queue_purge"();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "backup_purge"; DROP TABLE "backup_download"; DROP TABLE "backup"; DROP FUNCTION "backup_queue_purge"();`);
  }
}
