import { MigrationInterface, QueryRunner } from 'typeorm';

/** Alert rules and alerts (src/modules/alert). */
export class Alerts1764900000730 implements MigrationInterface {
  name = 'Alerts1764900000730';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "alert_rule" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL,
        "name" text NOT NULL,
        "kind" text NOT NULL,
        "severity" text NOT NULL,
        "enabled" boolean NOT NULL DEFAULT true,
        "serverId" uuid,
        "nodeId" uuid,
        "thresholdPercent" integer,
        "forMinutes" integer,
        "cooldownMinutes" integer NOT NULL DEFAULT 15,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "alert_rule_domain_fkey" FOREIGN KEY ("domainId") REFERENCES "domain"("id") ON DELETE CASCADE,
        -- A deleted server or node takes the rules scoped to it.
        CONSTRAINT "alert_rule_server_fkey" FOREIGN KEY ("serverId") REFERENCES "gameserver"("id") ON DELETE CASCADE,
        CONSTRAINT "alert_rule_node_fkey" FOREIGN KEY ("nodeId") REFERENCES "node"("id") ON DELETE CASCADE,
        CONSTRAINT "alert_rule_name_length" CHECK (char_length("name") BETWEEN 1 AND 100),
        CONSTRAINT "alert_rule_kind" CHECK ("kind" IN ('server.crashed','server.crash_loop','server.oom','server.install_failed','node.offline','backup.failed','server.cpu','server.memory','node.cpu','node.memory','node.disk')),
        CONSTRAINT "alert_rule_severity" CHECK ("severity" IN ('info','warning','critical')),
        CONSTRAINT "alert_rule_threshold" CHECK ("thresholdPercent" BETWEEN 1 AND 100),
        CONSTRAINT "alert_rule_for_minutes" CHECK ("forMinutes" BETWEEN 1 AND 1440),
        CONSTRAINT "alert_rule_cooldown" CHECK ("cooldownMinutes" BETWEEN 0 AND 1440),
        CONSTRAINT "alert_rule_metric_fields" CHECK ((("kind" IN ('server.cpu','server.memory','node.cpu','node.memory','node.disk')) = ("thresholdPercent" IS NOT NULL AND "forMinutes" IS NOT NULL)) AND ("thresholdPercent" IS NULL) = ("forMinutes" IS NULL))
      );
      CREATE INDEX "alert_rule_domain_kind" ON "alert_rule" ("domainId", "kind");
      -- The evaluator's scan: enabled metric rules of every domain.
      CREATE INDEX "alert_rule_metric" ON "alert_rule" ("kind") WHERE "enabled" AND "thresholdPercent" IS NOT NULL;

      CREATE TABLE "alert" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL,
        "ruleId" uuid NOT NULL,
        "kind" text NOT NULL,
        "severity" text NOT NULL,
        "subjectType" text NOT NULL,
        "subjectId" uuid NOT NULL,
        "subjectName" text NOT NULL,
        "message" text NOT NULL,
        "state" text NOT NULL,
        "firedAt" timestamptz NOT NULL DEFAULT now(),
        "resolvedAt" timestamptz,
        "lastTriggeredAt" timestamptz NOT NULL DEFAULT now(),
        "triggerCount" integer NOT NULL DEFAULT 1,
        "acknowledgedAt" timestamptz,
        "acknowledgedBy" uuid,
        "acknowledged" boolean GENERATED ALWAYS AS ("acknowledgedAt" IS NOT NULL) STORED,
        "notifiedAt" timestamptz,
        "notifiedState" text,
        CONSTRAINT "alert_domain_fkey" FOREIGN KEY ("domainId") REFERENCES "domain"("id") ON DELETE CASCADE,
        CONSTRAINT "alert_rule_fkey" FOREIGN KEY ("ruleId") REFERENCES "alert_rule"("id") ON DELETE CASCADE,
        CONSTRAINT "alert_subject_type" CHECK ("subjectType" IN ('gameserver','node','backup')),
        CONSTRAINT "alert_state" CHECK ("state" IN ('firing','resolved')),
        CONSTRAINT "alert_notified_state" CHECK ("notifiedState" IN ('firing','resolved')),
        CONSTRAINT "alert_severity" CHECK ("severity" IN ('info','warning','critical'))
      );
      -- One firing alert per rule and subject: a second process seeing the same condition inserts nothing.
      CREATE UNIQUE INDEX "alert_one_firing" ON "alert" ("ruleId", "subjectId") WHERE "state" = 'firing';
      CREATE INDEX "alert_domain_fired" ON "alert" ("domainId", "firedAt" DESC);
      CREATE INDEX "alert_rule_subject_resolved" ON "alert" ("ruleId", "subjectId", "resolvedAt" DESC);
      -- The unread count.
      CREATE INDEX "alert_domain_unread" ON "alert" ("domainId") WHERE "state" = 'firing' AND "acknowledgedAt" IS NULL;
      -- Held notifications the evaluator sends once the cooldown passed.
      CREATE INDEX "alert_notify_pending" ON "alert" ("notifiedAt") WHERE "state" IS DISTINCT FROM "notifiedState";
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "alert"; DROP TABLE "alert_rule"`);
  }
}
