import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account suspension (instance admins): a suspended account keeps everything it has (memberships,
 * servers, tokens) but no credential of it works until it is unsuspended.
 * Per-member permission overrides: a membership's effective permissions are its role's, plus
 * `permissionsGranted`, minus `permissionsRevoked` (DomainAccessService applies them).
 */
export class SuspensionMemberPermissions1764900000760 implements MigrationInterface {
  name = 'SuspensionMemberPermissions1764900000760';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user" ADD "suspendedAt" timestamptz NULL, ADD "suspendedReason" text NULL`);
    await q.query(`CREATE INDEX "user_suspendedAt" ON "user" ("suspendedAt") WHERE "suspendedAt" IS NOT NULL`);
    await q.query(`ALTER TABLE "membership" ADD "permissionsGranted" text[] NOT NULL DEFAULT '{}', ADD "permissionsRevoked" text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "membership" ADD CONSTRAINT "membership_permission_overrides_disjoint" CHECK (NOT ("permissionsGranted" && "permissionsRevoked"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "membership" DROP CONSTRAINT "membership_permission_overrides_disjoint"`);
    await q.query(`ALTER TABLE "membership" DROP COLUMN "permissionsGranted", DROP COLUMN "permissionsRevoked"`);
    await q.query(`DROP INDEX "user_suspendedAt"`);
    await q.query(`ALTER TABLE "user" DROP COLUMN "suspendedAt", DROP COLUMN "suspendedReason"`);
  }
}
