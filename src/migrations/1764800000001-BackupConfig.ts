import { MigrationInterface, QueryRunner } from 'typeorm';

/** Backup storage targets per domain (local disk or S3-compatible), with their limits and retention. */
export class BackupConfig1764800000001 implements MigrationInterface {
  name = 'BackupConfig1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "backup_config" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "name" text NOT NULL CHECK (char_length("name") BETWEEN 1 AND 100),
        "kind" text NOT NULL CONSTRAINT "backup_config_kind" CHECK ("kind" IN ('local', 's3')),
        "active" boolean NOT NULL DEFAULT false,
        "endpoint" text,
        "region" text,
        "bucket" text,
        "prefix" text NOT NULL DEFAULT '' CHECK (char_length("prefix") <= 256),
        "forcePathStyle" boolean NOT NULL DEFAULT false,
        "accessKeyIdHint" text,
        "accessKeyIdSealed" text,
        "secretAccessKeySealed" text,
        "maxBackupsPerServer" integer NOT NULL DEFAULT 10 CHECK ("maxBackupsPerServer" BETWEEN 1 AND 1000),
        "keepLast" integer CHECK ("keepLast" BETWEEN 1 AND 1000),
        "maxAgeDays" integer CHECK ("maxAgeDays" BETWEEN 1 AND 3650),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "backup_config_s3_bucket" CHECK ("kind" <> 's3' OR "bucket" IS NOT NULL)
      );
      CREATE INDEX "backup_config_domain" ON "backup_config" ("domainId");
      CREATE UNIQUE INDEX "backup_config_one_active" ON "backup_config" ("domainId") WHERE "active";
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "backup_config"`);
  }
}
