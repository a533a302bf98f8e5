import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations (issue 20): an organisation groups sets; its admins see them (never case content)
 * and manage its people, who are invited by e-mail like set members. Each e-mail domain belongs to
 * at most one organisation (single sign-on joins people by it). An account an admin disabled
 * (`users.disabledAt`) cannot sign in until enabled.
 */
export class Organisations1764900000000 implements MigrationInterface {
  name = 'Organisations1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "organisations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(120) NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_organisations" PRIMARY KEY ("id")
      )`);
    await q.query(`
      CREATE TABLE "organisation_email_domains" (
        "domain" character varying(253) NOT NULL,
        "organisationId" uuid NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_organisation_email_domains" PRIMARY KEY ("domain"),
        CONSTRAINT "FK_organisation_email_domains_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_organisation_email_domains_lower" CHECK ("domain" = lower("domain"))
      )`);
    await q.query(`CREATE INDEX "IDX_organisation_email_domains_organisation" ON "organisation_email_domains" ("organisationId")`);
    await q.query(`
      CREATE TABLE "organisation_memberships" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisationId" uuid NOT NULL,
        "userId" uuid NOT NULL,
        "role" character varying(10) NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_organisation_memberships" PRIMARY KEY ("id"),
        CONSTRAINT "FK_organisation_memberships_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_organisation_memberships_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "UQ_organisation_memberships_organisation_user" UNIQUE ("organisationId", "userId"),
        CONSTRAINT "CHK_organisation_memberships_role" CHECK ("role" IN ('admin', 'member'))
      )`);
    await q.query(`CREATE INDEX "IDX_organisation_memberships_user" ON "organisation_memberships" ("userId")`);
    await q.query(`
      CREATE TABLE "organisation_invitations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisationId" uuid NOT NULL,
        "email" character varying(254) NOT NULL,
        "role" character varying(10) NOT NULL,
        "tokenHash" character varying(64) NOT NULL,
        "invitedById" uuid,
        "expiresAt" timestamptz NOT NULL,
        "acceptedAt" timestamptz,
        "acceptedById" uuid,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_organisation_invitations" PRIMARY KEY ("id"),
        CONSTRAINT "FK_organisation_invitations_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_organisation_invitations_invited_by" FOREIGN KEY ("invitedById") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "UQ_organisation_invitations_token_hash" UNIQUE ("tokenHash"),
        CONSTRAINT "CHK_organisation_invitations_role" CHECK ("role" IN ('admin', 'member'))
      )`);
    await q.query(`CREATE INDEX "IDX_organisation_invitations_organisation" ON "organisation_invitations" ("organisationId")`);
    await q.query(`ALTER TABLE "sets" ADD "organisationId" uuid`);
    await q.query(`ALTER TABLE "sets" ADD CONSTRAINT "FK_sets_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE SET NULL`);
    await q.query(`CREATE INDEX "IDX_sets_organisation" ON "sets" ("organisationId") WHERE "organisationId" IS NOT NULL`);
    await q.query(`ALTER TABLE "users" ADD "disabledAt" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "disabledAt"`);
    await q.query(`DROP INDEX "IDX_sets_organisation"`);
    await q.query(`ALTER TABLE "sets" DROP CONSTRAINT "FK_sets_organisation"`);
    await q.query(`ALTER TABLE "sets" DROP COLUMN "organisationId"`);
    await q.query(`DROP TABLE "organisation_invitations"`);
    await q.query(`DROP TABLE "organisation_memberships"`);
    await q.query(`DROP TABLE "organisation_email_domains"`);
    await q.query(`DROP TABLE "organisations"`);
  }
}
