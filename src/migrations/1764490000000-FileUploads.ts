import { MigrationInterface, QueryRunner } from 'typeorm';

export class FileUploads1764490000000 implements MigrationInterface {
  name = 'FileUploads1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "file_upload" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "gameserverId" uuid NOT NULL REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "createdBy" uuid,
        "targetPath" text NOT NULL,
        "tempPath" text NOT NULL,
        "length" bigint NOT NULL CHECK ("length" >= 0),
        "offset" bigint NOT NULL DEFAULT 0 CHECK ("offset" >= 0 AND "offset" <= "length"),
        "metadata" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "file_upload_domain_server" ON "file_upload" ("domainId", "gameserverId");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "file_upload"`);
  }
}
