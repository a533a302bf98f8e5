import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programmes (issue 20): a cohort of an organisation's sets, with dates, whose figures its admins
 * see across the sets and export. A set is in one programme at most (unique set).
 */
export class Programmes1764901000000 implements MigrationInterface {
  name = 'Programmes1764901000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "programmes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisationId" uuid NOT NULL,
        "name" character varying(120) NOT NULL,
        "startsOn" date NOT NULL,
        "endsOn" date,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        "updatedAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_programmes" PRIMARY KEY ("id"),
        CONSTRAINT "FK_programmes_organisation" FOREIGN KEY ("organisationId") REFERENCES "organisations"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_programmes_dates" CHECK ("endsOn" IS NULL OR "endsOn" >= "startsOn")
      )`);
    await q.query(`CREATE INDEX "IDX_programmes_organisation" ON "programmes" ("organisationId")`);
    await q.query(`
      CREATE TABLE "programme_sets" (
        "programmeId" uuid NOT NULL,
        "setId" uuid NOT NULL,
        "createdAt" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_programme_sets" PRIMARY KEY ("programmeId", "setId"),
        CONSTRAINT "UQ_programme_sets_set" UNIQUE ("setId"),
        CONSTRAINT "FK_programme_sets_programme" FOREIGN KEY ("programmeId") REFERENCES "programmes"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_programme_sets_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "programme_sets"`);
    await q.query(`DROP TABLE "programmes"`);
  }
}
