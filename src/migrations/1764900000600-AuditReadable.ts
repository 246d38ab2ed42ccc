import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A readable audit log: who (username, and the token's name) and what (the target's name) are stored with
 * each row at write time, so a row stays readable after the user, token or server is deleted or renamed.
 * `actionGroup` (the action's first segment: `files`, `gameserver`…) is what the "action prefix" filter matches.
 * Existing rows are filled in from the tables as they are now, and file routes recorded under their
 * controller's name (`gameserver.remove` for a file delete) get their own `files.*` action.
 */
export class AuditReadable1764900000600 implements MigrationInterface {
  name = 'AuditReadable1764900000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "audit_log"
        ADD COLUMN "actorName" text,
        ADD COLUMN "tokenName" text,
        ADD COLUMN "targetName" text,
        ADD COLUMN "actionGroup" text GENERATED ALWAYS AS (split_part("action", '.', 1)) STORED;
      CREATE INDEX "audit_log_domain_target" ON "audit_log" ("domainId", "targetId", "createdAt");
      CREATE INDEX "audit_log_domain_group" ON "audit_log" ("domainId", "actionGroup", "createdAt");
      UPDATE "audit_log" a SET "actorName" = u."username" FROM "user" u WHERE a."actorType" = 'user' AND a."actorId" = u."id";
      UPDATE "audit_log" a SET "actorName" = u."username", "tokenName" = t."name"
        FROM "api_token" t JOIN "user" u ON u."id" = t."userId" WHERE a."actorType" = 'apitoken' AND a."actorId" = t."id";
    `);
    const named: Array<[string, string, string]> = [
      ['gameserver', 'gameserver', 'name'],
      ['node', 'node', 'name'],
      ['role', 'role', 'name'],
      ['workload', 'workload', 'name'],
      ['apitoken', 'api_token', 'name'],
      ['user', 'user', 'username'],
      ['schedule', 'schedule', 'name'],
      ['backup', 'backup', 'name'],
      ['backup-config', 'backup_config', 'name'],
    ];
    for (const [type, table, column] of named) {
      await q.query(`UPDATE "audit_log" a SET "targetName" = x."${column}" FROM "${table}" x WHERE a."targetType" = $1 AND a."targetId" = x."id"::text`, [type]);
    }
    const files: Array<[string, string, string]> = [
      ['DELETE', '/gameserver/:id/files', 'files.delete'],
      ['PUT', '/gameserver/:id/files/content', 'files.write'],
      ['POST', '/gameserver/:id/files/mkdir', 'files.mkdir'],
      ['POST', '/gameserver/:id/files/rename', 'files.rename'],
      ['POST', '/gameserver/:id/files/copy', 'files.copy'],
      ['POST', '/gameserver/:id/files/chmod', 'files.chmod'],
      ['POST', '/gameserver/:id/files/compress', 'files.compress'],
      ['POST', '/gameserver/:id/files/decompress', 'files.decompress'],
      ['POST', '/gameserver/:id/files/download-zip', 'files.download'],
      ['POST', '/gameserver/:id/files/upload', 'files.upload'],
      ['POST', '/gameserver/:id/files/tus', 'files.upload'],
      ['PATCH', '/gameserver/:id/files/tus/:uploadId', 'files.upload_chunk'],
      ['DELETE', '/gameserver/:id/files/tus/:uploadId', 'files.upload_cancel'],
    ];
    for (const [method, route, action] of files) {
      await q.query(`UPDATE "audit_log" SET "action" = $3 WHERE "details"->>'method' = $1 AND "details"->>'route' = $2`, [method, route, action]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX "audit_log_domain_group";
      DROP INDEX "audit_log_domain_target";
      ALTER TABLE "audit_log" DROP COLUMN "actionGroup", DROP COLUMN "targetName", DROP COLUMN "tokenName", DROP COLUMN "actorName";
    `);
  }
}
