import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Skyport clients describe a node's ram, disk and processor in free text ("4GB", "Intel Xeon E5"):
 * the text is kept as given (replies return it) next to the capacity parsed from it.
 */
export class NodeHardwareText1764900000770 implements MigrationInterface {
  name = 'NodeHardwareText1764900000770';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "node" ADD COLUMN "hardwareText" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "node" DROP COLUMN "hardwareText"`);
  }
}
