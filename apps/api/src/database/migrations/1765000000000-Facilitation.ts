import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who facilitates a meeting (the rota): its facilitator and co-facilitator (null: the set's
 * facilitators), and a counter of changes that keys the week-ahead notice (re-sent only when
 * reassigned); and the facilitator's private notes, per set and per meeting, with the reflection
 * after a session.
 */
export class Facilitation1765000000000 implements MigrationInterface {
  name = 'Facilitation1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meetings" ADD "facilitatorId" uuid REFERENCES "users"("id") ON DELETE SET NULL`);
    await q.query(`ALTER TABLE "meetings" ADD "coFacilitatorId" uuid REFERENCES "users"("id") ON DELETE SET NULL`);
    await q.query(`ALTER TABLE "meetings" ADD "facilitationVersion" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "meetings" ADD CONSTRAINT "CHK_meetings_two_facilitators" CHECK ("coFacilitatorId" IS NULL OR ("facilitatorId" IS NOT NULL AND "coFacilitatorId" <> "facilitatorId"))`);
    await q.query(`CREATE TABLE "facilitator_notes" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "authorId" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
      "setId" uuid NOT NULL REFERENCES "sets"("id") ON DELETE CASCADE,
      "meetingId" uuid REFERENCES "meetings"("id") ON DELETE CASCADE,
      "body" text NOT NULL DEFAULT '',
      "wentWell" text NOT NULL DEFAULT '',
      "doDifferently" text NOT NULL DEFAULT '',
      "forSupervision" text NOT NULL DEFAULT '',
      "createdAt" timestamptz NOT NULL DEFAULT now(),
      "updatedAt" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX "UQ_facilitator_notes_set" ON "facilitator_notes" ("authorId", "setId") WHERE "meetingId" IS NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_facilitator_notes_meeting" ON "facilitator_notes" ("authorId", "meetingId") WHERE "meetingId" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "facilitator_notes"`);
    await q.query(`ALTER TABLE "meetings" DROP CONSTRAINT "CHK_meetings_two_facilitators"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "facilitationVersion"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "coFacilitatorId"`);
    await q.query(`ALTER TABLE "meetings" DROP COLUMN "facilitatorId"`);
  }
}
