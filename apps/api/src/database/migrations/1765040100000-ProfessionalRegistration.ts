import { MigrationInterface, QueryRunner } from 'typeorm';

/** A person's optional professional registration (regulator and number), both or neither. */
export class ProfessionalRegistration1765040100000 implements MigrationInterface {
  name = 'ProfessionalRegistration1765040100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "registrationRegulator" varchar(10)`);
    await q.query(`ALTER TABLE "users" ADD "registrationNumber" varchar(20)`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_registration" CHECK (("registrationRegulator" IS NULL) = ("registrationNumber" IS NULL) AND ("registrationRegulator" IS NULL OR "registrationRegulator" IN ('swe', 'sssc', 'scw', 'niscc')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_registration"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "registrationNumber"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "registrationRegulator"`);
  }
}
