import { MigrationInterface, QueryRunner } from 'typeorm';

/** Shared nodes: instance administrators' machines that every domain may place servers on (domainId NULL). */
export class SharedNodes1764500000000 implements MigrationInterface {
  name = 'SharedNodes1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "node" ALTER COLUMN "domainId" DROP NOT NULL;
      ALTER TABLE "node_metric" ALTER COLUMN "domainId" DROP NOT NULL;
      CREATE INDEX "node_shared_createdAt" ON "node" ("createdAt", "id") WHERE "domainId" IS NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM "node_metric" WHERE "domainId" IS NULL;
      DELETE FROM "node" WHERE "domainId" IS NULL;
      DROP INDEX "node_shared_createdAt";
      ALTER TABLE "node" ALTER COLUMN "domainId" SET NOT NULL;
      ALTER TABLE "node_metric" ALTER COLUMN "domainId" SET NOT NULL;
    `);
  }
}
