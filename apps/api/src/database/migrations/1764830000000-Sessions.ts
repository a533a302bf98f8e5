import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions: one row per sign-in, which every request and live handshake checks (an
 * access token names its session), so that signing out, signing out everywhere and a new password
 * end tokens at once. And single-use account tokens (password reset, confirming a new e-mail
 * address), stored only as the SHA-256 of the secret sent by e-mail.
 */
export class Sessions1764830000000 implements MigrationInterface {
  name = 'Sessions1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "lastSeenAt" timestamptz NOT NULL DEFAULT now(),
        "expiresAt" timestamptz NOT NULL,
        "revokedAt" timestamptz,
        "userAgent" character varying(512) NOT NULL DEFAULT '',
        "ip" character varying(64),
        CONSTRAINT "PK_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_sessions_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_sessions_user_open" ON "sessions" ("userId") WHERE "revokedAt" IS NULL`);
    await q.query(`CREATE INDEX "IDX_sessions_expires" ON "sessions" ("expiresAt")`);
    await q.query(`
      CREATE TABLE "account_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "userId" uuid NOT NULL,
        "purpose" character varying(20) NOT NULL,
        "tokenHash" character varying(64) NOT NULL,
        "newEmail" character varying(254),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "expiresAt" timestamptz NOT NULL,
        "usedAt" timestamptz,
        CONSTRAINT "PK_account_tokens" PRIMARY KEY ("id"),
        CONSTRAINT "FK_account_tokens_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "UQ_account_tokens_hash" UNIQUE ("tokenHash"),
        CONSTRAINT "CHK_account_tokens_purpose" CHECK ("purpose" IN ('password-reset', 'email-change')),
        CONSTRAINT "CHK_account_tokens_new_email" CHECK (("purpose" = 'email-change') = ("newEmail" IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX "IDX_account_tokens_user_unused" ON "account_tokens" ("userId", "purpose") WHERE "usedAt" IS NULL`);
    await q.query(`CREATE INDEX "IDX_account_tokens_expires" ON "account_tokens" ("expiresAt")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "account_tokens"`);
    await q.query(`DROP TABLE "sessions"`);
  }
}
