import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An instance administrator's audit export walks every domain's rows newest first by (createdAt, id);
 * without this index each batch of the walk would scan and sort the whole table.
 */
export class AuditExport1764900000720 implements MigrationInterface {
  name = 'AuditExport1764900000720';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "audit_log_createdAt" ON "audit_log" ("createdAt", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "audit_log_createdAt"`);
  }
}
