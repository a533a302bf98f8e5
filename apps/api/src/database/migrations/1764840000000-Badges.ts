import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open Badges (CONTRACT.md): a badge per set, members' applications, the installation's issuer
 * keys (private keys encrypted with CREDENTIALS_KEY; one active, retired ones kept so that what
 * they signed stays verifiable), bitstring status lists (an index per credential, allocated from
 * a counter under the list's row lock and unique per list) and the issued credentials.
 */
export class Badges1764840000000 implements MigrationInterface {
  name = 'Badges1764840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "badges" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "setId" uuid NOT NULL,
        "name" character varying(120) NOT NULL,
        "description" text NOT NULL,
        "minMeetings" integer NOT NULL,
        "presented" boolean NOT NULL DEFAULT false,
        "minWords" integer NOT NULL,
        "prompts" jsonb NOT NULL DEFAULT '[]',
        "image" bytea,
        "imageType" character varying(40),
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_badges" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_badges_set" UNIQUE ("setId"),
        CONSTRAINT "CHK_badges_criteria" CHECK ("minMeetings" >= 0 AND "minWords" >= 0),
        CONSTRAINT "CHK_badges_image_type" CHECK ("imageType" IS NULL OR "imageType" IN ('image/png', 'image/svg+xml')),
        CONSTRAINT "FK_badges_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "badge_applications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "badgeId" uuid NOT NULL,
        "setId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "statement" text NOT NULL,
        "publicEvidence" boolean NOT NULL DEFAULT false,
        "showName" boolean NOT NULL DEFAULT false,
        "confirmedFindings" jsonb NOT NULL DEFAULT '[]',
        "status" character varying(20) NOT NULL DEFAULT 'submitted',
        "feedback" text NOT NULL DEFAULT '',
        "submittedAt" timestamptz NOT NULL,
        "decidedAt" timestamptz,
        "decidedById" uuid,
        "reminderSentAt" timestamptz,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_badge_applications" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_badge_applications_status" CHECK ("status" IN ('submitted', 'returned', 'approved')),
        CONSTRAINT "FK_badge_applications_badge" FOREIGN KEY ("badgeId") REFERENCES "badges"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_badge_applications_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_badge_applications_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_badge_applications_decided_by" FOREIGN KEY ("decidedById") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    // One application waiting per person and badge.
    await q.query(`CREATE UNIQUE INDEX "UQ_badge_applications_waiting" ON "badge_applications" ("badgeId", "userId") WHERE "status" = 'submitted'`);
    await q.query(`CREATE INDEX "IDX_badge_applications_set" ON "badge_applications" ("setId", "submittedAt")`);
    await q.query(`CREATE INDEX "IDX_badge_applications_waiting" ON "badge_applications" ("submittedAt") WHERE "status" = 'submitted' AND "reminderSentAt" IS NULL`);
    await q.query(`
      CREATE TABLE "issuer_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "publicKeyMultibase" character varying(100) NOT NULL,
        "secretKeyEncrypted" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "retiredAt" timestamptz,
        CONSTRAINT "PK_issuer_keys" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_issuer_keys_public" UNIQUE ("publicKeyMultibase")
      )`);
    // One active key per installation, whatever the number of processes starting at once.
    await q.query(`CREATE UNIQUE INDEX "UQ_issuer_keys_active" ON "issuer_keys" ("active") WHERE "active"`);
    await q.query(`
      CREATE TABLE "status_lists" (
        "id" uuid NOT NULL,
        "keyId" uuid NOT NULL,
        "issuer" character varying(300) NOT NULL,
        "statusPurpose" character varying(20) NOT NULL DEFAULT 'revocation',
        "size" integer NOT NULL,
        "nextIndex" integer NOT NULL DEFAULT 0,
        "credential" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_status_lists" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_status_lists_size" CHECK ("size" >= 131072 AND "nextIndex" >= 0 AND "nextIndex" <= "size"),
        CONSTRAINT "FK_status_lists_key" FOREIGN KEY ("keyId") REFERENCES "issuer_keys"("id")
      )`);
    await q.query(`
      CREATE TABLE "credentials" (
        "id" uuid NOT NULL,
        "applicationId" uuid,
        "badgeId" uuid,
        "setId" uuid,
        "userId" uuid NOT NULL,
        "keyId" uuid NOT NULL,
        "statusListId" uuid NOT NULL,
        "statusIndex" integer NOT NULL,
        "badgeName" character varying(120) NOT NULL,
        "setName" character varying(120) NOT NULL,
        "document" jsonb NOT NULL,
        "issuedAt" timestamptz NOT NULL,
        "revokedAt" timestamptz,
        "revokedById" uuid,
        "revokedReason" text NOT NULL DEFAULT '',
        CONSTRAINT "PK_credentials" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_credentials_application" UNIQUE ("applicationId"),
        CONSTRAINT "UQ_credentials_status" UNIQUE ("statusListId", "statusIndex"),
        CONSTRAINT "FK_credentials_application" FOREIGN KEY ("applicationId") REFERENCES "badge_applications"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_credentials_badge" FOREIGN KEY ("badgeId") REFERENCES "badges"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_credentials_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_credentials_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_credentials_key" FOREIGN KEY ("keyId") REFERENCES "issuer_keys"("id"),
        CONSTRAINT "FK_credentials_status_list" FOREIGN KEY ("statusListId") REFERENCES "status_lists"("id"),
        CONSTRAINT "FK_credentials_revoked_by" FOREIGN KEY ("revokedById") REFERENCES "users"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_credentials_user" ON "credentials" ("userId", "issuedAt")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "credentials"`);
    await q.query(`DROP TABLE "status_lists"`);
    await q.query(`DROP TABLE "issuer_keys"`);
    await q.query(`DROP TABLE "badge_applications"`);
    await q.query(`DROP TABLE "badges"`);
  }
}
