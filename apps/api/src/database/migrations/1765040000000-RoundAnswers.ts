import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers to clarifying questions one by one: an answer names the question it answers. A question
 * deleted with its round takes its answers with it; an answer without a question is a general one.
 */
export class RoundAnswers1765040000000 implements MigrationInterface {
  name = 'RoundAnswers1765040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "round_contributions" ADD "replyToId" uuid`);
    await q.query(`ALTER TABLE "round_contributions" ADD CONSTRAINT "FK_round_contributions_replyTo" FOREIGN KEY ("replyToId") REFERENCES "round_contributions"("id") ON DELETE CASCADE`);
    await q.query(`CREATE INDEX "IDX_round_contributions_replyTo" ON "round_contributions" ("replyToId") WHERE "replyToId" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_round_contributions_replyTo"`);
    await q.query(`ALTER TABLE "round_contributions" DROP CONSTRAINT "FK_round_contributions_replyTo"`);
    await q.query(`ALTER TABLE "round_contributions" DROP COLUMN "replyToId"`);
  }
}
