import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: an organisation's own OpenID Connect provider (its client secret encrypted at rest,
 * with the id of the key that sealed it); e-mail domains that take effect only once verified (a DNS
 * TXT record), several organisations may claim a domain but only one can verify it (a partial
 * unique index); the organisation's logo (PNG or JPEG bytes). Domains claimed before this migration
 * are pending: their admins verify them.
 */
export class OrganisationProvidersDomainsLogos1765050000000 implements MigrationInterface {
  name = 'OrganisationProvidersDomainsLogos1765050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "organisation_sso_providers" (
        "organisationId" uuid NOT NULL,
        "name" character varying(80) NOT NULL,
        "issuer" character varying(2000) NOT NULL,
        "clientId" character varying(255) NOT NULL,
        "clientSecretCiphertext" text NOT NULL,
        "clientSecretKeyId" character varying(16) NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_organisation_sso_providers" PRIMARY KEY ("organisationId"),
        CONSTRAINT "FK_organisation_sso_providers_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE
      )`);
    await q.query(`ALTER TABLE "organisation_email_domains" DROP CONSTRAINT "PK_organisation_email_domains"`);
    await q.query(`ALTER TABLE "organisation_email_domains" ADD CONSTRAINT "PK_organisation_email_domains" PRIMARY KEY ("organisationId", "domain")`);
    await q.query(`ALTER TABLE "organisation_email_domains" ADD "verificationToken" character varying(64)`);
    await q.query(`UPDATE "organisation_email_domains" SET "verificationToken" = md5(random()::text || clock_timestamp()::text || "domain")`);
    await q.query(`ALTER TABLE "organisation_email_domains" ALTER COLUMN "verificationToken" SET NOT NULL`);
    await q.query(`ALTER TABLE "organisation_email_domains" ADD "verifiedAt" timestamptz`);
    await q.query(`CREATE UNIQUE INDEX "UQ_organisation_email_domains_verified_domain" ON "organisation_email_domains" ("domain") WHERE "verifiedAt" IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_organisation_email_domains_domain" ON "organisation_email_domains" ("domain")`);
    await q.query(`
      CREATE TABLE "organisation_logos" (
        "organisationId" uuid NOT NULL,
        "contentType" character varying(20) NOT NULL,
        "bytes" bytea NOT NULL,
        "sha256" character varying(64) NOT NULL,
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_organisation_logos" PRIMARY KEY ("organisationId"),
        CONSTRAINT "FK_organisation_logos_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_organisation_logos_type" CHECK ("contentType" IN ('image/png', 'image/jpeg')),
        CONSTRAINT "CHK_organisation_logos_size" CHECK (octet_length("bytes") <= 262144)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "organisation_logos"`);
    await q.query(`DROP INDEX "IDX_organisation_email_domains_domain"`);
    await q.query(`DROP INDEX "UQ_organisation_email_domains_verified_domain"`);
    await q.query(`ALTER TABLE "organisation_email_domains" DROP COLUMN "verifiedAt"`);
    await q.query(`ALTER TABLE "organisation_email_domains" DROP COLUMN "verificationToken"`);
    // Only one claim per domain can come back under the old key: the verified one, or the oldest.
    await q.query(`DELETE FROM "organisation_email_domains" d WHERE EXISTS (SELECT 1 FROM "organisation_email_domains" o WHERE o."domain" = d."domain" AND (o."createdAt", o."organisationId") < (d."createdAt", d."organisationId"))`);
    await q.query(`ALTER TABLE "organisation_email_domains" DROP CONSTRAINT "PK_organisation_email_domains"`);
    await q.query(`ALTER TABLE "organisation_email_domains" ADD CONSTRAINT "PK_organisation_email_domains" PRIMARY KEY ("domain")`);
    await q.query(`DROP TABLE "organisation_sso_providers"`);
  }
}
