import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A set's contract: each version of its ground rules agreed in a meeting (with who was present),
 * and each person's acceptance of a version (present at its agreement, or accepted later).
 */
export class SetContractVersions1765010000000 implements MigrationInterface {
  name = 'SetContractVersions1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "set_contract_versions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "setId" uuid NOT NULL,
      "version" integer NOT NULL,
      "text" text NOT NULL,
      "agreedAt" timestamptz NOT NULL,
      "meetingId" uuid,
      "agreedById" uuid,
      "presentIds" uuid[] NOT NULL DEFAULT '{}',
      "createdAt" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_set_contract_versions" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_set_contract_versions_set_version" UNIQUE ("setId", "version"),
      CONSTRAINT "CHK_set_contract_versions_version" CHECK ("version" >= 1),
      CONSTRAINT "FK_set_contract_versions_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_set_contract_versions_meeting" FOREIGN KEY ("meetingId") REFERENCES "meetings"("id") ON DELETE SET NULL,
      CONSTRAINT "FK_set_contract_versions_agreed_by" FOREIGN KEY ("agreedById") REFERENCES "users"("id") ON DELETE SET NULL
    )`);
    await q.query(`CREATE TABLE "set_contract_acceptances" (
      "setId" uuid NOT NULL,
      "userId" uuid NOT NULL,
      "version" integer NOT NULL,
      "acceptedAt" timestamptz NOT NULL,
      "via" varchar(20) NOT NULL,
      CONSTRAINT "PK_set_contract_acceptances" PRIMARY KEY ("setId", "userId", "version"),
      CONSTRAINT "CHK_set_contract_acceptances_via" CHECK ("via" IN ('meeting', 'invitation', 'set-page')),
      CONSTRAINT "FK_set_contract_acceptances_version" FOREIGN KEY ("setId", "version") REFERENCES "set_contract_versions"("setId", "version") ON DELETE CASCADE,
      CONSTRAINT "FK_set_contract_acceptances_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_set_contract_acceptances_user" ON "set_contract_acceptances" ("userId")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "set_contract_acceptances"`);
    await q.query(`DROP TABLE "set_contract_versions"`);
  }
}
