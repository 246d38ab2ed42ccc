import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764100000000 implements MigrationInterface {
  name = 'Identity1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "user" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "username" text NOT NULL,
        "email" text NOT NULL,
        "passwordHash" text NOT NULL,
        "isInstanceAdmin" boolean NOT NULL DEFAULT false,
        "mfaEnabled" boolean NOT NULL DEFAULT false,
        "mfaSecret" text,
        "mfaRecoveryCodes" text[] NOT NULL DEFAULT '{}',
        "lastLoginAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX "user_username_lower" ON "user" (lower("username"));
      CREATE UNIQUE INDEX "user_email_lower" ON "user" (lower("email"));
      CREATE INDEX "user_createdAt" ON "user" ("createdAt", "id");

      CREATE TABLE "domain" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" text NOT NULL,
        "state" text NOT NULL DEFAULT 'ACTIVE' CHECK ("state" IN ('ACTIVE','DISABLED','MAINTENANCE')),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "domain_createdAt" ON "domain" ("createdAt", "id");
      CREATE INDEX "domain_name" ON "domain" ("name");

      CREATE TABLE "role" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "permissions" text[] NOT NULL DEFAULT '{}',
        "system" boolean NOT NULL DEFAULT false,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX "role_domain_name" ON "role" ("domainId", lower("name"));
      CREATE INDEX "role_domain_createdAt" ON "role" ("domainId", "createdAt", "id");

      CREATE TABLE "membership" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid NOT NULL REFERENCES "domain"("id") ON DELETE CASCADE,
        "userId" uuid REFERENCES "user"("id") ON DELETE CASCADE,
        "roleId" uuid NOT NULL REFERENCES "role"("id") ON DELETE RESTRICT,
        "state" text NOT NULL DEFAULT 'ACTIVE' CHECK ("state" IN ('ACTIVE','INVITED')),
        "inviteEmail" text,
        "inviteTokenHash" text,
        "inviteExpiresAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CHECK ("userId" IS NOT NULL OR "inviteEmail" IS NOT NULL)
      );
      CREATE UNIQUE INDEX "membership_domain_user" ON "membership" ("domainId", "userId") WHERE "userId" IS NOT NULL;
      CREATE UNIQUE INDEX "membership_invite_token" ON "membership" ("inviteTokenHash") WHERE "inviteTokenHash" IS NOT NULL;
      CREATE INDEX "membership_user" ON "membership" ("userId");
      CREATE INDEX "membership_domain_createdAt" ON "membership" ("domainId", "createdAt", "id");

      CREATE TABLE "api_token" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid REFERENCES "domain"("id") ON DELETE CASCADE,
        "userId" uuid NOT NULL REFERENCES "user"("id") ON DELETE CASCADE,
        "name" text NOT NULL,
        "prefix" text NOT NULL,
        "secretHash" text NOT NULL,
        "permissions" text[] NOT NULL DEFAULT '{}',
        "expiresAt" timestamptz,
        "lastUsedAt" timestamptz,
        "revokedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "api_token_domain_createdAt" ON "api_token" ("domainId", "createdAt", "id");

      CREATE TABLE "refresh_token" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL REFERENCES "user"("id") ON DELETE CASCADE,
        "familyId" uuid NOT NULL,
        "tokenHash" text NOT NULL UNIQUE,
        "expiresAt" timestamptz NOT NULL,
        "usedAt" timestamptz,
        "revokedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "refresh_token_family" ON "refresh_token" ("familyId");

      CREATE TABLE "audit_log" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "domainId" uuid REFERENCES "domain"("id") ON DELETE CASCADE,
        "actorType" text NOT NULL,
        "actorId" uuid,
        "action" text NOT NULL,
        "targetType" text,
        "targetId" text,
        "ip" text,
        "status" integer,
        "details" jsonb,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "audit_log_domain_createdAt" ON "audit_log" ("domainId", "createdAt", "id");
      CREATE INDEX "audit_log_domain_action" ON "audit_log" ("domainId", "action");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log", "refresh_token", "api_token", "membership", "role", "domain", "user"`);
  }
}
