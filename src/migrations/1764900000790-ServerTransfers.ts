import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A game server's move between nodes, recorded as it goes so that a process killed in the middle
 * cannot leave a server without its data: `phase` says how far it got (started → moved → copied →
 * completed, or rolled_back), `previous` holds what the move replaced (node, container, ports),
 * and `leaseUntil` is renewed by the working process. Whichever API process sweeps first after the
 * lease ran out finishes the work from `phase` (src/modules/files/server-transfer.service.ts). At
 * most one unfinished transfer per server, across every process.
 */
export class ServerTransfers1764900000790 implements MigrationInterface {
  name = 'ServerTransfers1764900000790';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "server_transfer" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL CONSTRAINT "server_transfer_domain_fkey" REFERENCES "domain"("id") ON DELETE CASCADE,
        "gameserverId" uuid NOT NULL CONSTRAINT "server_transfer_gameserver_fkey" REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "sourceNodeId" uuid NOT NULL,
        "targetNodeId" uuid NOT NULL,
        "phase" text NOT NULL CONSTRAINT "server_transfer_phase" CHECK ("phase" IN ('started', 'moved', 'copied', 'completed', 'rolled_back')),
        "previous" jsonb,
        "owner" text NOT NULL,
        "leaseUntil" timestamptz,
        "attempts" integer NOT NULL DEFAULT 0,
        "error" text,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        "finishedAt" timestamptz
      );
    `);
    await q.query(`CREATE UNIQUE INDEX "server_transfer_one_active" ON "server_transfer" ("gameserverId") WHERE "phase" IN ('started', 'moved', 'copied')`);
    await q.query(`CREATE INDEX "server_transfer_lease" ON "server_transfer" ("leaseUntil") WHERE "phase" IN ('started', 'moved', 'copied')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "server_transfer";`);
  }
}
