import { MigrationInterface, QueryRunner } from 'typeorm';

/** Existing domains' system roles get the new backup and schedule permissions, as new domains do. */
export class BackupSchedulePermissions1764800000000 implements MigrationInterface {
  name = 'BackupSchedulePermissions1764800000000';

  private async add(q: QueryRunner, roles: string[], permissions: string[]): Promise<void> {
    await q.query(`UPDATE "role" SET "permissions" = ARRAY(SELECT DISTINCT unnest("permissions" || $2::text[]) ORDER BY 1) WHERE "system" AND "name" = ANY($1::text[])`, [roles, permissions]);
  }

  async up(q: QueryRunner): Promise<void> {
    await this.add(q, ['Owner', 'Admin'], ['backups.read', 'backups.manage', 'schedules.read', 'schedules.manage']);
    await this.add(q, ['Member', 'Viewer'], ['backups.read', 'schedules.read']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "role" SET "permissions" = array_remove(array_remove(array_remove("permissions", 'backups.read'), 'schedules.read'), 'schedules.manage') WHERE "system"`);
  }
}
