import { MigrationInterface, QueryRunner } from 'typeorm';

/** Integrations (Discord, Slack, signed webhooks, email) and their delivery log. */
export class Integrations1764900000710 implements MigrationInterface {
  name = 'Integrations1764900000710';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "integration" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL CONSTRAINT "integration_domain_fk" REFERENCES "domain"("id") ON DELETE CASCADE,
        "name" text NOT NULL CONSTRAINT "integration_name_length" CHECK (char_length("name") BETWEEN 1 AND 100),
        "type" text NOT NULL CONSTRAINT "integration_type_check" CHECK ("type" IN ('discord','slack','webhook','email')),
        "events" text[] NOT NULL CONSTRAINT "integration_events_check" CHECK (cardinality("events") BETWEEN 1 AND 20),
        "enabled" boolean NOT NULL DEFAULT true,
        "config" jsonb NOT NULL DEFAULT '{}',
        "secretSealed" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "integration_domain" ON "integration" ("domainId");

      CREATE TABLE "integration_delivery" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL CONSTRAINT "integration_delivery_domain_fk" REFERENCES "domain"("id") ON DELETE CASCADE,
        "integrationId" uuid NOT NULL CONSTRAINT "integration_delivery_integration_fk" REFERENCES "integration"("id") ON DELETE CASCADE,
        "event" text NOT NULL,
        "payload" jsonb NOT NULL,
        "status" text NOT NULL DEFAULT 'pending' CONSTRAINT "integration_delivery_status_check" CHECK ("status" IN ('pending','succeeded','failed')),
        "attempts" int NOT NULL DEFAULT 0,
        "lastStatusCode" int,
        "lastError" text,
        "nextAttemptAt" timestamptz NOT NULL DEFAULT now(),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "finishedAt" timestamptz
      );
      -- The delivery log of one integration, newest first (and the pruning of its tail).
      CREATE INDEX "integration_delivery_log" ON "integration_delivery" ("integrationId", "createdAt" DESC);
      CREATE INDEX "integration_delivery_domain" ON "integration_delivery" ("domainId");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "integration_delivery"; DROP TABLE "integration"`);
  }
}
