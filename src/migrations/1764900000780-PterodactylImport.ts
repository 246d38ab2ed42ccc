import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What was imported from Pterodactyl panels (src/modules/migration): one row per egg turned into a
 * template and per panel server turned into a game server, so a second import reuses the template
 * and refuses the server. The panel's API key is never stored. Deleting the template or the game
 * server deletes its row, so it can be imported again.
 */
export class PterodactylImport1764900000780 implements MigrationInterface {
  name = 'PterodactylImport1764900000780';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "pterodactyl_import" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL CONSTRAINT "pterodactyl_import_domain_fkey" REFERENCES "domain"("id") ON DELETE CASCADE,
        "kind" text NOT NULL CONSTRAINT "pterodactyl_import_kind" CHECK ("kind" IN ('egg', 'server')),
        "panelUrl" text NOT NULL CONSTRAINT "pterodactyl_import_panel_url" CHECK (char_length("panelUrl") BETWEEN 1 AND 2048),
        "sourceId" integer NOT NULL,
        "sourceUuid" text NOT NULL CONSTRAINT "pterodactyl_import_source_uuid" CHECK (char_length("sourceUuid") BETWEEN 1 AND 2100),
        "workloadId" uuid CONSTRAINT "pterodactyl_import_workload_fkey" REFERENCES "workload"("id") ON DELETE CASCADE,
        "gameserverId" uuid CONSTRAINT "pterodactyl_import_gameserver_fkey" REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pterodactyl_import_once" UNIQUE ("domainId", "kind", "sourceUuid")
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "pterodactyl_import";`);
  }
}
