import { MigrationInterface, QueryRunner } from 'typeorm';

/** The set's ending: when a facilitator opened the final learning review, and each member's review. */
export class SetEnding1765020000000 implements MigrationInterface {
  name = 'SetEnding1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sets" ADD "endingOpenedAt" timestamptz`);
    await q.query(`CREATE TABLE "ending_reviews" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "setId" uuid NOT NULL,
      "userId" uuid NOT NULL,
      "cameWith" text NOT NULL,
      "changed" text NOT NULL,
      "takeForward" text NOT NULL,
      "shared" boolean NOT NULL DEFAULT false,
      "createdAt" timestamptz NOT NULL DEFAULT now(),
      "updatedAt" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "PK_ending_reviews" PRIMARY KEY ("id"),
      CONSTRAINT "UQ_ending_reviews_set_user" UNIQUE ("setId", "userId"),
      CONSTRAINT "FK_ending_reviews_set" FOREIGN KEY ("setId") REFERENCES "sets"("id") ON DELETE CASCADE,
      CONSTRAINT "FK_ending_reviews_user" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX "IDX_ending_reviews_user" ON "ending_reviews" ("userId")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "ending_reviews"`);
    await q.query(`ALTER TABLE "sets" DROP COLUMN "endingOpenedAt"`);
  }
}
