import { MigrationInterface, QueryRunner } from 'typeorm';

/** A practice set (demonstrations and training): set at creation only, on compressed time, kept out of real figures. */
export class PracticeSets1765021000000 implements MigrationInterface {
  name = 'PracticeSets1765021000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sets" ADD "practice" boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sets" DROP COLUMN "practice"`);
  }
}
