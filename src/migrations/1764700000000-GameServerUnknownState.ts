import { MigrationInterface, QueryRunner } from 'typeorm';

/** `unknown`: a power command was sent but not confirmed and the node could not be asked; its next inventory decides. */
export class GameServerUnknownState1764700000000 implements MigrationInterface {
  name = 'GameServerUnknownState1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gameserver" DROP CONSTRAINT "gameserver_state_check"`);
    await q.query(`ALTER TABLE "gameserver" ADD CONSTRAINT "gameserver_state_check" CHECK ("state" IN ('installing','install_failed','offline','starting','running','stopping','crashed','unknown'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "gameserver" SET "state" = 'offline' WHERE "state" = 'unknown'`);
    await q.query(`ALTER TABLE "gameserver" DROP CONSTRAINT "gameserver_state_check"`);
    await q.query(`ALTER TABLE "gameserver" ADD CONSTRAINT "gameserver_state_check" CHECK ("state" IN ('installing','install_failed','offline','starting','running','stopping','crashed'))`);
  }
}
