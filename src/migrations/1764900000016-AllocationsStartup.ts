import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Allocations get a `primary` flag (exactly one per server: the port SERVER_PORT names) and notes;
 * servers get their own startup command and a flag saying their container predates a change.
 */
export class AllocationsStartup1764900000016 implements MigrationInterface {
  name = 'AllocationsStartup1764900000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "allocation" ADD COLUMN "primary" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "allocation" ADD COLUMN "notes" text NOT NULL DEFAULT '' CONSTRAINT "allocation_notes_length" CHECK (char_length("notes") <= 256)`);
    // Until now the lowest port was the server's port (SERVER_PORT): it becomes the primary one.
    await q.query(`
      UPDATE "allocation" a SET "primary" = true
      WHERE a.id = (SELECT b.id FROM "allocation" b WHERE b."gameserverId" = a."gameserverId" ORDER BY b.port, b."createdAt", b.id LIMIT 1)`);
    await q.query(`CREATE UNIQUE INDEX "allocation_one_primary" ON "allocation" ("gameserverId") WHERE "primary"`);
    await q.query(`ALTER TABLE "gameserver" ADD COLUMN "startup" text NULL CONSTRAINT "gameserver_startup_length" CHECK (char_length("startup") BETWEEN 1 AND 4096)`);
    await q.query(`ALTER TABLE "gameserver" ADD COLUMN "containerOutdated" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gameserver" DROP COLUMN "containerOutdated", DROP COLUMN "startup"`);
    await q.query(`DROP INDEX "allocation_one_primary"`);
    await q.query(`ALTER TABLE "allocation" DROP COLUMN "notes", DROP COLUMN "primary"`);
  }
}
