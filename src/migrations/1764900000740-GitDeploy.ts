import { MigrationInterface, QueryRunner } from 'typeorm';

/** Git deploy per game server, its sync history, incoming webhook tokens and their events. */
export class GitDeploy1764900000740 implements MigrationInterface {
  name = 'GitDeploy1764900000740';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "git_deploy" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL CONSTRAINT "git_deploy_domain_fkey" REFERENCES "domain"("id") ON DELETE CASCADE,
        "serverId" uuid NOT NULL CONSTRAINT "git_deploy_server_fkey" REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "url" text NOT NULL CONSTRAINT "git_deploy_url" CHECK (char_length("url") BETWEEN 1 AND 2048),
        "branch" text NOT NULL CONSTRAINT "git_deploy_branch" CHECK (char_length("branch") BETWEEN 1 AND 255),
        "subdirectory" text NOT NULL DEFAULT '',
        "targetDirectory" text NOT NULL DEFAULT '',
        "tokenSealed" text,
        "hasToken" boolean GENERATED ALWAYS AS ("tokenSealed" IS NOT NULL) STORED,
        "restartOnSync" boolean NOT NULL DEFAULT false,
        "autoDeploy" boolean NOT NULL DEFAULT true,
        "lastCommit" text,
        "lastSyncAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "git_deploy_one_per_server" UNIQUE ("serverId")
      );
      CREATE INDEX "git_deploy_domain" ON "git_deploy" ("domainId");

      CREATE TABLE "git_sync" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL CONSTRAINT "git_sync_domain_fkey" REFERENCES "domain"("id") ON DELETE CASCADE,
        "serverId" uuid NOT NULL CONSTRAINT "git_sync_server_fkey" REFERENCES "gameserver"("id") ON DELETE CASCADE,
        "trigger" text NOT NULL CONSTRAINT "git_sync_trigger" CHECK ("trigger" IN ('manual', 'webhook')),
        "status" text NOT NULL DEFAULT 'running' CONSTRAINT "git_sync_status" CHECK ("status" IN ('running', 'succeeded', 'failed')),
        "commit" text,
        "commitMessage" text,
        "error" text,
        "startedAt" timestamptz NOT NULL DEFAULT now(),
        "finishedAt" timestamptz
      );
      CREATE INDEX "git_sync_server" ON "git_sync" ("domainId", "serverId", "startedAt");
      -- One running sync per server, across API processes (a second one is a 409).
      CREATE UNIQUE INDEX "git_sync_one_running" ON "git_sync" ("serverId") WHERE "status" = 'running';

      CREATE TABLE "webhook_token" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL CONSTRAINT "webhook_token_domain_fkey" REFERENCES "domain"("id") ON DELETE CASCADE,
        "name" text NOT NULL CONSTRAINT "webhook_token_name" CHECK (char_length("name") BETWEEN 1 AND 100),
        "secretSealed" text NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "lastUsedAt" timestamptz
      );
      CREATE INDEX "webhook_token_domain" ON "webhook_token" ("domainId");

      CREATE TABLE "webhook_event" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL CONSTRAINT "webhook_event_domain_fkey" REFERENCES "domain"("id") ON DELETE CASCADE,
        "tokenId" uuid NOT NULL CONSTRAINT "webhook_event_token_fkey" REFERENCES "webhook_token"("id") ON DELETE CASCADE,
        "provider" text NOT NULL CONSTRAINT "webhook_event_provider" CHECK ("provider" IN ('github', 'gitlab')),
        "event" text,
        "repository" text,
        "branch" text,
        "commit" text,
        "outcome" text NOT NULL CONSTRAINT "webhook_event_outcome" CHECK ("outcome" IN ('synced', 'ignored', 'refused')),
        "reason" text,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "webhook_event_token" ON "webhook_event" ("domainId", "tokenId", "createdAt");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "webhook_event"; DROP TABLE "webhook_token"; DROP TABLE "git_sync"; DROP TABLE "git_deploy";`);
  }
}
