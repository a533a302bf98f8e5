import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendar days and places in rounds:
 * - An action's due date becomes what it is, a calendar day (`date`), not an instant. Existing
 *   values at UTC midnight came from a date typed in the live page (the day as typed); the others
 *   (the next meeting's start, four weeks on) are the day they fall on in the set's zone.
 * - Everyone who takes part in a set has their place (reply address) in its open rounds, given
 *   when they join from now on: the places that reading a round used to create are created here,
 *   so that reading never writes. (Down keeps them: they are rows the earlier code also wrote.)
 */
export class CalendarDays1764820000000 implements MigrationInterface {
  name = 'CalendarDays1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "actions" ADD "dueOn" date`);
    await q.query(`
      UPDATE "actions" a SET "dueOn" = CASE
          WHEN a."dueAt" = date_trunc('day', a."dueAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' THEN (a."dueAt" AT TIME ZONE 'UTC')::date
          ELSE (a."dueAt" AT TIME ZONE s."timeZone")::date END
        FROM "sets" s WHERE s."id" = a."setId" AND a."dueAt" IS NOT NULL`);
    await q.query(`ALTER TABLE "actions" DROP COLUMN "dueAt"`);
    await q.query(`ALTER TABLE "actions" RENAME COLUMN "dueOn" TO "dueAt"`);
    await q.query(`
      INSERT INTO "round_participants" ("roundId", "userId")
      SELECT r."id", ms."userId" FROM "rounds" r JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."role" IN ('facilitator', 'member')
       WHERE r."phase" <> 'closed'
      ON CONFLICT ON CONSTRAINT "UQ_round_participants" DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "actions" ALTER COLUMN "dueAt" TYPE timestamptz USING ("dueAt"::timestamp AT TIME ZONE 'UTC')`);
  }
}
