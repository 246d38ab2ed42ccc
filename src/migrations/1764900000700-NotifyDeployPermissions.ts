import { MigrationInterface, QueryRunner } from 'typeorm';

/** Existing domains' system roles get the alert, integration and deploy permissions, as new domains do. */
export class NotifyDeployPermissions1764900000700 implements MigrationInterface {
  name = 'NotifyDeployPermissions1764900000700';

  private async add(q: QueryRunner, roles: string[], permissions: string[]): Promise<void> {
    await q.query(`UPDATE "role" SET "permissions" = ARRAY(SELECT DISTINCT unnest("permissions" || $2::text[]) ORDER BY 1) WHERE "system" AND "name" = ANY($1::text[])`, [roles, permissions]);
  }

  async up(q: QueryRunner): Promise<void> {
    await this.add(q, ['Owner', 'Admin'], ['alerts.read', 'alerts.manage', 'integrations.manage', 'deploy.manage']);
    await this.add(q, ['Member', 'Viewer'], ['alerts.read']);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const p of ['alerts.read', 'alerts.manage', 'integrations.manage', 'deploy.manage']) await q.query(`UPDATE "role" SET "permissions" = array_remove("permissions", $1) WHERE "system"`, [p]);
  }
}
