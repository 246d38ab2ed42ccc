import { MigrationInterface, QueryRunner } from 'typeorm';

/** The last TOTP time step each user spent: a code works once (no replay within its window). */
export class MfaReplay1764610000000 implements MigrationInterface {
  name = 'MfaReplay1764610000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user" ADD COLUMN "mfaLastStep" integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "user" DROP COLUMN "mfaLastStep"`);
  }
}
