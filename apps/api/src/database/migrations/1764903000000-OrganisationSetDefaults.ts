import { MigrationInterface, QueryRunner } from 'typeorm';

/** An organisation's defaults for its new sets: ground rules and retention (null: the platform's). */
export class OrganisationSetDefaults1764903000000 implements MigrationInterface {
  name = 'OrganisationSetDefaults1764903000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organisations" ADD "defaultGroundRules" text`);
    await q.query(`ALTER TABLE "organisations" ADD "defaultRetentionDays" integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organisations" DROP COLUMN "defaultRetentionDays"`);
    await q.query(`ALTER TABLE "organisations" DROP COLUMN "defaultGroundRules"`);
  }
}
