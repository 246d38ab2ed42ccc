import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Instance settings (one row: self-registration and its email-domain allow-list) and one-use
 * password-reset tokens (stored as sha256, short expiry).
 */
export class AccountSelfService1764900000750 implements MigrationInterface {
  name = 'AccountSelfService1764900000750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "instance_settings" (
        "id" smallint PRIMARY KEY DEFAULT 1 CONSTRAINT "instance_settings_one_row" CHECK ("id" = 1),
        "registrationEnabled" boolean NOT NULL DEFAULT false,
        "registrationEmailDomains" text[] NOT NULL DEFAULT '{}'
          CONSTRAINT "instance_settings_email_domains" CHECK (cardinality("registrationEmailDomains") <= 100),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        "updatedBy" uuid CONSTRAINT "instance_settings_updated_by_fkey" REFERENCES "user"("id") ON DELETE SET NULL
      );
      INSERT INTO "instance_settings" ("id") VALUES (1);

      CREATE TABLE "password_reset_token" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL CONSTRAINT "password_reset_token_user_fkey" REFERENCES "user"("id") ON DELETE CASCADE,
        "tokenHash" text NOT NULL CONSTRAINT "password_reset_token_hash" UNIQUE,
        "expiresAt" timestamptz NOT NULL,
        "usedAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX "password_reset_token_user" ON "password_reset_token" ("userId");
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "password_reset_token", "instance_settings"`);
  }
}
