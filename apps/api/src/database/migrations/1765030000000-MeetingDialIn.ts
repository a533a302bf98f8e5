import { MigrationInterface, QueryRunner } from 'typeorm';

/** A meeting's dial-in details, for people joining the call by telephone: numbers and a passcode (none by default). */
export class MeetingDialIn1765030000000 implements MigrationInterface {
  name = 'MeetingDialIn1765030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meetings" ADD "dialInNumbers" text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE "meetings" ADD "dialInPasscode" character varying(32) NOT NULL DEFAULT ''`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "dialInPasscode"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "dialInNumbers"`);
  }
}
